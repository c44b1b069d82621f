package io.polyshop.local;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * Gets access tokens from the local issuer the way a real client does, so that the
 * services are only ever called with tokens the issuer would really issue.
 * <ul>
 * <li>A user's token: the authorization code flow with PKCE, as the storefront (a public
 * client) would run it: authorize, log in through the form, follow the redirects to the
 * code, exchange it with the verifier.</li>
 * <li>A service's token: the client credentials grant with the client's secret.</li>
 * </ul>
 */
public final class TokenClient {

	/**
	 * Registered on the issuer for the storefront; nothing listens there: the code is
	 * read from the redirect.
	 */
	static final String REDIRECT_URI = "http://127.0.0.1/callback";

	static final String STOREFRONT = "storefront";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final URI issuer;

	public TokenClient(URI issuer) {
		this.issuer = issuer;
	}

	/**
	 * A user's access token, by the authorization code flow with PKCE.
	 * @param scopes space-separated, such as {@code "openid catalog:write"}
	 */
	public String userToken(String user, String password, String scopes) {
		HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		String verifier = randomUrlSafe(32);
		String state = randomUrlSafe(16);
		URI authorize = this.issuer.resolve("/oauth2/authorize?" + form(
				Map.of("response_type", "code", "client_id", STOREFRONT, "redirect_uri", REDIRECT_URI, "scope", scopes,
						"state", state, "code_challenge", challenge(verifier), "code_challenge_method", "S256")));
		HttpResponse<String> response = send(http, get(authorize));
		response = followToLogin(http, response);
		Matcher csrf = CSRF.matcher(response.body());
		if (!csrf.find()) {
			throw new IllegalStateException("The issuer's login page has no CSRF token: " + this.issuer);
		}
		response = send(http, post(this.issuer.resolve("/login"),
				form(Map.of("username", user, "password", password, "_csrf", csrf.group(1))), null));
		String location = location(response);
		if (location.contains("/login?error")) {
			throw new IllegalArgumentException("The issuer refused the password of " + user);
		}
		// Back to the authorization request, which now redirects to the client with a
		// code.
		for (int hops = 0; !location.startsWith(REDIRECT_URI) && hops < 5; hops++) {
			response = send(http, get(this.issuer.resolve(location)));
			location = location(response);
		}
		Map<String, String> callback = query(URI.create(location));
		String code = callback.get("code");
		if (!state.equals(callback.get("state")) || code == null) {
			throw new IllegalStateException("The issuer did not return a code: " + location);
		}
		HttpResponse<String> token = send(http,
				post(this.issuer.resolve("/oauth2/token"), form(Map.of("grant_type", "authorization_code", "code", code,
						"redirect_uri", REDIRECT_URI, "client_id", STOREFRONT, "code_verifier", verifier)), null));
		return accessToken(token);
	}

	/** A service's access token, by the client credentials grant. */
	public String clientToken(String clientId, String secret, String scope) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		String basic = Base64.getEncoder()
			.encodeToString((encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> token = send(http, post(this.issuer.resolve("/oauth2/token"),
				form(Map.of("grant_type", "client_credentials", "scope", scope)), "Basic " + basic));
		return accessToken(token);
	}

	private HttpResponse<String> followToLogin(HttpClient http, HttpResponse<String> response) {
		HttpResponse<String> current = response;
		for (int hops = 0; current.statusCode() / 100 == 3 && hops < 5; hops++) {
			current = send(http, get(this.issuer.resolve(location(current))));
		}
		if (current.statusCode() != 200) {
			throw new IllegalStateException("The issuer answered the authorization request with " + current.statusCode()
					+ ": " + current.body());
		}
		return current;
	}

	private static String accessToken(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"The token endpoint answered " + response.statusCode() + ": " + response.body());
		}
		try {
			JsonNode token = JSON.readTree(response.body());
			return token.path("access_token").asText();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The token endpoint's answer is not JSON", ex);
		}
	}

	private static String location(HttpResponse<String> response) {
		return response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new IllegalStateException(
					"Expected a redirect, got " + response.statusCode() + ": " + response.body()));
	}

	private static HttpRequest get(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
	}

	private static HttpRequest post(URI uri, String form, @Nullable String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return request.build();
	}

	private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("The issuer at " + request.uri().resolve("/") + " did not answer: "
					+ ex.getMessage() + " (is the stack up? ./polyshop up)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static String form(Map<String, String> fields) {
		return new LinkedHashMap<>(fields).entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> values = new LinkedHashMap<>();
		String query = uri.getRawQuery();
		if (query != null) {
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					values.put(pair.substring(0, equals),
							java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return values;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String randomUrlSafe(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
