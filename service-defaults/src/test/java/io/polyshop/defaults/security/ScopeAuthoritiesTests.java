package io.polyshop.defaults.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/** The same authorities from the local issuer's tokens and from Cognito's. */
class ScopeAuthoritiesTests {

	private static final Map<String, List<String>> STAFF = Map.of("staff",
			List.of("catalog:write", "orders:fulfil", "insights:read"));

	@Test
	void locallyScopesAreTakenAsTheyAre() {
		ScopeAuthorities local = new ScopeAuthorities("", "cognito:groups", Map.of());

		assertThat(names(local, token(List.of("openid", "catalog:write"), null)))
			.containsExactlyInAnyOrder("SCOPE_openid", "SCOPE_catalog:write");
	}

	@Test
	void cognitosResourceServerPrefixIsRemovedAndOnlyThat() {
		ScopeAuthorities cognito = new ScopeAuthorities("polyshop/", "cognito:groups", STAFF);

		assertThat(names(cognito, token(List.of("polyshop/orders:place", "otherapi/orders:fulfil"), null)))
			.containsExactlyInAnyOrder("SCOPE_orders:place", "SCOPE_otherapi/orders:fulfil");
	}

	@Test
	void staffScopesComeFromTheStaffGroupAndFromNoOtherGroup() {
		ScopeAuthorities cognito = new ScopeAuthorities("polyshop/", "cognito:groups", STAFF);

		assertThat(names(cognito, token(List.of("openid"), List.of("staff")))).containsExactlyInAnyOrder("SCOPE_openid",
				"SCOPE_catalog:write", "SCOPE_orders:fulfil", "SCOPE_insights:read");
		assertThat(names(cognito, token(List.of("openid"), List.of("customers", "Staff"))))
			.containsExactly("SCOPE_openid");
		assertThat(names(cognito, token(List.of("openid"), null))).containsExactly("SCOPE_openid");
	}

	private static Jwt token(List<String> scopes, List<String> groups) {
		Jwt.Builder token = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("someone")
			.claim("scope", String.join(" ", scopes));
		if (groups != null) {
			token.claim("cognito:groups", groups);
		}
		return token.build();
	}

	private static List<String> names(ScopeAuthorities authorities, Jwt token) {
		return authorities.convert(token).stream().map(GrantedAuthority::getAuthority).toList();
	}

}
