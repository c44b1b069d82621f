/**
 * Placing an order exactly once per Idempotency-Key: the claim, the pricing and the one
 * transaction that writes the order and completes the key. Uses orders, pricing and
 * idempotency; only the web adapter uses it.
 */
@NullMarked
package io.polyshop.orders.placement;

import org.jspecify.annotations.NullMarked;
