package io.polyshop.sessions.session;

public enum SessionStatus {

	ACTIVE,

	/**
	 * A checkout was started and its outcome is not known yet (orders-service timed out
	 * or failed): the cart is frozen until a retry or the reconciler settles it.
	 */
	CHECKOUT_PENDING,

	CHECKED_OUT

}
