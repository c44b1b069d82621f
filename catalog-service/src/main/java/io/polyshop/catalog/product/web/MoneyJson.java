package io.polyshop.catalog.product.web;

import io.polyshop.catalog.product.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Money on the wire: {@code {"amount":"19.99","currency":"USD"}}. The amount is a decimal
 * string, never a JSON number, so no client parses it into a float.
 */
record MoneyJson(@Schema(description = "A decimal string, never a JSON number; no more decimals than the currency has",
		example = "19.99") @NotBlank @Pattern(regexp = "^\\d{1,10}(\\.\\d{1,2})?$",
				message = "must be a decimal string with up to 10 digits and 2 decimals, such as \"19.99\"") String amount,
		@Schema(description = "An ISO 4217 code of a currency in circulation", example = "USD") @NotBlank @Pattern(
				regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as \"USD\"") String currency) {

	static MoneyJson of(Money money) {
		return new MoneyJson(money.amount().toPlainString(), money.currency().getCurrencyCode());
	}

	/**
	 * @throws IllegalArgumentException for an unknown currency or too many decimals
	 */
	Money toMoney() {
		return Money.of(this.amount, this.currency);
	}

}
