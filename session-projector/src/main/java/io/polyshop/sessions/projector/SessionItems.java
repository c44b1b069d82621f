package io.polyshop.sessions.projector;

import java.time.Instant;

import io.polyshop.defaults.Digests;

/**
 * The single-table design of {@code polyshop-sessions}, named once: session-service
 * writes these items and the projector reads them back from the stream.
 *
 * <pre>
 * item              pk                     sk            gsi1pk / gsi1sk
 * session           SESSION#{sessionId}    META          CUSTOMER#{customerId} / SESSION#{createdAt}  (sparse)
 * cart line         SESSION#{sessionId}    CART#{sku}    -
 * </pre>
 *
 * DESIGN.md's customer-profile item ({@code CUSTOMER#{customerId}} / {@code PROFILE}) is
 * not written: nothing read it, and a customer's sessions are listed from the sparse GSI.
 *
 * <p>
 * Every item of a session carries the same {@code expiresAt} (epoch seconds, the TTL
 * attribute), so a session expires as a whole.
 */
public final class SessionItems {

	public static final String PK = "pk";

	public static final String SK = "sk";

	public static final String GSI1_PK = "gsi1pk";

	public static final String GSI1_SK = "gsi1sk";

	/**
	 * The sparse index of checkouts whose outcome is unknown: one partition, by start.
	 */
	public static final String GSI2_PK = "gsi2pk";

	public static final String GSI2_SK = "gsi2sk";

	public static final String CHECKOUT_PENDING = "CHECKOUT_PENDING";

	public static final String EXPIRES_AT = "expiresAt";

	public static final String SESSION_PREFIX = "SESSION#";

	public static final String CUSTOMER_PREFIX = "CUSTOMER#";

	public static final String META = "META";

	public static final String CART_PREFIX = "CART#";

	// session (META) attributes
	public static final String STATUS = "status";

	public static final String CUSTOMER_ID = "customerId";

	public static final String CURRENCY = "currency";

	public static final String VERSION = "version";

	public static final String CART_VERSION = "cartVersion";

	public static final String LINE_COUNT = "lineCount";

	public static final String CREATED_AT = "createdAt";

	public static final String UPDATED_AT = "updatedAt";

	public static final String ORDER_ID = "orderId";

	/** On a session whose checkout is pending: the checkout's Idempotency-Key. */
	public static final String CHECKOUT_KEY = "checkoutKey";

	public static final String CHECKOUT_STARTED_AT = "checkoutStartedAt";

	/** On a checked-out session: the SKUs that went into the order (a string set). */
	public static final String CHECKED_OUT_SKUS = "checkedOutSkus";

	public static final String STATUS_ACTIVE = "ACTIVE";

	public static final String STATUS_CHECKOUT_PENDING = "CHECKOUT_PENDING";

	public static final String STATUS_CHECKED_OUT = "CHECKED_OUT";

	// cart line attributes
	public static final String SKU = "sku";

	public static final String NAME = "name";

	public static final String QUANTITY = "quantity";

	/** A decimal string, never a float. */
	public static final String UNIT_PRICE = "unitPrice";

	public static final String ADDED_AT = "addedAt";

	private SessionItems() {
	}

	public static String sessionKey(String sessionId) {
		return SESSION_PREFIX + sessionId;
	}

	public static String cartKey(String sku) {
		return CART_PREFIX + sku;
	}

	/** The session id in a session item's partition key. */
	public static String sessionIdOf(String pk) {
		return pk.substring(SESSION_PREFIX.length());
	}

	/** A customer's sessions sort by creation in the sparse GSI. */
	public static String customerSessionSortKey(Instant createdAt) {
		return SESSION_PREFIX + createdAt;
	}

	public static String customerKey(String customerId) {
		return CUSTOMER_PREFIX + customerId;
	}

	/**
	 * A session id is a bearer secret, even after expiry: everything outside the session
	 * (the read model, orders-service, logs) names a session by this one-way reference
	 * instead, the first 16 hex digits of its SHA-256.
	 */
	public static String sessionRef(String sessionId) {
		return Digests.sha256Hex(sessionId, 8);
	}

}
