package io.polyshop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * Catalogue reads, one phase after the other, each named so that the report keeps them
 * apart:
 * <ol>
 * <li>a warm-up, not measured: the same reads at maximum throughput;</li>
 * <li>cached reads of Zipf-drawn SKUs at a fixed arrival rate;</li>
 * <li>the same at maximum throughput (a fixed number of requests in flight);</li>
 * <li>the framework floor: the same service's {@code /ping}, which touches no store, at
 * maximum throughput;</li>
 * <li>uncached reads at maximum throughput, against a second catalog-service with the
 * cache switched off (when {@code bench.catalogUncached} is set).</li>
 * </ol>
 * The cache hit ratio of the cached phases is read from the service's own metrics and
 * written to {@code results/browse-cache.json}.
 */
public class BrowseSimulation extends Simulation {

	/** Requests in flight in the max-throughput phases. */
	static final int IN_FLIGHT = 16;

	static final double RATE = Bench.QUICK ? 100 : 300;

	private final double hitsBefore = Bench.cacheRequests("hit");

	private final double missesBefore = Bench.cacheRequests("miss");

	{
		List<String> skus = Bench.allSkus();
		HttpProtocolBuilder catalog = http.baseUrl(Bench.CATALOG).acceptHeader("application/json");
		String fixedName = "cached GET product, " + (int) RATE + "/s";
		PopulationBuilder fixed = scenario("browse: cached, fixed rate")
			.exec(feed(Bench.zipfSkus(skus, 1)), Timings.timed(fixedName, http(fixedName).get("/products/#{sku}"), 200))
			.injectOpen(constantUsersPerSec(RATE).during(Bench.PHASE))
			.protocols(catalog);
		PopulationBuilder max = scenario("browse: cached, max")
			.exec(feed(Bench.zipfSkus(skus, 2)),
					Timings.timed("cached GET product, max", http("cached GET product, max").get("/products/#{sku}"),
							200))
			.injectClosed(constantConcurrentUsers(IN_FLIGHT).during(Bench.PHASE))
			.protocols(catalog);
		PopulationBuilder floor = scenario("framework floor")
			.exec(Timings.timed("GET /ping, max", http("GET /ping, max").get("/ping"), 200))
			.injectClosed(constantConcurrentUsers(IN_FLIGHT).during(Bench.PHASE))
			.protocols(catalog);
		List<PopulationBuilder> next = new ArrayList<>(List.of(fixed, max, floor));
		if (!Bench.CATALOG_UNCACHED.isEmpty()) {
			next.add(scenario("browse: uncached, max")
				.exec(feed(Bench.zipfSkus(skus, 3)),
						Timings.timed("uncached GET product, max",
								http("uncached GET product, max").get("/products/#{sku}"), 200))
				.injectClosed(constantConcurrentUsers(IN_FLIGHT).during(Bench.PHASE))
				.protocols(http.baseUrl(Bench.CATALOG_UNCACHED).acceptHeader("application/json")));
		}
		PopulationBuilder warmUp = scenario("browse: warm-up")
			.exec(feed(Bench.zipfSkus(skus, 4)), http("warm-up GET product").get("/products/#{sku}"))
			.injectClosed(constantConcurrentUsers(IN_FLIGHT).during(Bench.WARM_UP))
			.protocols(catalog);
		PopulationBuilder chain = warmUp;
		for (PopulationBuilder phase : next) {
			chain = chain.andThen(phase);
		}
		setUp(chain);
	}

	@Override
	public void after() {
		Timings.write("browse");
		double hits = Bench.cacheRequests("hit") - this.hitsBefore;
		double misses = Bench.cacheRequests("miss") - this.missesBefore;
		String json = String.format(Locale.ROOT, "{\"hits\": %.0f, \"misses\": %.0f, \"hitRatio\": %.4f}%n", hits,
				misses, hits / Math.max(1, hits + misses));
		try {
			Files.createDirectories(Bench.RESULTS);
			Files.writeString(Bench.RESULTS.resolve("browse-cache.json"), json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
