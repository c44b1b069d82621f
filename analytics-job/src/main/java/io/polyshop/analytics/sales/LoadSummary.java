package io.polyshop.analytics.sales;

import java.time.Duration;
import java.util.Locale;

/** What one run did; printed at the end of {@code load-sales}. */
public record LoadSummary(boolean skipped, long extracted, long staged, long merged, Duration elapsed,
		long oldWatermark, long newWatermark) {

	static LoadSummary skippedBecauseLocked(Duration elapsed) {
		return new LoadSummary(true, 0, 0, 0, elapsed, 0, 0);
	}

	public String describe() {
		if (this.skipped) {
			return "load-sales: another load holds the warehouse lock; nothing done (that run will load everything).";
		}
		return String.format(Locale.ROOT,
				"load-sales: %d rows extracted, %d staged, %d merged in %.2f s; watermark %d -> %d", this.extracted,
				this.staged, this.merged, this.elapsed.toMillis() / 1000.0, this.oldWatermark, this.newWatermark);
	}

}
