package io.polyshop.catalog.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.polyshop.catalog.CatalogIntegrationTest;
import io.polyshop.catalog.TestProducts;
import io.polyshop.contract.AccessAssertions;
import io.polyshop.contract.Endpoint;
import io.polyshop.contract.TestCaller;
import io.polyshop.contract.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the catalogue × every kind of caller: browsing is public, changing it
 * takes the staff scope {@code catalog:write}, and no forged, expired, foreign or
 * misaddressed token gets in anywhere. Tokens are signed by {@link TestIssuer} and
 * checked against its JWKS, as production checks the real issuer's.
 */
@CatalogIntegrationTest
class CatalogSecurityTests {

	private static final String SKU = TestProducts.uniqueSku();

	@Autowired
	MockMvcTester mvc;

	static Stream<Arguments> everyEndpointAndCaller() {
		List<Endpoint> endpoints = List.of(Endpoint.get("/products/" + SKU), Endpoint.get("/products?limit=1"),
				Endpoint.get("/ping"), Endpoint.post("/products/batch-get", "{\"skus\": [\"" + SKU + "\"]}"),
				Endpoint.put("/products/" + SKU, TestProducts.json("Guarded lamp", "home", "30.00")),
				Endpoint.put("/products/" + SKU + "/price", "{\"amount\": \"31.00\", \"currency\": \"USD\"}"),
				Endpoint.post("/products/" + SKU + "/deactivate", null),
				Endpoint.post("/products/" + SKU + "/activate", null));
		List<Arguments> rows = new ArrayList<>();
		for (Endpoint endpoint : endpoints) {
			for (TestCaller caller : TestCaller.values()) {
				rows.add(Arguments.of(endpoint, caller, expected(endpoint, caller)));
			}
		}
		return rows.stream();
	}

	private static int expected(Endpoint endpoint, TestCaller caller) {
		if (caller.forged()) {
			return 401;
		}
		if (endpoint.method() == HttpMethod.GET || endpoint.path().endsWith("/batch-get")) {
			return AccessAssertions.ALLOWED;
		}
		return switch (caller) {
			case ANONYMOUS -> 401;
			case OPS -> AccessAssertions.ALLOWED;
			default -> 403;
		};
	}

	@ParameterizedTest(name = "{0} by {1} → {2}")
	@MethodSource("everyEndpointAndCaller")
	void eachCallerGetsWhatItsTokenAllows(Endpoint endpoint, TestCaller caller, int expected) {
		ensureTheProductExists();
		MvcTestResult result = this.mvc.perform(caller.request(endpoint));

		AccessAssertions.assertAnswer(result, expected, endpoint + " by " + caller);
	}

	@Test
	void probesAreOpenToAnyone() {
		assertThat(this.mvc.get().uri("/readyz")).hasStatusOk();
		assertThat(this.mvc.get().uri("/livez")).hasStatusOk();
	}

	/** The product every row talks about, created by staff. */
	private void ensureTheProductExists() {
		if (this.mvc.get().uri("/products/{sku}", SKU).exchange().getResponse().getStatus() == 404) {
			assertThat(this.mvc.put()
				.uri("/products/{sku}", SKU)
				.header(HttpHeaders.AUTHORIZATION, TestProducts.staff())
				.contentType(MediaType.APPLICATION_JSON)
				.content(TestProducts.json("Guarded lamp", "home", "30.00"))).hasStatus2xxSuccessful();
		}
	}

}
