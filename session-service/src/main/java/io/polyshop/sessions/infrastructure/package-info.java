/** The DynamoDB clients and the HTTP clients of the services session-service calls. */
package io.polyshop.sessions.infrastructure;
