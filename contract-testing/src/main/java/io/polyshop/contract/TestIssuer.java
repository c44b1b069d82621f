package io.polyshop.contract;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * An issuer for the services' tests: an RSA key whose public half is served as a JWKS
 * over real HTTP, and tokens signed with it, so that the services validate them exactly
 * as they validate the real issuer's (signature from the JWKS, issuer, audience, expiry).
 * It also makes the tokens an attacker would try: signed by another key, expired, from
 * another issuer, for another audience, unsigned ({@code alg: none}), and HMAC-signed
 * with the public key as the secret (key confusion).
 */
public final class TestIssuer {

	private static final TestIssuer SHARED = new TestIssuer();

	private final RSAKey key = rsaKey("test-key");

	private final RSAKey otherKey = rsaKey("test-key");

	private final URI issuer;

	private final String clientSecret = UUID.randomUUID().toString();

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private TestIssuer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			String jwks = new JWKSet(this.key.toPublicJWK()).toString();
			server.createContext("/oauth2/jwks", (exchange) -> respond(exchange, 200, jwks));
			server.createContext("/oauth2/token", this::token);
			server.start();
			this.issuer = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One issuer per test JVM, shared by every Spring context and fuzz test in it. */
	public static TestIssuer shared() {
		return SHARED;
	}

	public URI issuer() {
		return this.issuer;
	}

	/**
	 * The properties that make a service trust this issuer, and session-service get its
	 * client-credentials token from it.
	 */
	public Map<String, String> properties() {
		return Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", this.issuer.toString(),
				"spring.security.oauth2.resourceserver.jwt.jwk-set-uri", this.issuer + "/oauth2/jwks",
				"spring.security.oauth2.client.provider.polyshop.token-uri", this.issuer + "/oauth2/token",
				"spring.security.oauth2.client.registration.orders.client-secret", this.clientSecret);
	}

	/** How many tokens the client-credentials grant has issued so far. */
	public int tokenRequests() {
		return this.tokenRequests.get();
	}

	/** The claims of a token this issuer signed, or empty for any other string. */
	public Optional<JWTClaimsSet> verify(String token) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			return jwt.verify(new RSASSAVerifier(this.key.toRSAPublicKey())) ? Optional.of(jwt.getJWTClaimsSet())
					: Optional.empty();
		}
		catch (ParseException | JOSEException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The client-credentials grant, as a real issuer answers it: session-service with its
	 * secret (client_secret_basic) gets a token with the scopes it asked for.
	 */
	private void token(HttpExchange exchange) throws IOException {
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString(("session-service:" + this.clientSecret).getBytes(StandardCharsets.UTF_8));
		String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		if (!"POST".equals(exchange.getRequestMethod())
				|| !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
				|| !form.contains("grant_type=client_credentials")) {
			respond(exchange, 401, "{\"error\": \"invalid_client\"}");
			return;
		}
		String[] scopes = Arrays.stream(form.split("&"))
			.filter((pair) -> pair.startsWith("scope="))
			.map((pair) -> URLDecoder.decode(pair.substring("scope=".length()), StandardCharsets.UTF_8))
			.flatMap((scope) -> Arrays.stream(scope.split(" ")))
			.toArray(String[]::new);
		this.tokenRequests.incrementAndGet();
		respond(exchange, 200, "{\"access_token\": \"%s\", \"token_type\": \"Bearer\", \"expires_in\": 300}"
			.formatted(client("session-service", scopes)));
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** A storefront user's token (aud {@code storefront}), valid for five minutes. */
	public String user(String subject, String... scopes) {
		return sign(this.key, JWSAlgorithm.RS256, claims(subject, "storefront", scopes).build());
	}

	/** A service's client-credentials token (sub and aud = the client id). */
	public String client(String clientId, String... scopes) {
		return sign(this.key, JWSAlgorithm.RS256, claims(clientId, clientId, scopes).build());
	}

	/** The tokens an attacker would try, each for {@code subject} with {@code scopes}. */
	public Map<String, String> forgeries(String subject, String... scopes) {
		JWTClaimsSet valid = claims(subject, "storefront", scopes).build();
		Instant past = Instant.now().minus(Duration.ofHours(1));
		return Map.of("signed by another key", sign(this.otherKey, JWSAlgorithm.RS256, valid), "expired",
				sign(this.key, JWSAlgorithm.RS256,
						claims(subject, "storefront", scopes).issueTime(Date.from(past.minusSeconds(300)))
							.expirationTime(Date.from(past))
							.build()),
				"from another issuer",
				sign(this.key, JWSAlgorithm.RS256,
						claims(subject, "storefront", scopes).issuer("https://evil.example").build()),
				"for another audience",
				sign(this.key, JWSAlgorithm.RS256, claims(subject, "another-app", scopes).build()), "alg none",
				unsigned(valid), "HMAC with the public key as secret (key confusion)", keyConfusion(valid));
	}

	private JWTClaimsSet.Builder claims(String subject, String audience, String... scopes) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(this.issuer.toString())
			.subject(subject)
			.audience(audience)
			.claim("scope", List.of(scopes))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(UUID.randomUUID().toString());
	}

	private static String sign(RSAKey key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String unsigned(JWTClaimsSet claims) {
		String header = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
		String payload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
		return header + "." + payload + ".";
	}

	/** The classic: HS256 with the issuer's public key bytes as the HMAC secret. */
	private String keyConfusion(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(this.key.getKeyID()).build(),
					claims);
			jwt.sign(new MACSigner(this.key.toRSAPublicKey().getEncoded()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey rsaKey(String id) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(id)
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Makes the application of the tests that import it trust the shared test issuer. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		DynamicPropertyRegistrar trustTheTestIssuer() {
			return (registry) -> shared().properties().forEach((name, value) -> registry.add(name, () -> value));
		}

	}

}
