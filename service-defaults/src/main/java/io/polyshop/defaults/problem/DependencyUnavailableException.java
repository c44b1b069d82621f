package io.polyshop.defaults.problem;

import org.jspecify.annotations.Nullable;

/**
 * A dependency (a peer service, a store) did not answer in time, failed, or its circuit
 * is open: a 503 with {@code Retry-After}. The title names the dependency; the detail
 * tells the client what happened to its request and whether retrying is safe. Services
 * subclass it per dependency ({@code CatalogUnavailableException}, ...).
 */
public class DependencyUnavailableException extends RuntimeException {

	private final String title;

	private final String detail;

	/**
	 * @param title what is down, for the client ("Catalog unavailable")
	 * @param detail what that meant for the request, for the client
	 * @param message what happened, for the log
	 * @param cause the failure, if any
	 */
	public DependencyUnavailableException(String title, String detail, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.title = title;
		this.detail = detail;
	}

	public String title() {
		return this.title;
	}

	public String detail() {
		return this.detail;
	}

}
