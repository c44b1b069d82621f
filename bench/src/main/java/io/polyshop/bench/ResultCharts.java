package io.polyshop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The charts of {@code docs/benchmarks.md}, drawn from a results file alone: after a run
 * of {@code ./polyshop bench}, or again later from a kept {@code results.json}: <pre>
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.polyshop.bench.ResultCharts bench/results/results.json
 * </pre> The PNGs are written next to the file.
 */
public final class ResultCharts {

	private ResultCharts() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			System.err.println("usage: ResultCharts path/to/results.json");
			System.exit(2);
		}
		draw(Path.of(args[0]));
	}

	static void draw(Path resultsFile) throws IOException {
		JsonNode results = JsonMapper.shared().readTree(Files.readString(resultsFile));
		Path into = resultsFile.toAbsolutePath().getParent();
		JsonNode browse = results.path("http").path("browse");
		JsonNode shop = results.path("http").path("shop");

		LinkedHashMap<String, Double> throughput = new LinkedHashMap<>();
		throughput.put("Redis GET (Lettuce, raw)",
				results.path("floors").path("redisGet").path("perSecond").asDouble());
		throughput.put("PostgreSQL point query (JDBC, raw)",
				results.path("floors").path("postgresPointQuery").path("perSecond").asDouble());
		throughput.put("GET /ping (framework floor)", browse.path("GET /ping, max").path("perSecond").asDouble());
		throughput.put("GET product, cached", browse.path("cached GET product, max").path("perSecond").asDouble());
		throughput.put("GET product, uncached", browse.path("uncached GET product, max").path("perSecond").asDouble());
		Charts.bars(into.resolve("throughput.png"), "Catalogue reads, 16 in flight: requests per second", throughput,
				"/s");

		LinkedHashMap<String, Double> latency = new LinkedHashMap<>();
		browse.properties().forEach((entry) -> latency.put(entry.getKey(), entry.getValue().path("p99").asDouble()));
		shop.properties()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("checkout /"))
			.forEach((entry) -> latency.put(entry.getKey(), entry.getValue().path("p99").asDouble()));
		latency.put("projection lag", results.path("projectionLagMillis").path("p99Millis").asDouble());
		Charts.bars(into.resolve("p99.png"), "p99 latency", latency, "ms");

		JsonNode warehouse = results.path("warehouse");
		LinkedHashMap<String, Double> load = new LinkedHashMap<>();
		load.put("raw COPY (out of orders, into the warehouse)",
				warehouse.path("copiedRows").asDouble() / warehouse.path("copySeconds").asDouble());
		load.put("load-sales (extract, stage, merge)",
				warehouse.path("rows").asDouble() / warehouse.path("jobSeconds").asDouble());
		Charts.bars(into.resolve("warehouse.png"), "Warehouse load: rows per second", load, "rows/s");

		LinkedHashMap<String, Double> startup = new LinkedHashMap<>();
		LinkedHashMap<String, Double> reads = new LinkedHashMap<>();
		for (JsonNode setting : results.path("jvmSettings")) {
			startup.put(setting.path("name").asString(), setting.path("startupSeconds").asDouble());
			reads.put(setting.path("name").asString(), setting.path("readsPerSecond").asDouble());
		}
		Charts.bars(into.resolve("jvm-startup.png"), "catalog-service start-up by JVM setting", startup, "s");
		Charts.bars(into.resolve("jvm-throughput.png"), "catalog-service cached reads by JVM setting", reads, "/s");
	}

}
