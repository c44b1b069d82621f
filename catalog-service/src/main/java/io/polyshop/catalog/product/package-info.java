/**
 * Products: the domain type, its PostgreSQL store
 * ({@link io.polyshop.catalog.product.Products}), the Redis cache-aside layer in front of
 * it ({@link io.polyshop.catalog.product.ProductCache}) and the service that is the
 * transaction boundary ({@link io.polyshop.catalog.product.ProductService}).
 */
@NullMarked
package io.polyshop.catalog.product;

import org.jspecify.annotations.NullMarked;
