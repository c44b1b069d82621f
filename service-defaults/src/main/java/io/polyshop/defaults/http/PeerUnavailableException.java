package io.polyshop.defaults.http;

import org.jspecify.annotations.Nullable;

import org.springframework.web.client.RestClientException;

/**
 * A peer service could not give an answer: the connection failed or timed out, or it
 * answered 5xx. Raised by every client made by {@link ServiceClients}, so that a caller
 * maps one exception to its 503 and keeps 4xx answers (the caller's mistake) apart.
 */
public class PeerUnavailableException extends RestClientException {

	public PeerUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
