package io.polyshop.orders.order.web;

import io.polyshop.orders.order.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Money on the wire: {@code {"amount":"19.99","currency":"USD"}}; never a JSON number.
 */
record MoneyJson(
		@Schema(description = "A decimal string, never a JSON number", example = "19.99") @NotNull @Pattern(
				regexp = "^-?[0-9]{1,15}(\\.[0-9]{1,6})?$",
				message = "must be a decimal string such as \"19.99\"") String amount,
		@Schema(description = "ISO 4217", example = "USD") @NotNull @Pattern(regexp = "^[A-Z]{3}$",
				message = "must be an ISO 4217 code such as \"USD\"") String currency) {

	static MoneyJson of(Money money) {
		return new MoneyJson(money.amount().toPlainString(), money.currency().getCurrencyCode());
	}

}
