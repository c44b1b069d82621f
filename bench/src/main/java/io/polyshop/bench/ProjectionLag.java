package io.polyshop.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * The projection lag as a client sees it: a product is put in a new cart, and the harness
 * polls the read model ({@code GET /insights/products/{sku}}, every 2 ms) until that add
 * shows; the time between the write's answer and the first read that shows it. One sample
 * at a time, so each add is the only one in flight for its product.
 */
final class ProjectionLag {

	private static final Pattern ADDS = Pattern.compile("\"adds\"\\s*:\\s*(\\d+)");

	private ProjectionLag() {
	}

	static Figures.Latency measure(String sessions, String staffToken, String sku, int samples) throws Exception {
		Histogram lags = new Histogram(3);
		for (int i = 0; i < samples; i++) {
			long before = adds(sessions, staffToken, sku);
			String session = Http.send("POST", sessions + "/sessions", "{\"currency\": \"USD\"}", null, 201);
			Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(session);
			if (!id.find()) {
				throw new IllegalStateException("no session id in " + session);
			}
			Http.send("PUT", sessions + "/sessions/" + id.group(1) + "/cart/" + sku, "{\"quantity\": 1}", null, 200);
			long written = System.nanoTime();
			long deadline = written + Duration.ofSeconds(30).toNanos();
			while (adds(sessions, staffToken, sku) <= before) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("the add of " + sku + " did not show within 30 s");
				}
				Thread.sleep(2);
			}
			lags.recordValue((System.nanoTime() - written) / 1_000);
		}
		return new Figures.Latency(samples, lags.getValueAtPercentile(50) / 1000.0,
				lags.getValueAtPercentile(99) / 1000.0, lags.getMaxValue() / 1000.0);
	}

	private static long adds(String sessions, String staffToken, String sku) throws Exception {
		HttpResponse<String> response = Http.CLIENT
			.send(HttpRequest.newBuilder(URI.create(sessions + "/insights/products/" + sku))
				.header("Authorization", "Bearer " + staffToken)
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 404) {
			return 0;
		}
		Matcher adds = ADDS.matcher(response.body());
		return adds.find() ? Long.parseLong(adds.group(1)) : 0;
	}

}
