package io.polyshop.orders.order.web;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.polyshop.orders.CatalogStub;
import io.polyshop.orders.OrdersIntegrationTest;
import io.polyshop.orders.TestOrders;
import io.polyshop.orders.idempotency.Claim;
import io.polyshop.orders.idempotency.IdempotencyKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@OrdersIntegrationTest
class IdempotencyTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CatalogStub catalog;

	@Autowired
	IdempotencyKeys keys;

	@Autowired
	JsonMapper json;

	@AfterEach
	void restoreCatalog() {
		this.catalog.answer();
	}

	@Test
	void replaysOriginalResponseForRepeatedIdempotencyKey() throws Exception {
		String customer = TestOrders.uniqueCustomer();
		String key = TestOrders.uniqueKey();
		String body = TestOrders.body(customer, CatalogStub.linesJson(List.of(CatalogStub.KETTLE), 2));

		MvcTestResult first = place(key, body);
		MvcTestResult retry = place(key, body.replace(" ", "  "));

		assertThat(first).hasStatus(HttpStatus.CREATED).hasHeader("Idempotent-Replayed", "false");
		assertThat(retry).hasStatus(HttpStatus.CREATED)
			.hasHeader("Idempotent-Replayed", "true")
			.hasHeader(HttpHeaders.LOCATION, first.getResponse().getHeader(HttpHeaders.LOCATION));
		assertThat(retry.getResponse().getContentAsByteArray()).isEqualTo(first.getResponse().getContentAsByteArray());
		assertThat(TestOrders.ordersOf(this.jdbc, customer)).isEqualTo(1);
	}

	@Test
	void theSameKeyWithAnotherBodyIsRejected() {
		String customer = TestOrders.uniqueCustomer();
		String key = TestOrders.uniqueKey();
		assertThat(place(key, TestOrders.body(customer, CatalogStub.linesJson(List.of(CatalogStub.KETTLE), 1))))
			.hasStatus(HttpStatus.CREATED);

		assertThat(place(key, TestOrders.body(customer, CatalogStub.linesJson(List.of(CatalogStub.KETTLE), 3))))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:polyshop:problem:idempotency-key-reused");
		assertThat(TestOrders.ordersOf(this.jdbc, customer)).isEqualTo(1);
	}

	@Test
	void concurrentRequestsWithOneKeyCreateExactlyOneOrder() throws Exception {
		String customer = TestOrders.uniqueCustomer();
		String key = TestOrders.uniqueKey();
		String body = TestOrders.body(customer, CatalogStub.linesJson(List.of(CatalogStub.KETTLE, CatalogStub.MUG), 1));
		// A slow catalogue keeps the first request in progress while the others arrive.
		this.catalog.answerAfter(Duration.ofMillis(300));

		int callers = 12;
		CountDownLatch go = new CountDownLatch(1);
		List<Future<MvcTestResult>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
			for (int i = 0; i < callers; i++) {
				results.add(pool.submit(() -> {
					go.await();
					return place(key, body);
				}));
			}
			go.countDown();
			int created = 0;
			int inProgress = 0;
			for (Future<MvcTestResult> future : results) {
				MvcTestResult result = future.get(30, TimeUnit.SECONDS);
				int status = result.getResponse().getStatus();
				if (status == 201) {
					created++;
				}
				else {
					assertThat(status).isEqualTo(409);
					assertThat(result).hasHeader(HttpHeaders.RETRY_AFTER, "1")
						.bodyJson()
						.extractingPath("$.type")
						.isEqualTo("urn:polyshop:problem:request-in-progress");
					inProgress++;
				}
			}
			assertThat(created + inProgress).isEqualTo(callers);
			assertThat(created).isPositive();
		}
		assertThat(TestOrders.ordersOf(this.jdbc, customer)).isEqualTo(1);
		assertThat(place(key, body)).hasStatus(HttpStatus.CREATED).hasHeader("Idempotent-Replayed", "true");
	}

	@Test
	void aKeyLeftInProgressByACrashedRequestIsTakenOverAfterTheLease() {
		String customer = TestOrders.uniqueCustomer();
		String key = TestOrders.uniqueKey();
		PlaceOrderRequest request = new PlaceOrderRequest(customer, "USD",
				List.of(new PlaceOrderRequest.Line(CatalogStub.MUG, 4)), null, null);
		String fingerprint = IdempotencyKeys.fingerprint("POST /orders\n" + this.json.writeValueAsString(request));
		// A request claimed the key, then its process died before it could finish.
		assertThat(this.keys.claim(key, fingerprint)).isInstanceOf(Claim.Claimed.class);
		String body = this.json.writeValueAsString(request);

		assertThat(place(key, body)).hasStatus(HttpStatus.CONFLICT);

		this.jdbc.sql("update idempotency_key set locked_at = :longAgo where key = :key")
			.param("longAgo", Timestamp.from(Instant.now().minus(Duration.ofMinutes(5))))
			.param("key", key)
			.update();
		assertThat(place(key, body)).hasStatus(HttpStatus.CREATED).hasHeader("Idempotent-Replayed", "false");
		assertThat(TestOrders.ordersOf(this.jdbc, customer)).isEqualTo(1);
	}

	@Test
	void theOrderAndItsIdempotencyRecordAreCommittedTogether() {
		String customer = TestOrders.uniqueCustomer();
		String key = TestOrders.uniqueKey();

		MvcTestResult created = place(key,
				TestOrders.body(customer, CatalogStub.linesJson(List.of(CatalogStub.KETTLE), 1)));

		assertThat(created).hasStatus(HttpStatus.CREATED);
		String orderId = created.getResponse().getHeader(HttpHeaders.LOCATION).substring("/orders/".length());
		assertThat(this.jdbc
			.sql("""
					select k.status || ' ' || k.response_status || ' ' || (select count(*) from order_event e where e.order_id = k.order_id)
					from idempotency_key k where k.key = :key and k.order_id = cast(:orderId as uuid)""")
			.param("key", key)
			.param("orderId", orderId)
			.query(String.class)
			.single()).isEqualTo("COMPLETED 201 1");
	}

	@Test
	void expiredKeysAreDeletedAndAnExpiredKeyCountsAsNew() {
		String customer = TestOrders.uniqueCustomer();
		String key = TestOrders.uniqueKey();
		String body = TestOrders.body(customer, CatalogStub.linesJson(List.of(CatalogStub.KETTLE), 1));
		assertThat(place(key, body)).hasStatus(HttpStatus.CREATED);
		this.jdbc.sql("update idempotency_key set expires_at = :past where key = :key")
			.param("past", Timestamp.from(Instant.now().minusSeconds(1)))
			.param("key", key)
			.update();

		assertThat(place(key, body)).hasStatus(HttpStatus.CREATED).hasHeader("Idempotent-Replayed", "false");
		assertThat(TestOrders.ordersOf(this.jdbc, customer)).isEqualTo(2);

		this.jdbc.sql("update idempotency_key set expires_at = :past where key = :key")
			.param("past", Timestamp.from(Instant.now().minusSeconds(1)))
			.param("key", key)
			.update();
		// The scheduled cleanup (first run a minute after start) may get there first:
		// what
		// counts is that the expired key is gone, whichever run deleted it.
		this.keys.deleteExpired(1000);
		assertThat(this.jdbc.sql("select count(*) from idempotency_key where key = :key")
			.param("key", key)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aMissingIdempotencyKeyIsABadRequest() {
		assertThat(this.mvc.post()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, TestOrders.placer())
			.contentType(MediaType.APPLICATION_JSON)
			.content(TestOrders.body(TestOrders.uniqueCustomer(),
					CatalogStub.linesJson(List.of(CatalogStub.KETTLE), 1))))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private MvcTestResult place(String key, String body) {
		return TestOrders.post(this.mvc, key, body);
	}

}
