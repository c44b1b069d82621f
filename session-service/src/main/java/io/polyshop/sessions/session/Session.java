package io.polyshop.sessions.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A shopping session and its cart. Immutable: each change returns the next state with
 * {@code version} one up (every change) and {@code cartVersion} one up (cart changes),
 * and slides {@code expiresAt} forward (never back) to {@code now + idle timeout}. The
 * store writes the next state only if the stored version is still the one read
 * (optimistic locking).
 */
public record Session(String id, SessionStatus status, @Nullable String customerId, Currency currency,
		List<CartLine> lines, long version, long cartVersion, Instant createdAt, Instant updatedAt, Instant expiresAt,
		@Nullable String orderId, @Nullable PendingCheckout checkout) {

	public Session {
		lines = List.copyOf(lines);
	}

	public static Session start(String id, Currency currency, Instant now, Instant expiresAt) {
		return new Session(id, SessionStatus.ACTIVE, null, currency, List.of(), 0, 0, now, now, expiresAt, null, null);
	}

	/**
	 * DynamoDB deletes expired items late (up to days): an expired session is gone now.
	 */
	public boolean isExpiredAt(Instant now) {
		return !this.expiresAt.isAfter(now);
	}

	public Money total() {
		return this.lines.stream().map(CartLine::lineTotal).reduce(Money.zero(this.currency), Money::plus);
	}

	public Optional<CartLine> line(String sku) {
		return this.lines.stream().filter((line) -> line.sku().equals(sku)).findFirst();
	}

	/** Attaches the customer; once attached, a session is that customer's only. */
	public Session withCustomer(String customerId, Instant now, Instant expiresAt) {
		requireOwnedBy(customerId);
		requireActive();
		return new Session(this.id, this.status, customerId, this.currency, this.lines, this.version + 1,
				this.cartVersion, this.createdAt, now, slid(expiresAt), this.orderId, null);
	}

	/**
	 * Puts {@code quantity} of the product in the cart (replacing any quantity there); 0
	 * removes the line.
	 */
	public Session withQuantity(ProductSnapshot product, int quantity, int maxLines, Instant now, Instant expiresAt) {
		requireActive();
		if (quantity < 0 || quantity > CartLine.MAX_QUANTITY) {
			throw new CartRuleException("bad-quantity", "quantity must be between 0 and 99, not " + quantity);
		}
		if (quantity == 0) {
			return without(product.sku(), now, expiresAt);
		}
		if (!product.active()) {
			throw new CartRuleException("inactive-sku", product.sku() + " is no longer on sale");
		}
		if (!product.unitPrice().currency().equals(this.currency)) {
			throw new CartRuleException("currency-mismatch", product.sku() + " is priced in "
					+ product.unitPrice().currency() + ", the cart is in " + this.currency);
		}
		List<CartLine> next = new ArrayList<>(this.lines);
		Optional<CartLine> existing = line(product.sku());
		if (existing.isPresent()) {
			next.set(next.indexOf(existing.get()), existing.get().withQuantity(quantity));
		}
		else {
			if (this.lines.size() >= maxLines) {
				throw new CartRuleException("too-many-lines", "a cart holds at most " + maxLines + " lines");
			}
			next.add(new CartLine(product.sku(), product.name(), product.unitPrice(), quantity, now));
		}
		return cartChanged(next, now, expiresAt);
	}

	public Session without(String sku, Instant now, Instant expiresAt) {
		requireActive();
		return cartChanged(this.lines.stream().filter((line) -> !line.sku().equals(sku)).toList(), now, expiresAt);
	}

	/**
	 * The cart at the catalogue's current prices (and names): each line whose product is
	 * in {@code current} takes its snapshot; quantities stay.
	 */
	public Session withPrices(Map<String, ProductSnapshot> current, Instant now, Instant expiresAt) {
		requireActive();
		List<CartLine> lines = this.lines.stream().map((line) -> {
			ProductSnapshot product = current.get(line.sku());
			if (product == null) {
				return line;
			}
			if (!product.unitPrice().currency().equals(this.currency)) {
				throw new CartRuleException("currency-mismatch",
						line.sku() + " is now priced in " + product.unitPrice().currency() + ", not " + this.currency);
			}
			return new CartLine(line.sku(), product.name(), product.unitPrice(), line.quantity(), line.addedAt());
		}).toList();
		return cartChanged(lines, now, expiresAt);
	}

	/**
	 * Starts a checkout under {@code key}: from now until it is settled the cart is
	 * frozen, so that every attempt (a retry, the reconciler) orders exactly this cart
	 * under this key.
	 */
	public Session checkoutStarted(String key, Instant now) {
		requireActive();
		return new Session(this.id, SessionStatus.CHECKOUT_PENDING, this.customerId, this.currency, this.lines,
				this.version + 1, this.cartVersion, this.createdAt, now, this.expiresAt, null,
				new PendingCheckout(key, now));
	}

	/** The checkout definitely placed no order: the cart is the shopper's again. */
	public Session checkoutReleased(Instant now, Instant expiresAt) {
		requirePendingCheckout();
		return new Session(this.id, SessionStatus.ACTIVE, this.customerId, this.currency, this.lines, this.version + 1,
				this.cartVersion, this.createdAt, now, slid(expiresAt), null, null);
	}

	public Session checkedOut(String orderId, Instant now) {
		requirePendingCheckout();
		return new Session(this.id, SessionStatus.CHECKED_OUT, this.customerId, this.currency, List.of(),
				this.version + 1, this.cartVersion, this.createdAt, now, this.expiresAt, orderId, null);
	}

	private Session cartChanged(List<CartLine> lines, Instant now, Instant expiresAt) {
		return new Session(this.id, this.status, this.customerId, this.currency, lines, this.version + 1,
				this.cartVersion + 1, this.createdAt, now, slid(expiresAt), this.orderId, null);
	}

	/**
	 * A later expiry than the one read only: a slow request never shortens the session.
	 */
	private Instant slid(Instant expiresAt) {
		return expiresAt.isAfter(this.expiresAt) ? expiresAt : this.expiresAt;
	}

	private void requirePendingCheckout() {
		if (this.status != SessionStatus.CHECKOUT_PENDING || this.checkout == null) {
			throw new IllegalStateException("This session has no checkout under way");
		}
	}

	/** Anyone's while no customer is attached; then only that customer's. */
	public void requireOwnedBy(String customerId) {
		if (this.customerId != null && !this.customerId.equals(customerId)) {
			throw new SessionOfAnotherCustomerException();
		}
	}

	private void requireActive() {
		if (this.status == SessionStatus.CHECKOUT_PENDING) {
			throw new CheckoutPendingException();
		}
		if (this.status != SessionStatus.ACTIVE) {
			throw new CartRuleException("checked-out", "this session has checked out; start a new one");
		}
	}

	/**
	 * A checkout whose outcome is not known yet.
	 *
	 * @param key its Idempotency-Key at orders-service, fixed when it started
	 * @param startedAt when it started
	 */
	public record PendingCheckout(String key, Instant startedAt) {
	}

}
