/**
 * The CQRS side of session-service: a pure projection of the sessions table's stream
 * ({@link io.polyshop.sessions.projector.CartInsightsProjection}), the idempotent writer
 * of the read model ({@link io.polyshop.sessions.projector.CartInsightsWriter}), and the
 * two ways records reach them: the AWS Lambda handler
 * ({@link io.polyshop.sessions.projector.ProjectorHandler}) and, locally, a stream
 * consumer in session-service. No Spring here: this module is also the Lambda artifact.
 */
@NullMarked
package io.polyshop.sessions.projector;

import org.jspecify.annotations.NullMarked;
