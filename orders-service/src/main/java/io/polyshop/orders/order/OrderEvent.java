package io.polyshop.orders.order;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One state change of an order, as recorded in the append-only history.
 *
 * @param version the order's version after the change (0 for placement)
 */
public record OrderEvent(UUID orderId, long version, String type, @Nullable OrderStatus fromStatus,
		OrderStatus toStatus, Instant occurredAt) {

	static OrderEvent placed(Order order) {
		return new OrderEvent(order.id(), order.version(), "ORDER_PLACED", null, order.status(), order.createdAt());
	}

	static OrderEvent transition(Order before, Order after) {
		return new OrderEvent(after.id(), after.version(), "ORDER_" + after.status().name(), before.status(),
				after.status(), after.updatedAt());
	}

}
