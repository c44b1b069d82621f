package io.polyshop.sessions.session;

/**
 * The session is attached to another customer: a 403. Holding a session's id is enough
 * for a guest cart; once a customer is attached, only that customer attaches to it or
 * checks it out.
 */
public class SessionOfAnotherCustomerException extends RuntimeException {

	public SessionOfAnotherCustomerException() {
		super("This session belongs to another customer");
	}

}
