package io.polyshop.auth;

import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The demo users and which scopes are for staff only.
 *
 * @param issuer the {@code iss} of every token; blank: the URL each client uses
 * @param users by user name (the {@code sub} of their tokens, and the customer id of a
 * customer)
 * @param staffScopes scopes granted only to users with the {@code STAFF} role
 */
@Validated
@ConfigurationProperties("polyshop.auth")
public record AuthProperties(@Nullable String issuer, @Valid Map<String, User> users,
		@DefaultValue Set<String> staffScopes) {

	/**
	 * @param password the password; without one the user cannot log in
	 * @param roles {@code CUSTOMER} or {@code STAFF}
	 */
	public record User(@Nullable String password, @DefaultValue Set<String> roles) {

	}

}
