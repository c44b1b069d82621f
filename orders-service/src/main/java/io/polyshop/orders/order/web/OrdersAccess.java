package io.polyshop.orders.order.web;

import io.polyshop.defaults.security.AccessRules;
import io.polyshop.defaults.security.Caller;
import io.polyshop.orders.order.Visibility;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may do what with orders. Placing one takes the client-credentials scope
 * {@code orders:place}, which only session-service holds: a customer checks out through
 * it, never by calling {@code POST /orders} directly. A customer (the token's
 * {@code sub}) reads, lists and pays its own orders; another customer's order answers 404
 * ({@link Visibility}). Staff with {@code orders:fulfil} see every order and ship or
 * cancel any.
 */
@Configuration(proxyBeanMethods = false)
class OrdersAccess {

	static final String PLACE = "orders:place";

	static final String FULFIL = "orders:fulfil";

	@Bean
	AccessRules ordersRules() {
		return (requests) -> requests.requestMatchers(HttpMethod.POST, "/orders")
			.hasAuthority("SCOPE_" + PLACE)
			.requestMatchers(HttpMethod.POST, "/orders/*/ship")
			.hasAuthority("SCOPE_" + FULFIL)
			.requestMatchers(HttpMethod.POST, "/orders/*/cancel")
			.hasAuthority("SCOPE_" + FULFIL)
			.requestMatchers(HttpMethod.GET, "/orders", "/orders/*", "/orders/*/history")
			.authenticated()
			.requestMatchers(HttpMethod.POST, "/orders/*/pay")
			.authenticated();
	}

	/** Staff who fulfil orders see them all; anyone else only its own. */
	static Visibility visibleTo(Caller caller) {
		return caller.has(FULFIL) ? Visibility.everyOrder() : Visibility.ordersOf(caller.subject());
	}

}
