package io.polyshop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import org.HdrHistogram.ConcurrentHistogram;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Each request's response time and status, by request name, in HdrHistograms of the
 * harness's own: Gatling's HTML report is for people; this is the machine-readable side
 * ({@code results/<simulation>.json}), with the throughput of each request over the time
 * it actually ran.
 */
final class Timings {

	private static final Map<String, Timing> TIMINGS = new ConcurrentHashMap<>();

	/** The phase whose timings are not results. */
	static final String WARM_UP = "warm-up";

	private Timings() {
	}

	/**
	 * The request, timed under its name (prefixed with the session's {@code phase}, if it
	 * has one), expecting {@code expected}.
	 */
	static ChainBuilder timed(String name, HttpRequestActionBuilder request, int expected) {
		return exec(
				request.check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().is(expected)),
				exec((session) -> record(name, session, expected)));
	}

	private static Session record(String name, Session session, int expected) {
		String key = session.contains("phase") ? session.getString("phase") + " / " + name : name;
		Timing timing = TIMINGS.computeIfAbsent(key, (ignored) -> new Timing());
		long now = System.currentTimeMillis();
		timing.first.compareAndSet(0, now);
		timing.last.accumulateAndGet(now, Math::max);
		if (session.contains("rt")) {
			timing.latencies.recordValue(Math.max(1, session.getInt("rt")) * 1000L);
		}
		boolean ok = session.contains("status") && session.getInt("status") == expected;
		(ok ? timing.ok : timing.errors).incrementAndGet();
		return session.remove("status").remove("rt");
	}

	/**
	 * Writes every timing recorded so far to {@code results/<file>.json}, and forgets
	 * them.
	 */
	static void write(String file) {
		StringJoiner requests = new StringJoiner(",\n  ", "{\n  ", "\n}\n");
		TIMINGS.keySet().removeIf((name) -> name.startsWith(WARM_UP));
		new TreeMap<>(TIMINGS).forEach((name, timing) -> {
			double seconds = Math.max(0.001, (timing.last.get() - timing.first.get()) / 1000.0);
			long count = timing.ok.get() + timing.errors.get();
			requests.add(String.format(Locale.ROOT,
					"\"%s\": {\"count\": %d, \"errors\": %d, \"perSecond\": %.1f, \"p50\": %.2f, \"p95\": %.2f, "
							+ "\"p99\": %.2f, \"max\": %.2f}",
					name, count, timing.errors.get(), count / seconds, millis(timing, 50), millis(timing, 95),
					millis(timing, 99), timing.latencies.getMaxValue() / 1000.0));
		});
		TIMINGS.clear();
		try {
			Files.createDirectories(Bench.RESULTS);
			Files.writeString(Bench.RESULTS.resolve(file + ".json"), requests.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static double millis(Timing timing, double percentile) {
		return timing.latencies.getValueAtPercentile(percentile) / 1000.0;
	}

	private static final class Timing {

		final ConcurrentHistogram latencies = new ConcurrentHistogram(3);

		final AtomicLong ok = new AtomicLong();

		final AtomicLong errors = new AtomicLong();

		final AtomicLong first = new AtomicLong();

		final AtomicLong last = new AtomicLong();

	}

}
