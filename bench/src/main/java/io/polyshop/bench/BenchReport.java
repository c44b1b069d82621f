package io.polyshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The second half of {@code ./polyshop bench}, after the Gatling simulations: measures
 * what is not an HTTP load (the projection lag, the Redis and PostgreSQL floors, start-up
 * and memory, the warehouse load), then puts every figure next to its target in a table,
 * in {@code results/results.json}, and in charts ({@code results/*.png}).
 *
 * <p>
 * System properties: {@code bench.results}, {@code bench.quick}, {@code bench.sessions},
 * {@code bench.staffToken}, {@code bench.redisPort}, {@code bench.catalogJdbcUrl},
 * {@code bench.logs}, {@code bench.hotSku}, {@code bench.tailSku},
 * {@code bench.analyticsJar}, {@code bench.postgres}, {@code bench.serviceFlags},
 * {@code bench.upLog}.
 */
public final class BenchReport {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private BenchReport() {
	}

	public static void main(String[] args) throws Exception {
		Path results = Path.of(System.getProperty("bench.results", "bench/results"));
		boolean quick = Boolean.getBoolean("bench.quick");
		Duration phase = Duration.ofSeconds(quick ? 5 : 20);
		JsonNode browse = read(results.resolve("browse.json"));
		JsonNode shop = read(results.resolve("shop.json"));
		JsonNode cache = read(results.resolve("browse-cache.json"));

		System.out.println("Measuring the projection lag, the floors, start-up and memory ...");
		Figures.Latency lag = ProjectionLag.measure(System.getProperty("bench.sessions", "http://localhost:8082"),
				System.getProperty("bench.staffToken"), System.getProperty("bench.tailSku"), quick ? 10 : 100);
		String hotSku = System.getProperty("bench.hotSku");
		Figures.Throughput redis = Floors.redisGet("127.0.0.1", Integer.getInteger("bench.redisPort", 16379),
				"catalog:product:v1:" + hotSku, 16, phase);
		Figures.Throughput postgres = Floors.postgresPointQuery(
				System.getProperty("bench.catalogJdbcUrl", "jdbc:postgresql://127.0.0.1:15432/catalog"), "catalog",
				"catalog", hotSku, 16, phase);
		List<Figures.Service> services = Services.measure(Path.of(System.getProperty("bench.logs", ".polyshop/logs")),
				List.of("catalog-service", "session-service", "orders-service"));

		// Before the warehouse load, whose million rows keep PostgreSQL busy (autovacuum)
		// for a while after it.
		System.out.println("Comparing JVM settings on catalog-service (one start each) ...");
		List<JvmSettings.Measured> jvm = JvmSettings.compare(
				Path.of(System.getProperty("bench.catalogJar", "catalog-service/target/catalog-service.jar")),
				results.resolve("jvm"),
				Stream.of(System.getProperty("bench.serviceFlags", "").split(" "))
					.filter((flag) -> !flag.isBlank())
					.toList(),
				hotSku, Duration.ofSeconds(quick ? 3 : 20), Duration.ofSeconds(quick ? 3 : 10), quick);

		System.out.println("Measuring the warehouse load ...");
		WarehouseLoad.Result warehouse = WarehouseLoad.measure(
				Path.of(System.getProperty("bench.analyticsJar", "analytics-job/target/analytics-job.jar")),
				System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:15432"), quick ? 30_000 : 1_000_000);

		double cached = perSecond(browse, "cached GET product, max");
		double uncached = perSecond(browse, "uncached GET product, max");
		double ping = perSecond(browse, "GET /ping, max");
		JsonNode checkout = shop.path("checkout / checkout: POST checkout");
		List<String[]> rows = new ArrayList<>();
		rows.add(row("cached GET vs framework floor (/ping)", ratio(cached, ping), "≥ 0.80",
				ratio(cached, ping) >= 0.8));
		rows.add(row("cached vs uncached GET throughput", ratio(cached, uncached), "≥ 3.0",
				ratio(cached, uncached) >= 3));
		rows.add(row("cache hit ratio (browse, Zipf s=1)", format(cache.path("hitRatio").asDouble() * 100) + " %",
				"≥ 95 %", cache.path("hitRatio").asDouble() >= 0.95));
		rows.add(row(
				"checkout p99 at " + format(checkout.path("perSecond").asDouble()) + "/s ("
						+ checkout.path("errors").asLong() + " errors)",
				format(checkout.path("p99").asDouble()) + " ms", "< 50 ms, 0 errors",
				checkout.path("p99").asDouble() < 50 && checkout.path("errors").asLong() == 0));
		rows.add(row("projection lag p50 / p99 (" + lag.samples() + " samples)",
				format(lag.p50Millis()) + " / " + format(lag.p99Millis()) + " ms", "p99 < 1000 ms",
				lag.p99Millis() < 1000));
		double loadRatio = warehouse.jobRowsPerSecond() / warehouse.copyRowsPerSecond();
		rows.add(row(
				String.format(Locale.ROOT, "load-sales %,d rows: %,.0f rows/s vs raw COPY %,.0f rows/s",
						warehouse.rows(), warehouse.jobRowsPerSecond(), warehouse.copyRowsPerSecond()),
				loadRatio, "≥ 0.70", loadRatio >= 0.7));
		rows.add(row("empty incremental load-sales (job / with JVM start)",
				format(warehouse.emptyRunSeconds()) + " / " + format(warehouse.emptyRunProcessSeconds()) + " s",
				"< 2 s", warehouse.emptyRunSeconds() < 2));
		for (Figures.Service service : services) {
			rows.add(row(service.name() + " start-up / RSS",
					format(service.startupSeconds()) + " s / " + format(service.rssMegabytes()) + " MB",
					"< 5 s / < 300 MB", service.startupSeconds() < 5 && service.rssMegabytes() < 300));
		}
		Optional<Double> stackReady = Services.stackReadySeconds(System.getProperty("bench.upLog", ""));
		printTable(browse, shop, redis, postgres, rows);
		System.out.println(stackReady
			.map((seconds) -> "./polyshop up: every service ready " + format(seconds) + " s after the launcher started")
			.orElse("./polyshop up: time to ready not measured (the stack was already running)"));
		System.out.println();
		System.out.printf(Locale.ROOT, "%-58s %12s %14s %10s%n", "catalog-service JVM setting", "start-up s",
				"cached reads/s", "RSS MB");
		for (JvmSettings.Measured setting : jvm) {
			System.out.printf(Locale.ROOT, "%-58s %12.2f %14.0f %10.0f%n", setting.name(), setting.startupSeconds(),
					setting.readsPerSecond(), setting.rssMegabytes());
		}

		Map<String, Object> all = new LinkedHashMap<>();
		all.put("at", Instant.now().toString());
		all.put("quick", quick);
		all.put("http", Map.of("browse", browse, "shop", shop));
		all.put("cache", cache);
		all.put("projectionLagMillis", lag);
		all.put("floors", Map.of("redisGet", redis, "postgresPointQuery", postgres));
		all.put("services", services);
		all.put("stackReadySeconds", stackReady.orElse(null));
		all.put("warehouse", warehouse);
		all.put("jvmSettings", jvm);
		all.put("targets",
				rows.stream()
					.map((row) -> Map.of("figure", row[0], "value", row[1], "target", row[2], "met", row[3]))
					.toList());
		Files.writeString(results.resolve("results.json"), JSON.writeValueAsString(all));

		ResultCharts.draw(results.resolve("results.json"));
		List<String> broken = new ArrayList<>();
		for (JsonNode requests : List.of(browse, shop)) {
			requests.properties()
				.stream()
				.filter((entry) -> entry.getValue().path("errors").asLong() >= entry.getValue().path("count").asLong())
				.forEach((entry) -> broken.add(entry.getKey()));
		}
		if (!broken.isEmpty()) {
			// Targets are goals; a request that never succeeds is a broken harness or
			// stack.
			System.err.println("bench: every request of these failed: " + broken);
			System.exit(1);
		}
		System.out.println("Results: " + results.resolve("results.json") + ", charts " + results.resolve("*.png")
				+ ", HTML reports under " + results.resolve("gatling"));
	}

	private static void printTable(JsonNode browse, JsonNode shop, Figures.Throughput redis,
			Figures.Throughput postgres, List<String[]> rows) {
		System.out.println();
		System.out.printf(Locale.ROOT, "%-58s %10s %9s %9s %9s %7s%n", "request", "per second", "p50 ms", "p95 ms",
				"p99 ms", "errors");
		for (JsonNode requests : List.of(browse, shop)) {
			requests.properties()
				.forEach((entry) -> System.out.printf(Locale.ROOT, "%-58s %10.1f %9.2f %9.2f %9.2f %7d%n",
						entry.getKey(), entry.getValue().path("perSecond").asDouble(),
						entry.getValue().path("p50").asDouble(), entry.getValue().path("p95").asDouble(),
						entry.getValue().path("p99").asDouble(), entry.getValue().path("errors").asLong()));
		}
		System.out.printf(Locale.ROOT, "%-58s %10.1f %9.3f %9s %9.3f %7d%n", "floor: Redis GET (Lettuce, 16 threads)",
				redis.perSecond(), redis.p50Millis(), "", redis.p99Millis(), 0);
		System.out.printf(Locale.ROOT, "%-58s %10.1f %9.3f %9s %9.3f %7d%n",
				"floor: PostgreSQL point query (JDBC, 16 connections)", postgres.perSecond(), postgres.p50Millis(), "",
				postgres.p99Millis(), 0);
		System.out.println();
		System.out.printf(Locale.ROOT, "%-58s %22s %18s %s%n", "figure", "measured", "target", "");
		for (String[] row : rows) {
			System.out.printf(Locale.ROOT, "%-58s %22s %18s %s%n", row[0], row[1], row[2],
					Boolean.parseBoolean(row[3]) ? "met" : "MISSED");
		}
	}

	private static String[] row(String figure, Object value, String target, boolean met) {
		String shown = (value instanceof Double number) ? format(number) + "×" : String.valueOf(value);
		return new String[] { figure, shown, target, Boolean.toString(met) };
	}

	private static double perSecond(JsonNode requests, String name) {
		return requests.path(name).path("perSecond").asDouble(Double.NaN);
	}

	private static double ratio(double a, double b) {
		return a / b;
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private static JsonNode read(Path file) throws IOException {
		if (!Files.exists(file)) {
			throw new IllegalStateException("No " + file + ": did the simulations run?");
		}
		return JSON.readTree(Files.readString(file));
	}

}
