package io.polyshop.sessions.checkout;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.polyshop.defaults.http.ServiceClients;
import io.polyshop.sessions.SessionsProperties;
import io.polyshop.sessions.session.CartLine;
import io.polyshop.sessions.session.Money;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** {@code POST /orders} on orders-service, always with an Idempotency-Key. */
@Component
class OrdersClient {

	private static final Logger log = LoggerFactory.getLogger(OrdersClient.class);

	private static final String PRICE_CHANGED = "urn:polyshop:problem:price-changed";

	private final RestClient http;

	private final JsonMapper json;

	private final CircuitBreaker breaker;

	/**
	 * @param serviceToken adds session-service's own token (see
	 * {@link ServiceCredentials})
	 */
	OrdersClient(RestClient.Builder builder, ClientHttpRequestInterceptor serviceToken, SessionsProperties properties,
			JsonMapper json, CircuitBreakerRegistry breakers) {
		this.breaker = breakers.circuitBreaker("orders");
		this.http = ServiceClients.create(builder.clone().requestInterceptor(serviceToken), "orders-service",
				properties.orders().endpoint());
		this.json = json;
	}

	/**
	 * @param expectedTotal the cart total the shopper was shown: orders-service refuses
	 * to place the order at any other
	 * @throws OrdersPriceChangedException if today's prices make another total
	 */
	PlacedOrder place(String idempotencyKey, String customerId, String currency, List<CartLine> lines,
			String sessionRef, Money expectedTotal) {
		PlaceOrder body = new PlaceOrder(customerId, currency,
				lines.stream().map((line) -> new PlaceOrder.Line(line.sku(), line.quantity())).toList(), sessionRef,
				Receipt.Amount.of(expectedTotal));
		try {
			PlacedOrder order = this.breaker.executeSupplier(() -> this.http.post()
				.uri("/orders")
				.header("Idempotency-Key", idempotencyKey)
				.contentType(MediaType.APPLICATION_JSON)
				.body(body)
				.retrieve()
				.body(PlacedOrder.class));
			if (order == null) {
				throw new OrdersUnavailableException("orders-service sent no body", null, true);
			}
			return order;
		}
		catch (HttpClientErrorException ex) {
			int status = ex.getStatusCode().value();
			Problem problem = problem(ex.getResponseBodyAsString());
			if (status == 409 && PRICE_CHANGED.equals(problem.type())) {
				throw new OrdersPriceChangedException(
						(problem.detail() != null) ? problem.detail() : "orders-service priced another total");
			}
			if (status == 422 || status == 409) {
				throw new CheckoutRejectedException(status,
						(problem.detail() != null) ? problem.detail() : "orders-service refused the order",
						(problem.errors() != null) ? problem.errors() : List.of());
			}
			if (status == 401 || status == 403) {
				// This service's credentials were refused (the token is dropped, so the
				// next call gets a new one): a failure of the dependency, not the
				// caller's.
				log.error("orders-service refused session-service's token ({}): check its client and scope", status);
				throw new OrdersUnavailableException("orders-service refused session-service's token", ex, false);
			}
			throw new IllegalStateException("orders-service rejected the checkout request: " + status, ex);
		}
		catch (RestClientException ex) {
			throw new OrdersUnavailableException("orders-service failed: " + ex.getMessage(), ex, true);
		}
		catch (OAuth2AuthorizationException ex) {
			throw new OrdersUnavailableException("no token to call orders-service with: " + ex.getMessage(), ex, false);
		}
		catch (CallNotPermittedException ex) {
			throw new OrdersUnavailableException("orders-service circuit is open: failing fast", ex, false);
		}
	}

	private Problem problem(String body) {
		try {
			return this.json.readValue(body, Problem.class);
		}
		catch (JacksonException ex) {
			return new Problem(null, null, null);
		}
	}

	record PlaceOrder(String customerId, String currency, List<Line> lines, String sessionId,
			Receipt.Amount expectedTotal) {

		record Line(String sku, int quantity) {
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record PlacedOrder(String id, String status, List<Receipt.Line> lines, Receipt.Amount total) {

		Receipt receipt() {
			return new Receipt(this.lines, this.total);
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Problem(@Nullable String type, @Nullable String detail, @Nullable List<Map<String, Object>> errors) {
	}

}
