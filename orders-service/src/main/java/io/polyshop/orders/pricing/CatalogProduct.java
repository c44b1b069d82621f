package io.polyshop.orders.pricing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A product as catalog-service's {@code POST /products/batch-get} returns it; only the
 * fields pricing needs.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CatalogProduct(String sku, String name, String category, Price price, boolean active) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Price(String amount, String currency) {
	}

}
