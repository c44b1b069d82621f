package io.polyshop.sessions.checkout;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import io.polyshop.defaults.Digests;
import io.polyshop.sessions.projector.SessionItems;
import io.polyshop.sessions.session.CartRuleException;
import io.polyshop.sessions.session.Session;
import io.polyshop.sessions.session.SessionChangedException;
import io.polyshop.sessions.session.SessionService;
import io.polyshop.sessions.session.SessionStatus;
import io.polyshop.sessions.session.Sessions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Checkout, idempotent without a distributed transaction:
 * <ol>
 * <li>The order is placed with an Idempotency-Key derived from the session and its cart
 * version. The same cart always yields the same key, so orders-service creates the order
 * once and replays it on every retry.</li>
 * <li>Then one {@code TransactWriteItems} marks the session CHECKED_OUT with the order id
 * and deletes its lines, on condition that the cart is still that version.</li>
 * </ol>
 * Before step 1 every line's price is checked against the catalogue: a changed price is a
 * 409 price-changed and the cart shows the new prices, and orders-service is sent the
 * cart's total, which it refuses to place at any other. A crash between the two steps
 * leaves an order and an untouched cart; the client retries, the same key returns the
 * same order, and step 2 completes. A repeated checkout of a checked-out session returns
 * its order. orders-service down: 503, cart intact.
 */
@Service
public class CheckoutService {

	private static final Logger log = LoggerFactory.getLogger(CheckoutService.class);

	private final SessionService sessionService;

	private final Sessions sessions;

	private final OrdersClient orders;

	private final Clock clock;

	private final JsonMapper json;

	CheckoutService(SessionService sessionService, Sessions sessions, OrdersClient orders, Clock clock,
			JsonMapper json) {
		this.sessionService = sessionService;
		this.sessions = sessions;
		this.orders = orders;
		this.clock = clock;
		this.json = json;
	}

	/**
	 * Checks the cart out as {@code customerId}: the customer attached to the session,
	 * who is attached first if the cart was a guest's.
	 */
	public Checkout checkout(String sessionId, String customerId) {
		Session session = this.sessionService.get(sessionId);
		session.requireOwnedBy(customerId);
		if (session.status() == SessionStatus.CHECKED_OUT) {
			return new Checkout(Objects.requireNonNull(session.orderId(), "a checked-out session has an order"),
					this.sessions.receipt(sessionId).map(this::receipt).orElse(null), true);
		}
		if (session.lines().isEmpty()) {
			throw new CartRuleException("empty-cart", "the cart is empty: add a product before checking out");
		}
		if (session.customerId() == null) {
			// Attaching changes neither the cart nor its version, so not the key either.
			session = this.sessionService.attachCustomer(sessionId, customerId);
		}
		// Charge what the shopper saw: a price that changed since is shown first.
		session = requireCurrentPrices(sessionId);
		String sessionRef = SessionItems.sessionRef(session.id());
		OrdersClient.PlacedOrder order;
		try {
			order = this.orders.place(idempotencyKey(session), customerId, session.currency().getCurrencyCode(),
					session.lines(), sessionRef, session.total());
		}
		catch (OrdersPriceChangedException ex) {
			// A price changed between the check above and orders-service's pricing.
			requireCurrentPrices(sessionId);
			throw new CheckoutRejectedException(409, "prices are changing; check out again", List.of());
		}
		try {
			this.sessions.checkOut(session, session.checkedOut(order.id(), this.clock.instant()),
					this.json.writeValueAsString(order.receipt()));
			log.info("Session {} checked out as order {}", sessionRef, order.id());
			return new Checkout(order.id(), order.receipt(), false);
		}
		catch (SessionChangedException ex) {
			Session now = this.sessionService.get(sessionId);
			if (now.status() == SessionStatus.CHECKED_OUT && order.id().equals(now.orderId())) {
				// A concurrent retry of this same checkout finished first.
				return new Checkout(order.id(), order.receipt(), true);
			}
			// The cart changed while the order was being placed: that order describes a
			// cart that no longer exists.
			this.orders.cancelBestEffort(order.id());
			throw new CheckoutRejectedException(409, "the cart changed during checkout; check out again", List.of());
		}
	}

	/**
	 * The session, if every line's price is still the catalogue's.
	 * @throws PriceChangedException otherwise, once the cart shows today's prices
	 */
	private Session requireCurrentPrices(String sessionId) {
		SessionService.Repriced repriced = this.sessionService.reprice(sessionId);
		if (!repriced.changes().isEmpty()) {
			throw new PriceChangedException(repriced.changes(), repriced.session().total());
		}
		return repriced.session();
	}

	private Receipt receipt(String json) {
		return this.json.readValue(json, Receipt.class);
	}

	/**
	 * The same session and cart version always give the same key. Hashed, because the
	 * session id is a bearer secret and must not be stored by orders-service.
	 */
	static String idempotencyKey(Session session) {
		return "checkout-" + Digests.sha256Hex(session.id() + ":" + session.cartVersion());
	}

	/**
	 * @param receipt what the order charges; null only for a session checked out before
	 * receipts were kept
	 * @param repeated true if this session had already checked out (same order as before)
	 */
	public record Checkout(String orderId, @Nullable Receipt receipt, boolean repeated) {
	}

}
