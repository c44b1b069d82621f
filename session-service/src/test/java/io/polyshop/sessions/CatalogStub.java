package io.polyshop.sessions;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * catalog-service's {@code GET /products/{sku}}, simulated by WireMock (one per test
 * JVM): every SKU exists, active, at 12.50 USD, named after itself; except SKUs starting
 * with {@code NOPE-} (404), {@code OFF-} (inactive) and {@code EUR-} (priced in EUR).
 */
public final class CatalogStub {

	private static final CatalogStub SHARED = new CatalogStub();

	private final WireMockServer server;

	private CatalogStub() {
		this.server = new WireMockServer(wireMockConfig().dynamicPort().globalTemplating(true));
		this.server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(this.server::stop, "stop-catalog-stub"));
		answer();
	}

	public static CatalogStub shared() {
		return SHARED;
	}

	public String baseUrl() {
		return this.server.baseUrl();
	}

	public void answer() {
		this.server.resetAll();
		this.server
			.stubFor(get(urlPathMatching("/products/([A-Z0-9-]+)")).atPriority(10).willReturn(product("USD", "true")));
		this.server.stubFor(get(urlPathMatching("/products/OFF-.*")).atPriority(1).willReturn(product("USD", "false")));
		this.server.stubFor(get(urlPathMatching("/products/EUR-.*")).atPriority(1).willReturn(product("EUR", "true")));
		this.server.stubFor(get(urlPathMatching("/products/NOPE-.*")).atPriority(1)
			.willReturn(aResponse().withStatus(404)
				.withHeader("Content-Type", "application/problem+json")
				.withBody("{\"status\": 404, \"title\": \"Product not found\"}")));
	}

	/** From now on the catalogue sells {@code sku} at {@code amount} USD. */
	public void price(String sku, String amount) {
		this.server.stubFor(get(urlPathMatching("/products/" + sku)).atPriority(0)
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
					{"sku": "%s", "name": "Product %s", "category": "tests",
					 "price": {"amount": "%s", "currency": "USD"}, "active": true}""".formatted(sku, sku, amount))));
	}

	/** catalog-service is down: every lookup fails. */
	public void failEverything() {
		this.server.resetAll();
		this.server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(aResponse().withStatus(503)));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder product(String currency,
			String active) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"sku": "{{request.pathSegments.[1]}}", "name": "Product {{request.pathSegments.[1]}}",
					 "category": "tests", "price": {"amount": "12.50", "currency": "%s"}, "active": %s}"""
				.formatted(currency, active));
	}

}
