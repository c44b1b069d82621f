package io.polyshop.sessions.session;

import java.time.Instant;

/**
 * A line of a cart, with the name and unit price the catalogue gave when it was added.
 */
public record CartLine(String sku, String name, Money unitPrice, int quantity, Instant addedAt) {

	public static final int MAX_QUANTITY = 99;

	public Money lineTotal() {
		return this.unitPrice.times(this.quantity);
	}

	CartLine withQuantity(int quantity) {
		return new CartLine(this.sku, this.name, this.unitPrice, quantity, this.addedAt);
	}

}
