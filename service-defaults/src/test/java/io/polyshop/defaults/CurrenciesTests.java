package io.polyshop.defaults;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CurrenciesTests {

	@Test
	void currenciesInCirculationAreMoney() {
		assertThat(Currencies.money("USD").getDefaultFractionDigits()).isEqualTo(2);
		assertThat(Currencies.money("JPY").getDefaultFractionDigits()).isZero();
		assertThat(Currencies.money("EUR").getCurrencyCode()).isEqualTo("EUR");
	}

	@Test
	void codesThatAreNotMoneyAreRefused() {
		for (String code : new String[] { "XXX", "XTS", "XAU", "XAG", "XDR", "DEM", "HRK", "ZWL", "USN", "CLF", "usd",
				"ZZZ", "", "US\u0000" }) {
			assertThatIllegalArgumentException().as(code).isThrownBy(() -> Currencies.money(code));
		}
	}

}
