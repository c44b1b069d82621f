package io.polyshop.defaults.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.polyshop.contract.RawHttp;
import io.polyshop.contract.TestIssuer;
import io.polyshop.defaults.security.AccessRules;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sample service with the shared resource-server defaults and rules of its own, over
 * real HTTP with tokens signed by {@link TestIssuer} and checked against its JWKS: who
 * gets in, what a refusal looks like, and that no forged token passes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = ResourceServerTests.SecuredService.class)
@ExtendWith(OutputCaptureExtension.class)
class ResourceServerTests {

	private static final TestIssuer ISSUER = TestIssuer.shared();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper json;

	@Test
	void withoutATokenAProtectedPathIsA401ProblemWithABearerChallenge() throws Exception {
		HttpResponse<String> response = get("/me", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
		JsonNode problem = problem(response);
		assertThat(problem.path("type").asString()).isEqualTo("urn:polyshop:problem:unauthorized");
		assertThat(problem.path("status").asInt()).isEqualTo(401);
	}

	/**
	 * The 401's challenge points at this service's metadata (RFC 9728), which names the
	 * issuer to get a token from: a client needs no token to read it.
	 */
	@Test
	void theProtectedResourceMetadataTheChallengePointsAtIsPublicAndNamesTheIssuer() throws Exception {
		String challenge = get("/me", null).headers().firstValue("WWW-Authenticate").orElseThrow();
		String metadata = challenge.replaceAll(".*resource_metadata=\"([^\"]+)\".*", "$1");
		assertThat(metadata).isEqualTo("http://localhost:" + this.port + "/.well-known/oauth-protected-resource");

		HttpResponse<String> response = get("/.well-known/oauth-protected-resource", null);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode resource = this.json.readTree(response.body());
		assertThat(resource.path("authorization_servers").toString()).as(response.body())
			.contains(ISSUER.issuer().toString());
		assertThat(resource.path("tls_client_certificate_bound_access_tokens").asBoolean()).isFalse();
	}

	@Test
	void aValidTokenGetsInAndTheSubjectIsTheCaller() throws Exception {
		HttpResponse<String> response = get("/me", ISSUER.user("alice"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("alice");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("Server")).as("no server name or version").isEmpty();
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((cacheControl) -> assertThat(cacheControl).contains("no-store"));
	}

	@Test
	void noForgedTokenGetsInAndNoneIsLogged(CapturedOutput output) throws Exception {
		for (Map.Entry<String, String> forgery : ISSUER.forgeries("alice", "catalog:write").entrySet()) {
			HttpResponse<String> response = get("/me", forgery.getValue());

			assertThat(response.statusCode()).as(forgery.getKey()).isEqualTo(401);
			assertThat(problem(response).path("type").asString()).as(forgery.getKey())
				.isEqualTo("urn:polyshop:problem:unauthorized");
			assertThat(response.body()).as(forgery.getKey()).doesNotContain(forgery.getValue());
			assertThat(output.getAll()).as(forgery.getKey()).doesNotContain(forgery.getValue());
		}
	}

	@Test
	void aTokenWithoutTheScopeIsA403ProblemAndOneWithItGetsIn() throws Exception {
		HttpResponse<String> refused = send(HttpMethod.POST, "/catalogue", ISSUER.user("alice"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(problem(refused).path("type").asString()).isEqualTo("urn:polyshop:problem:forbidden");

		assertThat(send(HttpMethod.POST, "/catalogue", ISSUER.user("ops", "catalog:write")).statusCode())
			.isEqualTo(200);
	}

	@Test
	void publicPathsNeedNoTokenAndUnlistedPathsAreDeniedEvenWithOne() throws Exception {
		assertThat(get("/open", null).statusCode()).isEqualTo(200);
		assertThat(get("/unlisted", ISSUER.user("ops", "catalog:write")).statusCode()).isEqualTo(403);
		assertThat(get("/unlisted", null).statusCode()).isEqualTo(401);
	}

	@Test
	void aHeaderTheFirewallRefusesIsA400ProblemThatDoesNotRepeatIt(CapturedOutput output) throws Exception {
		// UTF-8 bytes that Tomcat reads as ISO-8859-1, C1 control characters among them.
		RawHttp.Answer answer = new RawHttp(this.port).send("GET", "/precondition",
				Map.of("If-Match", "\u7679\u9f10\uac6e"), new byte[0]);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(this.json.readTree(answer.body()).path("type").asString())
			.isEqualTo("urn:polyshop:problem:invalid-input");
		assertThat(output.getAll()).doesNotContain("RequestRejectedException");
	}

	private HttpResponse<String> get(String path, @Nullable String token) throws Exception {
		return send(HttpMethod.GET, path, token);
	}

	private HttpResponse<String> send(HttpMethod method, String path, @Nullable String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method.name(), HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode problem(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		return this.json.readTree(response.body());
	}

	@SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	@Import(SampleController.class)
	static class SecuredService {

		@Bean
		AccessRules sampleRules() {
			return (requests) -> requests.requestMatchers(HttpMethod.GET, "/open", "/precondition")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/me")
				.authenticated()
				.requestMatchers(HttpMethod.POST, "/catalogue")
				.hasAuthority("SCOPE_catalog:write");
		}

		@Bean
		DynamicPropertyRegistrar trustTheTestIssuer() {
			return (registry) -> ISSUER.properties().forEach((name, value) -> registry.add(name, () -> value));
		}

	}

	@RestController
	static class SampleController {

		@GetMapping("/open")
		String open() {
			return "open";
		}

		@GetMapping("/me")
		String me(@AuthenticationPrincipal Jwt token) {
			return token.getSubject();
		}

		@GetMapping("/precondition")
		String precondition(@RequestHeader(HttpHeaders.IF_MATCH) String ifMatch) {
			return "read";
		}

		@GetMapping("/unlisted")
		String unlisted() {
			return "unlisted";
		}

		@PostMapping("/catalogue")
		String catalogue() {
			return "changed";
		}

	}

}
