package io.polyshop.sessions.insights.local;

import java.util.HashMap;
import java.util.Map;

import io.polyshop.sessions.SessionsProperties;
import io.polyshop.sessions.projector.Attributes;
import io.polyshop.sessions.projector.InsightItems;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.stereotype.Repository;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

/**
 * Where the local consumer is in each shard of a stream: the last sequence number it
 * processed, and whether the shard is finished (closed and read to its end). Kept in the
 * read-model table, so it survives restarts. A checkpoint lags the read model, never
 * leads it: after a crash some records are processed again, which the projector's
 * idempotency makes harmless.
 */
@Repository
class ShardCheckpoints {

	private final DynamoDbClient dynamo;

	private final String table;

	ShardCheckpoints(DynamoDbClient dynamo, SessionsProperties properties) {
		this.dynamo = dynamo;
		this.table = properties.dynamodb().insightsTable();
	}

	Map<String, Checkpoint> load(String streamArn) {
		Map<String, Checkpoint> checkpoints = new HashMap<>();
		this.dynamo
			.queryPaginator((query) -> query.tableName(this.table)
				.keyConditionExpression("pk = :stream")
				.expressionAttributeValues(Map.of(":stream", fromS(InsightItems.checkpointKey(streamArn))))
				.consistentRead(true))
			.items()
			.forEach((item) -> {
				String shardId = Attributes.required(item, "shardId").s();
				AttributeValue sequence = item.get("sequenceNumber");
				checkpoints.put(shardId, new Checkpoint((sequence != null) ? sequence.s() : null,
						item.containsKey("finished") && item.get("finished").bool()));
			});
		return checkpoints;
	}

	void save(String streamArn, String shardId, @Nullable String sequenceNumber, boolean finished) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put(InsightItems.PK, fromS(InsightItems.checkpointKey(streamArn)));
		item.put(InsightItems.SK, fromS(InsightItems.shardKey(shardId)));
		item.put("shardId", fromS(shardId));
		item.put("finished", AttributeValue.fromBool(finished));
		if (sequenceNumber != null) {
			item.put("sequenceNumber", fromS(sequenceNumber));
		}
		this.dynamo.putItem((put) -> put.tableName(this.table).item(item));
	}

	record Checkpoint(@Nullable String sequenceNumber, boolean finished) {
	}

}
