package io.polyshop.sessions.projector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Projection and writer together: what the Lambda handler and the local stream consumer
 * call for each record. Tracks the age of the newest record it has seen (the lag).
 */
public final class Projector {

	private final CartInsightsWriter writer;

	private final Clock clock;

	private final AtomicLong lastRecordMillis = new AtomicLong(-1);

	public Projector(DynamoDbClient dynamo, String insightsTable, Clock clock) {
		this.writer = new CartInsightsWriter(dynamo, insightsTable, clock);
		this.clock = clock;
	}

	/**
	 * @return true if the record changed the read model now, false if it was a replay
	 */
	public boolean process(ChangeRecord record) {
		boolean applied = this.writer.apply(record, CartInsightsProjection.project(record));
		this.lastRecordMillis.accumulateAndGet(record.approximateCreation().toEpochMilli(), Math::max);
		return applied;
	}

	/** How far behind the newest record processed is; zero before any record. */
	public Duration lag() {
		long last = this.lastRecordMillis.get();
		return (last < 0) ? Duration.ZERO : Duration.between(Instant.ofEpochMilli(last), this.clock.instant());
	}

}
