package io.polyshop.defaults.http;

import java.io.IOException;
import java.net.http.HttpClient;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * The outbound HTTP defaults for calls between services, in one place:
 * <ul>
 * <li>every call is bounded: connect and read timeouts from the caller's
 * {@link ServiceEndpoint};</li>
 * <li>HTTP/1.1: no h2c upgrade on every new connection to a plain-HTTP peer (it broke
 * against some servers and costs a round trip);</li>
 * <li>no retries: the JDK client makes none, and whether a call may be repeated is the
 * caller's decision (with an idempotency key, or not at all);</li>
 * <li>failures are typed: no connection, no answer in time or a 5xx is a
 * {@link PeerUnavailableException}, a 4xx stays Spring's
 * {@code HttpClientErrorException}. A stall in the middle of a body, after the status
 * came, surfaces as Spring's {@code ResourceAccessException}: callers map
 * {@code RestClientException} to their 503 as the last resort.</li>
 * </ul>
 * The builder passed in is Spring Boot's, so traces propagate ({@code traceparent}).
 */
public final class ServiceClients {

	private ServiceClients() {
	}

	public static RestClient create(RestClient.Builder builder, String peer, ServiceEndpoint endpoint) {
		return builder.baseUrl(endpoint.baseUrl().toString())
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1))
				.build(HttpClientSettings.defaults()
					.withConnectTimeout(endpoint.connectTimeout())
					.withReadTimeout(endpoint.readTimeout())))
			.requestInterceptor((request, body, execution) -> {
				try {
					return execution.execute(request, body);
				}
				catch (IOException ex) {
					throw new PeerUnavailableException(peer + " did not answer: " + ex, ex);
				}
			})
			.defaultStatusHandler(HttpStatusCode::is5xxServerError, (request, response) -> {
				throw new PeerUnavailableException(peer + " answered " + response.getStatusCode().value(), null);
			})
			.build();
	}

}
