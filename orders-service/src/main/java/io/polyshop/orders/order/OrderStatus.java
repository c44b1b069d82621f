package io.polyshop.orders.order;

import java.util.Set;

/**
 * The order state machine: PENDING → PAID → SHIPPED, and PENDING | PAID → CANCELLED.
 * SHIPPED and CANCELLED are final.
 */
public enum OrderStatus {

	PENDING, PAID, SHIPPED, CANCELLED;

	boolean canMoveTo(OrderStatus target) {
		return switch (this) {
			case PENDING -> Set.of(PAID, CANCELLED).contains(target);
			case PAID -> Set.of(SHIPPED, CANCELLED).contains(target);
			case SHIPPED, CANCELLED -> false;
		};
	}

}
