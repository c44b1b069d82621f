package io.polyshop.defaults.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as the access rules saw it: the token's subject (a customer's id, or a
 * service's client id) and its scopes. A controller method declares a {@code Caller}
 * parameter to get it; only endpoints that require a token may do so.
 *
 * @param subject the token's {@code sub}
 * @param scopes the token's scopes, without the {@code SCOPE_} prefix of authorities
 */
public record Caller(String subject, Set<String> scopes) {

	private static final String SCOPE = "SCOPE_";

	public Caller {
		scopes = Set.copyOf(scopes);
	}

	public boolean has(String scope) {
		return this.scopes.contains(scope);
	}

	/** The caller behind an authenticated request. */
	static Caller of(@Nullable Authentication authentication) {
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			throw new IllegalStateException("Only an endpoint that requires a token knows its caller");
		}
		Set<String> scopes = token.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority != null && authority.startsWith(SCOPE))
			.map((authority) -> authority.substring(SCOPE.length()))
			.collect(Collectors.toUnmodifiableSet());
		return new Caller(token.getName(), scopes);
	}

}
