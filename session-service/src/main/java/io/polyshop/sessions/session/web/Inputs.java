package io.polyshop.sessions.session.web;

/**
 * The shapes of the identifiers the sessions API takes, for its constraints and its
 * document.
 */
final class Inputs {

	/** catalog-service's SKUs: anything else names no product. */
	static final String SKU = "^[A-Z0-9][A-Z0-9-]{2,39}$";

	static final String SKU_MESSAGE = "must be 3 to 40 upper-case letters, digits or dashes, such as \"KTCH-00042\"";

	static final String CUSTOMER_ID = "^[A-Za-z0-9._:@-]{1,64}$";

	static final String CUSTOMER_ID_MESSAGE = "must be 1 to 64 letters, digits or . _ : @ -";

	private Inputs() {
	}

}
