package io.polyshop.defaults;

import java.util.Currency;
import java.util.Set;

/** Currencies money may be in. Plain Java: usable without Spring. */
public final class Currencies {

	/**
	 * Codes the JDK still knows that are not money in circulation: currencies ISO 4217
	 * has withdrawn (replaced by the euro or by a redenomination), and fund codes, which
	 * are units of account rather than currencies a price is in. Withdrawn codes never
	 * come back, so this list only grows with the JDK's.
	 */
	private static final Set<String> NOT_IN_CIRCULATION = Set.of(
			// withdrawn
			"ADP", "AFA", "ANG", "ATS", "AYM", "AZM", "BEF", "BGL", "BYB", "BYR", "CSD", "CUC", "CYP", "DEM", "EEK",
			"ESP", "FIM", "FRF", "GHC", "GRD", "GWP", "HRK", "IEP", "ITL", "LTL", "LUF", "LVL", "MGF", "MRO", "MTL",
			"MZM", "NLG", "PTE", "ROL", "RUR", "SDD", "SIT", "SKK", "SLL", "SRG", "STD", "TMM", "TPE", "TRL", "VEB",
			"VEF", "YUM", "ZMK", "ZWD", "ZWL", "ZWN", "ZWR",
			// funds and units of account
			"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "USS", "UYI", "XAD");

	private Currencies() {
	}

	/**
	 * The ISO 4217 currency with this code, if it is money: not a code ISO reserves for
	 * something else, such as no currency (XXX), testing (XTS), gold and other metals
	 * (XAU, XAG, XPT, XPD), special drawing rights (XDR) or bond units (XBA to XBD). The
	 * JDK marks those with no minor unit (-1). Nor a withdrawn currency (DEM, HRK) or a
	 * fund code (USN, CLF), which the JDK still lists.
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
		if (currency.getDefaultFractionDigits() < 0 || NOT_IN_CIRCULATION.contains(currency.getCurrencyCode())) {
			throw new IllegalArgumentException(code + " is an ISO 4217 code but not a currency in circulation");
		}
		return currency;
	}

	private static String shown(String code) {
		return (code == null) ? "null" : code.length() > 8 ? code.substring(0, 8) + "..." : code;
	}

}
