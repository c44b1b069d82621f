package io.polyshop.sessions.infrastructure;

import io.polyshop.sessions.SessionsProperties;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code dynamoDb}: the sessions table answers and is
 * ACTIVE. Part of readiness: without its table this service can do nothing useful.
 */
@Component("dynamoDb")
class DynamoDbHealthIndicator extends AbstractHealthIndicator {

	private final DynamoDbClient dynamo;

	private final String table;

	DynamoDbHealthIndicator(DynamoDbClient dynamo, SessionsProperties properties) {
		super("DynamoDB health check failed");
		this.dynamo = dynamo;
		this.table = properties.dynamodb().sessionsTable();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		TableDescription description = this.dynamo.describeTable((describe) -> describe.tableName(this.table)).table();
		builder.status("ACTIVE".equals(description.tableStatusAsString()) ? "UP" : "OUT_OF_SERVICE")
			.withDetail("table", this.table)
			.withDetail("status", description.tableStatusAsString())
			.withDetail("stream", String.valueOf(description.latestStreamArn()));
	}

}
