package io.polyshop.catalog.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.polyshop.catalog.CatalogIntegrationTest;
import io.polyshop.catalog.TestProducts;
import io.polyshop.contract.TestIssuer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the catalogue × every kind of caller: browsing is public, changing it
 * takes the staff scope {@code catalog:write}, and no forged, expired, foreign or
 * misaddressed token gets in anywhere. Tokens are signed by {@link TestIssuer} and
 * checked against its JWKS, as production checks the real issuer's.
 */
@CatalogIntegrationTest
class CatalogSecurityTests {

	private static final TestIssuer ISSUER = TestIssuer.shared();

	private static final String SKU = TestProducts.uniqueSku();

	@Autowired
	MockMvcTester mvc;

	/** Who calls, and with which Authorization header (null: none). */
	enum Caller {

		ANONYMOUS(() -> null),

		ALICE(() -> bearer(ISSUER.user("alice", "openid"))),

		BOB(() -> bearer(ISSUER.user("bob", "openid"))),

		OPS(() -> bearer(ISSUER.user("ops", "openid", "catalog:write", "orders:fulfil", "insights:read"))),

		SESSION_SERVICE(() -> bearer(ISSUER.client("session-service", "orders:place"))),

		SIGNED_BY_ANOTHER_KEY(() -> forged("signed by another key")),

		EXPIRED(() -> forged("expired")),

		FROM_ANOTHER_ISSUER(() -> forged("from another issuer")),

		FOR_ANOTHER_AUDIENCE(() -> forged("for another audience")),

		UNSIGNED(() -> forged("alg none")),

		KEY_CONFUSION(() -> forged("HMAC with the public key as secret (key confusion)"));

		private final Supplier<@Nullable String> authorization;

		Caller(Supplier<@Nullable String> authorization) {
			this.authorization = authorization;
		}

		boolean forged() {
			return ordinal() >= SIGNED_BY_ANOTHER_KEY.ordinal();
		}

		/**
		 * With every scope there is: the forgery, not a missing scope, must be what
		 * fails.
		 */
		private static String forged(String kind) {
			Map<String, String> forgeries = ISSUER.forgeries("ops", "catalog:write", "orders:fulfil", "insights:read",
					"orders:place");
			return bearer(forgeries.get(kind));
		}

		private static String bearer(@Nullable String token) {
			return "Bearer " + token;
		}

	}

	/** An endpoint, with a request that is valid for it. */
	record Endpoint(HttpMethod method, String path, @Nullable String body, boolean writes) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	static Stream<Arguments> everyEndpointAndCaller() {
		List<Endpoint> endpoints = List.of(new Endpoint(HttpMethod.GET, "/products/" + SKU, null, false),
				new Endpoint(HttpMethod.GET, "/products?limit=1", null, false),
				new Endpoint(HttpMethod.POST, "/products/batch-get", "{\"skus\": [\"" + SKU + "\"]}", false),
				new Endpoint(HttpMethod.PUT, "/products/" + SKU, TestProducts.json("Guarded lamp", "home", "30.00"),
						true),
				new Endpoint(HttpMethod.PUT, "/products/" + SKU + "/price",
						"{\"amount\": \"31.00\", \"currency\": \"USD\"}", true),
				new Endpoint(HttpMethod.POST, "/products/" + SKU + "/deactivate", null, true),
				new Endpoint(HttpMethod.POST, "/products/" + SKU + "/activate", null, true));
		List<Arguments> rows = new ArrayList<>();
		for (Endpoint endpoint : endpoints) {
			for (Caller caller : Caller.values()) {
				rows.add(Arguments.of(endpoint, caller, expected(endpoint, caller)));
			}
		}
		return rows.stream();
	}

	private static int expected(Endpoint endpoint, Caller caller) {
		if (caller.forged()) {
			return 401;
		}
		if (!endpoint.writes()) {
			return 200;
		}
		return switch (caller) {
			case ANONYMOUS -> 401;
			case OPS -> 200;
			default -> 403;
		};
	}

	@ParameterizedTest(name = "{0} by {1} → {2}")
	@MethodSource("everyEndpointAndCaller")
	void eachCallerGetsWhatItsTokenAllows(Endpoint endpoint, Caller caller, int expected) {
		ensureTheProductExists();
		MvcTestResult result = this.mvc.perform(request(endpoint, caller.authorization.get()));

		int status = result.getResponse().getStatus();
		if (expected == 200) {
			assertThat(status).as("%s by %s", endpoint, caller).isBetween(200, 201);
			return;
		}
		assertThat(status).as("%s by %s", endpoint, caller).isEqualTo(expected);
		assertThat(result.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		if (expected == 401) {
			assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		}
	}

	@org.junit.jupiter.api.Test
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

	private static MockHttpServletRequestBuilder request(Endpoint endpoint, @Nullable String authorization) {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(endpoint.method(), endpoint.path());
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		if (endpoint.body() != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(endpoint.body());
		}
		return request;
	}

}
