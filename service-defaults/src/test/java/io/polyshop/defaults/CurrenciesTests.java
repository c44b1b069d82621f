package io.polyshop.defaults;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CurrenciesTests {

	@Test
	void currenciesInCirculationAreMoney() {
		assertThat(Currencies.money("USD").getDefaultFractionDigits()).isEqualTo(2);
		assertThat(Currencies.money("JPY").getDefaultFractionDigits()).isZero();
	}

	@Test
	void codesThatAreNotMoneyAreRefused() {
		for (String code : new String[] { "XXX", "XTS", "XAU", "XAG", "XDR", "usd", "ZZZ", "", "US\u0000" }) {
			assertThatIllegalArgumentException().as(code).isThrownBy(() -> Currencies.money(code));
		}
	}

}
