package io.polyshop.sessions.checkout;

import io.polyshop.defaults.problem.DependencyUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * orders-service did not answer in time or failed: checkout is a 503, the cart is kept.
 */
public class OrdersUnavailableException extends DependencyUnavailableException {

	OrdersUnavailableException(String message, @Nullable Throwable cause) {
		super("Orders unavailable", "orders-service did not answer; the cart is intact and checking out again is safe",
				message, cause);
	}

}
