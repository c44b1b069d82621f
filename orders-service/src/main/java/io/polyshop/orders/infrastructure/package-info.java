/**
 * Wiring of the store: writer and reader connection pools behind one routing DataSource.
 */
package io.polyshop.orders.infrastructure;
