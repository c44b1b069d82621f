package io.polyshop.sessions.session;

/** No such session, or it has expired: a 404 either way (an expired session is gone). */
public class SessionNotFoundException extends RuntimeException {

	private SessionNotFoundException() {
		super("No such session, or it has expired");
	}

	public static SessionNotFoundException create() {
		return new SessionNotFoundException();
	}

}
