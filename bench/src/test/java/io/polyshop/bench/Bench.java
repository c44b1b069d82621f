package io.polyshop.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What every simulation shares: where the stack is, how long each phase runs
 * ({@code -Dbench.quick=true}: a smoke run of a few seconds a phase), the catalogue's
 * SKUs, and SKUs drawn from them with a Zipf distribution.
 */
final class Bench {

	static final boolean QUICK = Boolean.getBoolean("bench.quick");

	/** How long each measured phase runs. */
	static final Duration PHASE = Duration.ofSeconds(QUICK ? 5 : 45);

	/**
	 * How long the unmeasured warm-up before the measured phases runs: long enough for
	 * the JIT, the connection pools and the cache to settle (the first checkouts after a
	 * start took seconds; see docs/benchmarks.md).
	 */
	static final Duration WARM_UP = Duration.ofSeconds(QUICK ? 4 : 30);

	static final String CATALOG = System.getProperty("bench.catalog", "http://localhost:8081");

	/** A second catalog-service with the cache switched off; empty: not measured. */
	static final String CATALOG_UNCACHED = System.getProperty("bench.catalogUncached", "");

	static final String SESSIONS = System.getProperty("bench.sessions", "http://localhost:8082");

	static final String ORDERS = System.getProperty("bench.orders", "http://localhost:8083");

	static final String CATALOG_MANAGEMENT = System.getProperty("bench.catalogManagement", "http://localhost:8091");

	/** Where the results go (bench/results). */
	static final java.nio.file.Path RESULTS = java.nio.file.Path.of(System.getProperty("bench.results", "results"));

	/** A customer's access token: checkout and pay need one. */
	static final String CUSTOMER_TOKEN = System.getProperty("bench.customerToken", "");

	private static final Pattern SKU = Pattern.compile("\"sku\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern CURSOR = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"");

	private Bench() {
	}

	/** Every SKU of the catalogue, in listing order. */
	static List<String> allSkus() {
		List<String> skus = new ArrayList<>();
		String cursor = null;
		do {
			String page = get(CATALOG + "/products?limit=100" + ((cursor != null) ? "&cursor=" + cursor : ""));
			Matcher sku = SKU.matcher(page);
			while (sku.find()) {
				skus.add(sku.group(1));
			}
			Matcher next = CURSOR.matcher(page);
			cursor = next.find() ? next.group(1) : null;
		}
		while (cursor != null);
		if (skus.isEmpty()) {
			throw new IllegalStateException("The catalogue at " + CATALOG + " lists no product");
		}
		return skus;
	}

	/**
	 * An endless feeder of {@code sku}, drawn with a Zipf distribution ({@code s = 1})
	 * over the whole catalogue: rank {@code k} has weight {@code 1/k}. Ranks are given to
	 * SKUs in a fixed shuffled order, so the hot products are spread over categories.
	 */
	static Iterator<Map<String, Object>> zipfSkus(List<String> skus, long seed) {
		List<String> ranked = new ArrayList<>(skus);
		java.util.Collections.shuffle(ranked, new Random(7));
		double[] cumulative = new double[ranked.size()];
		double sum = 0;
		for (int k = 0; k < ranked.size(); k++) {
			sum += 1.0 / (k + 1);
			cumulative[k] = sum;
		}
		double total = sum;
		Random random = new Random(seed);
		return Stream.generate(() -> {
			int index = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * total);
			int rank = (index >= 0) ? index : -index - 1;
			return Map.<String, Object>of("sku", ranked.get(Math.min(rank, ranked.size() - 1)));
		}).iterator();
	}

	/** A value of the catalog's metric {@code catalog.cache.requests} for one result. */
	static double cacheRequests(String result) {
		String body = get(CATALOG_MANAGEMENT + "/actuator/metrics/catalog.cache.requests?tag=result:" + result);
		Matcher value = Pattern.compile("\"value\"\\s*:\\s*([0-9.E]+)").matcher(body);
		return value.find() ? Double.parseDouble(value.group(1)) : 0;
	}

	static String get(String url) {
		return Http.get(url);
	}

}
