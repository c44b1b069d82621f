package io.polyshop.defaults.sample;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.polyshop.defaults.problem.DependencyUnavailableException;
import io.polyshop.defaults.problem.InvalidInputException;
import io.polyshop.defaults.security.AccessRules;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sample service on the defaults (its own package, so that component scanning sees only
 * it, as a real service's does). Every error it can give, over real HTTP (Tomcat, so that
 * errors raised before Spring MVC reach {@code /error} as they would in production):
 * problem+json with a stable type, never the request echoed, never a stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = ProblemDetailsTests.TestService.class,
		// Never called: every path of this sample is public (see TestService).
		properties = { "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:9",
				"spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks" })
class ProblemDetailsTests {

	private static final String PROBLEM_JSON = "application/problem+json";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper json;

	@Test
	void anUnknownPathIsANotFoundProblem() throws Exception {
		HttpResponse<String> response = send(get("/nowhere-secret"));
		JsonNode problem = assertProblem(response, 404, "urn:polyshop:problem:not-found");
		// The path is the problem's "instance" (RFC 9457), never part of its detail.
		assertThat(problem.get("detail").asString()).doesNotContain("nowhere-secret");
	}

	@Test
	void aWrongMethodIsAProblemWithItsOwnType() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/things")).DELETE());
		assertProblem(response, 405, "urn:polyshop:problem:http-405");
	}

	@Test
	void aParameterOfTheWrongTypeIsInvalidInputNamedButNotEchoed() throws Exception {
		HttpResponse<String> response = send(get("/things?limit=secret-value"));
		JsonNode problem = assertProblem(response, 400, "urn:polyshop:problem:invalid-input");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("limit");
		assertThat(response.body()).doesNotContain("secret-value");
	}

	@Test
	void aMalformedQueryStringIsInvalidInputThatEchoesNothing() throws Exception {
		// No HTTP client sends this, so it goes over a plain socket.
		String response;
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream()
				.write(("GET /things?limit=%%%secret HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(response).startsWith("HTTP/1.1 400")
			.contains("application/problem+json")
			.contains("urn:polyshop:problem:invalid-input")
			.doesNotContain("secret");
	}

	@Test
	void anUnreadableBodyIsInvalidInputThatEchoesNothing() throws Exception {
		HttpResponse<String> response = send(post("/things", "{\"name\": \"a\", \"count\": \"secret-value\"}"));
		JsonNode problem = assertProblem(response, 400, "urn:polyshop:problem:invalid-input");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("count");
		assertThat(response.body()).doesNotContain("secret-value");
	}

	@Test
	void aBodyOverTheLimitIsA413WhetherDeclaredOrStreamed() throws Exception {
		String big = "{\"name\": \"" + "x".repeat(1_100_000) + "\", \"count\": 1}";
		assertProblem(send(post("/things", big)), 413, "urn:polyshop:problem:http-413");
		HttpRequest.Builder chunked = HttpRequest.newBuilder(uri("/things"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(
					() -> new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
		HttpResponse<String> response = send(chunked);
		assertProblem(response, 413, "urn:polyshop:problem:http-413");
		assertThat(response.body()).doesNotContain("xxxx");
	}

	@Test
	void headersOverTheLimitAreA431() throws Exception {
		HttpResponse<String> response = send(get("/things").header("X-Big", "y".repeat(9_000)));
		assertProblem(response, 431, "urn:polyshop:problem:http-431");
		assertThat(response.body()).doesNotContain("yyyy");
	}

	@Test
	void aTargetOverTheLimitIsA414() throws Exception {
		HttpResponse<String> response = send(get("/things?q=" + "z".repeat(9_000)));
		assertProblem(response, 414, "urn:polyshop:problem:http-414");
		assertThat(response.body()).doesNotContain("zzzz");
	}

	@Test
	void aHeadFarOverTheLimitIsAProblemFromTomcatItself() throws Exception {
		HttpResponse<String> response = send(get("/things").header("X-Big", "y".repeat(60_000)));
		assertProblem(response, 400, "urn:polyshop:problem:invalid-input");
		assertThat(response.body()).doesNotContain("yyyy");
	}

	@Test
	void anInvalidBodyNamesEachInvalidField() throws Exception {
		HttpResponse<String> response = send(post("/things", "{\"name\": \"\", \"count\": 1}"));
		JsonNode problem = assertProblem(response, 400, "urn:polyshop:problem:invalid-input");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("name");
	}

	@Test
	void invalidInputRaisedByAServiceNamesTheField() throws Exception {
		JsonNode problem = assertProblem(send(get("/things/invalid")), 400, "urn:polyshop:problem:invalid-input");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("colour");
	}

	@Test
	void jsonIsReadStrictly() throws Exception {
		for (String body : new String[] { "{\"name\": \"a\", \"name\": \"b\", \"count\": 1}",
				"{\"name\": \"a\", \"count\": 1} {}", "{\"name\": \"a\", \"count\": 2.5}",
				"{\"name\": \"a\", \"count\": \"2\"}", "{\"name\": 7, \"count\": 1}",
				"{\"name\": \"a\", \"count\": null}", "{\"name\": \"a\"}",
				"{\"name\": \"a\", \"count\": 1, \"extra\": true}" }) {
			assertProblem(send(post("/things", body)), 400, "urn:polyshop:problem:invalid-input");
		}
		assertThat(send(post("/things", "{\"name\": \"a\", \"count\": 2}")).statusCode()).isEqualTo(200);
	}

	@Test
	void aDependencyDownIsA503WithRetryAfter() throws Exception {
		HttpResponse<String> response = send(get("/things/peer-down"));
		JsonNode problem = assertProblem(response, 503, "urn:polyshop:problem:dependency-unavailable");
		assertThat(problem.get("title").asString()).isEqualTo("Peer unavailable");
		assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
	}

	@Test
	void aBugIsA500ThatSaysNothingOfItsCause() throws Exception {
		HttpResponse<String> response = send(get("/things/bug"));
		assertProblem(response, 500, "urn:polyshop:problem:internal-error");
		assertThat(response.body()).doesNotContain("secret-detail").doesNotContain("Exception");
	}

	@Test
	void anErrorRaisedBeforeSpringMvcIsAProblemToo() throws Exception {
		HttpResponse<String> response = send(get("/things").header("X-Reject", "please"));
		assertProblem(response, 431, "urn:polyshop:problem:http-431");
		assertThat(response.body()).doesNotContain("please");
	}

	private JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith(PROBLEM_JSON));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("type").asString()).isEqualTo(type);
		assertThat(problem.get("title").asString()).isNotBlank();
		return problem;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(uri(path)).GET();
	}

	private HttpRequest.Builder post(String path, String body) {
		return HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	@SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	@Import(ThingController.class)
	static class TestService {

		/** The errors here are what this test is about, not who may ask. */
		@Bean
		AccessRules everythingPublic() {
			return (requests) -> requests.requestMatchers("/**").permitAll();
		}

		/** Stands for the container refusing a request before any servlet runs. */
		@Bean
		OncePerRequestFilter rejectingFilter() {
			return new OncePerRequestFilter() {

				@Override
				protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
						FilterChain chain) throws ServletException, IOException {
					if (request.getHeader("X-Reject") != null) {
						response.sendError(431);
						return;
					}
					chain.doFilter(request, response);
				}

			};
		}

	}

	@RestController
	static class ThingController {

		@GetMapping("/things")
		String list(@RequestParam(defaultValue = "10") int limit) {
			return "[]";
		}

		@PostMapping("/things")
		String create(@Valid @RequestBody Thing thing) {
			return "{}";
		}

		@GetMapping("/things/invalid")
		String invalid() {
			throw new InvalidInputException("colour", "must be red or blue");
		}

		@GetMapping("/things/peer-down")
		String peerDown() {
			throw new DependencyUnavailableException("Peer unavailable", "Retry shortly", "peer timed out", null);
		}

		@GetMapping("/things/bug")
		String bug() {
			throw new IllegalStateException("secret-detail");
		}

	}

	record Thing(@NotBlank String name, int count) {
	}

}
