package io.polyshop.catalog.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.polyshop.catalog.product.ProductNotFoundException;
import io.polyshop.catalog.product.ProductVersionMismatchException;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves catalog-service as {@code application/problem+json} (RFC 9457) with
 * a stable {@code type} a client can switch on. Spring MVC's own exceptions (malformed
 * JSON, wrong parameter types, unknown routes) are handled by the superclass; this class
 * names the domain's.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	static final URI INVALID_INPUT = URI.create("urn:polyshop:problem:invalid-input");

	static final URI NOT_FOUND = URI.create("urn:polyshop:problem:not-found");

	static final URI VERSION_MISMATCH = URI.create("urn:polyshop:problem:version-mismatch");

	static final URI DEPENDENCY_UNAVAILABLE = URI.create("urn:polyshop:problem:dependency-unavailable");

	static final URI INTERNAL_ERROR = URI.create("urn:polyshop:problem:internal-error");

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ProblemDetail productNotFound(ProductNotFoundException ex) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Product not found", ex.getMessage());
		problem.setProperty("sku", ex.sku());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail versionMismatch(ProductVersionMismatchException ex) {
		return problem(HttpStatus.PRECONDITION_FAILED, VERSION_MISMATCH, "Version mismatch", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail invalidInput(InvalidInputException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_INPUT, "Invalid input", ex.getMessage());
		problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail constraintViolation(ConstraintViolationException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_INPUT, "Invalid input",
				"The request has invalid values");
		problem.setProperty("errors",
				ex.getConstraintViolations()
					.stream()
					.map((violation) -> Map.of("field", violation.getPropertyPath().toString(), "message",
							violation.getMessage()))
					.toList());
		return problem;
	}

	/** PostgreSQL unreachable, pool exhausted, or a failover under way: retry soon. */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
		log.warn("Database unavailable: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, DEPENDENCY_UNAVAILABLE, "Database unavailable",
					"The product database did not answer; retry shortly"));
	}

	/**
	 * A bug, not the client's fault: logged with its stack trace, answered without it.
	 */
	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR, "Internal error",
				"An unexpected error occurred; it has been logged");
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_INPUT, "Invalid input",
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
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_INPUT, "Invalid input",
				"The request has invalid parameters");
		problem.setProperty("errors",
				ex.getParameterValidationResults()
					.stream()
					.flatMap((result) -> result.getResolvableErrors()
						.stream()
						.map((error) -> Map.of("field", result.getMethodParameter().getParameterName(), "message",
								String.valueOf(error.getDefaultMessage()))))
					.toList());
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static String message(FieldError error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

}
