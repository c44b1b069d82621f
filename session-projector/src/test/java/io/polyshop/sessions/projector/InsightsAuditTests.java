package io.polyshop.sessions.projector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.polyshop.local.LocalDynamoDb;
import io.polyshop.local.SharedBackends;
import io.polyshop.local.dynamodb.DynamoDbTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

/**
 * The audit of the read model against DynamoDB Local, on a pair of tables of its own (so
 * that nothing else writes there), new for each test: cart lines in the sessions table,
 * product counts in the read model, some right and some drifted.
 */
class InsightsAuditTests {

	private static DynamoDbClient dynamo;

	private static String sessions;

	private static String insights;

	private static InsightsAudit audit;

	@BeforeAll
	static void client() {
		dynamo = LocalDynamoDb.client(SharedBackends.dynamoDbEndpoint());
	}

	@AfterAll
	static void close() {
		dynamo.close();
	}

	@BeforeEach
	void tables() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		sessions = "audit-sessions-" + suffix;
		insights = "audit-insights-" + suffix;
		DynamoDbTables.createIfMissing(dynamo, sessions, insights);
		audit = new InsightsAudit(dynamo, sessions, insights, Clock.systemUTC());
	}

	@AfterEach
	void dropTables() {
		dynamo.deleteTable((delete) -> delete.tableName(sessions));
		dynamo.deleteTable((delete) -> delete.tableName(insights));
	}

	@Test
	void verifyFindsEveryDriftedProductAndChangesNothingThenRebuildRepairsThem() {
		String right = sku("RIGHT");
		String over = sku("OVER");
		String under = sku("UNDER");
		String unknown = sku("UNKNOWN");
		lines(right, 2);
		lines(over, 1);
		lines(under, 3);
		lines(unknown, 1);
		inCarts(right, 2);
		inCarts(over, 2);
		inCarts(under, 1);

		InsightsAudit.Report verified = audit.verify(() -> {
		});

		assertThat(verified.drifted()).containsExactlyInAnyOrder(new InsightsAudit.Drift(over, 2, 1, true),
				new InsightsAudit.Drift(under, 1, 3, true), new InsightsAudit.Drift(unknown, 0, 1, false));
		assertThat(verified.moving()).isEmpty();
		assertThat(inCarts(over)).as("verify repairs nothing").isEqualTo(2);
		assertThat(new InsightsAuditHandler(dynamo, sessions, insights, Duration.ZERO).handleRequest(Map.of(), null))
			.as("the scheduled audit in AWS")
			.containsEntry("drifted", 3);

		InsightsAudit.Report rebuilt = audit.rebuild(() -> {
		});

		assertThat(rebuilt.repaired()).extracting(InsightsAudit.Drift::sku)
			.containsExactlyInAnyOrder(over, under, unknown);
		assertThat(inCarts(over)).isEqualTo(1);
		assertThat(inCarts(under)).isEqualTo(3);
		assertThat(inCarts(unknown)).isEqualTo(1);
		assertThat(audit.verify(() -> {
		}).clean()).isTrue();
	}

	/**
	 * The projector applies a record between the audit's two looks (a line added, its
	 * count incremented): the product is in flight, reported as moving and left alone, so
	 * the rebuild neither overwrites the projector's increment nor adds it twice.
	 */
	@Test
	void aProductTheProjectorChangesWhileTheAuditLooksIsLeftAlone() {
		String busy = sku("BUSY");
		String drifted = sku("DRIFTED");
		lines(busy, 1);
		inCarts(busy, 0);
		lines(drifted, 1);
		inCarts(drifted, 5);

		InsightsAudit.Report rebuilt = audit.rebuild(() -> {
			lines(busy, 1);
			dynamo.updateItem((update) -> update.tableName(insights)
				.key(statsKey(busy))
				.updateExpression("ADD inCarts :one")
				.expressionAttributeValues(Map.of(":one", fromN("1"))));
		});

		assertThat(rebuilt.moving()).contains(busy);
		assertThat(rebuilt.repaired()).extracting(InsightsAudit.Drift::sku).contains(drifted).doesNotContain(busy);
		assertThat(inCarts(busy)).as("the projector's count, untouched").isEqualTo(1);
		assertThat(inCarts(drifted)).isEqualTo(1);
	}

	private static String sku(String kind) {
		return kind + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
	}

	/** {@code count} more carts hold {@code sku}. */
	private static void lines(String sku, int count) {
		for (int i = 0; i < count; i++) {
			String session = "s-" + UUID.randomUUID();
			dynamo.putItem((put) -> put.tableName(sessions)
				.item(Map.of(SessionItems.PK, fromS(SessionItems.sessionKey(session)), SessionItems.SK,
						fromS(SessionItems.cartKey(sku)), SessionItems.SKU, fromS(sku), SessionItems.QUANTITY,
						fromN("1"), SessionItems.EXPIRES_AT,
						fromN(Long.toString(Instant.now().plus(Duration.ofHours(1)).getEpochSecond())))));
		}
	}

	private static void inCarts(String sku, long count) {
		dynamo.putItem((put) -> put.tableName(insights)
			.item(Map.of("pk", fromS(InsightItems.productKey(sku)), "sk", fromS(InsightItems.STATS), "sku", fromS(sku),
					"inCarts", fromN(Long.toString(count)), "adds", fromN(Long.toString(count)))));
	}

	private static long inCarts(String sku) {
		Map<String, AttributeValue> item = dynamo
			.getItem((get) -> get.tableName(insights).key(statsKey(sku)).consistentRead(true))
			.item();
		return Long.parseLong(item.get("inCarts").n());
	}

	private static Map<String, AttributeValue> statsKey(String sku) {
		return Map.of("pk", fromS(InsightItems.productKey(sku)), "sk", fromS(InsightItems.STATS));
	}

}
