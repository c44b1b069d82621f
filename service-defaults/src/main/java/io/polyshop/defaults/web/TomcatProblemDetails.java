package io.polyshop.defaults.web;

import io.polyshop.defaults.problem.ProblemTypes;
import io.polyshop.defaults.problem.Problems;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Tomcat parses the query string lazily, when a controller first asks for a parameter; a
 * malformed one (bad percent-encoding such as {@code cursor=%%%garbage}) then surfaces as
 * Tomcat's {@code InvalidParameterException}: a 400, not a bug, and its value (in the
 * exception's message) is not echoed.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class TomcatProblemDetails {

	@ExceptionHandler
	ProblemDetail invalidParameter(InvalidParameterException ex) {
		return Problems.of(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
				"The query string is not well-formed (malformed percent-encoding)");
	}

}
