/**
 * Idempotency keys, the way payment APIs do them: a key is claimed before the work
 * starts, completed with the exact response in the same transaction as the work, and
 * replayed byte for byte on a retry. See
 * {@link io.polyshop.orders.idempotency.IdempotencyKeys}.
 */
@NullMarked
package io.polyshop.orders.idempotency;

import org.jspecify.annotations.NullMarked;
