package io.polyshop.sessions.checkout;

/**
 * orders-service did not answer in time or failed: checkout is a 503, the cart is kept.
 */
public class OrdersUnavailableException extends RuntimeException {

	OrdersUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
