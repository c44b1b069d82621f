package io.polyshop.defaults.security;

import io.polyshop.defaults.problem.ProblemTypes;
import io.polyshop.defaults.problem.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Spring Security's firewall checks a header's value when the application first reads it,
 * so a controller reading {@code If-Match} can meet its refusal: a 400 problem that does
 * not repeat the value, not a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestRejectedAdvice {

	@ExceptionHandler
	ProblemDetail rejected(RequestRejectedException ex) {
		return Problems.of(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
				ProblemSecurityHandlers.REJECTED);
	}

}
