package io.polyshop.orders.order;

import java.util.UUID;

/**
 * The order changed between reading it and writing it: with an If-Match from the client
 * it is a 412 (their copy is stale), without one a 409 (a concurrent request won).
 */
public class OrderConflictException extends RuntimeException {

	private final boolean preconditionFailed;

	private OrderConflictException(String message, boolean preconditionFailed) {
		super(message);
		this.preconditionFailed = preconditionFailed;
	}

	static OrderConflictException staleVersion(UUID id, long expected, long actual) {
		return new OrderConflictException(
				"Order " + id + " is at version " + actual + ", not " + expected + ": read it again and retry", true);
	}

	static OrderConflictException concurrentChange(UUID id) {
		return new OrderConflictException("Order " + id + " was changed by a concurrent request: read it again", false);
	}

	public boolean preconditionFailed() {
		return this.preconditionFailed;
	}

}
