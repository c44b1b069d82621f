package io.polyshop.sessions.projector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

/**
 * Applies a record's effects to {@code polyshop-cart-insights} at most once, which makes
 * the whole pipeline exactly-once in effect over an at-least-once stream: one
 * {@code TransactWriteItems} holds a marker {@code EVENT#{eventID}} (put only if absent)
 * and every counter and item the record changes. A redelivered record fails the marker's
 * condition, so the transaction changes nothing.
 */
public final class CartInsightsWriter {

	/**
	 * Longer than the stream's 24 h retention: no record can come back after its marker
	 * is gone.
	 */
	static final Duration MARKER_RETENTION = Duration.ofDays(2);

	static final Duration TRENDING_RETENTION = Duration.ofDays(7);

	static final Duration ABANDONED_RETENTION = Duration.ofDays(90);

	private final DynamoDbClient dynamo;

	private final String table;

	private final Clock clock;

	public CartInsightsWriter(DynamoDbClient dynamo, String table, Clock clock) {
		this.dynamo = dynamo;
		this.table = table;
		this.clock = clock;
	}

	/**
	 * @return true if applied now, false if this record had been applied before
	 */
	public boolean apply(ChangeRecord record, List<Effect> effects) {
		if (effects.isEmpty()) {
			return true;
		}
		List<TransactWriteItem> writes = new ArrayList<>();
		writes.add(TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(this.table)
				.item(Map.of(InsightItems.PK, fromS(InsightItems.eventKey(record.eventId())), InsightItems.SK,
						fromS("APPLIED"), InsightItems.EXPIRES_AT, epochSeconds(now().plus(MARKER_RETENTION))))
				.conditionExpression("attribute_not_exists(pk)")
				.build())
			.build());
		for (Effect effect : effects) {
			writes.add(TransactWriteItem.builder().update(update(effect)).build());
		}
		try {
			this.dynamo.transactWriteItems((transaction) -> transaction.transactItems(writes));
			return true;
		}
		catch (TransactionCanceledException ex) {
			List<CancellationReason> reasons = ex.cancellationReasons();
			if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
				return false;
			}
			throw ex;
		}
	}

	private Update update(Effect effect) {
		return switch (effect) {
			case Effect.Count count -> update(InsightItems.productKey(count.sku()), InsightItems.STATS,
					"ADD inCarts :inCarts, adds :adds, checkouts :checkouts, abandons :abandons SET sku = :sku",
					Map.of(":inCarts", fromN(Long.toString(count.inCarts())), ":adds",
							fromN(Long.toString(count.adds())), ":checkouts", fromN(Long.toString(count.checkouts())),
							":abandons", fromN(Long.toString(count.abandons())), ":sku", fromS(count.sku())));
			case Effect.Trend trend ->
				update(InsightItems.trendingKey(trend.at()), InsightItems.productKey(trend.sku()),
						"ADD adds :one SET sku = :sku, expiresAt = :expiresAt", Map.of(":one", fromN("1"), ":sku",
								fromS(trend.sku()), ":expiresAt", epochSeconds(trend.at().plus(TRENDING_RETENTION))));
			case Effect.AbandonedCart cart ->
				update(InsightItems.abandonedKey(cart.day()), InsightItems.sessionKey(cart.sessionRef()),
						"SET sessionRef = :ref, customerId = :customer, currency = :currency, expiredAt = :expiredAt, "
								+ "expiresAt = :expiresAt",
						Map.of(":ref", fromS(cart.sessionRef()), ":customer",
								(cart.customerId() != null) ? fromS(cart.customerId()) : AttributeValue.fromNul(true),
								":currency", fromS(cart.currency()), ":expiredAt", fromS(cart.expiredAt().toString()),
								":expiresAt", epochSeconds(cart.expiredAt().plus(ABANDONED_RETENTION))));
			case Effect.AbandonedLine line -> update(InsightItems.abandonedKey(line.day()),
					InsightItems.sessionKey(line.sessionRef()) + "#LINE#" + line.sku(),
					"SET sessionRef = :ref, sku = :sku, #name = :name, quantity = :quantity, unitPrice = :unitPrice, "
							+ "currency = :currency, expiresAt = :expiresAt",
					Map.of(":ref", fromS(line.sessionRef()), ":sku", fromS(line.sku()), ":name", fromS(line.name()),
							":quantity", fromN(Long.toString(line.quantity())), ":unitPrice", fromS(line.unitPrice()),
							":currency", fromS(line.currency()), ":expiresAt",
							epochSeconds(now().plus(ABANDONED_RETENTION))));
		};
	}

	private Update update(String pk, String sk, String expression, Map<String, AttributeValue> values) {
		Update.Builder update = Update.builder()
			.tableName(this.table)
			.key(Map.of(InsightItems.PK, fromS(pk), InsightItems.SK, fromS(sk)))
			.updateExpression(expression)
			.expressionAttributeValues(values);
		if (expression.contains("#name")) {
			update.expressionAttributeNames(Map.of("#name", "name"));
		}
		return update.build();
	}

	private Instant now() {
		return this.clock.instant();
	}

	private static AttributeValue epochSeconds(Instant instant) {
		return fromN(Long.toString(instant.getEpochSecond()));
	}

}
