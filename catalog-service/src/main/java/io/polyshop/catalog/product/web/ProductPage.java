package io.polyshop.catalog.product.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A page of the listing; {@code nextCursor} is null on the last page. */
record ProductPage(List<ProductResponse> items, @Nullable String nextCursor) {
}
