package io.polyshop.sessions.checkout;

import java.util.List;
import java.util.Map;

/**
 * orders-service refused the order (a product went off sale, a rule broke): a 422 that
 * carries orders-service's reasons, or a 409 while the same checkout is still running.
 */
public class CheckoutRejectedException extends RuntimeException {

	private final int status;

	private final List<Map<String, Object>> errors;

	CheckoutRejectedException(int status, String message, List<Map<String, Object>> errors) {
		super(message);
		this.status = status;
		this.errors = List.copyOf(errors);
	}

	public int status() {
		return this.status;
	}

	public List<Map<String, Object>> errors() {
		return this.errors;
	}

}
