package io.polyshop.orders.order;

import java.util.UUID;

/** The state machine does not allow this move from the order's current status: a 409. */
public class InvalidTransitionException extends RuntimeException {

	private final UUID orderId;

	private final OrderStatus from;

	private final OrderStatus to;

	private InvalidTransitionException(UUID orderId, OrderStatus from, OrderStatus to) {
		super("Order " + orderId + " is " + from + " and cannot become " + to);
		this.orderId = orderId;
		this.from = from;
		this.to = to;
	}

	static InvalidTransitionException of(Order order, OrderStatus target) {
		return new InvalidTransitionException(order.id(), order.status(), target);
	}

	public UUID orderId() {
		return this.orderId;
	}

	public OrderStatus from() {
		return this.from;
	}

	public OrderStatus to() {
		return this.to;
	}

}
