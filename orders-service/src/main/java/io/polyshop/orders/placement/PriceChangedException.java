package io.polyshop.orders.placement;

import java.util.List;

import io.polyshop.orders.order.Money;
import io.polyshop.orders.order.OrderLine;

/**
 * The catalogue's prices make another total than the one the shopper was shown: the order
 * is refused (409), so that nobody is charged a price they did not see.
 */
public class PriceChangedException extends RuntimeException {

	private final List<OrderLine> lines;

	private final Money total;

	PriceChangedException(String expected, List<OrderLine> lines, Money total) {
		super("The order comes to " + total.amount().toPlainString() + " " + total.currency().getCurrencyCode()
				+ " at today's prices, not " + expected);
		this.lines = List.copyOf(lines);
		this.total = total;
	}

	/** The lines at today's prices. */
	public List<OrderLine> lines() {
		return this.lines;
	}

	public Money total() {
		return this.total;
	}

}
