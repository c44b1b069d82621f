package io.polyshop.sessions.session.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.polyshop.defaults.openapi.ProblemResponse;

/**
 * The domain errors of every change to a session's cart or customer, for the OpenAPI
 * document.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ProblemResponse(status = 409, type = "concurrent-change",
		description = "The session kept changing under this request: read it again and retry; or a checkout "
				+ "of the cart is under way with its outcome unknown (checkout-pending): check out again to settle it")
@ProblemResponse(status = 412, type = "version-mismatch",
		description = "If-Match names another version of the cart: read it again, then change it")
@ProblemResponse(status = 422, type = "cart-rule",
		description = "A cart rule is broken (unknown or inactive product, quantity, session checked out)")
@interface CartChangeProblems {

}
