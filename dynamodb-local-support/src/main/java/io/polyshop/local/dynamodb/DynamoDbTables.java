package io.polyshop.local.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The two DynamoDB tables of session-service, for DynamoDB Local: the local bootstrap of
 * {@code ./polyshop up} and the tests create them here. In AWS the CDK app defines the
 * same tables (never the service at start-up).
 *
 * <ul>
 * <li>{@code polyshop-sessions}: single-table design ({@code pk}, {@code sk}), sparse GSI
 * {@code gsi1} ({@code gsi1pk}, {@code gsi1sk}) for a customer's sessions, the sparse
 * {@code gsi2} (keys only) of the checkouts whose outcome is still unknown, TTL on
 * {@code expiresAt}, Streams with NEW_AND_OLD_IMAGES, on-demand capacity.</li>
 * <li>{@code polyshop-cart-insights}: the CQRS read model fed by that stream; LSI
 * {@code lsi1} sorts a trending bucket by {@code adds}; TTL on {@code expiresAt} for
 * markers and old buckets.</li>
 * </ul>
 */
public final class DynamoDbTables {

	public static final String SESSIONS = "polyshop-sessions";

	public static final String CART_INSIGHTS = "polyshop-cart-insights";

	private DynamoDbTables() {
	}

	/** Creates both tables unless they exist, and waits until they are active. */
	public static void createIfMissing(DynamoDbClient dynamo) {
		createIfMissing(dynamo, SESSIONS, CART_INSIGHTS);
	}

	/**
	 * Creates both tables under other names (a test's own pair) unless they exist, and
	 * waits until they are active.
	 */
	public static void createIfMissing(DynamoDbClient dynamo, String sessions, String insights) {
		create(dynamo,
				CreateTableRequest.builder()
					.tableName(sessions)
					.attributeDefinitions(string("pk"), string("sk"), string("gsi1pk"), string("gsi1sk"),
							string("gsi2pk"), string("gsi2sk"))
					.keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
					.globalSecondaryIndexes(
							GlobalSecondaryIndex.builder()
								.indexName("gsi1")
								.keySchema(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE))
								.projection(Projection.builder().projectionType(ProjectionType.ALL).build())
								.build(),
							GlobalSecondaryIndex.builder()
								.indexName("gsi2")
								.keySchema(key("gsi2pk", KeyType.HASH), key("gsi2sk", KeyType.RANGE))
								.projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
								.build())
					.billingMode(BillingMode.PAY_PER_REQUEST)
					.streamSpecification(StreamSpecification.builder()
						.streamEnabled(true)
						.streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
						.build())
					.build());
		create(dynamo, CreateTableRequest.builder()
			.tableName(insights)
			.attributeDefinitions(string("pk"), string("sk"),
					AttributeDefinition.builder().attributeName("adds").attributeType(ScalarAttributeType.N).build())
			.keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
			.localSecondaryIndexes(LocalSecondaryIndex.builder()
				.indexName("lsi1")
				.keySchema(key("pk", KeyType.HASH), key("adds", KeyType.RANGE))
				.projection(Projection.builder().projectionType(ProjectionType.ALL).build())
				.build())
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.build());
		for (String table : new String[] { sessions, insights }) {
			dynamo.waiter().waitUntilTableExists((describe) -> describe.tableName(table));
			TimeToLiveStatus ttl = dynamo.describeTimeToLive((describe) -> describe.tableName(table))
				.timeToLiveDescription()
				.timeToLiveStatus();
			if (ttl != TimeToLiveStatus.ENABLED && ttl != TimeToLiveStatus.ENABLING) {
				dynamo.updateTimeToLive((update) -> update.tableName(table)
					.timeToLiveSpecification((spec) -> spec.attributeName("expiresAt").enabled(true)));
			}
		}
	}

	private static void create(DynamoDbClient dynamo, CreateTableRequest request) {
		try {
			dynamo.createTable(request);
		}
		catch (ResourceInUseException ex) {
			// already there
		}
	}

	private static AttributeDefinition string(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

	private static KeySchemaElement key(String name, KeyType type) {
		return KeySchemaElement.builder().attributeName(name).keyType(type).build();
	}

}
