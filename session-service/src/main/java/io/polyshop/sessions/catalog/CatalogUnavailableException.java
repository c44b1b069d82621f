package io.polyshop.sessions.catalog;

/** catalog-service did not answer in time or failed: adding to a cart is a 503. */
public class CatalogUnavailableException extends RuntimeException {

	CatalogUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
