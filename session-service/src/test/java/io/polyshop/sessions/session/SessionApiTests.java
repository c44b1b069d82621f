package io.polyshop.sessions.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.polyshop.sessions.CatalogStub;
import io.polyshop.sessions.DynamoDbCalls;
import io.polyshop.sessions.SessionsIntegrationTest;
import io.polyshop.sessions.TestSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.polyshop.sessions.TestSessions.add;
import static io.polyshop.sessions.TestSessions.put;
import static io.polyshop.sessions.TestSessions.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SessionsIntegrationTest
class SessionApiTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	DynamoDbCalls calls;

	@Autowired
	CatalogStub catalog;

	@AfterEach
	void healthyCatalog() {
		this.catalog.answer();
	}

	@Test
	void sessionIdsAreLongRandomAndUrlSafeAndNeverCached() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			MvcTestResult created = this.mvc.post().uri("/sessions").exchange();
			assertThat(created).hasStatus(HttpStatus.CREATED).hasHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			ids.add(TestSessions.read(created, "$.id"));
		}
		assertThat(ids).hasSize(20).allMatch((id) -> id.matches("^[A-Za-z0-9_-]{32}$"));
	}

	@Test
	void aSessionWithItsCartAndTotalsIsReadWithOneQuery() {
		String session = TestSessions.start(this.mvc);
		add(this.mvc, session, uniqueSku(), 2);
		add(this.mvc, session, uniqueSku(), 1);

		List<MvcTestResult> read = new ArrayList<>();
		List<String> operations = this.calls
			.during(() -> read.add(this.mvc.get().uri("/sessions/{id}", session).exchange()));

		assertThat(operations).containsExactly("Query");
		assertThat(read.getFirst()).hasStatusOk().bodyJson().extractingPath("$.total.amount").isEqualTo("37.50");
		assertThat(read.getFirst()).bodyJson().extractingPath("$.itemCount").isEqualTo(3);
		assertThat(read.getFirst()).bodyJson().extractingPath("$.lines.length()").isEqualTo(2);
	}

	@Test
	void attachingACustomerListsTheSessionUnderThatCustomerFromTheIndex() {
		String customer = "c-" + uniqueSku().toLowerCase();
		String first = TestSessions.start(this.mvc);
		String second = TestSessions.start(this.mvc);
		TestSessions.attach(this.mvc, first, customer);
		TestSessions.attach(this.mvc, second, customer);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			MvcTestResult listed = this.mvc.get()
				.uri("/customers/{customer}/sessions", customer)
				.header(HttpHeaders.AUTHORIZATION, TestSessions.customer(customer))
				.exchange();
			assertThat(listed).hasStatusOk().bodyJson().extractingPath("$.length()").isEqualTo(2);
			// The listing never reveals a session id: it is a bearer secret.
			assertThat(listed.getResponse().getContentAsString()).doesNotContain(first).doesNotContain(second);
		});
		List<MvcTestResult> query = new ArrayList<>();
		assertThat(this.calls.during(() -> query.add(this.mvc.get()
			.uri("/customers/{c}/sessions", customer)
			.header(HttpHeaders.AUTHORIZATION, TestSessions.customer(customer))
			.exchange()))).containsExactly("Query");
	}

	@Test
	void quantityZeroOrDeleteRemovesALine() {
		String session = TestSessions.start(this.mvc);
		String kept = uniqueSku();
		String zeroed = uniqueSku();
		String deleted = uniqueSku();
		add(this.mvc, session, kept, 1);
		add(this.mvc, session, zeroed, 1);
		add(this.mvc, session, deleted, 1);

		assertThat(put(this.mvc, session, zeroed, 0)).hasStatusOk();
		assertThat(this.mvc.delete().uri("/sessions/{id}/cart/{sku}", session, deleted)).hasStatusOk();

		assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
			.extractingPath("$.lines[*].sku")
			.isEqualTo(List.of(kept));
	}

	@Test
	void namesAndPricesAreSnapshottedFromTheCatalog() {
		String session = TestSessions.start(this.mvc);
		String sku = uniqueSku();

		assertThat(put(this.mvc, session, sku, 3)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.lines[0]")
			.satisfies((line) -> assertThat(line.toString()).contains("Product " + sku, "12.50", "37.50"));
	}

	@Test
	void cartRulesAreUnprocessable() {
		String session = TestSessions.start(this.mvc);

		assertThat(put(this.mvc, session, uniqueSku(), 100)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("bad-quantity");
		assertThat(put(this.mvc, session, uniqueSku(), -1)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(put(this.mvc, session, "NOPE-" + uniqueSku(), 1)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("unknown-sku");
		assertThat(put(this.mvc, session, "OFF-" + uniqueSku(), 1)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("inactive-sku");
		assertThat(put(this.mvc, session, "EUR-" + uniqueSku(), 1)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("currency-mismatch");
		assertThat(this.mvc.put()
			.uri("/sessions/{id}/cart/{sku}", session, uniqueSku())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"quantity\": \"lots\"}")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void aCartHoldsAtMostFiftyLines() {
		String session = TestSessions.start(this.mvc);
		for (int i = 0; i < 50; i++) {
			add(this.mvc, session, uniqueSku(), 1);
		}

		assertThat(put(this.mvc, session, uniqueSku(), 1)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("too-many-lines");
		assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
			.extractingPath("$.lines.length()")
			.isEqualTo(50);
	}

	@Test
	void withTheCatalogDownAddingIsServiceUnavailableButTheCartStillReads() {
		String session = TestSessions.start(this.mvc);
		String sku = uniqueSku();
		add(this.mvc, session, sku, 1);

		this.catalog.failEverything();

		assertThat(put(this.mvc, session, uniqueSku(), 1)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader(HttpHeaders.RETRY_AFTER, "2");
		assertThat(this.mvc.get().uri("/sessions/{id}", session)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.lines[*].sku")
			.isEqualTo(List.of(sku));
		// Removing needs no catalogue.
		assertThat(put(this.mvc, session, sku, 0)).hasStatusOk();
	}

	@Test
	void unknownAndMalformedSessionsAreNotFound() {
		assertThat(this.mvc.get().uri("/sessions/{id}", "A".repeat(32))).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri("/sessions/not-a-session")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(put(this.mvc, "B".repeat(32), uniqueSku(), 1)).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void theCartsVersionIsItsETagAndAStaleIfMatchIsRefused() {
		String session = TestSessions.start(this.mvc);
		String sku = uniqueSku();
		add(this.mvc, session, sku, 1);
		assertThat(this.mvc.get().uri("/sessions/{id}", session)).hasHeader(HttpHeaders.ETAG, "\"1\"");

		assertThat(setQuantity(session, sku, 5, "\"0\"")).hasStatus(HttpStatus.PRECONDITION_FAILED)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:polyshop:problem:version-mismatch");
		assertThat(setQuantity(session, sku, 5, "\"1\"")).hasStatusOk().hasHeader(HttpHeaders.ETAG, "\"2\"");
		assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
			.extractingPath("$.lines[0].quantity")
			.isEqualTo(5);
	}

	/**
	 * Twenty shoppers' tabs read the cart at the same version and each set a quantity:
	 * one change wins, every other gets a 412 instead of silently overwriting it.
	 */
	@Test
	void ofConcurrentChangesWithTheSameIfMatchOneWinsAndNoneIsLost() throws Exception {
		String session = TestSessions.start(this.mvc);
		String sku = uniqueSku();
		add(this.mvc, session, sku, 1);
		int writers = 20;
		CountDownLatch go = new CountDownLatch(1);
		List<Future<MvcTestResult>> changes = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
			for (int i = 0; i < writers; i++) {
				int quantity = 2 + i;
				changes.add(pool.submit(() -> {
					go.await();
					return setQuantity(session, sku, quantity, "\"1\"");
				}));
			}
			go.countDown();
			List<Integer> statuses = new ArrayList<>();
			Integer winner = null;
			for (int i = 0; i < writers; i++) {
				MvcTestResult change = changes.get(i).get(60, TimeUnit.SECONDS);
				statuses.add(change.getResponse().getStatus());
				if (change.getResponse().getStatus() == 200) {
					winner = 2 + i;
				}
			}
			assertThat(statuses).containsOnly(200, 412).filteredOn((status) -> status == 200).hasSize(1);
			assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
				.extractingPath("$.lines[0].quantity")
				.isEqualTo(winner);
		}
	}

	private MvcTestResult setQuantity(String session, String sku, int quantity, String ifMatch) {
		return this.mvc.put()
			.uri("/sessions/{id}/cart/{sku}", session, sku)
			.header(HttpHeaders.IF_MATCH, ifMatch)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"quantity\": " + quantity + "}")
			.exchange();
	}

	/**
	 * Fifty shoppers' tabs add fifty different products at once: each add is a change of
	 * its own line, so every one lands (none is refused as a conflict) and none is lost.
	 */
	@Test
	void concurrentAddsToOneCartAllLandAndLoseNothing() throws Exception {
		String session = TestSessions.start(this.mvc);
		int writers = 50;
		List<String> skus = new ArrayList<>();
		for (int i = 0; i < writers; i++) {
			skus.add(uniqueSku());
		}
		CountDownLatch go = new CountDownLatch(1);
		List<Future<MvcTestResult>> adds = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
			for (String sku : skus) {
				adds.add(pool.submit(() -> {
					go.await();
					return put(this.mvc, session, sku, 2);
				}));
			}
			go.countDown();
			for (Future<MvcTestResult> add : adds) {
				assertThat(add.get(60, TimeUnit.SECONDS)).hasStatusOk();
			}
		}

		MvcTestResult cart = this.mvc.get().uri("/sessions/{id}", session).exchange();
		List<String> stored = TestSessions.read(cart, "$.lines[*].sku");
		assertThat(stored).containsExactlyInAnyOrderElementsOf(skus);
		assertThat(cart).bodyJson().extractingPath("$.cartVersion").isEqualTo(writers);
		assertThat(cart).bodyJson().extractingPath("$.itemCount").isEqualTo(writers * 2);
	}

}
