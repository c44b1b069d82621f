package io.polyshop.catalog.product.web;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record BatchGetRequest(
		@NotEmpty @Size(max = 100, message = "at most 100 SKUs per request") List<@NotNull @Size(max = 40,
				message = "a SKU has at most 40 characters") String> skus) {
}
