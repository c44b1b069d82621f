package io.polyshop.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the abandoned-cart projection relies on: DynamoDB Local's TTL deletes an expired
 * item by itself, and the stream's REMOVE names the TTL service as its user identity.
 */
class DynamoDbTtlTests {

	@Test
	void anExpiredItemIsRemovedByTheTtlServiceAndTheStreamSaysSo() {
		LocalDynamoDb dynamoDb = SharedBackends.dynamoDb();
		try (DynamoDbClient dynamo = dynamoDb.client();
				DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
					.endpointOverride(dynamoDb.endpoint())
					.region(Region.US_EAST_1)
					.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
					.build()) {
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
