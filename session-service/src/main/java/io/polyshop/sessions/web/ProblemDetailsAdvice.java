package io.polyshop.sessions.web;

import java.net.URI;
import java.util.Map;

import io.polyshop.defaults.problem.ProblemTypes;
import io.polyshop.defaults.problem.Problems;
import io.polyshop.sessions.checkout.CheckoutRejectedException;
import io.polyshop.sessions.checkout.PriceChangedException;
import io.polyshop.sessions.session.CartRuleException;
import io.polyshop.sessions.session.CheckoutPendingException;
import io.polyshop.sessions.session.Money;
import io.polyshop.sessions.session.SessionChangedException;
import io.polyshop.sessions.session.SessionNotFoundException;
import io.polyshop.sessions.session.SessionOfAnotherCustomerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * session-service's own errors as problem details: 403 a session of another customer, 404
 * unknown or expired session, 409 conflict, 422 broken cart rule or refused order, 503
 * DynamoDB down. Bad input, catalog or orders down (503) and bugs are answered alike in
 * every service by {@code service-defaults}, which this advice precedes.
 */
@RestControllerAdvice
@Order(0)
class ProblemDetailsAdvice {

	static final URI CART_RULE = ProblemTypes.of("cart-rule");

	static final URI ORDER_REJECTED = ProblemTypes.of("order-rejected");

	static final URI PRICE_CHANGED = ProblemTypes.of("price-changed");

	static final URI CHECKOUT_PENDING = ProblemTypes.of("checkout-pending");

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ProblemDetail notFound(SessionNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Session not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail ofAnotherCustomer(SessionOfAnotherCustomerException ex) {
		return Problems.of(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail cartRule(CartRuleException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, CART_RULE, "Cart rule broken",
				ex.getMessage());
		problem.setProperty("code", ex.code());
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> checkoutRejected(CheckoutRejectedException ex) {
		if (ex.status() == 409) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.header(HttpHeaders.RETRY_AFTER, "1")
				.body(Problems.of(HttpStatus.CONFLICT, ProblemTypes.CONCURRENT_CHANGE,
						"Checkout in progress or cart changed", ex.getMessage()));
		}
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, ORDER_REJECTED, "Order rejected",
				ex.getMessage());
		problem.setProperty("errors", ex.errors());
		return ResponseEntity.unprocessableContent().body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> checkoutPending(CheckoutPendingException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(Problems.of(HttpStatus.CONFLICT, CHECKOUT_PENDING, "Checkout pending", ex.getMessage()));
	}

	@ExceptionHandler
	ProblemDetail priceChanged(PriceChangedException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, PRICE_CHANGED, "Price changed", ex.getMessage());
		problem.setProperty("lines",
				ex.changes()
					.stream()
					.map((change) -> Map.of("sku", change.sku(), "name", change.name(), "quantity", change.quantity(),
							"shown", money(change.shown()), "now", money(change.now())))
					.toList());
		problem.setProperty("total", money(ex.total()));
		return problem;
	}

	private static Map<String, String> money(Money money) {
		return Problems.money(money.amount(), money.currency());
	}

	@ExceptionHandler
	ProblemDetail changed(SessionChangedException ex) {
		return Problems.of(HttpStatus.CONFLICT, ProblemTypes.CONCURRENT_CHANGE, "Concurrent change",
				"The session kept changing under this request; read it again and retry");
	}

	@ExceptionHandler({ DynamoDbException.class, SdkClientException.class })
	ResponseEntity<ProblemDetail> dynamoUnavailable(Exception ex) {
		log.warn("DynamoDB unavailable: {}", ex.getMessage());
		return Problems.unavailable("DynamoDB unavailable", "The session store did not answer; retry shortly", 2);
	}

}
