/**
 * Server-side pricing: the client's prices are never trusted; names, categories and unit
 * prices come from catalog-service's batch endpoint at order time, through a bounded
 * timeout and a circuit breaker.
 */
@NullMarked
package io.polyshop.orders.pricing;

import org.jspecify.annotations.NullMarked;
