/**
 * orders-service: orders in PostgreSQL (Aurora in AWS) with idempotency keys, server-side
 * pricing from catalog-service, a state machine and an append-only history. Start reading
 * at {@code order.web.IdempotentOrderPlacement}.
 */
@NullMarked
package io.polyshop.orders;

import org.jspecify.annotations.NullMarked;
