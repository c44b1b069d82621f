package io.polyshop.orders;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * catalog-service's {@code POST /products/batch-get}, simulated by WireMock (one server
 * per test JVM). It answers with a fixed catalogue whatever was asked; the client picks
 * out the SKUs it wanted, so SKUs not listed here are unknown.
 */
public final class CatalogStub {

	/** Active, USD. */
	public static final String KETTLE = "KTCH-00001";

	/** Active, USD, a price with cents. */
	public static final String MUG = "KTCH-00002";

	/** Inactive. */
	public static final String DISCONTINUED = "KTCH-00049";

	/** Priced in EUR. */
	public static final String EURO_ONLY = "KTCH-00077";

	/** The highest price the catalogue holds: 999 of it do not fit an order's total. */
	public static final String PRICELESS = "JWLR-00001";

	private static final String CATALOGUE = """
			{"products": [
			  {"sku": "KTCH-00001", "name": "Copperline Cast-Iron Skillet", "category": "kitchen",
			   "price": {"amount": "39.99", "currency": "USD"}, "active": true},
			  {"sku": "KTCH-00002", "name": "Hearth Ceramic Mug", "category": "kitchen",
			   "price": {"amount": "7.35", "currency": "USD"}, "active": true},
			  {"sku": "KTCH-00049", "name": "Saltbox Enamelled Saucepan", "category": "kitchen",
			   "price": {"amount": "55.00", "currency": "USD"}, "active": false},
			  {"sku": "KTCH-00077", "name": "Fennel Stainless Knife Set", "category": "kitchen",
			   "price": {"amount": "89.00", "currency": "EUR"}, "active": true},
			  {"sku": "JWLR-00001", "name": "Crown Jewels", "category": "jewellery",
			   "price": {"amount": "9999999999.99", "currency": "USD"}, "active": true}
			], "missing": []}""";

	private static final CatalogStub SHARED = new CatalogStub();

	private final WireMockServer server;

	private CatalogStub() {
		this.server = new WireMockServer(wireMockConfig().dynamicPort());
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

	/** The normal catalogue, answered at once. */
	public void answer() {
		this.server.resetAll();
		this.server.stubFor(post(urlEqualTo("/products/batch-get")).willReturn(catalogue()));
	}

	/** The normal catalogue, answered after a delay. */
	public void answerAfter(Duration delay) {
		this.server.resetAll();
		this.server.stubFor(
				post(urlEqualTo("/products/batch-get")).willReturn(catalogue().withFixedDelay((int) delay.toMillis())));
	}

	/** catalog-service is up but failing. */
	public void failWithServerError() {
		this.server.resetAll();
		this.server.stubFor(post(urlEqualTo("/products/batch-get")).willReturn(aResponse().withStatus(500)));
	}

	/** catalog-service drops the connection. */
	public void dropConnections() {
		this.server.resetAll();
		this.server.stubFor(post(urlEqualTo("/products/batch-get"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
	}

	public int batchGetCalls() {
		return this.server.countRequestsMatching(postRequestedFor(urlEqualTo("/products/batch-get")).build())
			.getCount();
	}

	public static String linesJson(List<String> skus, int quantity) {
		return skus.stream()
			.map((sku) -> "{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + "}")
			.collect(Collectors.joining(", ", "[", "]"));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder catalogue() {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(CATALOGUE);
	}

}
