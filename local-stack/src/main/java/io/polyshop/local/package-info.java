/**
 * The local stack: embedded PostgreSQL 17, Redis and DynamoDB Local (with Streams and
 * TTL), shared by {@code ./polyshop up} and by every service's integration tests, and the
 * launcher that runs the services against them. Nothing here ships with a service.
 */
@NullMarked
package io.polyshop.local;

import org.jspecify.annotations.NullMarked;
