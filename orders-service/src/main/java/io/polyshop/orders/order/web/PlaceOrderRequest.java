package io.polyshop.orders.order.web;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /orders}. There are no prices here: the catalogue prices the
 * order. Shape errors are a 400; rule errors (quantity, SKU, currency) a 422.
 */
record PlaceOrderRequest(
		@NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9._:@-]+$",
				message = "may contain letters, digits and . _ : @ -") String customerId,
		@NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as \"USD\"") String currency,
		@NotEmpty @Size(max = 50, message = "at most 50 lines") List<@NotNull @Valid Line> lines,
		@Size(max = 64) @Nullable String sessionId) {

	record Line(@NotBlank @Size(max = 40) String sku, @NotNull Integer quantity) {
	}

}
