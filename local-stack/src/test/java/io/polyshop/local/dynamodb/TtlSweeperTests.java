package io.polyshop.local.dynamodb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import io.polyshop.local.LocalDynamoDb;
import io.polyshop.local.SharedBackends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweeper's contract, on a clock of its own set hours ahead of real time (the items
 * here expire in an hour, so the server's own sweeper, on real time, leaves them alone):
 * every expired item goes, with or without the index keys; nothing goes early; an item
 * whose expiry slid forward stays.
 */
class TtlSweeperTests {

	private final LocalDynamoDb local = SharedBackends.dynamoDb();

	private final DynamoDbClient dynamo = this.local.client();

	private final Instant start = Instant.now();

	private final AtomicReference<Instant> now = new AtomicReference<>(this.start);

	private TtlSweeper sweeper;

	@BeforeEach
	void sweeperOnAMovableClock() {
		DynamoDbTables.createIfMissing(this.dynamo);
		Clock clock = new Clock() {

			@Override
			public Instant instant() {
				return TtlSweeperTests.this.now.get();
			}

			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

		};
		this.sweeper = new TtlSweeper(this.local.server(), this.local.endpoint(), clock, Duration.ofSeconds(30));
	}

	@AfterEach
	void close() {
		this.sweeper.close();
		this.dynamo.close();
	}

	@Test
	void itemsWithoutTheIndexKeysExpireAlongsideTheOthers() {
		long expiresAt = this.start.plus(Duration.ofHours(1)).getEpochSecond();
		String run = UUID.randomUUID().toString();
		List<String> sessions = IntStream.range(0, 20).mapToObj((i) -> "SESSION#" + run + "-" + i).toList();
		for (int i = 0; i < sessions.size(); i++) {
			Map<String, AttributeValue> item = new HashMap<>(item(sessions.get(i), expiresAt));
			if (i % 2 == 0) {
				// In the sparse GSI; the odd ones (cart lines, anonymous sessions) are
				// not.
				item.put("gsi1pk", AttributeValue.fromS("CUSTOMER#" + run));
				item.put("gsi1sk", AttributeValue.fromS("SESSION#" + i));
			}
			this.dynamo.putItem((put) -> put.tableName(DynamoDbTables.SESSIONS).item(item));
		}

		this.now.set(this.start.plus(Duration.ofMinutes(59)));
		this.sweeper.sweep();
		assertThat(sessions).allMatch(this::exists);

		this.now.set(this.start.plus(Duration.ofHours(2)));
		this.sweeper.sweep();
		assertThat(sessions).noneMatch(this::exists);
	}

	@Test
	void anItemWhoseExpirySlidForwardStays() {
		String session = "SESSION#" + UUID.randomUUID();
		this.dynamo.putItem((put) -> put.tableName(DynamoDbTables.SESSIONS)
			.item(item(session, this.start.plus(Duration.ofHours(1)).getEpochSecond())));
		this.now.set(this.start.plus(Duration.ofMinutes(30)));
		this.sweeper.sweep();

		// Activity slides the expiry forward, as session-service does on every change.
		this.dynamo.putItem((put) -> put.tableName(DynamoDbTables.SESSIONS)
			.item(item(session, this.start.plus(Duration.ofHours(3)).getEpochSecond())));
		this.now.set(this.start.plus(Duration.ofHours(2)));
		this.sweeper.sweep();
		assertThat(exists(session)).isTrue();

		this.now.set(this.start.plus(Duration.ofHours(4)));
		this.sweeper.sweep();
		assertThat(exists(session)).isFalse();
	}

	@Test
	void theDeleteChecksUnderTheLockThatTheItemIsStillExpired() {
		String session = "SESSION#" + UUID.randomUUID();
		long expiresAt = this.start.plus(Duration.ofHours(1)).getEpochSecond();
		this.dynamo.putItem((put) -> put.tableName(DynamoDbTables.SESSIONS).item(item(session, expiresAt)));
		var internals = new DynamoDbLocalInternals(this.local.server());
		var key = Map.of("pk", AttributeValue.fromS(session), "sk", AttributeValue.fromS("META"));
		long fiveYears = Duration.ofDays(5 * 365).toSeconds();

		boolean early = internals.deleteIfExpired(DynamoDbTables.SESSIONS, key, "expiresAt", expiresAt - 1, fiveYears);
		assertThat(early).isFalse();
		assertThat(exists(session)).isTrue();

		boolean due = internals.deleteIfExpired(DynamoDbTables.SESSIONS, key, "expiresAt", expiresAt, fiveYears);
		assertThat(due).isTrue();
		assertThat(exists(session)).isFalse();
	}

	private static Map<String, AttributeValue> item(String pk, long expiresAt) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("META"), "expiresAt",
				AttributeValue.fromN(Long.toString(expiresAt)));
	}

	private boolean exists(String pk) {
		return this.dynamo
			.getItem((get) -> get.tableName(DynamoDbTables.SESSIONS)
				.key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("META")))
				.consistentRead(true))
			.hasItem();
	}

}
