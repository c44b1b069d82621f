package io.polyshop.orders.order;

import java.util.List;

/**
 * The request is well-formed but breaks a business rule (unknown or inactive SKU, bad
 * quantity, wrong currency): a 422 listing every violation at once.
 */
public class OrderRejectedException extends RuntimeException {

	private final List<Violation> violations;

	public OrderRejectedException(List<Violation> violations) {
		super("The order breaks " + violations.size() + " rule(s): "
				+ String.join("; ", violations.stream().map(Violation::message).toList()));
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return this.violations;
	}

	/**
	 * @param field where, such as {@code lines[2].sku}
	 * @param code a stable machine-readable reason, such as {@code unknown-sku}
	 */
	public record Violation(String field, String code, String message) {
	}

}
