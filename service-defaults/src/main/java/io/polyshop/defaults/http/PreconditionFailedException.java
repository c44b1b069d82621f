package io.polyshop.defaults.http;

/** A request's precondition ({@code If-Match}) cannot hold: a 412. */
public class PreconditionFailedException extends RuntimeException {

	public PreconditionFailedException(String message) {
		super(message);
	}

}
