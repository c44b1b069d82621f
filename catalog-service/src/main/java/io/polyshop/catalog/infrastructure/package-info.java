/**
 * Wiring of the stores: writer and reader connection pools behind one routing DataSource,
 * and the Redis client's failure behaviour.
 */
package io.polyshop.catalog.infrastructure;
