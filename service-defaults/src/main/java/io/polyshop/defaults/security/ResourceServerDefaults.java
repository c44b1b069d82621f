package io.polyshop.defaults.security;

import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationPredicate;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every service an OAuth2 resource server. Tokens are JWTs checked against the issuer's
 * JWKS ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, and
 * {@code jwk-set-uri} where the service reaches the issuer under another name): signature
 * with RS256 only, so neither {@code alg: none} nor a key-confusion HMAC passes; issuer;
 * expiry with a 60 s skew; audience ({@link AudienceValidator}). Rules: liveness and
 * readiness ({@code /livez}, {@code /readyz}, without details), the OpenAPI documents and
 * Swagger UI are public; the management port (the rest of Actuator) is open to whoever
 * can reach it, which is only this machine or the private network; then the service's
 * {@link AccessRules}; anything else is denied. No session, no cookie, so no CSRF; CORS
 * is off unless a service configures it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(BearerTokenAuthenticationToken.class)
@EnableConfigurationProperties(ResourceServerDefaults.SecurityProperties.class)
@Import(SecurityProblemsAdvice.class)
public class ResourceServerDefaults {

	/** Public on every service. */
	static final String[] PUBLIC_GETS = { "/livez", "/readyz", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
			"/swagger-ui.html", "/swagger-ui/**" };

	/**
	 * Built when first used, from properties read when the bean is created (so a test may
	 * register its issuer late): the JWKS at {@code jwk-set-uri}, or found through the
	 * issuer's discovery document. Only RS256 is accepted, whatever the token's header
	 * says.
	 */
	@Bean
	@ConditionalOnMissingBean(JwtDecoder.class)
	JwtDecoder polyshopJwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer,
			@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri,
			SecurityProperties properties) {
		if (issuer.isBlank()) {
			throw new IllegalStateException("Set spring.security.oauth2.resourceserver.jwt.issuer-uri "
					+ "(SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI): the issuer whose tokens this service trusts");
		}
		OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(issuer), new AudienceValidator(properties.audiences()));
		return new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder decoder = jwkSetUri.isBlank()
					? NimbusJwtDecoder.withIssuerLocation(issuer).jwsAlgorithm(SignatureAlgorithm.RS256).build()
					: NimbusJwtDecoder.withJwkSetUri(jwkSetUri).jwsAlgorithm(SignatureAlgorithm.RS256).build();
			decoder.setJwtValidator(validator);
			return decoder;
		});
	}

	/**
	 * Spring Security's own observations off: one for the filter chain before and after
	 * the request, and one per authentication and authorization, on every request. They
	 * cost 75 to 115 µs of CPU per request (catalog-service's {@code GET /ping} went from
	 * 9,100 to 15,800 requests/s without them; see docs/benchmarks.md), more than a
	 * cached product read itself, and tell nothing the request's own observation
	 * ({@code http.server.requests}, its timer and span) does not: a 401 or 403 is in its
	 * status.
	 */
	@Bean
	ObservationPredicate noSpringSecurityObservations() {
		return (name, context) -> !name.startsWith("spring.security.");
	}

	/** Controllers declare a {@link Caller} parameter to learn who calls. */
	@Bean
	WebMvcConfigurer callerArgument() {
		return new WebMvcConfigurer() {

			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerArgumentResolver());
			}

		};
	}

	/** The firewall's refusals as 400 problems (see {@link ProblemSecurityHandlers}). */
	@Bean
	RequestRejectedHandler problemOnRejectedRequest(JsonMapper json) {
		return new ProblemSecurityHandlers(json);
	}

	@Bean
	SecurityFilterChain polyshopApi(HttpSecurity http, ObjectProvider<AccessRules> rules, JsonMapper json,
			SecurityProperties properties, @Value("${management.server.port:-1}") int managementPort,
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer,
			@Value("${spring.application.name:}") String name) throws Exception {
		JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
		authentication.setJwtGrantedAuthoritiesConverter(
				new ScopeAuthorities(properties.scopePrefix(), properties.groupsClaim(), properties.groupScopes()));
		ProblemSecurityHandlers problems = new ProblemSecurityHandlers(json);
		http.csrf(AbstractHttpConfigurer::disable)
			.cors(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers(HttpMethod.GET, PUBLIC_GETS).permitAll();
				// The management port (metrics, full health) is bound to loopback or the
				// private network: what reaches it is not from the public side.
				if (managementPort > 0) {
					requests.requestMatchers((request) -> request.getLocalPort() == managementPort).permitAll();
				}
				// Errors forwarded by the container render as problems, whoever asked.
				requests.requestMatchers("/error").permitAll();
				rules.orderedStream().forEach((service) -> service.configure(requests));
				requests.anyRequest().denyAll();
			})
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.jwt((jwt) -> jwt.jwtAuthenticationConverter(authentication))
						.authenticationEntryPoint(problems)
						.accessDeniedHandler(problems)
						// The metadata a 401's challenge points at (RFC 9728): where to
						// get a token.
						.protectedResourceMetadata((metadata) -> metadata
							.protectedResourceMetadataCustomizer((resource) -> resource.authorizationServer(issuer)
								.resourceName(name)
								.tlsClientCertificateBoundAccessTokens(false))))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	/**
	 * @param audiences the clients whose tokens this API accepts: a token's {@code aud}
	 * or, where the issuer puts none in access tokens (Cognito), its {@code client_id}
	 * @param scopePrefix what the issuer writes before each scope of this API (Cognito:
	 * its resource server's identifier and a slash, {@code polyshop/}); empty locally
	 * @param groupsClaim the claim that lists the groups a user belongs to
	 * @param groupScopes scopes granted to the members of a group (Cognito, which cannot
	 * grant a scope per user: {@code staff} → the staff scopes); none locally
	 */
	@ConfigurationProperties("polyshop.security")
	public record SecurityProperties(@DefaultValue( {
			"storefront", "session-service" }) List<String> audiences, @DefaultValue("") String scopePrefix,
			@DefaultValue("cognito:groups") String groupsClaim, @DefaultValue Map<String, List<String>> groupScopes){

	}

}
