package io.polyshop.infra;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.ResourceServerScope;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.cognito.UserPoolGroupOptions;
import software.amazon.awscdk.services.cognito.UserPoolResourceServer;
import software.amazon.awscdk.services.cognito.UserPoolResourceServerOptions;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The issuer in AWS: a Cognito user pool, what {@code auth-server} is locally. Customers
 * sign up and sign in through the storefront's app client (authorization code with PKCE,
 * no secret). A resource server {@code polyshop} holds the API's scopes; Cognito writes
 * them into access tokens as {@code polyshop/<scope>}, which the services read as
 * {@code <scope>} ({@code polyshop.security.scope-prefix}). session-service has its own
 * app client (client credentials, scope {@code polyshop/orders:place}) whose secret
 * Cognito generates and this stack keeps in Secrets Manager. Staff are the members of the
 * group {@code staff}: Cognito cannot grant scopes per user, so the services map the
 * group to the staff scopes ({@code polyshop.security.group-scopes.staff}).
 */
public class IdentityStack extends Stack {

	/** The resource server's identifier: the prefix of its scopes in Cognito's tokens. */
	static final String RESOURCE_SERVER = "polyshop";

	static final String STAFF_GROUP = "staff";

	static final List<String> STAFF_SCOPES = List.of("catalog:write", "orders:fulfil", "insights:read");

	static final String PLACE_ORDERS = "orders:place";

	final UserPool userPool;

	final UserPoolClient storefront;

	final UserPoolClient sessionService;

	/** session-service's client secret, as Cognito generated it. */
	final Secret sessionServiceSecret;

	/** The {@code iss} of the pool's tokens: where the services find its keys. */
	final String issuer;

	/** Where session-service gets its client-credentials token. */
	final String tokenUri;

	public IdentityStack(Construct scope, String id, StackProps props, EnvironmentConfig config) {
		super(scope, id, props);
		this.userPool = UserPool.Builder.create(this, "Users")
			.userPoolName("polyshop-" + config.name())
			.selfSignUpEnabled(true)
			.signInAliases(SignInAliases.builder().email(true).build())
			.autoVerify(AutoVerifiedAttrs.builder().email(true).build())
			.passwordPolicy(PasswordPolicy.builder()
				.minLength(12)
				.requireLowercase(true)
				.requireUppercase(true)
				.requireDigits(true)
				.requireSymbols(true)
				.tempPasswordValidity(Duration.days(3))
				.build())
			.mfa(Mfa.OPTIONAL)
			.mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
			.accountRecovery(AccountRecovery.EMAIL_ONLY)
			.deletionProtection(config.lifecycle().deletionProtection())
			.removalPolicy(config.lifecycle().removalPolicy())
			.build();
		this.userPool.addGroup("Staff",
				UserPoolGroupOptions.builder()
					.groupName(STAFF_GROUP)
					.description("PolyShop staff: the services grant them " + String.join(", ", STAFF_SCOPES))
					.build());
		List<ResourceServerScope> scopes = List.of(scope("catalog:write", "Change products and prices (staff)"),
				scope("orders:fulfil", "See every order, ship and cancel (staff)"),
				scope("insights:read", "Read the cart insights (staff)"),
				scope(PLACE_ORDERS, "Place orders (session-service)"));
		UserPoolResourceServer api = this.userPool.addResourceServer("Api",
				UserPoolResourceServerOptions.builder()
					.identifier(RESOURCE_SERVER)
					.userPoolResourceServerName("PolyShop API")
					.scopes(scopes)
					.build());
		UserPoolDomain domain = this.userPool.addDomain("Domain",
				UserPoolDomainOptions.builder()
					.cognitoDomain(CognitoDomainOptions.builder()
						.domainPrefix("polyshop-" + config.name() + "-" + getAccount())
						.build())
					.build());

		this.storefront = this.userPool.addClient("Storefront",
				UserPoolClientOptions.builder()
					.userPoolClientName("storefront")
					.generateSecret(false)
					.authFlows(AuthFlow.builder().userSrp(true).build())
					.oAuth(OAuthSettings.builder()
						.flows(OAuthFlows.builder().authorizationCodeGrant(true).build())
						.scopes(List.of(OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE))
						// Loopback redirects for tools and local front ends; add the
						// storefront's
						// own HTTPS URL when there is one.
						.callbackUrls(List.of("http://localhost/callback", "http://127.0.0.1/callback"))
						.logoutUrls(List.of("http://localhost/", "http://127.0.0.1/"))
						.build())
					.preventUserExistenceErrors(true)
					.enableTokenRevocation(true)
					.accessTokenValidity(Duration.minutes(15))
					.idTokenValidity(Duration.minutes(15))
					.refreshTokenValidity(Duration.days(30))
					.build());
		this.sessionService = this.userPool.addClient("SessionService",
				UserPoolClientOptions.builder()
					.userPoolClientName("session-service")
					.generateSecret(true)
					.oAuth(OAuthSettings.builder()
						.flows(OAuthFlows.builder().clientCredentials(true).build())
						.scopes(List.of(OAuthScope.resourceServer(api, scopes.getLast())))
						.build())
					.accessTokenValidity(Duration.minutes(60))
					.build());
		this.sessionServiceSecret = Secret.Builder.create(this, "SessionServiceClientSecret")
			.description("session-service's Cognito client secret (client credentials for orders-service)")
			.secretStringValue(this.sessionService.getUserPoolClientSecret())
			.removalPolicy(config.lifecycle().removalPolicy())
			.build();

		this.issuer = "https://" + this.userPool.getUserPoolProviderUrl();
		this.tokenUri = domain.baseUrl() + "/oauth2/token";
		CfnOutput.Builder.create(this, "Issuer")
			.description("The issuer URI of every token")
			.value(this.issuer)
			.build();
		CfnOutput.Builder.create(this, "StorefrontClientId")
			.description("The storefront's app client: authorization code with PKCE")
			.value(this.storefront.getUserPoolClientId())
			.build();
		CfnOutput.Builder.create(this, "AuthorizeUrl")
			.description("Where the storefront sends a customer to sign in")
			.value(domain.baseUrl() + "/oauth2/authorize")
			.build();
	}

	private static ResourceServerScope scope(String name, String description) {
		return ResourceServerScope.Builder.create().scopeName(name).scopeDescription(description).build();
	}

	/**
	 * What every service needs to trust the pool's tokens: the issuer, the app clients
	 * whose tokens it accepts ({@code client_id}, as Cognito's access tokens carry no
	 * {@code aud}), how Cognito spells scopes, and who staff are.
	 */
	Map<String, String> resourceServerEnvironment() {
		return Map.of("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", this.issuer, "POLYSHOP_SECURITY_AUDIENCES",
				this.storefront.getUserPoolClientId() + "," + this.sessionService.getUserPoolClientId(),
				"POLYSHOP_SECURITY_SCOPEPREFIX", RESOURCE_SERVER + "/",
				"POLYSHOP_SECURITY_GROUPSCOPES_" + STAFF_GROUP.toUpperCase(java.util.Locale.ROOT),
				String.join(",", STAFF_SCOPES));
	}

	/** What session-service needs to get its own token (its secret comes separately). */
	Map<String, String> clientEnvironment() {
		return Map.of("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_ORDERS_CLIENTID",
				this.sessionService.getUserPoolClientId(), "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_ORDERS_SCOPE",
				RESOURCE_SERVER + "/" + PLACE_ORDERS, "SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_POLYSHOP_TOKENURI",
				this.tokenUri);
	}

}
