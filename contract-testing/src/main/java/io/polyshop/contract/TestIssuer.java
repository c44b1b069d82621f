package io.polyshop.contract;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

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

	private TestIssuer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			byte[] jwks = new JWKSet(this.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			server.createContext("/oauth2/jwks", (exchange) -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, jwks.length);
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(jwks);
				}
			});
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

	/** The properties that make a service trust this issuer. */
	public Map<String, String> properties() {
		return Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", this.issuer.toString(),
				"spring.security.oauth2.resourceserver.jwt.jwk-set-uri", this.issuer + "/oauth2/jwks");
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

}
