package io.polyshop.orders.order.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A page of the listing, newest first; {@code nextCursor} is null on the last page. */
record OrderPage(List<OrderResponse> items, @Nullable String nextCursor) {
}
