package io.polyshop.defaults.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.polyshop.defaults.http.PreconditionFailedException;
import io.polyshop.defaults.web.RequestBodyLimitFilter;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DatabindException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The errors every service answers alike, as {@code application/problem+json} (RFC 9457)
 * with a stable {@code type} ({@link ProblemTypes}): Spring MVC's own exceptions
 * (malformed JSON, wrong parameter types, unknown routes, wrong method or media type)
 * through the superclass; invalid fields as a 400 with {@code errors[]} naming each; a
 * dependency down as a 503 with {@code Retry-After}; anything else as a 500 that is
 * logged with its stack trace and answered without it.
 *
 * <p>
 * It runs after every service's own advice ({@link Ordered#LOWEST_PRECEDENCE}), which
 * maps only that service's domain exceptions.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsDefaults extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsDefaults.class);

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	private static final Pattern PROPERTY_PATH = Pattern.compile("[A-Za-z0-9_.\\[\\]]{1,80}");

	@ExceptionHandler
	ProblemDetail invalidInput(InvalidInputException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
				ex.getMessage());
		problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail preconditionFailed(PreconditionFailedException ex) {
		return Problems.of(HttpStatus.PRECONDITION_FAILED, ProblemTypes.VERSION_MISMATCH, "Precondition failed",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail constraintViolation(ConstraintViolationException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
				"The request has invalid values");
		problem.setProperty("errors",
				ex.getConstraintViolations()
					.stream()
					.map((violation) -> Map.of("field", violation.getPropertyPath().toString(), "message",
							violation.getMessage()))
					.toList());
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> dependencyUnavailable(DependencyUnavailableException ex) {
		log.warn("{}: {}", ex.title(), ex.getMessage());
		return Problems.unavailable(ex.title(), ex.detail(), 2);
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR, "Internal error",
				"An unexpected error occurred; it has been logged");
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
				"The request body has invalid fields");
		problem.setProperty("errors",
				ex.getBindingResult()
					.getFieldErrors()
					.stream()
					.map((error) -> Map.of("field", error.getField(), "message", message(error)))
					.toList());
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
				"The request has invalid parameters");
		problem.setProperty("errors",
				ex.getParameterValidationResults()
					.stream()
					.flatMap((result) -> result.getResolvableErrors()
						.stream()
						.map((error) -> Map.of("field", String.valueOf(result.getMethodParameter().getParameterName()),
								"message", String.valueOf(error.getDefaultMessage()))))
					.toList());
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** A parameter of the wrong type: named, without echoing the value sent. */
	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = String.valueOf(ex.getPropertyName());
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
				"Parameter '" + name + "' has the wrong type");
		problem.setProperty("errors", List.of(Map.of("field", name, "message", "must be a " + expected)));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A body that is not JSON, or not JSON of this operation's shape: says where, never
	 * what was sent.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getMostSpecificCause() instanceof RequestBodyLimitFilter.BodyTooLargeException tooLarge) {
			ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE,
					ProblemTypes.forStatus(HttpStatus.CONTENT_TOO_LARGE), "Content too large", tooLarge.getMessage());
			return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT, "Invalid input",
				"The request body is not valid JSON for this operation");
		String path = jsonPath(ex);
		if (path != null) {
			problem.setProperty("errors", List.of(Map.of("field", path, "message",
					"is missing, unknown, duplicated or of the wrong type (money amounts are decimal strings)")));
		}
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** An unknown path: not echoed back. */
	@Override
	protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
				"There is no such resource");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
	}

	/**
	 * Spring MVC's own problems (405, 406, 415, an unreadable body...) carry no type (or
	 * {@code about:blank}); they get the stable type of their status instead.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, status, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
			problem.setType(ProblemTypes.forStatus(response.getStatusCode()));
		}
		return response;
	}

	/**
	 * The JSON path of the property a body failed on, when Jackson knows it and it looks
	 * like a property name (it may be the client's own unknown property: bounded and
	 * checked, so nothing else of the body is echoed).
	 */
	private static @Nullable String jsonPath(HttpMessageNotReadableException ex) {
		if (!(ex.getMostSpecificCause() instanceof DatabindException databind)) {
			return null;
		}
		StringBuilder path = new StringBuilder();
		for (var reference : databind.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return PROPERTY_PATH.matcher(path).matches() ? path.toString() : null;
	}

	private static String message(FieldError error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

}
