package io.polyshop.sessions.catalog;

import java.math.BigDecimal;
import java.util.Currency;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.polyshop.defaults.http.ServiceClients;
import io.polyshop.sessions.SessionsProperties;
import io.polyshop.sessions.session.CartRuleException;
import io.polyshop.sessions.session.Money;
import io.polyshop.sessions.session.ProductCatalog;
import io.polyshop.sessions.session.ProductSnapshot;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * {@code GET /products/{sku}} on catalog-service, bounded by connect and read timeouts
 * and behind the {@code catalog} circuit breaker: while catalog keeps failing or
 * stalling, cart changes fail fast with a 503 instead of each waiting out the timeout. An
 * unknown SKU is the client's mistake (422, not a failure of catalog); anything else
 * going wrong is catalog's (503).
 */
@Component
public class CatalogClient implements ProductCatalog {

	private final RestClient http;

	private final CircuitBreaker breaker;

	CatalogClient(RestClient.Builder builder, SessionsProperties properties, CircuitBreakerRegistry breakers) {
		this.http = ServiceClients.create(builder, "catalog-service", properties.catalog().endpoint());
		this.breaker = breakers.circuitBreaker("catalog");
	}

	@Override
	public ProductSnapshot snapshot(String sku) {
		Product product;
		try {
			product = this.breaker
				.executeSupplier(() -> this.http.get().uri("/products/{sku}", sku).retrieve().body(Product.class));
		}
		catch (CallNotPermittedException ex) {
			throw new CatalogUnavailableException("catalog-service circuit is open: failing fast", ex);
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode() == HttpStatus.NOT_FOUND) {
				throw new CartRuleException("unknown-sku", "no product " + sku);
			}
			throw new CatalogUnavailableException("catalog-service refused the lookup: " + ex.getStatusCode(), ex);
		}
		catch (RestClientException ex) {
			throw new CatalogUnavailableException("catalog-service failed: " + ex.getMessage(), ex);
		}
		if (product == null) {
			throw new CatalogUnavailableException("catalog-service sent no body", null);
		}
		return new ProductSnapshot(product.sku(), product.name(),
				new Money(new BigDecimal(product.price().amount()), Currency.getInstance(product.price().currency())),
				product.active());
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Product(String sku, String name, Price price, boolean active) {

		@JsonIgnoreProperties(ignoreUnknown = true)
		record Price(String amount, String currency) {
		}

	}

}
