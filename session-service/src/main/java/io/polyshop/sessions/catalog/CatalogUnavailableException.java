package io.polyshop.sessions.catalog;

import io.polyshop.defaults.problem.DependencyUnavailableException;
import org.jspecify.annotations.Nullable;

/** catalog-service did not answer in time or failed: adding to a cart is a 503. */
public class CatalogUnavailableException extends DependencyUnavailableException {

	CatalogUnavailableException(String message, @Nullable Throwable cause) {
		super("Catalog unavailable",
				"The product could not be looked up in catalog-service; the cart is unchanged. Retry shortly", message,
				cause);
	}

}
