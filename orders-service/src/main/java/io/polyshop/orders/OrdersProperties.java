package io.polyshop.orders;

import java.net.URI;
import java.time.Duration;

import io.polyshop.defaults.http.ServiceEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * orders-service settings, prefix {@code polyshop.orders}. PostgreSQL stays in Boot's
 * {@code spring.datasource.*}; the catalog circuit breaker in
 * {@code resilience4j.circuitbreaker.instances.catalog.*}.
 *
 * @param catalog where prices come from
 * @param idempotency how long keys are kept
 * @param listing the order listing
 * @param payment how long an order may wait for its payment
 */
@Validated
@ConfigurationProperties("polyshop.orders")
public record OrdersProperties(@Valid @DefaultValue Catalog catalog, @Valid @DefaultValue Idempotency idempotency,
		@Valid @DefaultValue Listing listing, @Valid @DefaultValue Payment payment) {

	/**
	 * @param baseUrl catalog-service's base URL
	 * @param connectTimeout bound on opening a connection
	 * @param readTimeout bound on waiting for the answer
	 */
	public record Catalog(@NotNull @DefaultValue("http://localhost:8081") URI baseUrl,
			@NotNull @DefaultValue("500ms") Duration connectTimeout,
			@NotNull @DefaultValue("2s") Duration readTimeout) {

		public ServiceEndpoint endpoint() {
			return new ServiceEndpoint(this.baseUrl, this.connectTimeout, this.readTimeout);
		}

	}

	/**
	 * @param retention how long a key is remembered after it was first used
	 * @param lease how long a claimed key may stay in progress before another request may
	 * take it over (covers a process that died mid-request)
	 * @param cleanupInterval how often expired keys are deleted
	 */
	public record Idempotency(@NotNull @DefaultValue("24h") Duration retention,
			@NotNull @DefaultValue("30s") Duration lease, @NotNull @DefaultValue("10m") Duration cleanupInterval) {
	}

	/**
	 * @param window how long a PENDING order waits for its payment before it is cancelled
	 * @param sweepInterval how often unpaid orders are looked for
	 */
	public record Payment(@NotNull @DefaultValue("30m") Duration window,
			@NotNull @DefaultValue("1m") Duration sweepInterval) {
	}

	/**
	 * @param defaultLimit page size when the request names none
	 * @param maxLimit the largest page a client may ask for
	 */
	public record Listing(@Min(1) @DefaultValue("20") int defaultLimit,
			@Min(1) @Max(1000) @DefaultValue("100") int maxLimit) {
	}

}
