package io.polyshop.orders.pricing;

/**
 * A product as catalog-service's {@code POST /products/batch-get} returns it; only the
 * fields pricing needs.
 */
record CatalogProduct(String sku, String name, String category, Price price, boolean active) {

	record Price(String amount, String currency) {
	}

}
