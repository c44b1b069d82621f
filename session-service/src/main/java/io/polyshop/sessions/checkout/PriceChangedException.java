package io.polyshop.sessions.checkout;

import java.util.List;

import io.polyshop.sessions.session.Money;
import io.polyshop.sessions.session.SessionService.PriceChange;

/**
 * A price in the cart is no longer the catalogue's: checkout refuses (409), the cart now
 * shows the new prices, and checking out again charges them.
 */
public class PriceChangedException extends RuntimeException {

	private final List<PriceChange> changes;

	private final Money total;

	PriceChangedException(List<PriceChange> changes, Money total) {
		super("The price of " + changes.size() + " product(s) in the cart changed; the cart now shows today's "
				+ "prices, a total of " + total.amount().toPlainString() + " " + total.currency().getCurrencyCode()
				+ ": check out again to order at these prices");
		this.changes = List.copyOf(changes);
		this.total = total;
	}

	public List<PriceChange> changes() {
		return this.changes;
	}

	/** The cart's new total. */
	public Money total() {
		return this.total;
	}

}
