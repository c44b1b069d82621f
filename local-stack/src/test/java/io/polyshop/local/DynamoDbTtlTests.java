package io.polyshop.local;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.polyshop.local.dynamodb.DynamoDbTables;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the abandoned-cart projection relies on: DynamoDB Local deletes an expired item by
 * itself, even one outside the sparse GSI, and the stream's REMOVE names the TTL service
 * as its user identity. Runs against the DynamoDB Local of the current backend mode:
 * in-process, or the official container with the sweeper on its classpath.
 */
class DynamoDbTtlTests {

	@Test
	void anExpiredItemIsRemovedByTheTtlServiceAndTheStreamSaysSo() {
		URI endpoint = SharedBackends.dynamoDbEndpoint();
		try (DynamoDbClient dynamo = LocalDynamoDb.client(endpoint);
				DynamoDbStreamsClient streams = LocalDynamoDb.streamsClient(endpoint)) {
			DynamoDbTables.createIfMissing(dynamo);
			String pk = "SESSION#ttl-" + System.nanoTime();
			dynamo.putItem((put) -> put.tableName(DynamoDbTables.SESSIONS)
				.item(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("META"), "expiresAt",
						AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() + 1)))));

			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				List<Record> removes = streamRecords(dynamo, streams).stream()
					.filter((record) -> record.eventNameAsString().equals("REMOVE"))
					.filter((record) -> record.dynamodb().keys().get("pk").s().equals(pk))
					.toList();
				assertThat(removes).singleElement().satisfies((record) -> {
					assertThat(record.userIdentity().type()).isEqualTo("Service");
					assertThat(record.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
				});
			});
		}
	}

	private static List<Record> streamRecords(DynamoDbClient dynamo, DynamoDbStreamsClient streams) {
		String arn = dynamo.describeTable((describe) -> describe.tableName(DynamoDbTables.SESSIONS))
			.table()
			.latestStreamArn();
		List<Record> records = new ArrayList<>();
		streams.describeStream((describe) -> describe.streamArn(arn)).streamDescription().shards().forEach((shard) -> {
			String iterator = streams
				.getShardIterator((request) -> request.streamArn(arn)
					.shardId(shard.shardId())
					.shardIteratorType(ShardIteratorType.TRIM_HORIZON))
				.shardIterator();
			while (iterator != null) {
				String current = iterator;
				var response = streams.getRecords((request) -> request.shardIterator(current));
				records.addAll(response.records());
				iterator = response.records().isEmpty() ? null : response.nextShardIterator();
			}
		});
		return records;
	}

}
