package io.polyshop.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

/** Says at start-up which issuer the services must trust. */
@Component
class IssuerBanner {

	private static final Logger log = LoggerFactory.getLogger(IssuerBanner.class);

	private final AuthorizationServerSettings settings;

	private final AuthProperties properties;

	IssuerBanner(AuthorizationServerSettings settings, AuthProperties properties) {
		this.settings = settings;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		String issuer = this.settings.getIssuer();
		log.info("Issuer: {} (discovery at /.well-known/openid-configuration); demo users: {}",
				(issuer != null) ? issuer : "the URL each client uses", this.properties.users().keySet());
	}

}
