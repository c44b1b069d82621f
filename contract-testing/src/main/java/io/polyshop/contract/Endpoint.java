package io.polyshop.contract;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * An endpoint of a security table, with a request that is valid for it.
 *
 * @param body a JSON body, or null for none
 */
public record Endpoint(HttpMethod method, String path, @Nullable String body) {

	public static Endpoint get(String path) {
		return new Endpoint(HttpMethod.GET, path, null);
	}

	public static Endpoint post(String path, @Nullable String body) {
		return new Endpoint(HttpMethod.POST, path, body);
	}

	public static Endpoint put(String path, @Nullable String body) {
		return new Endpoint(HttpMethod.PUT, path, body);
	}

	public static Endpoint delete(String path) {
		return new Endpoint(HttpMethod.DELETE, path, null);
	}

	@Override
	public String toString() {
		return this.method + " " + this.path;
	}

}
