/**
 * Orders: the aggregate and its state machine ({@link io.polyshop.orders.order.Order}),
 * its PostgreSQL store with the append-only history
 * ({@link io.polyshop.orders.order.Orders}) and the transaction boundary
 * ({@link io.polyshop.orders.order.OrderService}).
 */
@NullMarked
package io.polyshop.orders.order;

import org.jspecify.annotations.NullMarked;
