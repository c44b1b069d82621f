package io.polyshop.orders.pricing;

import java.net.http.HttpClient;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.polyshop.orders.OrdersProperties;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
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
		OrdersProperties.Catalog catalog = properties.catalog();
		this.http = builder.baseUrl(catalog.baseUrl().toString())
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				// HTTP/1.1: no h2c upgrade dance on every new connection to a plain-HTTP
				// peer.
				.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1))
				.build(HttpClientSettings.defaults()
					.withConnectTimeout(catalog.connectTimeout())
					.withReadTimeout(catalog.readTimeout())))
			.build();
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

	record BatchGetResponse(List<CatalogProduct> products, List<String> missing) {
	}

}
