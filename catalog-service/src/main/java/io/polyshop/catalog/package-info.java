/**
 * catalog-service: products in PostgreSQL (writer and reader pools) served through a
 * Redis cache-aside layer. Start reading at {@code product.ProductService}.
 */
@NullMarked
package io.polyshop.catalog;

import org.jspecify.annotations.NullMarked;
