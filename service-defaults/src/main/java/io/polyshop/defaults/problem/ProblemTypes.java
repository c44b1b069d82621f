package io.polyshop.defaults.problem;

import java.net.URI;

import org.springframework.http.HttpStatusCode;

/**
 * The stable {@code type} URIs of the problems every service answers alike. A service
 * adds its own domain types ({@code urn:polyshop:problem:invalid-transition}, ...) beside
 * these.
 */
public final class ProblemTypes {

	public static final URI INVALID_INPUT = of("invalid-input");

	public static final URI UNAUTHORIZED = of("unauthorized");

	public static final URI FORBIDDEN = of("forbidden");

	public static final URI NOT_FOUND = of("not-found");

	public static final URI VERSION_MISMATCH = of("version-mismatch");

	public static final URI CONCURRENT_CHANGE = of("concurrent-change");

	public static final URI DEPENDENCY_UNAVAILABLE = of("dependency-unavailable");

	public static final URI INTERNAL_ERROR = of("internal-error");

	private ProblemTypes() {
	}

	/**
	 * The type of a problem known only by its status (one raised by Spring MVC or the
	 * servlet container): a stable URI per status.
	 */
	public static URI forStatus(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> INVALID_INPUT;
			case 404 -> NOT_FOUND;
			case 412 -> VERSION_MISMATCH;
			case 500 -> INTERNAL_ERROR;
			case 503 -> DEPENDENCY_UNAVAILABLE;
			default -> of("http-" + status.value());
		};
	}

	/** {@code urn:polyshop:problem:<kind>}. */
	public static URI of(String kind) {
		return URI.create("urn:polyshop:problem:" + kind);
	}

}
