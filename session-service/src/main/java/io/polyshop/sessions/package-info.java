/**
 * session-service: sessions and carts in one DynamoDB table (single-table design, TTL,
 * conditional writes, transactions), checkout through orders-service, and the queries of
 * the cart-insights read model that the stream projector maintains. Start reading at
 * {@code session.Sessions}.
 */
@NullMarked
package io.polyshop.sessions;

import org.jspecify.annotations.NullMarked;
