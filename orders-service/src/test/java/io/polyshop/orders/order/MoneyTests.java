package io.polyshop.orders.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTests {

	private static final Currency USD = Currency.getInstance("USD");

	@ParameterizedTest(name = "{0} {1} rounds half-even to {2}")
	@CsvSource({ "0.125, USD, 0.12", "0.135, USD, 0.14", "2.675, USD, 2.68", "2.665, USD, 2.66", "19.995, USD, 20.00",
			"2.5, JPY, 2", "3.5, JPY, 4", "7, USD, 7.00" })
	void amountsAreRoundedHalfEvenToTheCurrencysMinorUnit(String amount, String currency, String expected) {
		assertThat(Money.of(amount, currency).amount()).isEqualTo(new BigDecimal(expected));
	}

	@Test
	void lineTotalsAreExactAndTheOrderTotalIsTheirSum() {
		OrderLine mugs = new OrderLine(1, "MUG", "Mug", "kitchen", Money.of("7.35", "USD"), 3);
		OrderLine kettle = new OrderLine(2, "KETTLE", "Kettle", "kitchen", Money.of("39.99", "USD"), 2);
		OrderLine pennies = new OrderLine(3, "PENNY", "Penny sweet", "grocery", Money.of("0.01", "USD"), 999);

		Order order = Order.place(UUID.randomUUID(), "c", null, USD, List.of(mugs, kettle, pennies), Instant.EPOCH);

		assertThat(mugs.lineTotal().amount()).isEqualTo(new BigDecimal("22.05"));
		assertThat(kettle.lineTotal().amount()).isEqualTo(new BigDecimal("79.98"));
		assertThat(pennies.lineTotal().amount()).isEqualTo(new BigDecimal("9.99"));
		assertThat(order.total()).isEqualTo(Money.of("112.02", "USD"));
	}

	@Test
	void moneyInDifferentCurrenciesDoesNotAdd() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "EUR")));
	}

}
