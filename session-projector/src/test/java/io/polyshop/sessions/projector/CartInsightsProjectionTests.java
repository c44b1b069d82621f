package io.polyshop.sessions.projector;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

class CartInsightsProjectionTests {

	private static final Instant ADDED = Instant.parse("2026-11-20T14:25:00Z");

	private static final long EXPIRES = Instant.parse("2026-11-20T23:59:30Z").getEpochSecond();

	@Test
	void anAddedLineCountsAsInACartAndAsAnAddInItsHourBucket() {
		List<Effect> effects = CartInsightsProjection
			.project(record(ChangeRecord.Type.INSERT, false, null, line("SKU-1")));

		assertThat(effects).containsExactly(new Effect.Count("SKU-1", 1, 1, 0, 0), new Effect.Trend("SKU-1", ADDED));
		assertThat(InsightItems.trendingKey(ADDED)).isEqualTo("TRENDING#2026-11-20T14");
	}

	@Test
	void aQuantityChangeOrATtlSlideChangesNothing() {
		Map<String, AttributeValue> after = new HashMap<>(line("SKU-1"));
		after.put(SessionItems.EXPIRES_AT, fromN(Long.toString(EXPIRES + 600)));

		assertThat(CartInsightsProjection.project(record(ChangeRecord.Type.MODIFY, false, line("SKU-1"), after)))
			.isEmpty();
	}

	@Test
	void aLineRemovedByTheShopperLeavesTheCart() {
		assertThat(CartInsightsProjection.project(record(ChangeRecord.Type.REMOVE, false, line("SKU-1"), null)))
			.containsExactly(new Effect.Count("SKU-1", -1, 0, 0, 0));
	}

	@Test
	void aLineRemovedByTtlIsAnAbandonAndJoinsThatDaysAbandonedCart() {
		List<Effect> effects = CartInsightsProjection
			.project(record(ChangeRecord.Type.REMOVE, true, line("SKU-1"), null));

		assertThat(effects).containsExactly(new Effect.Count("SKU-1", -1, 0, 0, 1),
				new Effect.AbandonedLine(LocalDate.parse("2026-11-20"), SessionItems.sessionRef("s1"), "SKU-1",
						"Thing SKU-1", 2, "9.99", "USD"));
	}

	@Test
	void aCheckoutCountsEveryProductThatWasOrdered() {
		Map<String, AttributeValue> after = new HashMap<>(session("ACTIVE", 2));
		after.put(SessionItems.STATUS, fromS("CHECKED_OUT"));
		after.put(SessionItems.CHECKED_OUT_SKUS, AttributeValue.fromSs(List.of("SKU-2", "SKU-1")));

		assertThat(CartInsightsProjection.project(record(ChangeRecord.Type.MODIFY, false, session("ACTIVE", 2), after)))
			.containsExactly(new Effect.Count("SKU-1", 0, 0, 1, 0), new Effect.Count("SKU-2", 0, 0, 1, 0));
	}

	/**
	 * A checkout goes ACTIVE → CHECKOUT_PENDING → CHECKED_OUT: counted once, when it
	 * completes, not when it starts.
	 */
	@Test
	void aCheckoutThatWasPendingCountsOnceWhenItCompletes() {
		Map<String, AttributeValue> after = new HashMap<>(session("CHECKED_OUT", 2));
		after.put(SessionItems.CHECKED_OUT_SKUS, AttributeValue.fromSs(List.of("SKU-1")));

		assertThat(CartInsightsProjection
			.project(record(ChangeRecord.Type.MODIFY, false, session("ACTIVE", 2), session("CHECKOUT_PENDING", 2))))
			.isEmpty();
		assertThat(CartInsightsProjection
			.project(record(ChangeRecord.Type.MODIFY, false, session("CHECKOUT_PENDING", 2), after)))
			.containsExactly(new Effect.Count("SKU-1", 0, 0, 1, 0));
	}

	@Test
	void onlyAnActiveSessionWithLinesThatExpiredByTtlIsAnAbandonedCart() {
		assertThat(CartInsightsProjection.project(record(ChangeRecord.Type.REMOVE, true, session("ACTIVE", 2), null)))
			.containsExactly(new Effect.AbandonedCart(LocalDate.parse("2026-11-20"), SessionItems.sessionRef("s1"),
					"alice", "USD", Instant.ofEpochSecond(EXPIRES)));
		assertThat(
				CartInsightsProjection.project(record(ChangeRecord.Type.REMOVE, true, session("CHECKED_OUT", 0), null)))
			.isEmpty();
		assertThat(CartInsightsProjection.project(record(ChangeRecord.Type.REMOVE, true, session("ACTIVE", 0), null)))
			.isEmpty();
		assertThat(CartInsightsProjection.project(record(ChangeRecord.Type.REMOVE, false, session("ACTIVE", 2), null)))
			.isEmpty();
	}

	@Test
	void theSameRecordAlwaysProjectsToTheSameEffects() {
		ChangeRecord record = record(ChangeRecord.Type.REMOVE, true, line("SKU-9"), null);

		assertThat(CartInsightsProjection.project(record)).isEqualTo(CartInsightsProjection.project(record));
	}

	private static ChangeRecord record(ChangeRecord.Type type, boolean byTtl, Map<String, AttributeValue> before,
			Map<String, AttributeValue> after) {
		return new ChangeRecord("event-1", type, byTtl, "100", ADDED, before, after);
	}

	private static Map<String, AttributeValue> line(String sku) {
		return Map.of(SessionItems.PK, fromS("SESSION#s1"), SessionItems.SK, fromS("CART#" + sku), SessionItems.SKU,
				fromS(sku), SessionItems.NAME, fromS("Thing " + sku), SessionItems.QUANTITY, fromN("2"),
				SessionItems.UNIT_PRICE, fromS("9.99"), SessionItems.CURRENCY, fromS("USD"), SessionItems.ADDED_AT,
				fromN(Long.toString(ADDED.toEpochMilli())), SessionItems.EXPIRES_AT, fromN(Long.toString(EXPIRES)));
	}

	private static Map<String, AttributeValue> session(String status, int lines) {
		return Map.of(SessionItems.PK, fromS("SESSION#s1"), SessionItems.SK, fromS("META"), SessionItems.STATUS,
				fromS(status), SessionItems.CUSTOMER_ID, fromS("alice"), SessionItems.CURRENCY, fromS("USD"),
				SessionItems.LINE_COUNT, fromN(Integer.toString(lines)), SessionItems.EXPIRES_AT,
				fromN(Long.toString(EXPIRES)));
	}

}
