package io.polyshop.orders.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.polyshop.orders.order.InvalidTransitionException;
import io.polyshop.orders.order.OrderConflictException;
import io.polyshop.orders.order.OrderNotFoundException;
import io.polyshop.orders.order.OrderRejectedException;
import io.polyshop.orders.pricing.CatalogUnavailableException;
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
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves orders-service as {@code application/problem+json} (RFC 9457) with a
 * stable {@code type}: 400 bad input, 404 unknown order, 409 invalid transition,
 * concurrent change or request in progress, 412 stale If-Match, 422 broken rule or reused
 * key, 503 a dependency down.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	static final URI INVALID_INPUT = URI.create("urn:polyshop:problem:invalid-input");

	static final URI NOT_FOUND = URI.create("urn:polyshop:problem:not-found");

	static final URI INVALID_TRANSITION = URI.create("urn:polyshop:problem:invalid-transition");

	static final URI CONCURRENT_CHANGE = URI.create("urn:polyshop:problem:concurrent-change");

	static final URI VERSION_MISMATCH = URI.create("urn:polyshop:problem:version-mismatch");

	static final URI REQUEST_IN_PROGRESS = URI.create("urn:polyshop:problem:request-in-progress");

	static final URI IDEMPOTENCY_KEY_REUSED = URI.create("urn:polyshop:problem:idempotency-key-reused");

	static final URI ORDER_REJECTED = URI.create("urn:polyshop:problem:order-rejected");

	static final URI DEPENDENCY_UNAVAILABLE = URI.create("urn:polyshop:problem:dependency-unavailable");

	static final URI INTERNAL_ERROR = URI.create("urn:polyshop:problem:internal-error");

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ProblemDetail notFound(OrderNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Order not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail invalidTransition(InvalidTransitionException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, INVALID_TRANSITION, "Invalid transition", ex.getMessage());
		problem.setProperty("currentStatus", ex.from().name());
		problem.setProperty("requestedStatus", ex.to().name());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail conflict(OrderConflictException ex) {
		return ex.preconditionFailed()
				? problem(HttpStatus.PRECONDITION_FAILED, VERSION_MISMATCH, "Version mismatch", ex.getMessage())
				: problem(HttpStatus.CONFLICT, CONCURRENT_CHANGE, "Concurrent change", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> inProgress(RequestInProgressException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(problem(HttpStatus.CONFLICT, REQUEST_IN_PROGRESS, "Request in progress", ex.getMessage()));
	}

	@ExceptionHandler
	ProblemDetail keyReused(IdempotencyKeyReusedException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, IDEMPOTENCY_KEY_REUSED, "Idempotency key reused",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail rejected(OrderRejectedException ex) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, ORDER_REJECTED, "Order rejected",
				ex.getMessage());
		problem.setProperty("errors",
				ex.violations()
					.stream()
					.map((violation) -> Map.of("field", violation.field(), "code", violation.code(), "message",
							violation.message()))
					.toList());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail invalidInput(InvalidInputException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_INPUT, "Invalid input", ex.getMessage());
		problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> catalogUnavailable(CatalogUnavailableException ex) {
		log.warn("Catalog unavailable: {}", ex.getMessage());
		return unavailable("Catalog unavailable",
				"Prices could not be fetched from catalog-service; no order was written. Retry shortly with the same Idempotency-Key");
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
		log.warn("Database unavailable: {}", ex.getMessage());
		return unavailable("Database unavailable", "The orders database did not answer; retry shortly");
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
		problem.setProperty("errors", ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList());
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_INPUT, "Invalid input",
				"The request has invalid parameters");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static ResponseEntity<ProblemDetail> unavailable(String title, String detail) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "2")
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, DEPENDENCY_UNAVAILABLE, title, detail));
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

}
