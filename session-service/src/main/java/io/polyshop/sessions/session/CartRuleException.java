package io.polyshop.sessions.session;

/** A cart change that breaks a rule (quantity, line limit, product state): a 422. */
public class CartRuleException extends RuntimeException {

	private final String code;

	public CartRuleException(String code, String message) {
		super(message);
		this.code = code;
	}

	public String code() {
		return this.code;
	}

}
