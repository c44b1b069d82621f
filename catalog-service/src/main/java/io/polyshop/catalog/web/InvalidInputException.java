package io.polyshop.catalog.web;

/** Input that is well-formed JSON but breaks a rule of the API: a 400. */
public class InvalidInputException extends RuntimeException {

	private final String field;

	public InvalidInputException(String field, String message) {
		super(field + " " + message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
