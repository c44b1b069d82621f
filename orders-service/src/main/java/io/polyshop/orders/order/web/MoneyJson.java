package io.polyshop.orders.order.web;

import io.polyshop.orders.order.Money;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Money on the wire: {@code {"amount":"19.99","currency":"USD"}}; never a JSON number.
 */
record MoneyJson(
		@Schema(description = "A decimal string, never a JSON number", example = "19.99",
				pattern = "^-?[0-9]+(\\.[0-9]+)?$") String amount,
		@Schema(description = "ISO 4217", example = "USD", pattern = "^[A-Z]{3}$") String currency) {

	static MoneyJson of(Money money) {
		return new MoneyJson(money.amount().toPlainString(), money.currency().getCurrencyCode());
	}

}
