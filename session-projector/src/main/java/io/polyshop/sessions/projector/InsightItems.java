package io.polyshop.sessions.projector;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The read model {@code polyshop-cart-insights}: items shaped for the queries they
 * answer, each in one request.
 *
 * <pre>
 * item                 pk                          sk                  answers
 * product demand       SKU#{sku}                   STATS               GET /insights/products/{sku}: inCarts, adds, checkouts, abandons
 * trending bucket      TRENDING#{yyyy-MM-ddTHH}    SKU#{sku}           GET /insights/trending: Query lsi1 (sorted by adds) descending, Limit n
 * abandoned cart       ABANDONED#{yyyy-MM-dd}      SESSION#{id}        GET /insights/abandoned-carts?date=: Query pk
 * applied record       EVENT#{stream eventID}      APPLIED             idempotency: a record is applied at most once
 * shard checkpoint     CHECKPOINT#{stream}         SHARD#{shardId}     the local stream consumer's place
 * </pre>
 */
public final class InsightItems {

	public static final String PK = "pk";

	public static final String SK = "sk";

	public static final String EXPIRES_AT = "expiresAt";

	public static final String STATS = "STATS";

	public static final String IN_CARTS = "inCarts";

	public static final String ADDS = "adds";

	public static final String CHECKOUTS = "checkouts";

	public static final String ABANDONS = "abandons";

	public static final String SKU = "sku";

	public static final String TRENDING_INDEX = "lsi1";

	public static final String LINES = "lines";

	public static final String CUSTOMER_ID = "customerId";

	public static final String SESSION_ID = "sessionId";

	public static final String EXPIRED_AT = "expiredAt";

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH")
		.withZone(ZoneOffset.UTC);

	private InsightItems() {
	}

	public static String productKey(String sku) {
		return "SKU#" + sku;
	}

	public static String trendingKey(Instant at) {
		return "TRENDING#" + HOUR.format(at.truncatedTo(ChronoUnit.HOURS));
	}

	public static String abandonedKey(LocalDate day) {
		return "ABANDONED#" + day;
	}

	public static String sessionKey(String sessionId) {
		return "SESSION#" + sessionId;
	}

	public static String eventKey(String eventId) {
		return "EVENT#" + eventId;
	}

	public static String checkpointKey(String stream) {
		return "CHECKPOINT#" + stream;
	}

	public static String shardKey(String shardId) {
		return "SHARD#" + shardId;
	}

}
