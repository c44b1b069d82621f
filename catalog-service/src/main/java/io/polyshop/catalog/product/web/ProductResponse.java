package io.polyshop.catalog.product.web;

import java.time.Instant;
import java.util.Map;

import io.polyshop.catalog.product.Product;
import io.swagger.v3.oas.annotations.media.Schema;

record ProductResponse(String sku, String name, String description, String category, MoneyJson price,
		@Schema(description = ProductAttributes.DESCRIPTION,
				additionalProperties = Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> attributes,
		boolean active, Instant createdAt, Instant updatedAt, long version) {

	static ProductResponse of(Product product) {
		return new ProductResponse(product.sku(), product.name(), product.description(), product.category(),
				MoneyJson.of(product.price()), product.attributes(), product.active(), product.createdAt(),
				product.updatedAt(), product.version());
	}

}
