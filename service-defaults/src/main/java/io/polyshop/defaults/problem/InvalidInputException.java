package io.polyshop.defaults.problem;

/**
 * Input that is well-formed but breaks a rule of the API: a 400 naming the field, in
 * {@code errors[]}.
 */
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
