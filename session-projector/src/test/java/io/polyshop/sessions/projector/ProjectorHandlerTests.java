package io.polyshop.sessions.projector;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.polyshop.local.LocalDynamoDb;
import io.polyshop.local.SharedBackends;
import io.polyshop.local.dynamodb.DynamoDbTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

/**
 * The Lambda handler against DynamoDB Local: items are written to the sessions table, the
 * real stream records are read back and wrapped in a {@link DynamodbEvent} exactly as
 * Lambda's event source mapping would deliver them.
 */
class ProjectorHandlerTests {

	private static DynamoDbClient dynamo;

	private static DynamoDbStreamsClient streams;

	@BeforeAll
	static void tables() {
		URI endpoint = SharedBackends.dynamoDbEndpoint();
		dynamo = LocalDynamoDb.client(endpoint);
		streams = LocalDynamoDb.streamsClient(endpoint);
		DynamoDbTables.createIfMissing(dynamo);
	}

	@AfterAll
	static void close() {
		dynamo.close();
		streams.close();
	}

	@Test
	void projectsABatchAndAReplayOfTheSameBatchChangesNothing() {
		String session = "s-" + UUID.randomUUID();
		String sku = "L-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		putLine(session, sku);
		putLine(session, "OTHER-" + sku);
		deleteLine(session, "OTHER-" + sku);
		DynamodbEvent event = eventFor(session);
		ProjectorHandler handler = new ProjectorHandler(
				new Projector(dynamo, DynamoDbTables.CART_INSIGHTS, Clock.systemUTC()));

		StreamsEventResponse first = handler.handleRequest(event, null);
		Map<String, AttributeValue> afterFirst = stats(sku);
		StreamsEventResponse replay = handler.handleRequest(event, null);

		assertThat(event.getRecords()).hasSize(3);
		assertThat(first.getBatchItemFailures()).isEmpty();
		assertThat(replay.getBatchItemFailures()).isEmpty();
		assertThat(afterFirst.get("inCarts").n()).isEqualTo("1");
		assertThat(afterFirst.get("adds").n()).isEqualTo("1");
		assertThat(stats(sku)).isEqualTo(afterFirst);
		assertThat(stats("OTHER-" + sku).get("inCarts").n()).isEqualTo("0");
	}

	/**
	 * A batch of five records whose third cannot be projected (a cart line without its
	 * SKU): the two before it are applied, it is reported as the batch item failure, and
	 * nothing after it is applied, so that Lambda's retry from it keeps the order.
	 */
	@Test
	void aFailingRecordInTheMiddleOfABatchIsReportedSoLambdaRetriesFromIt() {
		String session = "s-" + UUID.randomUUID();
		List<String> skus = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			skus.add("B" + i + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
		}
		putLine(session, skus.get(0));
		putLine(session, skus.get(1));
		dynamo.putItem((put) -> put.tableName(DynamoDbTables.SESSIONS)
			.item(Map.of(SessionItems.PK, fromS(SessionItems.sessionKey(session)), SessionItems.SK,
					fromS(SessionItems.cartKey(skus.get(2))))));
		putLine(session, skus.get(3));
		putLine(session, skus.get(4));
		DynamodbEvent event = eventFor(session);
		ProjectorHandler handler = new ProjectorHandler(
				new Projector(dynamo, DynamoDbTables.CART_INSIGHTS, Clock.systemUTC()));

		StreamsEventResponse response = handler.handleRequest(event, null);

		assertThat(event.getRecords()).hasSize(5);
		assertThat(response.getBatchItemFailures()).singleElement()
			.satisfies((failure) -> assertThat(failure.getItemIdentifier())
				.isEqualTo(event.getRecords().get(2).getDynamodb().getSequenceNumber()));
		assertThat(stats(skus.get(0))).containsEntry("inCarts", fromN("1"));
		assertThat(stats(skus.get(1))).containsEntry("inCarts", fromN("1"));
		assertThat(stats(skus.get(3))).as("after the failure: left for the retry").isEmpty();
		assertThat(stats(skus.get(4))).isEmpty();
	}

