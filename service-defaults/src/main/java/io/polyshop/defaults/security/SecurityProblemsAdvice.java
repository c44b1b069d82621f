package io.polyshop.defaults.security;

import io.polyshop.defaults.problem.ProblemTypes;
import io.polyshop.defaults.problem.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Security's refusals that happen inside a controller, as problems rather than 500s.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityProblemsAdvice {

	/**
	 * A token that is valid but does not cover what the request names (another customer's
	 * id): 403, with the controller's reason.
	 */
	@ExceptionHandler
	ProblemDetail forbidden(AccessDeniedException ex) {
		return Problems.of(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", ex.getMessage());
	}

	/**
	 * Spring Security's firewall checks a header's value when the application first reads
	 * it, so a controller reading {@code If-Match} can meet its refusal: a 400 problem
	 * that does not repeat the value.
	 */
	@ExceptionHandler
	ProblemDetail rejected(RequestRejectedException ex) {
		return Problems.of(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
				ProblemSecurityHandlers.REJECTED);
	}

}
