package io.polyshop.defaults.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own authorization rules, declared as a bean and added after the rules every
 * service shares and before the last one: whatever no rule names is denied.
 *
 * <pre class="code">
 * &#64;Bean
 * AccessRules catalogAccess() {
 *     return (requests) -&gt; requests.requestMatchers(HttpMethod.GET, "/products/**").permitAll()
 *         .requestMatchers("/products/**").hasAuthority("SCOPE_catalog:write");
 * }
 * </pre>
 */
@FunctionalInterface
public interface AccessRules {

	void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);

}
