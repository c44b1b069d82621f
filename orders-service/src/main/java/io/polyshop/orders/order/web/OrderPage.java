package io.polyshop.orders.order.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** A page of the listing, newest first; {@code nextCursor} is null on the last page. */
record OrderPage(List<OrderResponse> items, @Schema(nullable = true,
		description = "Pass back as cursor for the next page; null on the last page") @Nullable String nextCursor) {
}
