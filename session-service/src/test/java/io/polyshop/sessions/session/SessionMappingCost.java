package io.polyshop.sessions.session;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.polyshop.local.LocalDynamoDb;
import io.polyshop.local.dynamodb.DynamoDbTables;
import io.polyshop.sessions.projector.Attributes;
import io.polyshop.sessions.projector.SessionItems;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

/**
 * The figures behind ADR 0008 (DynamoDB mapping), printed, not asserted: reading a
 * session with its cart (a META item and 10 CART# items under one partition key) through
 * the low-level client and hand-written mapping, as {@code Sessions} does, against the
 * enhanced client's answer for a single table of mixed item types,
 * {@code EnhancedDocument}.
 *
 * <pre>
 * ./mvnw -q -pl session-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "session-service/target/test-classes:session-service/target/classes:$(cat session-service/target/cp.txt)" \
 *     io.polyshop.sessions.session.SessionMappingCost
 * </pre>
 */
public final class SessionMappingCost {

	private static final int LINES = 10;

	private static final int ROUNDS = 3_000;

	private SessionMappingCost() {
	}

	public static void main(String[] args) {
		try (LocalDynamoDb local = LocalDynamoDb.start(0); DynamoDbClient dynamo = local.client()) {
			DynamoDbTables.createIfMissing(dynamo);
			String pk = SessionItems.sessionKey("cost");
			dynamo.putItem((put) -> put.tableName(DynamoDbTables.SESSIONS)
				.item(Map.of("pk", fromS(pk), "sk", fromS(SessionItems.META), "status", fromS("ACTIVE"), "currency",
						fromS("USD"), "version", fromN("3"), "cartVersion", fromN("3"), "expiresAt",
						fromN("4102444800"))));
			for (int i = 0; i < LINES; i++) {
				String sku = "SKU-" + i;
				dynamo.putItem((put) -> put.tableName(DynamoDbTables.SESSIONS)
					.item(Map.of("pk", fromS(pk), "sk", fromS(SessionItems.cartKey(sku)), "sku", fromS(sku), "name",
							fromS("Product " + sku), "unitPrice", fromS("19.99"), "currency", fromS("USD"), "quantity",
							fromN("2"), "expiresAt", fromN("4102444800"))));
			}
			DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
			DynamoDbTable<EnhancedDocument> table = enhanced.table(DynamoDbTables.SESSIONS,
					TableSchema.documentSchemaBuilder()
						.addIndexPartitionKey(TableMetadata.primaryIndexName(), "pk", AttributeValueType.S)
						.addIndexSortKey(TableMetadata.primaryIndexName(), "sk", AttributeValueType.S)
						.build());

			for (int round = 0; round < 2; round++) {
				long lowLevel = time(() -> lowLevel(dynamo, pk));
				long document = time(() -> document(table, pk));
				System.out.printf(
						"round %d: low-level Query + hand mapping %.0f us/read; "
								+ "enhanced client EnhancedDocument %.0f us/read (%d reads of 1 + %d items each)%n",
						round + 1, lowLevel / 1000.0 / ROUNDS, document / 1000.0 / ROUNDS, ROUNDS, LINES);
			}
		}
	}

	private static long time(Runnable read) {
		long start = System.nanoTime();
		for (int i = 0; i < ROUNDS; i++) {
			read.run();
		}
		return System.nanoTime() - start;
	}

	private static void lowLevel(DynamoDbClient dynamo, String pk) {
		List<Line> lines = new ArrayList<>();
		Map<String, AttributeValue> meta = null;
		for (Map<String, AttributeValue> item : dynamo
			.query((query) -> query.tableName(DynamoDbTables.SESSIONS)
				.keyConditionExpression("pk = :pk")
				.expressionAttributeValues(Map.of(":pk", fromS(pk)))
				.consistentRead(true))
			.items()) {
			if (Attributes.string(item, "sk").equals(SessionItems.META)) {
				meta = item;
			}
			else {
				lines.add(new Line(Attributes.string(item, "sku"), Attributes.string(item, "name"),
						new BigDecimal(Attributes.string(item, "unitPrice")),
						(int) Attributes.number(item, "quantity")));
			}
		}
		check(meta != null && lines.size() == LINES);
	}

	private static void document(DynamoDbTable<EnhancedDocument> table, String pk) {
		List<Line> lines = new ArrayList<>();
		Map<String, Object> meta = new HashMap<>();
		table
			.query((query) -> query
				.queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(pk).build()))
				.consistentRead(true))
			.items()
			.forEach((document) -> {
				if (document.getString("sk").equals(SessionItems.META)) {
					meta.put("status", document.getString("status"));
				}
				else {
					lines.add(new Line(document.getString("sku"), document.getString("name"),
							new BigDecimal(document.getString("unitPrice")),
							document.getNumber("quantity").intValue()));
				}
			});
		check(!meta.isEmpty() && lines.size() == LINES);
	}

	private static void check(boolean read) {
		if (!read) {
			throw new IllegalStateException("the session was not read whole");
		}
	}

	private record Line(String sku, String name, BigDecimal unitPrice, int quantity) {
	}

}
