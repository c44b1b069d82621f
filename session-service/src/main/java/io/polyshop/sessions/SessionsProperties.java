package io.polyshop.sessions;

import java.net.URI;
import java.time.Duration;

import io.polyshop.defaults.http.ServiceEndpoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * session-service settings, prefix {@code polyshop.sessions}.
 *
 * @param idleTimeout how long a session lives without activity (sliding)
 * @param maxLines the most lines a cart may hold
 * @param dynamodb where the tables are
 * @param catalog catalog-service, for name and price snapshots
 * @param orders orders-service, for checkout
 * @param projector the local stream consumer
 * @param checkout how pending checkouts are settled
 */
@Validated
@ConfigurationProperties("polyshop.sessions")
public record SessionsProperties(@NotNull @DefaultValue("30m") Duration idleTimeout,
		@Min(1) @Max(99) @DefaultValue("50") int maxLines, @Valid @DefaultValue DynamoDb dynamodb,
		@Valid @DefaultValue Service catalog, @Valid @DefaultValue Service orders,
		@Valid @DefaultValue Projector projector, @Valid @DefaultValue Checkout checkout) {

	/**
	 * @param endpoint an endpoint override (DynamoDB Local); empty for AWS
	 * @param region the AWS region; empty for the default provider chain
	 * @param apiCallAttemptTimeout the bound on one HTTP attempt (also the socket's
	 * connect and read timeouts)
	 * @param apiCallTimeout the bound on a whole call, retries included: a stalled
	 * DynamoDB fails requests within it
	 * @param sessionsTable the single table of sessions and carts
	 * @param insightsTable the read model
	 */
	public record DynamoDb(@Nullable URI endpoint, @Nullable String region,
			@NotNull @DefaultValue("1s") Duration apiCallAttemptTimeout,
			@NotNull @DefaultValue("3s") Duration apiCallTimeout,
			@NotBlank @DefaultValue("polyshop-sessions") String sessionsTable,
			@NotBlank @DefaultValue("polyshop-cart-insights") String insightsTable) {
	}

	/**
	 * @param baseUrl the service's base URL
	 * @param connectTimeout bound on opening a connection
	 * @param readTimeout bound on waiting for the answer
	 */
	public record Service(@NotNull @DefaultValue("http://localhost:8080") URI baseUrl,
			@NotNull @DefaultValue("500ms") Duration connectTimeout,
			@NotNull @DefaultValue("3s") Duration readTimeout) {

		public ServiceEndpoint endpoint() {
			return new ServiceEndpoint(this.baseUrl, this.connectTimeout, this.readTimeout);
		}

	}

	/**
	 * @param localConsumer run the stream consumer in this process (local run; in AWS a
	 * Lambda consumes the stream)
	 * @param pollInterval how often an idle shard is polled
	 * @param shardDiscoveryInterval how often new shards are looked for
	 */
	public record Projector(@DefaultValue("false") boolean localConsumer,
			@NotNull @DefaultValue("250ms") Duration pollInterval,
			@NotNull @DefaultValue("10s") Duration shardDiscoveryInterval) {
	}

	/**
	 * @param settleAfter how long a checkout may stay pending before the reconciler
	 * settles it (a shopper's own retry usually comes sooner)
	 * @param reconcileInterval how often the reconciler looks: a pending checkout is
	 * settled within {@code settleAfter + reconcileInterval}
	 */
	public record Checkout(@NotNull @DefaultValue("30s") Duration settleAfter,
			@NotNull @DefaultValue("15s") Duration reconcileInterval) {
	}

}
