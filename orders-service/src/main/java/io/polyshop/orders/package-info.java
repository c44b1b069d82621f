/**
 * orders-service: orders in PostgreSQL (Aurora in AWS) with idempotency keys, server-side
 * pricing from catalog-service, a state machine and an append-only history. Start reading
 * at {@code order.web.IdempotentOrderPlacement}.
 */
package io.polyshop.orders;
