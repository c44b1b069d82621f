package io.polyshop.catalog;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * catalog-service settings, prefix {@code polyshop.catalog}. Connection settings for
 * PostgreSQL and Redis stay in Boot's own {@code spring.datasource.*} and
 * {@code spring.data.redis.*}.
 *
 * @param cache the product cache
 * @param listing the product listing
 */
@Validated
@ConfigurationProperties("polyshop.catalog")
public record CatalogProperties(@Valid @DefaultValue Cache cache, @Valid @DefaultValue Listing listing) {

	/**
	 * @param enabled whether reads go through Redis; {@code false} serves every read from
	 * PostgreSQL (writes still evict, for the instances that share the cache): the
	 * uncached side of a benchmark
	 * @param ttl how long a cached product lives before it is read again from PostgreSQL
	 * @param ttlJitter the fraction (0 to 0.5) by which each entry's TTL is randomly
	 * shortened or lengthened, so that entries written together do not expire together
	 * @param negativeTtl how long "no such SKU" is remembered
	 * @param redeleteDelay when the second delete after a write runs: it removes an entry
	 * that a concurrent reader filled from a stale snapshot or a lagging replica
	 * @param evictionRetryInterval how often deletes that failed while Redis was
	 * unreachable are retried
	 */
	public record Cache(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("10m") Duration ttl,
			@DecimalMin("0.0") @DecimalMax("0.5") @DefaultValue("0.1") double ttlJitter,
			@NotNull @DefaultValue("30s") Duration negativeTtl, @NotNull @DefaultValue("2s") Duration redeleteDelay,
			@NotNull @DefaultValue("1s") Duration evictionRetryInterval) {
	}

	/**
	 * @param defaultLimit page size when the request names none
	 * @param maxLimit the largest page a client may ask for
	 */
	public record Listing(@Min(1) @DefaultValue("20") int defaultLimit,
			@Min(1) @Max(1000) @DefaultValue("100") int maxLimit) {
	}

}
