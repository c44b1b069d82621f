package io.polyshop.sessions.projector;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static io.polyshop.sessions.projector.ChangeRecord.number;
import static io.polyshop.sessions.projector.ChangeRecord.string;

/**
 * The projection: one stream record of {@code polyshop-sessions} in, the read-model
 * effects out. A pure function (no I/O, no clock: every time it uses comes from the
 * record's images), so replaying a record always yields the same effects; applying them
 * at most once is {@link CartInsightsWriter}'s job.
 *
 * <ul>
 * <li>A cart line INSERTed: the SKU is in one more cart, and one more add (also in the
 * trending bucket of the hour it was added).</li>
 * <li>A cart line REMOVEd by the application (removed, or checked out): in one cart
 * fewer.</li>
 * <li>A cart line REMOVEd by TTL: in one cart fewer, one more abandon, and the line joins
 * that day's abandoned cart.</li>
 * <li>A session MODIFYed from ACTIVE (or CHECKOUT_PENDING) to CHECKED_OUT: one more
 * checkout of each SKU in it.</li>
 * <li>A session REMOVEd by TTL while ACTIVE (or CHECKOUT_PENDING) with lines: an
 * abandoned cart of that day, with its customer. A checked-out session that later expires
 * is never abandoned.</li>
 * </ul>
 * Quantity changes and TTL slides (MODIFY of a line) change nothing.
 */
public final class CartInsightsProjection {

	private CartInsightsProjection() {
	}

	public static List<Effect> project(ChangeRecord record) {
		String sortKey = record.sortKey();
		if (sortKey.startsWith(SessionItems.CART_PREFIX)) {
			return projectLine(record);
		}
		if (sortKey.equals(SessionItems.META)) {
			return projectSession(record);
		}
		return List.of();
	}

	private static List<Effect> projectLine(ChangeRecord record) {
		Map<String, AttributeValue> line = record.image();
		String sku = string(line, SessionItems.SKU).orElseThrow();
		return switch (record.type()) {
			case INSERT -> List.of(new Effect.Count(sku, 1, 1, 0, 0),
					new Effect.Trend(sku, Instant.ofEpochMilli(number(line, SessionItems.ADDED_AT).orElseThrow())));
			case MODIFY -> List.of();
			case REMOVE -> {
				if (!record.byTtl()) {
					yield List.of(new Effect.Count(sku, -1, 0, 0, 0));
				}
				String sessionId = sessionId(line);
				yield List.of(new Effect.Count(sku, -1, 0, 0, 1),
						new Effect.AbandonedLine(expiryDay(line), SessionItems.sessionRef(sessionId), sku,
								string(line, SessionItems.NAME).orElse(sku),
								number(line, SessionItems.QUANTITY).orElse(0L),
								string(line, SessionItems.UNIT_PRICE).orElse("0"),
								string(line, SessionItems.CURRENCY).orElse("USD")));
			}
		};
	}

	private static List<Effect> projectSession(ChangeRecord record) {
		Map<String, AttributeValue> before = record.oldImage();
		Map<String, AttributeValue> after = record.newImage();
		// Open: ACTIVE, or with a checkout under way (its outcome unknown).
		boolean wasActive = string(before, SessionItems.STATUS)
			.filter((status) -> status.equals(SessionItems.STATUS_ACTIVE)
					|| status.equals(SessionItems.STATUS_CHECKOUT_PENDING))
			.isPresent();
		if (record.type() == ChangeRecord.Type.MODIFY && wasActive
				&& string(after, SessionItems.STATUS).filter(SessionItems.STATUS_CHECKED_OUT::equals).isPresent()) {
			List<Effect> effects = new ArrayList<>();
			AttributeValue skus = after.get(SessionItems.CHECKED_OUT_SKUS);
			if (skus != null && skus.hasSs()) {
				skus.ss().stream().sorted().forEach((sku) -> effects.add(new Effect.Count(sku, 0, 0, 1, 0)));
			}
			return effects;
		}
		if (record.type() == ChangeRecord.Type.REMOVE && record.byTtl() && wasActive
				&& number(before, SessionItems.LINE_COUNT).orElse(0L) > 0) {
			return List.of(new Effect.AbandonedCart(expiryDay(before), SessionItems.sessionRef(sessionId(before)),
					string(before, SessionItems.CUSTOMER_ID).orElse(null),
					string(before, SessionItems.CURRENCY).orElse("USD"),
					Instant.ofEpochSecond(number(before, SessionItems.EXPIRES_AT).orElseThrow())));
		}
		return List.of();
	}

	/**
	 * The UTC day the session expired: from the item, so a replay lands on the same day.
	 */
	private static LocalDate expiryDay(Map<String, AttributeValue> image) {
		return LocalDate.ofInstant(Instant.ofEpochSecond(number(image, SessionItems.EXPIRES_AT).orElseThrow()),
				ZoneOffset.UTC);
	}

	private static String sessionId(Map<String, AttributeValue> image) {
		return SessionItems.sessionIdOf(string(image, SessionItems.PK).orElseThrow());
	}

}
