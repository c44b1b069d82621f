package io.polyshop.orders.order.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /orders}. There are no prices here: the catalogue prices the
 * order. Shape errors are a 400; rule errors (quantity, SKU, currency) a 422. Absent
 * fields stay absent when the request is re-serialised for its idempotency fingerprint.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PlaceOrderRequest(
		@Schema(example = "alice") @NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9._:@-]+$",
				message = "may contain letters, digits and . _ : @ -") String customerId,
		@Schema(description = "ISO 4217 code of a currency in circulation; every line's price must be in it",
				example = "USD") @NotNull @Pattern(regexp = "^[A-Z]{3}$",
						message = "must be an ISO 4217 code such as \"USD\"") String currency,
		@NotEmpty @Size(max = 50, message = "at most 50 lines") List<@NotNull @Valid Line> lines,
		@Schema(nullable = true, description = "The session-service reference of the cart, if any",
				example = "3f1c0d2a9b8e7f60") @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9_-]+$",
						message = "may contain letters, digits, _ and -") @Nullable String sessionId,
		@Schema(nullable = true,
				description = "The total the shopper was shown. When the catalogue's prices make another, the order "
						+ "is refused (409 price-changed) instead of charging a price nobody saw") @Valid @Nullable MoneyJson expectedTotal) {

	record Line(@Schema(example = "KTCH-00042") @NotBlank @Size(max = 40) @Pattern(regexp = "^[A-Z0-9][A-Z0-9-]{2,39}$",
			message = "must be 3 to 40 upper-case letters, digits or dashes, such as \"KTCH-00042\"") String sku,
			@Schema(description = "1 to 999; outside that the order is refused (422 bad-quantity)", example = "2",
					minimum = "1", maximum = "999") @NotNull Integer quantity) {
	}

}
