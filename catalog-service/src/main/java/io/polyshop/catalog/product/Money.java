package io.polyshop.catalog.product;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

import io.polyshop.defaults.Currencies;

/**
 * An amount in a currency. Never a float: a {@link BigDecimal} whose scale is the
 * currency's minor unit (2 for USD, 0 for JPY), so 19.9 is stored and shown as 19.90.
 */
public record Money(BigDecimal amount, Currency currency) {

	/** numeric(12,2) in the schema: ten digits before the point. */
	private static final BigDecimal MAX = new BigDecimal("9999999999.99");

	public Money {
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(currency, "currency");
		if (amount.signum() < 0 || amount.compareTo(MAX) > 0) {
			throw new IllegalArgumentException("amount must be between 0 and " + MAX);
		}
		int minorUnits = Math.max(currency.getDefaultFractionDigits(), 0);
		if (amount.stripTrailingZeros().scale() > minorUnits) {
			throw new IllegalArgumentException(
					"amount " + amount.toPlainString() + " has more decimals than " + currency + " allows");
		}
		amount = amount.setScale(minorUnits);
	}

	public static Money of(String amount, String currencyCode) {
		return new Money(new BigDecimal(amount), Currencies.money(currencyCode));
	}

}
