package io.polyshop.contract;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request of a fuzz run, with what was done to it.
 *
 * @param operation the operation of the document, such as {@code PUT /products/{sku}}
 * @param method the HTTP method
 * @param target the request target, exactly as sent (possibly malformed on purpose)
 * @param headers the headers besides Host, Connection and Content-Length
 * @param body the body bytes, possibly not JSON
 * @param mustFail whether a mutation makes the request invalid whatever the state of the
 * service, so that anything but a 4xx is a bug
 * @param mutations what was done to the valid request this one started from
 * @param payloads strings injected into the body or headers: no answer may echo them
 */
public record HostileRequest(String operation, String method, String target, Map<String, String> headers, byte[] body,
		boolean mustFail, List<String> mutations, List<String> payloads) {

	public boolean isUnsafe() {
		return !this.method.equals("GET") && !this.method.equals("HEAD");
	}

	@Override
	public String toString() {
		return "%s %s%n  headers: %s%n  body: %s%n  mutations: %s".formatted(this.method,
				RawHttp.abbreviate(this.target), RawHttp.abbreviate(this.headers.toString()),
				RawHttp.abbreviate(new String(this.body, StandardCharsets.UTF_8)), this.mutations);
	}

}
