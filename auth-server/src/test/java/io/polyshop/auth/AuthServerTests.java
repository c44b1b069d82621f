package io.polyshop.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.polyshop.local.TokenClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The issuer over real HTTP, driven by the same {@link TokenClient} as
 * {@code ./polyshop token}: the authorization code flow with PKCE for users, client
 * credentials for session-service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "polyshop.auth.users.alice.password=alice-test-password",
				"polyshop.auth.users.ops.password=ops-test-password",
				"POLYSHOP_AUTH_SESSION_SERVICE_SECRET=session-test-secret" })
class AuthServerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void aCustomerGetsASignedTokenWithoutStaffScopesWhateverTheClientAsks() {
		String token = client().userToken("alice", "alice-test-password", "openid catalog:write orders:fulfil");

		JsonNode header = part(token, 0);
		JsonNode claims = part(token, 1);
		assertThat(header.path("alg").asString()).isEqualTo("RS256");
		assertThat(claims.path("sub").asString()).isEqualTo("alice");
		assertThat(claims.path("iss").asString()).isEqualTo(issuer().toString());
		assertThat(claims.path("aud").toString()).contains("storefront");
		assertThat(claims.path("scope").toString()).doesNotContain("catalog:write", "orders:fulfil");
		assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(15 * 60);
	}

	@Test
	void staffGetTheStaffScopesTheyAskFor() {
		String token = client().userToken("ops", "ops-test-password", "openid catalog:write orders:fulfil");

		assertThat(part(token, 1).path("scope").toString()).contains("catalog:write", "orders:fulfil")
			.doesNotContain("insights:read");
	}

	@Test
	void aWrongPasswordOrAUserWithoutOneGetsNoToken() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client().userToken("alice", "not-her-password", "openid"));
		// bob has no password in this test: he cannot log in at all.
		assertThatIllegalArgumentException().isThrownBy(() -> client().userToken("bob", "", "openid"));
	}

	@Test
	void sessionServiceGetsAClientCredentialsTokenForPlacingOrdersOnly() {
		String token = client().clientToken("session-service", "session-test-secret", "orders:place");

		JsonNode claims = part(token, 1);
		assertThat(claims.path("sub").asString()).isEqualTo("session-service");
		assertThat(claims.path("scope").toString()).contains("orders:place");
		assertThatIllegalStateException()
			.isThrownBy(() -> client().clientToken("session-service", "session-test-secret", "catalog:write"));
		assertThatIllegalStateException()
			.isThrownBy(() -> client().clientToken("session-service", "wrong-secret", "orders:place"));
	}

	private TokenClient client() {
		return new TokenClient(issuer());
	}

	private URI issuer() {
		return URI.create("http://localhost:" + this.port);
	}

	private static JsonNode part(String jwt, int index) {
		return JSON
			.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
	}

}
