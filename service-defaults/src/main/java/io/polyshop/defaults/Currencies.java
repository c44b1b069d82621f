package io.polyshop.defaults;

import java.util.Currency;

/** Currencies money may be in. Plain Java: usable without Spring. */
public final class Currencies {

	private Currencies() {
	}

	/**
	 * The ISO 4217 currency with this code, if it is money: not a code ISO reserves for
	 * something else, such as no currency (XXX), testing (XTS), gold and other metals
	 * (XAU, XAG, XPT, XPD), special drawing rights (XDR) or bond units (XBA to XBD). The
	 * JDK marks those with no minor unit (-1).
	 * @throws IllegalArgumentException for anything else, with a message for the client
	 */
	public static Currency money(String code) {
		Currency currency;
		try {
			currency = Currency.getInstance(code);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new IllegalArgumentException("'" + shown(code) + "' is not an ISO 4217 currency code");
		}
		if (currency.getDefaultFractionDigits() < 0) {
			throw new IllegalArgumentException(code + " is an ISO 4217 code but not a currency money can be in");
		}
		return currency;
	}

	private static String shown(String code) {
		return (code == null) ? "null" : code.length() > 8 ? code.substring(0, 8) + "..." : code;
	}

}
