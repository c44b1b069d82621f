package io.polyshop.orders.pricing;

import io.polyshop.defaults.problem.DependencyUnavailableException;
import org.jspecify.annotations.Nullable;

/** catalog-service did not answer in time, failed, or its circuit is open: a 503. */
public class CatalogUnavailableException extends DependencyUnavailableException {

	CatalogUnavailableException(String message, @Nullable Throwable cause) {
		super("Catalog unavailable",
				"Prices could not be fetched from catalog-service; no order was written. Retry shortly with the same Idempotency-Key",
				message, cause);
	}

}
