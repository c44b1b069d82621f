package io.polyshop.orders.idempotency;

/** The Idempotency-Key was first used with a different request: 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

	public IdempotencyKeyReusedException(String key) {
		super("Idempotency-Key " + key + " was used for a different request: use a new key for a new request");
	}

}
