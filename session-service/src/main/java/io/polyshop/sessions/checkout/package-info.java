/**
 * Checkout: the cart becomes an order in orders-service, then the session is marked
 * CHECKED_OUT and its lines removed in one DynamoDB transaction. Idempotent end to end
 * (see {@link io.polyshop.sessions.checkout.CheckoutService}).
 */
@NullMarked
package io.polyshop.sessions.checkout;

import org.jspecify.annotations.NullMarked;
