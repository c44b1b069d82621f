/**
 * Sessions and carts: the domain ({@link io.polyshop.sessions.session.Session}), its
 * DynamoDB store in the single table ({@link io.polyshop.sessions.session.Sessions}) and
 * the service with the optimistic-concurrency retry loop
 * ({@link io.polyshop.sessions.session.SessionService}).
 */
@NullMarked
package io.polyshop.sessions.session;

import org.jspecify.annotations.NullMarked;
