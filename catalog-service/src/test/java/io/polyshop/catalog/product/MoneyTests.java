package io.polyshop.catalog.product;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTests {

	@Test
	void takesTheCurrencysMinorUnitAsItsScale() {
		assertThat(Money.of("19.9", "USD").amount()).isEqualTo(new BigDecimal("19.90"));
		assertThat(Money.of("1500", "JPY").amount()).isEqualTo(new BigDecimal("1500"));
		assertThat(Money.of("2.500", "EUR").amount()).isEqualTo(new BigDecimal("2.50"));
	}

	@Test
	void refusesFractionsOfAMinorUnitNegativeAmountsAndAmountsTooLargeToStore() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1.999", "USD"));
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("10.5", "JPY"));
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("-0.01", "USD"));
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("10000000000.00", "USD"));
	}

	@Test
	void equalAmountsAreEqualMoney() {
		assertThat(Money.of("5", "USD")).isEqualTo(new Money(new BigDecimal("5.00"), Currency.getInstance("USD")));
	}

}
