package io.polyshop.catalog.product.web;

import java.util.Map;

import io.polyshop.catalog.product.ProductDraft;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT /products/{sku}}: the whole product but its SKU. */
record ProductRequest(
		@NotBlank @Size(max = 200) @Pattern(regexp = "^[^\\p{Cntrl}]*$",
				message = "must not contain control characters") String name,
		@Size(max = 4000) @Pattern(regexp = "^(?:[^\\p{Cntrl}]|[\\t\\n\\r])*$",
				message = "must not contain control characters but tabs and line breaks") String description,
		@NotNull @Pattern(regexp = "^[a-z0-9][a-z0-9-]{1,59}$",
				message = "must be a lower-case slug such as \"kitchen\"") String category,
		@NotNull @Valid MoneyJson price, @Size(max = 50) Map<String, Object> attributes, Boolean active) {

	ProductDraft toDraft(String sku) {
		return new ProductDraft(sku, this.name.strip(), (this.description != null) ? this.description : "",
				this.category, this.price.toMoney(), (this.attributes != null) ? this.attributes : Map.of(),
				(this.active == null) || this.active);
	}

}
