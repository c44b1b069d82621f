/**
 * HTTP for orders: records, the controller, and the idempotent placement of an order
 * ({@link io.polyshop.orders.order.web.IdempotentOrderPlacement}).
 */
@NullMarked
package io.polyshop.orders.order.web;

import org.jspecify.annotations.NullMarked;
