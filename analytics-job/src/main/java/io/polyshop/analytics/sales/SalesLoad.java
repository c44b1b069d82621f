package io.polyshop.analytics.sales;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.polyshop.analytics.warehouse.Warehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the sales load, in the order that makes it safe to kill at any point:
 * <ol>
 * <li>Take the warehouse's load lock, or leave at once if another run holds it.</li>
 * <li>Read the watermark (the source snapshot xmin of the last committed load).</li>
 * <li>Extract the order lines changed since then ({@link OrdersSource}), spooled to a
 * file.</li>
 * <li>Stage them in the warehouse (PostgreSQL: COPY FROM STDIN into a staging table;
 * Redshift: gzip CSV and a manifest in S3).</li>
 * <li>In one warehouse transaction: upsert the dimensions, MERGE the staged rows into
 * {@code fact_sales} (keyed by order id and line number) and advance the watermark.</li>
 * </ol>
 * Killed before step 5 commits: the watermark has not moved, the next run extracts the
 * same rows again and replaces the staging. Killed after: everything is committed. MERGE
 * makes a row loaded twice a no-op, so no run duplicates or loses a line.
 */
public class SalesLoad {

	private static final Logger log = LoggerFactory.getLogger(SalesLoad.class);

	private final OrdersSource source;

	private final Warehouse warehouse;

	private final Duration progressInterval;

	private final MeterRegistry meters;

	private final AtomicLong watermark = new AtomicLong();

	public SalesLoad(OrdersSource source, Warehouse warehouse, Duration progressInterval, MeterRegistry meters) {
		this.source = source;
		this.warehouse = warehouse;
		this.progressInterval = progressInterval;
		this.meters = meters;
		Gauge.builder("analytics.load.watermark", this.watermark, AtomicLong::get)
			.description("The source snapshot xmin the last committed load reached")
			.register(meters);
	}

	/**
	 * Runs one load and records it: {@code analytics.load.runs{result}},
	 * {@code analytics.load.rows{stage}}, {@code analytics.load.duration}, and the
	 * watermark gauge.
	 */
	public LoadSummary run() {
		Timer.Sample sample = Timer.start(this.meters);
		try {
			LoadSummary summary = load();
			count("analytics.load.runs", "result", summary.skipped() ? "skipped" : "success", 1);
			count("analytics.load.rows", "stage", "extracted", summary.extracted());
			count("analytics.load.rows", "stage", "staged", summary.staged());
			count("analytics.load.rows", "stage", "merged", summary.merged());
			if (!summary.skipped()) {
				this.watermark.set(summary.newWatermark());
			}
			return summary;
		}
		catch (RuntimeException ex) {
			count("analytics.load.runs", "result", "failure", 1);
			throw ex;
		}
		finally {
			sample.stop(Timer.builder("analytics.load.duration").register(this.meters));
		}
	}

	private void count(String name, String tag, String value, long amount) {
		Counter.builder(name).tag(tag, value).register(this.meters).increment(amount);
	}

	private LoadSummary load() {
		long start = System.nanoTime();
		this.warehouse.prepare();
		Optional<Warehouse.Lock> lock = this.warehouse.tryLock();
		if (lock.isEmpty()) {
			log.info("Another load holds the warehouse lock; leaving it to that run");
			return LoadSummary.skippedBecauseLocked(Duration.ofNanos(System.nanoTime() - start));
		}
		String runId = UUID.randomUUID().toString();
		Path spool = spoolFile(runId);
		try (Warehouse.Lock held = lock.get()) {
			long oldWatermark = this.warehouse.watermark();
			log.info("Run {}: extracting order lines changed since watermark {}", runId, oldWatermark);
			OrdersSource.Extract extract = this.source.extract(oldWatermark, spool, new Progress(start));
			log.info("Run {}: staging {} rows", runId, extract.rows());
			Warehouse.Staged staged = this.warehouse.stage(spool, runId);
			log.info("Run {}: merging {} staged rows and advancing the watermark to {}", runId, staged.rows(),
					extract.snapshotXmin());
			long merged = this.warehouse.mergeAndAdvance(staged, extract.snapshotXmin());
			LoadSummary summary = new LoadSummary(false, extract.rows(), staged.rows(), merged,
					Duration.ofNanos(System.nanoTime() - start), oldWatermark, extract.snapshotXmin());
			return summary;
		}
		finally {
			try {
				Files.deleteIfExists(spool);
			}
			catch (IOException ex) {
				log.warn("Could not delete the spool file {}", spool);
			}
		}
	}

	private static Path spoolFile(String runId) {
		try {
			return Files.createTempFile("sales-" + runId, ".csv");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Logs rows so far and rows per second, at most every {@code progressInterval}. */
	private final class Progress implements java.util.function.LongConsumer {

		private final long start;

		private long lastLog;

		Progress(long start) {
			this.start = start;
			this.lastLog = start;
		}

		@Override
		public void accept(long rows) {
			long now = System.nanoTime();
			if (now - this.lastLog >= SalesLoad.this.progressInterval.toNanos()) {
				double seconds = Math.max((now - this.start) / 1e9, 1e-3);
				log.info(String.format(Locale.ROOT, "extracted %d rows (%.0f rows/s)", rows, rows / seconds));
				this.lastLog = now;
			}
		}

	}

}
