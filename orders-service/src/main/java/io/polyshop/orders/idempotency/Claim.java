package io.polyshop.orders.idempotency;

/** What claiming an idempotency key found. */
public sealed interface Claim {

	/** The key is new (or its earlier holder died): this request does the work. */
	record Claimed() implements Claim {
	}

	/** The work is done: replay its response. */
	record Completed(StoredResponse response) implements Claim {
	}

	/** Another request with this key is doing the work right now: 409, retry later. */
	record InProgress() implements Claim {
	}

	/** The key was used for a different request: 422. */
	record Mismatch() implements Claim {
	}

}
