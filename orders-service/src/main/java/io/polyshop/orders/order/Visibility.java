package io.polyshop.orders.order;

import org.jspecify.annotations.Nullable;

/**
 * Which orders a caller may see: every order (staff, who fulfil them), or the orders of
 * one customer (the caller's own). An order outside it does not exist for that caller: it
 * gets the 404 of an unknown id, not a 403, so that whether an id exists does not leak.
 *
 * @param customerId the only customer whose orders are visible, or null for every order
 */
public record Visibility(@Nullable String customerId) {

	public static Visibility everyOrder() {
		return new Visibility(null);
	}

	public static Visibility ordersOf(String customerId) {
		return new Visibility(customerId);
	}

	boolean allows(Order order) {
		return this.customerId == null || this.customerId.equals(order.customerId());
	}

	/**
	 * The query within what is visible: its customer filter, if it names another
	 * customer, matches nothing.
	 */
	Orders.@Nullable OrderQuery narrow(Orders.OrderQuery query) {
		if (this.customerId == null) {
			return query;
		}
		if (query.customerId() != null && !query.customerId().equals(this.customerId)) {
			return null;
		}
		return new Orders.OrderQuery(this.customerId, query.status(), query.from(), query.to());
	}

}
