package io.polyshop.orders.pricing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.polyshop.defaults.http.ServiceClients;
import io.polyshop.orders.OrdersProperties;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * catalog-service over HTTP. Every call is bounded (connect and read timeouts) and goes
 * through the {@code catalog} circuit breaker: once calls keep failing the breaker opens
 * and orders fail fast with a 503 for a while, instead of each request waiting out the
 * timeout while catalog recovers.
 */
@Component
class CatalogClient {

	private final RestClient http;

	private final CircuitBreaker breaker;

	CatalogClient(RestClient.Builder builder, OrdersProperties properties, CircuitBreakerRegistry breakers) {
		this.http = ServiceClients.create(builder, "catalog-service", properties.catalog().endpoint());
		this.breaker = breakers.circuitBreaker("catalog");
	}

	/** The catalogue's products for these SKUs; SKUs it does not know are absent. */
	Map<String, CatalogProduct> products(Collection<String> skus) {
		try {
			BatchGetResponse response = this.breaker.executeSupplier(() -> this.http.post()
				.uri("/products/batch-get")
				.contentType(MediaType.APPLICATION_JSON)
				.body(new BatchGetRequest(List.copyOf(skus)))
				.retrieve()
				.body(BatchGetResponse.class));
			if (response == null) {
				throw new CatalogUnavailableException("catalog-service sent no body", null);
			}
			return response.products().stream().collect(Collectors.toMap(CatalogProduct::sku, Function.identity()));
		}
		catch (CallNotPermittedException ex) {
			throw new CatalogUnavailableException("catalog-service circuit is open: failing fast", ex);
		}
		catch (RestClientException ex) {
			throw new CatalogUnavailableException("catalog-service failed: " + ex.getMessage(), ex);
		}
	}

	record BatchGetRequest(List<String> skus) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record BatchGetResponse(List<CatalogProduct> products, List<String> missing) {
	}

}
