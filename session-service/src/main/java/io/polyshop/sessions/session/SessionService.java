package io.polyshop.sessions.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import io.polyshop.defaults.http.PreconditionFailedException;
import io.polyshop.sessions.SessionsProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Session and cart use cases. Each change is read → decide (in {@link Session}) →
 * conditional write; when the write finds that another request changed the session first,
 * the change is re-applied to the fresh state, with jittered backoff. A change of one
 * cart line is written as a change of that line alone ({@link Sessions#saveLine}), so
 * concurrent adds of different products do not invalidate each other: they all land, and
 * nothing is lost.
 *
 * <p>
 * The expiry slides to {@code now + idle timeout}, rounded up to a whole minute (a
 * thirtieth of the idle timeout if that is shorter, at least a second). A burst of
 * changes within that step keeps one expiry, so it does not rewrite every line of the
 * cart each time; a session lives at most one step longer than its idle timeout.
 */
@Service
public class SessionService {

	private static final String CHECKOUT_KEY_PREFIX = "checkout-";

	static final int MAX_ATTEMPTS = 20;

	private static final Duration MAX_EXPIRY_STEP = Duration.ofMinutes(1);

	private final Sessions sessions;

	private final ProductCatalog catalog;

	private final SessionsProperties properties;

	private final Clock clock;

	private final Duration expiryStep;

	SessionService(Sessions sessions, ProductCatalog catalog, SessionsProperties properties, Clock clock) {
		this.sessions = sessions;
		this.catalog = catalog;
		this.properties = properties;
		this.clock = clock;
		this.expiryStep = expiryStep(properties.idleTimeout());
	}

	public Session start(Currency currency) {
		Instant now = now();
		Session session = Session.start(SessionIds.next(), currency, now, expiry(now));
		this.sessions.create(session);
		return session;
	}

	/**
	 * The session and its cart; 404 if unknown or expired (even before TTL deleted it).
	 */
	public Session get(String id) {
		if (!SessionIds.isWellFormed(id)) {
			throw SessionNotFoundException.create();
		}
		return this.sessions.find(id)
			.filter((session) -> !session.isExpiredAt(now()))
			.orElseThrow(SessionNotFoundException::create);
	}

	/**
	 * Freezes the cart under a new checkout key (random: a key derived from the cart
	 * would let an edited cart check out twice).
	 */
	public Session startCheckout(String id) {
		return change(get(id), (session) -> session.checkoutStarted(CHECKOUT_KEY_PREFIX + UUID.randomUUID(), now()),
				this.sessions::save);
	}

	/**
	 * @throws SessionChangedException if the checkout was settled meanwhile
	 */
	public void releaseCheckout(Session pending) {
		Instant now = now();
		this.sessions.save(pending, pending.checkoutReleased(now, expiry(now)));
	}

	public Session attachCustomer(String id, String customerId) {
		return change(get(id), (session) -> {
			Instant now = now();
			return session.withCustomer(customerId, now, expiry(now));
		}, this.sessions::save);
	}

	/**
	 * Looks every line's product up in the catalogue; where a price (or name) changed,
	 * the cart takes the new snapshot, so that the shopper is shown what checkout would
	 * charge.
	 * @return the cart as it is now, and the lines whose price changed (none: unchanged)
	 */
	public Repriced reprice(String id) {
		Session session = get(id);
		Map<String, ProductSnapshot> current = new LinkedHashMap<>();
		List<PriceChange> changes = new ArrayList<>();
		for (CartLine line : session.lines()) {
			ProductSnapshot product = this.catalog.snapshot(line.sku());
			current.put(line.sku(), product);
			if (!product.unitPrice().equals(line.unitPrice())) {
				changes.add(new PriceChange(line.sku(), product.name(), line.quantity(), line.unitPrice(),
						product.unitPrice()));
			}
		}
		if (changes.isEmpty()) {
			return new Repriced(session, List.of());
		}
		Session repriced = change(session, (latest) -> {
			Instant now = now();
			return latest.withPrices(current, now, expiry(now));
		}, this.sessions::save);
		return new Repriced(repriced, changes);
	}

	/** A line whose price in the catalogue is not the one the cart showed. */
	public record PriceChange(String sku, String name, int quantity, Money shown, Money now) {
	}

	/**
	 * @param session the cart as it is now
	 * @param changes the lines whose price changed; empty when the cart was up to date
	 */
	public record Repriced(Session session, List<PriceChange> changes) {
	}

	public List<Sessions.SessionSummary> sessionsOf(String customerId, int limit) {
		Instant now = now();
		return this.sessions.findByCustomer(customerId, limit)
			.stream()
			.filter((summary) -> summary.expiresAt().isAfter(now))
			.toList();
	}

	/**
	 * Sets the quantity of a product in the cart (0 removes it). The name and unit price
	 * are the catalogue's, fetched before the write and kept with the line.
	 * @param expectedCartVersion the cart version the client changes (If-Match), or null
	 * for any
	 * @throws PreconditionFailedException if the cart is at another version
	 */
	public Session setQuantity(String id, String sku, int quantity, @Nullable Long expectedCartVersion) {
		Session read = get(id);
		if (quantity < 0 || quantity > CartLine.MAX_QUANTITY) {
			throw new CartRuleException("bad-quantity", "quantity must be between 0 and 99, not " + quantity);
		}
		if (quantity == 0) {
			return changeLine(read, sku, expectedCartVersion, (session, now) -> session.without(sku, now, expiry(now)));
		}
		ProductSnapshot product = this.catalog.snapshot(sku);
		return changeLine(read, sku, expectedCartVersion, (session, now) -> session.withQuantity(product, quantity,
				this.properties.maxLines(), now, expiry(now)));
	}

	public Session remove(String id, String sku, @Nullable Long expectedCartVersion) {
		return changeLine(get(id), sku, expectedCartVersion, (session, now) -> session.without(sku, now, expiry(now)));
	}

	/**
	 * @return the cart after the change, with whatever concurrent changes landed too (so
	 * its version, the ETag, is the one stored)
	 */
	private Session changeLine(Session read, String sku, @Nullable Long expectedCartVersion,
			BiFunction<Session, Instant, Session> change) {
		change(read, (session) -> {
			requireCartVersion(session, expectedCartVersion);
			return change.apply(session, now());
		}, (before, after) -> this.sessions.saveLine(before, after, sku, expectedCartVersion));
		return get(read.id());
	}

	/**
	 * Checked on every attempt of a change: a concurrent change that wins the race moves
	 * the cart on, and the retry then sees another version (412), so nothing is lost.
	 */
	private static void requireCartVersion(Session session, @Nullable Long expected) {
		if (expected != null && session.cartVersion() != expected) {
			throw new PreconditionFailedException(
					"The cart is at version " + session.cartVersion() + ", not " + expected + ": read it again");
		}
	}

	/**
	 * @param read the session as the caller has just read it: the first attempt decides
	 * on it (a stale read only fails the conditional write), every retry reads again
	 */
	private Session change(Session read, UnaryOperator<Session> change, BiConsumer<Session, Session> write) {
		for (int attempt = 1;; attempt++) {
			Session current = (attempt == 1) ? read : get(read.id());
			Session next = change.apply(current);
			try {
				write.accept(current, next);
				return next;
			}
			catch (SessionChangedException ex) {
				if (attempt >= MAX_ATTEMPTS) {
					throw ex;
				}
				// Jittered backoff so racing writers do not collide again in lockstep.
				LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000, 5_000_000L * attempt));
			}
		}
	}

	/** Milliseconds: what a cart line keeps of {@code addedAt}. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * {@code now + idle timeout}, rounded up to the step (whole seconds: the TTL
	 * attribute is epoch seconds).
	 */
	private Instant expiry(Instant now) {
		long step = this.expiryStep.toMillis();
		long at = now.plus(this.properties.idleTimeout()).toEpochMilli();
		return Instant.ofEpochMilli(Math.ceilDiv(at, step) * step);
	}

	private static Duration expiryStep(Duration idleTimeout) {
		Duration step = idleTimeout.dividedBy(30).truncatedTo(ChronoUnit.SECONDS);
		return (step.compareTo(MAX_EXPIRY_STEP) > 0) ? MAX_EXPIRY_STEP : (step.isZero() ? Duration.ofSeconds(1) : step);
	}

}
