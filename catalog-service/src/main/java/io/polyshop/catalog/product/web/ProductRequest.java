package io.polyshop.catalog.product.web;

import java.util.Map;

import io.polyshop.catalog.product.Product;
import io.polyshop.catalog.product.ProductDraft;
import io.polyshop.defaults.TextPatterns;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The body of {@code PUT /products/{sku}}: the whole product but its SKU. */
record ProductRequest(
		@Schema(example = "Enamel kettle") @NotBlank @Size(max = 200) @Pattern(regexp = TextPatterns.SINGLE_LINE,
				message = TextPatterns.SINGLE_LINE_MESSAGE) String name,
		@Schema(example = "1.7 l, induction-ready") @Size(max = 4000) @Pattern(regexp = TextPatterns.MULTI_LINE,
				message = TextPatterns.MULTI_LINE_MESSAGE) @Nullable String description,
		@Schema(example = "kitchen") @NotNull @Pattern(regexp = Product.CATEGORY_REGEX,
				message = "must be a lower-case slug such as \"kitchen\"") String category,
		@NotNull @Valid MoneyJson price,
		@Schema(description = ProductAttributes.DESCRIPTION, example = "{\"color\": \"red\", \"weightGrams\": 120}",
				additionalProperties = Schema.AdditionalPropertiesValue.TRUE) @Size(
						max = ProductAttributes.MAX_ENTRIES) @Nullable Map<String, Object> attributes,
		@Schema(description = "On sale (listed); true when absent") @Nullable Boolean active) {

	ProductDraft toDraft(String sku) {
		return new ProductDraft(sku, this.name.strip(), (this.description != null) ? this.description : "",
				this.category, this.price.toMoney(), (this.attributes != null) ? this.attributes : Map.of(),
				(this.active == null) || this.active);
	}

}