	private static void putLine(String session, String sku) {
		dynamo.putItem((put) -> put.tableName(DynamoDbTables.SESSIONS)
			.item(Map.of(SessionItems.PK, fromS(SessionItems.sessionKey(session)), SessionItems.SK,
					fromS(SessionItems.cartKey(sku)), SessionItems.SKU, fromS(sku), SessionItems.NAME, fromS(sku),
					SessionItems.QUANTITY, fromN("1"), SessionItems.UNIT_PRICE, fromS("5.00"), SessionItems.CURRENCY,
					fromS("USD"), SessionItems.ADDED_AT, fromN(Long.toString(Instant.now().toEpochMilli())),
					SessionItems.EXPIRES_AT, fromN(Long.toString(Instant.now().getEpochSecond() + 3600)))));
	}

	private static void deleteLine(String session, String sku) {
		dynamo.deleteItem((delete) -> delete.tableName(DynamoDbTables.SESSIONS)
			.key(Map.of(SessionItems.PK, fromS(SessionItems.sessionKey(session)), SessionItems.SK,
					fromS(SessionItems.cartKey(sku)))));
	}

	private static Map<String, AttributeValue> stats(String sku) {
		return dynamo
			.getItem((get) -> get.tableName(DynamoDbTables.CART_INSIGHTS)
				.key(Map.of("pk", fromS(InsightItems.productKey(sku)), "sk", fromS(InsightItems.STATS)))
				.consistentRead(true))
			.item();
	}

	/** This session's records from the real stream, as Lambda's event model. */
	private static DynamodbEvent eventFor(String session) {
		String arn = dynamo.describeTable((describe) -> describe.tableName(DynamoDbTables.SESSIONS))
			.table()
			.latestStreamArn();
		List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
		streams.describeStream((describe) -> describe.streamArn(arn)).streamDescription().shards().forEach((shard) -> {
			String iterator = streams
				.getShardIterator((request) -> request.streamArn(arn)
					.shardId(shard.shardId())
					.shardIteratorType(ShardIteratorType.TRIM_HORIZON))
				.shardIterator();
			while (iterator != null) {
				String current = iterator;
				var response = streams.getRecords((request) -> request.shardIterator(current));
				response.records()
					.stream()
					.filter((record) -> record.dynamodb().keys().get("pk").s().equals(SessionItems.sessionKey(session)))
					.map(ProjectorHandlerTests::lambdaRecord)
					.forEach(records::add);
				iterator = response.records().isEmpty() ? null : response.nextShardIterator();
			}
		});
		DynamodbEvent event = new DynamodbEvent();
		event.setRecords(records);
		return event;
	}

	private static DynamodbEvent.DynamodbStreamRecord lambdaRecord(Record record) {
		DynamodbEvent.DynamodbStreamRecord converted = new DynamodbEvent.DynamodbStreamRecord();
		converted.setEventID(record.eventID());
		converted.setEventName(record.eventNameAsString());
		converted.setEventSource("aws:dynamodb");
		if (record.userIdentity() != null) {
			Identity identity = new Identity();
			identity.setType(record.userIdentity().type());
			identity.setPrincipalId(record.userIdentity().principalId());
			converted.setUserIdentity(identity);
		}
		StreamRecord stream = new StreamRecord();
		stream.setSequenceNumber(record.dynamodb().sequenceNumber());
		stream.setApproximateCreationDateTime(Date.from(record.dynamodb().approximateCreationDateTime()));
		stream.setKeys(lambda(record.dynamodb().keys()));
		stream.setNewImage(lambda(record.dynamodb().newImage()));
		stream.setOldImage(lambda(record.dynamodb().oldImage()));
		stream.setStreamViewType(
				com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_AND_OLD_IMAGES);
		converted.setDynamodb(stream);
		return converted;
	}

	private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> lambda(
			Map<String, AttributeValue> image) {
		if (image == null || image.isEmpty()) {
			return null;
		}
		Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> converted = new HashMap<>();
		image.forEach((name, value) -> {
			var attribute = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
			if (value.s() != null) {
				attribute.setS(value.s());
			}
			else if (value.n() != null) {
				attribute.setN(value.n());
			}
			else if (value.hasSs()) {
				attribute.setSS(value.ss());
			}
			else if (value.bool() != null) {
				attribute.setBOOL(value.bool());
			}
			converted.put(name, attribute);
		});
		return converted;
	}

}
