package io.polyshop.defaults.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * A token's scopes as {@code SCOPE_<scope>} authorities, whichever issuer wrote them. The
 * local issuer writes {@code catalog:write}; Cognito writes a resource server's scopes
 * with its identifier in front ({@code polyshop/catalog:write}), which
 * {@code scopePrefix} removes. Cognito cannot give a scope to some users only, so the
 * members of a group ({@code cognito:groups}) may be granted scopes by name
 * ({@code groupScopes}).
 */
final class ScopeAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

	private static final String SCOPE = "SCOPE_";

	private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();

	private final String scopePrefix;

	private final String groupsClaim;

	private final Map<String, List<String>> groupScopes;

	ScopeAuthorities(String scopePrefix, String groupsClaim, Map<String, List<String>> groupScopes) {
		this.scopePrefix = scopePrefix;
		this.groupsClaim = groupsClaim;
		this.groupScopes = Map.copyOf(groupScopes);
	}

	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		for (GrantedAuthority authority : this.scopes.convert(jwt)) {
			String name = authority.getAuthority();
			if (!this.scopePrefix.isEmpty() && name != null && name.startsWith(SCOPE + this.scopePrefix)) {
				authorities.add(
						new SimpleGrantedAuthority(SCOPE + name.substring(SCOPE.length() + this.scopePrefix.length())));
			}
			else {
				authorities.add(authority);
			}
		}
		@Nullable List<String> groups = this.groupScopes.isEmpty() ? null : jwt.getClaimAsStringList(this.groupsClaim);
		if (groups != null) {
			for (String group : groups) {
				for (String scope : this.groupScopes.getOrDefault(group, List.of())) {
					authorities.add(new SimpleGrantedAuthority(SCOPE + scope));
				}
			}
		}
		return authorities;
	}

}
