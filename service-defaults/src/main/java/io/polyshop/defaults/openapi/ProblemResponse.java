package io.polyshop.defaults.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A domain error an operation can answer, documented in the OpenAPI document as an
 * {@code application/problem+json} response. The errors every operation shares (400, 404,
 * 406, 413, 415, 500, 503) are added by {@link OpenApiDefaults}; declare here only what
 * the operation adds to them.
 *
 * <pre class="code">
 * &#64;ProblemResponse(status = 409, type = "invalid-transition", description = "The order is not PAID")
 * </pre> Errors several operations share can be gathered in an annotation of the
 * service's own, meta-annotated with them.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

	int status();

	/** The kind in {@code urn:polyshop:problem:<kind>}. */
	String type();

	String description();

	/** Several domain errors of one operation. */
	@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		ProblemResponse[] value();

	}

}
