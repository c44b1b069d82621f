package io.polyshop.catalog.web;

import io.polyshop.defaults.security.AccessRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may do what with the catalogue: anyone may browse it (read a product, the listing,
 * a batch of SKUs) and call {@code /ping}; changing it takes a token with the staff scope
 * {@code catalog:write}. Health, the API documents and the 401/403 answers come from
 * service-defaults.
 */
@Configuration(proxyBeanMethods = false)
class CatalogAccess {

	static final String WRITE = "SCOPE_catalog:write";

	@Bean
	AccessRules catalogRules() {
		return (requests) -> requests.requestMatchers(HttpMethod.GET, "/products", "/products/*", "/ping")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/products/batch-get")
			.permitAll()
			.requestMatchers(HttpMethod.PUT, "/products/*", "/products/*/price")
			.hasAuthority(WRITE)
			.requestMatchers(HttpMethod.POST, "/products/*/activate", "/products/*/deactivate")
			.hasAuthority(WRITE);
	}

}
