package io.polyshop.sessions.projector;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

/**
 * Checks the read model against the sessions table, and repairs it, while the projector
 * keeps running.
 *
 * <p>
 * <b>What can be checked.</b> The sessions table holds the present, not the past: the
 * lines in carts right now. So one figure of the read model is a function of the table,
 * and is recomputed exactly: each product's {@code inCarts}, the number of cart line
 * items that hold it (expired lines that TTL has not deleted yet count, as they do for
 * the projector, which counts them out when their REMOVE arrives). The cumulative figures
 * (adds, checkouts, abandons), trending buckets and abandoned carts record events whose
 * items are gone; only the stream had them, so they are neither checked nor rebuilt.
 *
 * <p>
 * <b>Why a running projector is no problem.</b> A difference seen once may be a record in
 * flight: written to the table, not yet projected. So the audit looks twice, a settle
 * interval apart, and calls a product <em>drifted</em> only if both its table count and
 * its read-model count stood still in between and still differ; a product whose figures
 * moved is reported as <em>moving</em> and left alone. A repair then sets {@code inCarts}
 * to the table's count <em>on the condition that it still holds the value seen</em>: a
 * record applied after the second look fails that condition (the repair is skipped, never
 * added to or overwritten), and a record applied before it is in both counts. Nothing is
 * counted twice as long as the projector trails the table by less than the settle
 * interval (its lag metric, and the Lambda's iterator age alarm, say whether it does).
 */
public final class InsightsAudit {

	private final DynamoDbClient dynamo;

	private final String sessionsTable;

	private final String insightsTable;

	private final Clock clock;

	public InsightsAudit(DynamoDbClient dynamo, String sessionsTable, String insightsTable, Clock clock) {
		this.dynamo = dynamo;
		this.sessionsTable = sessionsTable;
		this.insightsTable = insightsTable;
		this.clock = clock;
	}

	/**
	 * Compares the read model with the table; changes nothing.
	 * @param settle waits the settle interval between the two looks
	 */
	public Report verify(Runnable settle) {
		Snapshot first = snapshot();
		settle.run();
		Snapshot second = snapshot();
		List<Drift> drifted = new ArrayList<>();
		List<String> moving = new ArrayList<>();
		for (String sku : second.skus()) {
			long table = second.table(sku);
			long readModel = second.readModel(sku);
			if (table == readModel) {
				continue;
			}
			if (first.table(sku) == table && first.readModel(sku) == readModel) {
				drifted.add(new Drift(sku, readModel, table, second.readModel.containsKey(sku)));
			}
			else {
				moving.add(sku);
			}
		}
		return new Report(second.skus().size(), drifted, List.of(), moving);
	}

	/**
	 * Verifies, then sets each drifted product's {@code inCarts} to the table's count if
	 * it still holds the value seen.
	 * @param settle waits the settle interval between the two looks
	 */
	public Report rebuild(Runnable settle) {
		Report found = verify(settle);
		List<Drift> repaired = new ArrayList<>();
		List<String> moving = new ArrayList<>(found.moving());
		for (Drift drift : found.drifted()) {
			if (repair(drift)) {
				repaired.add(drift);
			}
			else {
				// The projector changed it since the second look: not ours to overwrite.
				moving.add(drift.sku());
			}
		}
		return new Report(found.checked(), List.of(), repaired, moving);
	}

	/** Waits out the settle interval: what production callers pass as {@code settle}. */
	public static void pause(Duration settle) {
		try {
			Thread.sleep(settle);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the projector settled", ex);
		}
	}

	private boolean repair(Drift drift) {
		Map<String, AttributeValue> values = new HashMap<>();
		values.put(":table", fromN(Long.toString(drift.table())));
		values.put(":sku", fromS(drift.sku()));
		values.put(":now", fromS(this.clock.instant().toString()));
		String condition;
		if (drift.readModelItemExists()) {
			condition = "inCarts = :seen";
			values.put(":seen", fromN(Long.toString(drift.readModel())));
		}
		else {
			condition = "attribute_not_exists(pk)";
		}
		try {
			this.dynamo.updateItem((update) -> update.tableName(this.insightsTable)
				.key(Map.of(InsightItems.PK, fromS(InsightItems.productKey(drift.sku())), InsightItems.SK,
						fromS(InsightItems.STATS)))
				.updateExpression("SET inCarts = :table, sku = :sku, repairedAt = :now")
				.conditionExpression(condition)
				.expressionAttributeValues(values));
			return true;
		}
		catch (ConditionalCheckFailedException ex) {
			return false;
		}
	}

	private Snapshot snapshot() {
		Map<String, Long> table = new HashMap<>();
		this.dynamo
			.scanPaginator((scan) -> scan.tableName(this.sessionsTable)
				.consistentRead(true)
				.filterExpression("begins_with(sk, :cart)")
				.projectionExpression(SessionItems.SKU)
				.expressionAttributeValues(Map.of(":cart", fromS(SessionItems.CART_PREFIX))))
			.items()
			.forEach((item) -> table.merge(Attributes.string(item, SessionItems.SKU), 1L, Long::sum));
		Map<String, Long> readModel = new HashMap<>();
		this.dynamo
			.scanPaginator((scan) -> scan.tableName(this.insightsTable)
				.consistentRead(true)
				.filterExpression("sk = :stats")
				.projectionExpression("sku, inCarts")
				.expressionAttributeValues(Map.of(":stats", fromS(InsightItems.STATS))))
			.items()
			.forEach((item) -> readModel.put(Attributes.string(item, InsightItems.SKU),
					item.containsKey(InsightItems.IN_CARTS) ? Attributes.number(item, InsightItems.IN_CARTS) : 0L));
		return new Snapshot(table, readModel);
	}

	private record Snapshot(Map<String, Long> table, Map<String, Long> readModel) {

		TreeSet<String> skus() {
			TreeSet<String> skus = new TreeSet<>(this.table.keySet());
			skus.addAll(this.readModel.keySet());
			return skus;
		}

		long table(String sku) {
			return this.table.getOrDefault(sku, 0L);
		}

		long readModel(String sku) {
			return this.readModel.getOrDefault(sku, 0L);
		}

	}

	/**
	 * A product whose {@code inCarts} differs from the table, steadily.
	 *
	 * @param readModel the read model's count ({@code 0} if it has no item)
	 * @param table the number of cart lines holding it
	 * @param readModelItemExists whether the read model has the product's item
	 */
	public record Drift(String sku, long readModel, long table, boolean readModelItemExists) {
	}

	/**
	 * @param checked how many products were compared
	 * @param drifted products whose count differs (and, after a rebuild, was not
	 * repaired)
	 * @param repaired products whose count a rebuild set to the table's
	 * @param moving products whose figures changed while they were looked at: in flight,
	 * not judged; look again
	 */
	public record Report(int checked, List<Drift> drifted, List<Drift> repaired, List<String> moving) {

		public boolean clean() {
			return this.drifted.isEmpty();
		}

	}

}
