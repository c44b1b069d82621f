package io.polyshop.sessions.checkout;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.polyshop.sessions.session.Money;

/**
 * What the shopper is charged, as orders-service placed it: the lines at their prices and
 * the total. Kept with the checked-out session, so that a repeated checkout answers the
 * same.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Receipt(List<Line> lines, Amount total) {

	public Receipt {
		lines = List.copyOf(lines);
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Line(String sku, String name, int quantity, Amount unitPrice, Amount lineTotal) {
	}

	/** Money as orders-service writes it: a decimal string and a currency code. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Amount(String amount, String currency) {

		static Amount of(Money money) {
			return new Amount(money.amount().toPlainString(), money.currency().getCurrencyCode());
		}

	}

}
