package io.polyshop.sessions.insights.local;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.polyshop.local.dynamodb.DynamoDbTables;
import io.polyshop.sessions.SessionsProperties;

import io.polyshop.sessions.MovableClock;
import io.polyshop.sessions.SessionsIntegrationTest;
import io.polyshop.sessions.TestSessions;
import io.polyshop.sessions.insights.CartInsights;
import io.polyshop.sessions.projector.ChangeRecords;
import io.polyshop.sessions.projector.InsightItems;
import io.polyshop.sessions.projector.Projector;
import io.polyshop.sessions.projector.SessionItems;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static io.polyshop.sessions.TestSessions.add;
import static io.polyshop.sessions.TestSessions.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;

/** The stream → projector → read model path, with the local consumer running. */
@SessionsIntegrationTest
@Import(MovableClock.class)
class ProjectorTests {

	@Autowired
	MovableClock.Movable clock;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	CartInsights insights;

	@Autowired
	LocalStreamConsumer consumer;

	@Autowired
	DynamoDbClient dynamo;

	@Autowired
	DynamoDbStreamsClient streams;

	@Autowired
	SessionsProperties properties;

	@Autowired
	MeterRegistry meters;

	/**
	 * On a clock set to half past an hour, so that the adds and the trending query that
	 * looks for them fall into the same hour bucket however slowly the test runs.
	 */
	@Test
	void addsRemovalsAndCheckoutsShowInProductDemandAndTrending() {
		Instant now = Instant.now();
		Instant halfPast = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(30));
		this.clock
			.advance(Duration.between(now, halfPast.isAfter(now) ? halfPast : halfPast.plus(Duration.ofHours(1))));
		try {
			addsRemovalsAndCheckoutsShow();
		}
		finally {
			this.clock.reset();
		}
	}

	private void addsRemovalsAndCheckoutsShow() {
		String sku = uniqueSku();
		String first = TestSessions.start(this.mvc);
		String second = TestSessions.start(this.mvc);
		add(this.mvc, first, sku, 2);
		add(this.mvc, second, sku, 1);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.insights.demand(sku))
				.isEqualTo(new CartInsights.ProductDemand(sku, 2, 2, 0, 0)));
		assertThat(this.meters.get("sessions.projector.delay").timer().count())
			.as("each change timed from its write to its projection")
			.isPositive();
		assertThat(this.mvc.get()
			.uri("/insights/trending?limit=100")
			.header(HttpHeaders.AUTHORIZATION, TestSessions.staff())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[?(@.sku == '" + sku + "')].adds")
			.isEqualTo(List.of(2));

		TestSessions.put(this.mvc, second, sku, 0);
		assertThat(TestSessions.checkout(this.mvc, first, "projected-buyer")).hasStatus2xxSuccessful();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.insights.demand(sku))
				.isEqualTo(new CartInsights.ProductDemand(sku, 0, 2, 1, 0)));
		assertThat(this.mvc.get()
			.uri("/insights/products/{sku}", sku)
			.header(HttpHeaders.AUTHORIZATION, TestSessions.staff())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.checkouts")
			.isEqualTo(1);
	}

	@Test
	void replayingTheWholeStreamChangesNothing() {
		String sku = uniqueSku();
		String session = TestSessions.start(this.mvc);
		add(this.mvc, session, sku, 1);
		add(this.mvc, session, uniqueSku(), 1);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.insights.demand(sku).adds() == 1);
		CartInsights.ProductDemand before = this.insights.demand(sku);

		Projector replay = new Projector(this.dynamo, "polyshop-cart-insights", Clock.systemUTC());
		int replayed = 0;
		int applied = 0;
		for (Record record : allStreamRecords()) {
			replayed++;
			applied += replay.process(ChangeRecords.fromStreams(record)) ? 1 : 0;
		}

		assertThat(replayed).isPositive();
		assertThat(this.insights.demand(sku)).isEqualTo(before);
		assertThat(applied).as("records with effects are all known already").isLessThan(replayed);
	}

	@Test
	void afterARestartTheConsumerResumesFromItsCheckpointWithoutDoubleCounting() {
		String sku = uniqueSku();
		String session = TestSessions.start(this.mvc);
		add(this.mvc, session, sku, 1);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.insights.demand(sku).adds() == 1);

		this.consumer.stop();
		String other = TestSessions.start(this.mvc);
		add(this.mvc, other, sku, 1);
		add(this.mvc, session, uniqueSku(), 1);
		this.consumer.start();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.insights.demand(sku))
				.isEqualTo(new CartInsights.ProductDemand(sku, 2, 2, 0, 0)));
	}

	/**
	 * A consumer dies (the process is gone, nothing runs after) in the middle of a batch,
	 * three records into it; a new consumer, with nothing in memory, takes over from the
	 * checkpoint and the read model converges exactly. On tables of its own, so that the
	 * consumers of other test contexts do not read the same stream.
	 */
	@Test
	void aConsumerKilledInTheMiddleOfABatchIsResumedFromTheCheckpointByANewOne() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		SessionsProperties own = withTables("killed-sessions-" + suffix, "killed-insights-" + suffix);
		DynamoDbTables.createIfMissing(this.dynamo, own.dynamodb().sessionsTable(), own.dynamodb().insightsTable());
		ShardCheckpoints checkpoints = new ShardCheckpoints(this.dynamo, own);
		List<String> skus = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			skus.add(uniqueSku());
		}
		skus.subList(0, 2).forEach((sku) -> putLine(own, sku));
		new LocalStreamConsumer(this.dynamo, this.streams, checkpoints, own, Clock.systemUTC(),
				new SimpleMeterRegistry())
			.poll();
		String arn = this.dynamo.describeTable((describe) -> describe.tableName(own.dynamodb().sessionsTable()))
			.table()
			.latestStreamArn();
		Map<String, ShardCheckpoints.Checkpoint> beforeTheBatch = checkpoints.load(arn);
		assertThat(beforeTheBatch).isNotEmpty();

		skus.subList(2, 8).forEach((sku) -> putLine(own, sku));
		LocalStreamConsumer killed = new LocalStreamConsumer(diesAtWrite(4), this.streams, checkpoints, own,
				Clock.systemUTC(), new SimpleMeterRegistry());
		assertThatThrownBy(killed::poll).isInstanceOf(Killed.class);
		assertThat(skus.subList(2, 8)).as("killed three records into the batch of six")
			.filteredOn((sku) -> inCarts(own, sku) == 1)
			.hasSize(3);
		assertThat(checkpoints.load(arn)).as("the batch was not checkpointed").isEqualTo(beforeTheBatch);

		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		LocalStreamConsumer successor = new LocalStreamConsumer(this.dynamo, this.streams, checkpoints, own,
				Clock.systemUTC(), meters);
		successor.poll();

		assertThat(skus).allSatisfy((sku) -> assertThat(inCarts(own, sku)).as(sku).isEqualTo(1));
		assertThat(meters.get("sessions.projector.records").tag("result", "duplicate").counter().count())
			.as("the three records applied before the kill, read again from the checkpoint, and nothing before it")
			.isEqualTo(3);
		assertThat(meters.get("sessions.projector.records").tag("result", "applied").counter().count()).isEqualTo(3);
		this.dynamo.deleteTable((delete) -> delete.tableName(own.dynamodb().sessionsTable()));
		this.dynamo.deleteTable((delete) -> delete.tableName(own.dynamodb().insightsTable()));
	}

	/** The process dies: an Error, which nothing in the consumer catches. */
	static final class Killed extends Error {

		Killed() {
			super("killed");
		}

	}

	/** A client whose {@code n}-th read-model transaction kills the process. */
	private DynamoDbClient diesAtWrite(int n) {
		AtomicInteger writes = new AtomicInteger();
		return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
				new Class<?>[] { DynamoDbClient.class }, (proxy, method, args) -> {
					if (method.getName().equals("transactWriteItems") && writes.incrementAndGet() == n) {
						throw new Killed();
					}
					try {
						return method.invoke(this.dynamo, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	private SessionsProperties withTables(String sessions, String insights) {
		SessionsProperties.DynamoDb dynamoDb = this.properties.dynamodb();
		return new SessionsProperties(this.properties.idleTimeout(), this.properties.maxLines(),
				new SessionsProperties.DynamoDb(dynamoDb.endpoint(), dynamoDb.region(),
						dynamoDb.apiCallAttemptTimeout(), dynamoDb.apiCallTimeout(), sessions, insights),
				this.properties.catalog(), this.properties.orders(), this.properties.projector(),
				this.properties.checkout());
	}

	private void putLine(SessionsProperties tables, String sku) {
		this.dynamo.putItem((put) -> put.tableName(tables.dynamodb().sessionsTable())
			.item(Map.of(SessionItems.PK, fromS(SessionItems.sessionKey("s-" + UUID.randomUUID())), SessionItems.SK,
					fromS(SessionItems.cartKey(sku)), SessionItems.SKU, fromS(sku), SessionItems.NAME, fromS(sku),
					SessionItems.QUANTITY, fromN("1"), SessionItems.UNIT_PRICE, fromS("5.00"), SessionItems.CURRENCY,
					fromS("USD"), SessionItems.ADDED_AT, fromN(Long.toString(Instant.now().toEpochMilli())),
					SessionItems.EXPIRES_AT, fromN(Long.toString(Instant.now().getEpochSecond() + 3600)))));
	}

	private long inCarts(SessionsProperties tables, String sku) {
		Map<String, AttributeValue> item = this.dynamo
			.getItem((get) -> get.tableName(tables.dynamodb().insightsTable())
				.key(Map.of(InsightItems.PK, fromS(InsightItems.productKey(sku)), InsightItems.SK,
						fromS(InsightItems.STATS)))
				.consistentRead(true))
			.item();
		return item.containsKey(InsightItems.IN_CARTS) ? Long.parseLong(item.get(InsightItems.IN_CARTS).n()) : 0;
	}

	private List<Record> allStreamRecords() {
		String arn = this.dynamo.describeTable((describe) -> describe.tableName("polyshop-sessions"))
			.table()
			.latestStreamArn();
		return this.streams.describeStream((describe) -> describe.streamArn(arn))
			.streamDescription()
			.shards()
			.stream()
			.flatMap((shard) -> {
				String iterator = this.streams
					.getShardIterator((request) -> request.streamArn(arn)
						.shardId(shard.shardId())
						.shardIteratorType(ShardIteratorType.TRIM_HORIZON))
					.shardIterator();
				List<Record> records = new java.util.ArrayList<>();
				while (iterator != null) {
					String current = iterator;
					var response = this.streams.getRecords((request) -> request.shardIterator(current));
					records.addAll(response.records());
					iterator = response.records().isEmpty() ? null : response.nextShardIterator();
				}
				return records.stream();
			})
			.toList();
	}

}
