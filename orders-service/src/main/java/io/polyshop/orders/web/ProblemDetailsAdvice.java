package io.polyshop.orders.web;

import java.net.URI;
import java.util.Map;

import io.polyshop.defaults.problem.ProblemTypes;
import io.polyshop.defaults.problem.Problems;
import io.polyshop.orders.idempotency.IdempotencyKeyReusedException;
import io.polyshop.orders.idempotency.RequestInProgressException;
import io.polyshop.orders.order.InvalidTransitionException;
import io.polyshop.orders.order.Money;
import io.polyshop.orders.order.OrderConflictException;
import io.polyshop.orders.order.OrderNotFoundException;
import io.polyshop.orders.order.OrderRejectedException;
import io.polyshop.orders.placement.PriceChangedException;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * orders-service's own errors as problem details: 404 unknown order, 409 invalid
 * transition, concurrent change or request in progress, 412 stale If-Match, 422 broken
 * rule or reused key. Bad input, catalog or the database down (503) and bugs are answered
 * alike in every service by {@code service-defaults}, which this advice precedes.
 */
@RestControllerAdvice
@Order(0)
class ProblemDetailsAdvice {

	static final URI INVALID_TRANSITION = ProblemTypes.of("invalid-transition");

	static final URI REQUEST_IN_PROGRESS = ProblemTypes.of("request-in-progress");

	static final URI IDEMPOTENCY_KEY_REUSED = ProblemTypes.of("idempotency-key-reused");

	static final URI ORDER_REJECTED = ProblemTypes.of("order-rejected");

	static final URI PRICE_CHANGED = ProblemTypes.of("price-changed");

	@ExceptionHandler
	ProblemDetail notFound(OrderNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Order not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail invalidTransition(InvalidTransitionException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, INVALID_TRANSITION, "Invalid transition",
				ex.getMessage());
		problem.setProperty("currentStatus", ex.from().name());
		problem.setProperty("requestedStatus", ex.to().name());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail conflict(OrderConflictException ex) {
		return ex.preconditionFailed()
				? Problems.of(HttpStatus.PRECONDITION_FAILED, ProblemTypes.VERSION_MISMATCH, "Version mismatch",
						ex.getMessage())
				: Problems.of(HttpStatus.CONFLICT, ProblemTypes.CONCURRENT_CHANGE, "Concurrent change",
						ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> inProgress(RequestInProgressException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(Problems.of(HttpStatus.CONFLICT, REQUEST_IN_PROGRESS, "Request in progress", ex.getMessage()));
	}

	@ExceptionHandler
	ProblemDetail keyReused(IdempotencyKeyReusedException ex) {
		return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, IDEMPOTENCY_KEY_REUSED, "Idempotency key reused",
				ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail priceChanged(PriceChangedException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, PRICE_CHANGED, "Price changed", ex.getMessage());
		problem.setProperty("lines", ex.lines()
			.stream()
			.map((line) -> Map.of("sku", line.sku(), "quantity", line.quantity(), "unitPrice", money(line.unitPrice())))
			.toList());
		problem.setProperty("total", money(ex.total()));
		return problem;
	}

	private static Map<String, String> money(Money money) {
		return Problems.money(money.amount(), money.currency());
	}

	@ExceptionHandler
	ProblemDetail rejected(OrderRejectedException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, ORDER_REJECTED, "Order rejected",
				ex.getMessage());
		problem.setProperty("errors",
				ex.violations()
					.stream()
					.map((violation) -> Map.of("field", violation.field(), "code", violation.code(), "message",
							violation.message()))
					.toList());
		return problem;
	}

}
