package io.polyshop.orders.idempotency;

/** Another request with the same Idempotency-Key is still running: 409, retry later. */
public class RequestInProgressException extends RuntimeException {

	public RequestInProgressException(String key) {
		super("A request with Idempotency-Key " + key + " is in progress: retry shortly to get its result");
	}

}
