/**
 * Every error as {@code application/problem+json} (RFC 9457) with a stable {@code type}:
 * the generic kinds here, each service's domain kinds in its own advice.
 */
@NullMarked
package io.polyshop.defaults.problem;

import org.jspecify.annotations.NullMarked;
