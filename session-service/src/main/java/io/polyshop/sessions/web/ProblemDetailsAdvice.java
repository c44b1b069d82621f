package io.polyshop.sessions.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.polyshop.sessions.catalog.CatalogUnavailableException;
import io.polyshop.sessions.checkout.CheckoutRejectedException;
import io.polyshop.sessions.checkout.OrdersUnavailableException;
import io.polyshop.sessions.session.CartRuleException;
import io.polyshop.sessions.session.SessionChangedException;
import io.polyshop.sessions.session.SessionNotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves session-service as {@code application/problem+json} with a stable
 * {@code type}: 400 bad input, 404 unknown or expired session, 409 conflict, 422 broken
 * cart rule, 503 a dependency (catalog, orders, DynamoDB) down.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	static final URI INVALID_INPUT = URI.create("urn:polyshop:problem:invalid-input");

	static final URI NOT_FOUND = URI.create("urn:polyshop:problem:not-found");

	static final URI CART_RULE = URI.create("urn:polyshop:problem:cart-rule");

	static final URI ORDER_REJECTED = URI.create("urn:polyshop:problem:order-rejected");

	static final URI CONFLICT = URI.create("urn:polyshop:problem:concurrent-change");

	static final URI DEPENDENCY_UNAVAILABLE = URI.create("urn:polyshop:problem:dependency-unavailable");

	static final URI INTERNAL_ERROR = URI.create("urn:polyshop:problem:internal-error");

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ProblemDetail notFound(SessionNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Session not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail cartRule(CartRuleException ex) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, CART_RULE, "Cart rule broken",
				ex.getMessage());
		problem.setProperty("code", ex.code());
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> checkoutRejected(CheckoutRejectedException ex) {
		if (ex.status() == 409) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.header(HttpHeaders.RETRY_AFTER, "1")
				.body(problem(HttpStatus.CONFLICT, CONFLICT, "Checkout in progress or cart changed", ex.getMessage()));
		}
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, ORDER_REJECTED, "Order rejected",
				ex.getMessage());
		problem.setProperty("errors", ex.errors());
		return ResponseEntity.unprocessableContent().body(problem);
	}

	@ExceptionHandler
	ProblemDetail changed(SessionChangedException ex) {
		return problem(HttpStatus.CONFLICT, CONFLICT, "Concurrent change",
				"The session kept changing under this request; read it again and retry");
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> catalogUnavailable(CatalogUnavailableException ex) {
		log.warn("Catalog unavailable: {}", ex.getMessage());
		return unavailable("Catalog unavailable",
				"The product could not be looked up in catalog-service; the cart is unchanged. Retry shortly");
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> ordersUnavailable(OrdersUnavailableException ex) {
		log.warn("Orders unavailable: {}", ex.getMessage());
		return unavailable("Orders unavailable",
				"orders-service did not answer; the cart is intact and checking out again is safe");
	}

	@ExceptionHandler({ DynamoDbException.class, SdkClientException.class })
	ResponseEntity<ProblemDetail> dynamoUnavailable(Exception ex) {
		log.warn("DynamoDB unavailable: {}", ex.getMessage());
		return unavailable("DynamoDB unavailable", "The session store did not answer; retry shortly");
	}

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
		problem.setProperty("errors", List.of());
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
