package io.polyshop.sessions.projector;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What one stream record changes in the read model. Values, so the projection stays pure.
 */
public sealed interface Effect {

	/** Adds these deltas to a product's demand counters. */
	record Count(String sku, long inCarts, long adds, long checkouts, long abandons) implements Effect {
	}

	/** One more add of a SKU in the hour bucket of {@code at}. */
	record Trend(String sku, Instant at) implements Effect {
	}

	/** A cart that expired by TTL with lines in it (its header). */
	record AbandonedCart(LocalDate day, String sessionRef, @Nullable String customerId, String currency,
			Instant expiredAt) implements Effect {
	}

	/** One line of an abandoned cart. */
	record AbandonedLine(LocalDate day, String sessionRef, String sku, String name, long quantity, String unitPrice,
			String currency) implements Effect {
	}

}
