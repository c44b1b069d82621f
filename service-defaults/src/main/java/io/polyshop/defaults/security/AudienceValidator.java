package io.polyshop.defaults.security;

import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token must be meant for PolyShop: one of its audiences, or, for issuers that put no
 * audience in access tokens (Cognito), its {@code client_id}, must be one of the
 * configured clients. A token the same issuer made for another application is refused.
 */
final class AudienceValidator implements OAuth2TokenValidator<Jwt> {

	private static final OAuth2Error WRONG_AUDIENCE = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token is not meant for this API", null);

	private final Set<String> audiences;

	AudienceValidator(List<String> audiences) {
		this.audiences = Set.copyOf(audiences);
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		List<String> audience = token.getAudience();
		String clientId = token.getClaimAsString("client_id");
		boolean meant = (audience != null && audience.stream().anyMatch(this.audiences::contains))
				|| (clientId != null && this.audiences.contains(clientId));
		return meant ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(WRONG_AUDIENCE);
	}

}
