package io.polyshop.orders.pricing;

/** catalog-service did not answer in time, failed, or its circuit is open: a 503. */
public class CatalogUnavailableException extends RuntimeException {

	CatalogUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
