package io.polyshop.sessions.session;

public enum SessionStatus {

	ACTIVE, CHECKED_OUT

}
