package io.polyshop.sessions.web;

import io.polyshop.defaults.security.AccessRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may do what with sessions. A guest needs no token: starting a session and filling
 * its cart is public, and the session id, 32 random characters, is the bearer secret that
 * gives its cart to whoever holds it. A customer's token is needed to attach oneself to a
 * session (only oneself), to check out (as oneself) and to list one's sessions. The read
 * model of cart insights takes the staff scope {@code insights:read}.
 */
@Configuration(proxyBeanMethods = false)
public class SessionsAccess {

	public static final String INSIGHTS = "insights:read";

	@Bean
	AccessRules sessionsRules() {
		return (requests) -> requests.requestMatchers(HttpMethod.POST, "/sessions")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/sessions/*")
			.permitAll()
			.requestMatchers(HttpMethod.PUT, "/sessions/*/cart/*")
			.permitAll()
			.requestMatchers(HttpMethod.DELETE, "/sessions/*/cart/*")
			.permitAll()
			.requestMatchers(HttpMethod.PUT, "/sessions/*/customer")
			.authenticated()
			.requestMatchers(HttpMethod.POST, "/sessions/*/checkout")
			.authenticated()
			.requestMatchers(HttpMethod.GET, "/customers/*/sessions")
			.authenticated()
			.requestMatchers(HttpMethod.GET, "/insights/**")
			.hasAuthority("SCOPE_" + INSIGHTS);
	}

}
