package io.polyshop.sessions.insights;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The read model's queries, on the application's clock. It trails the sessions table by
 * the projector's lag ({@code sessions.projector.lag}).
 */
@Service
public class InsightsService {

	private final CartInsights insights;

	private final Clock clock;

	InsightsService(CartInsights insights, Clock clock) {
		this.insights = insights;
		this.clock = clock;
	}

	public CartInsights.ProductDemand demand(String sku) {
		return this.insights.demand(sku);
	}

	/** The top products by adds in the current hour, with that hour. */
	public TrendingNow trending(int limit) {
		Instant now = this.clock.instant();
		return new TrendingNow(now.truncatedTo(ChronoUnit.HOURS), this.insights.trending(now, limit));
	}

	/** The carts abandoned on a UTC day, today when none is named. */
	public AbandonedOn abandoned(@Nullable LocalDate date) {
		LocalDate day = (date != null) ? date : LocalDate.now(this.clock);
		return new AbandonedOn(day, this.insights.abandoned(day));
	}

	public record TrendingNow(Instant hour, List<CartInsights.Trending> items) {
	}

	public record AbandonedOn(LocalDate day, List<CartInsights.AbandonedCart> carts) {
	}

}
