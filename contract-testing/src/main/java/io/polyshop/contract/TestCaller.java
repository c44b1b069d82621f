package io.polyshop.contract;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Every kind of caller the security tests try, each with the Authorization header it
 * sends: nobody, the demo customers and staff, the session-service client, and the tokens
 * an attacker would forge. Tokens come from {@link TestIssuer#shared()}, which the
 * services under test trust as they trust the real issuer.
 */
public enum TestCaller {

	ANONYMOUS(() -> null),

	ALICE(() -> TestCaller.bearer(TestIssuer.shared().user("alice", "openid"))),

	BOB(() -> TestCaller.bearer(TestIssuer.shared().user("bob", "openid"))),

	/** Staff: change the catalogue, fulfil orders, read the insights. */
	OPS(() -> TestCaller
		.bearer(TestIssuer.shared().user("ops", "openid", "catalog:write", "orders:fulfil", "insights:read"))),

	SESSION_SERVICE(() -> TestCaller.bearer(TestIssuer.shared().client("session-service", "orders:place"))),

	SIGNED_BY_ANOTHER_KEY(() -> TestCaller.forged("signed by another key")),

	EXPIRED(() -> TestCaller.forged("expired")),

	FROM_ANOTHER_ISSUER(() -> TestCaller.forged("from another issuer")),

	FOR_ANOTHER_AUDIENCE(() -> TestCaller.forged("for another audience")),

	UNSIGNED(() -> TestCaller.forged("alg none")),

	KEY_CONFUSION(() -> TestCaller.forged("HMAC with the public key as secret (key confusion)"));

	private final Supplier<@Nullable String> authorization;

	TestCaller(Supplier<@Nullable String> authorization) {
		this.authorization = authorization;
	}

	/** A freshly signed header value, or null for no header. */
	public @Nullable String authorization() {
		return this.authorization.get();
	}

	/** Whether the token is one no real issuer would have issued to this API. */
	public boolean forged() {
		return ordinal() >= SIGNED_BY_ANOTHER_KEY.ordinal();
	}

	/** The endpoint's request, sent by this caller. */
	public MockHttpServletRequestBuilder request(Endpoint endpoint) {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(endpoint.method(), endpoint.path());
		String authorization = authorization();
		if (authorization != null) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		if (endpoint.body() != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(endpoint.body());
		}
		return request;
	}

	public static String bearer(String token) {
		return "Bearer " + token;
	}

	/**
	 * With every scope there is, as the staff user: the forgery, not a missing scope or a
	 * missing ownership, must be what fails.
	 */
	private static String forged(String kind) {
		Map<String, String> forgeries = TestIssuer.shared()
			.forgeries("ops", "catalog:write", "orders:fulfil", "insights:read", "orders:place");
		return bearer(Objects.requireNonNull(forgeries.get(kind), kind));
	}

}
