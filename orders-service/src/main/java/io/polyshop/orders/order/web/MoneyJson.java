package io.polyshop.orders.order.web;

import io.polyshop.orders.order.Money;

/**
 * Money on the wire: {@code {"amount":"19.99","currency":"USD"}}; never a JSON number.
 */
record MoneyJson(String amount, String currency) {

	static MoneyJson of(Money money) {
		return new MoneyJson(money.amount().toPlainString(), money.currency().getCurrencyCode());
	}

}
