package io.polyshop.sessions.checkout;

import io.polyshop.defaults.problem.DependencyUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * orders-service did not answer in time or failed: checkout is a 503. When the request
 * may have reached it ({@link #outcomeUnknown()}), an order may exist: the checkout stays
 * pending under its key, and checking out again (or the reconciler) settles it.
 */
public class OrdersUnavailableException extends DependencyUnavailableException {

	private final boolean outcomeUnknown;

	OrdersUnavailableException(String message, @Nullable Throwable cause, boolean outcomeUnknown) {
		super("Orders unavailable",
				outcomeUnknown
						? "orders-service did not answer: the checkout is pending; check out again to settle it, "
								+ "which never orders twice"
						: "orders-service could not be asked; the cart is intact and checking out again is safe",
				message, cause);
		this.outcomeUnknown = outcomeUnknown;
	}

	/** Whether orders-service may have placed the order. */
	public boolean outcomeUnknown() {
		return this.outcomeUnknown;
	}

}
