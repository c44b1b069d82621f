package io.polyshop.sessions.checkout;

/**
 * orders-service priced the order at another total than the cart's: a price changed after
 * the cart was checked against the catalogue.
 */
class OrdersPriceChangedException extends RuntimeException {

	OrdersPriceChangedException(String message) {
		super(message);
	}

}
