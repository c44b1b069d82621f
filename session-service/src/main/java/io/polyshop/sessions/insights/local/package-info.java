/**
 * Local wiring only: the stream consumer that feeds the projection in-process when
 * {@code polyshop.sessions.projector.local-consumer=true} ({@code ./polyshop up},
 * compose, tests). In AWS a Lambda with an event source mapping consumes the stream
 * ({@code session-projector}'s {@code ProjectorHandler}), and nothing here runs.
 */
@NullMarked
package io.polyshop.sessions.insights.local;

import org.jspecify.annotations.NullMarked;
