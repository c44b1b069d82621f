/** The DynamoDB clients and the HTTP clients of the services session-service calls. */
@NullMarked
package io.polyshop.sessions.infrastructure;

import org.jspecify.annotations.NullMarked;
