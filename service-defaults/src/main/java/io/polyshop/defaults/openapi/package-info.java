/**
 * The OpenAPI document as the contract: the problem schema, the errors every operation
 * can answer, and the domain errors each operation declares with {@link ProblemResponse}.
 */
@NullMarked
package io.polyshop.defaults.openapi;

import org.jspecify.annotations.NullMarked;
