/**
 * Wiring of the stores: writer and reader connection pools behind one routing DataSource,
 * and the Redis client's failure behaviour.
 */
@NullMarked
package io.polyshop.catalog.infrastructure;

import org.jspecify.annotations.NullMarked;
