/**
 * The cart-insights read model: its queries (each one DynamoDB request) and, for the
 * local run, the stream consumer that feeds the projector (in AWS a Lambda does).
 */
@NullMarked
package io.polyshop.sessions.insights;

import org.jspecify.annotations.NullMarked;
