package io.polyshop.sessions.checkout;

import java.util.List;

import io.polyshop.sessions.SessionsProperties;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * session-service's own identity towards orders-service: an access token of the client
 * credentials grant (registration {@code orders}, scope {@code orders:place}), obtained
 * once, kept until it is about to expire, and dropped when orders-service refuses it. The
 * token request is part of calling orders-service, so it has the same timeouts.
 */
@Configuration(proxyBeanMethods = false)
class ServiceCredentials {

	static final String REGISTRATION = "orders";

	/** Whose token it is: this service's, whichever customer's checkout needs it. */
	private static final Authentication SERVICE = UsernamePasswordAuthenticationToken.unauthenticated("session-service",
			null);

	@Bean
	ClientHttpRequestInterceptor ordersServiceToken(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientService authorizedClients, SessionsProperties properties) {
		ClientRegistration registration = registrations.findByRegistrationId(REGISTRATION);
		if (registration == null || !StringUtils.hasText(registration.getClientSecret())) {
			throw new IllegalStateException("Set POLYSHOP_AUTH_SESSION_SERVICE_SECRET "
					+ "(spring.security.oauth2.client.registration.orders.client-secret): "
					+ "session-service needs its client secret to place orders");
		}
		ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokenResponseClient(properties.orders()));
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(provider);
		OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
		interceptor.setClientRegistrationIdResolver((request) -> REGISTRATION);
		interceptor.setPrincipalResolver((request) -> SERVICE);
		interceptor.setAuthorizationFailureHandler(
				OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
		return interceptor;
	}

	/** Spring Security's token client, with timeouts: its default has none. */
	private static RestClientClientCredentialsTokenResponseClient tokenResponseClient(
			SessionsProperties.Service orders) {
		RestClient http = RestClient.builder()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.build(HttpClientSettings.defaults()
					.withConnectTimeout(orders.connectTimeout())
					.withReadTimeout(orders.readTimeout())))
			.messageConverters(
					List.of(new FormHttpMessageConverter(), new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
		RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
		client.setRestClient(http);
		return client;
	}

}
