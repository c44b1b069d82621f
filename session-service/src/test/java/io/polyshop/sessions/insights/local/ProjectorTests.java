package io.polyshop.sessions.insights.local;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.polyshop.sessions.SessionsIntegrationTest;
import io.polyshop.sessions.TestSessions;
import io.polyshop.sessions.insights.CartInsights;
import io.polyshop.sessions.projector.ChangeRecords;
import io.polyshop.sessions.projector.Projector;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static io.polyshop.sessions.TestSessions.add;
import static io.polyshop.sessions.TestSessions.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The stream → projector → read model path, with the local consumer running. */
@SessionsIntegrationTest
class ProjectorTests {

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

	@Test
	void addsRemovalsAndCheckoutsShowInProductDemandAndTrending() {
		String sku = uniqueSku();
		String first = TestSessions.start(this.mvc);
		String second = TestSessions.start(this.mvc);
		add(this.mvc, first, sku, 2);
		add(this.mvc, second, sku, 1);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.insights.demand(sku))
				.isEqualTo(new CartInsights.ProductDemand(sku, 2, 2, 0, 0)));
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
