package io.polyshop.orders.order;

import java.util.UUID;

public class OrderNotFoundException extends RuntimeException {

	private OrderNotFoundException(String message) {
		super(message);
	}

	public static OrderNotFoundException forId(UUID id) {
		return new OrderNotFoundException("No order " + id);
	}

	public static OrderNotFoundException forId(String id) {
		return new OrderNotFoundException("No order " + id);
	}

}
