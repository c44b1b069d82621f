package io.polyshop.sessions.session;

/**
 * A conditional write found the session at another version than it read: someone else
 * changed it first. The service re-reads and retries; only a persistent conflict reaches
 * the client (409).
 */
public class SessionChangedException extends RuntimeException {

	public SessionChangedException(String message) {
		super(message);
	}

}
