package io.polyshop.sessions.session;

/**
 * The cart is frozen while its checkout's outcome is unknown: a 409. Checking out again
 * settles it (the same order if it was placed); so does the reconciler, within a minute.
 */
public class CheckoutPendingException extends RuntimeException {

	CheckoutPendingException() {
		super("A checkout of this cart is under way and its outcome is not known yet: check out again to settle it "
				+ "(the cart cannot change until then)");
	}

}
