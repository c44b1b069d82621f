package io.polyshop.catalog.product;

import java.util.Map;

/** What a client may set on a product; the store owns version and timestamps. */
public record ProductDraft(String sku, String name, String description, String category, Money price,
		Map<String, Object> attributes, boolean active) {

	public ProductDraft {
		attributes = Map.copyOf(attributes);
	}

}
