package io.polyshop.orders.order;

/**
 * A line with a snapshot of the product as the catalogue priced it at order time.
 *
 * @param lineNo 1-based position in the order
 */
public record OrderLine(int lineNo, String sku, String name, String category, Money unitPrice, int quantity) {

	public static final int MIN_QUANTITY = 1;

	public static final int MAX_QUANTITY = 999;

	public OrderLine {
		if (quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
			throw new IllegalArgumentException("quantity must be between 1 and 999");
		}
	}

	public Money lineTotal() {
		return this.unitPrice.times(this.quantity);
	}

}
