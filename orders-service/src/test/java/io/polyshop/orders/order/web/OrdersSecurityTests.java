package io.polyshop.orders.order.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.polyshop.contract.AccessAssertions;
import io.polyshop.contract.Endpoint;
import io.polyshop.contract.TestCaller;
import io.polyshop.contract.TestIssuer;
import io.polyshop.orders.CatalogStub;
import io.polyshop.orders.OrdersIntegrationTest;
import io.polyshop.orders.TestOrders;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.polyshop.contract.TestCaller.ALICE;
import static io.polyshop.contract.TestCaller.BOB;
import static io.polyshop.contract.TestCaller.OPS;
import static io.polyshop.contract.TestCaller.SESSION_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of orders-service × every kind of caller, on an order of alice's. Only
 * session-service places orders; alice reads, lists and pays hers, and to bob it does not
 * exist (404, not 403); staff see every order and ship or cancel any; session-service No
 * forged, expired, foreign or misaddressed token gets in. Tokens are signed by
 * {@link TestIssuer} and checked against its JWKS, as production checks the real
 * issuer's.
 */
@OrdersIntegrationTest
class OrdersSecurityTests {

	@Autowired
	MockMvcTester mvc;

	/**
	 * A row's endpoint, on a new order of alice's in a given status ({@code {id}} in the
	 * path), and what each legitimate caller gets; no token or a forged one always gets a
	 * 401.
	 */
	record Rule(Endpoint endpoint, String status, Map<TestCaller, Integer> expected) {

		@Override
		public String toString() {
			return this.endpoint + " of a " + this.status + " order";
		}

	}

	static Stream<Arguments> everyEndpointAndCaller() {
		List<Rule> rules = List.of(
				rule(Endpoint.post("/orders",
						TestOrders.body("alice", CatalogStub.linesJson(List.of(CatalogStub.MUG), 1))), "PENDING", 403,
						403, 403, 201),
				rule(Endpoint.get("/orders/{id}"), "PENDING", 200, 404, 200, 404),
				rule(Endpoint.get("/orders/{id}/history"), "PENDING", 200, 404, 200, 404),
				rule(Endpoint.get("/orders?customerId=alice"), "PENDING", 200, 200, 200, 200),
				rule(Endpoint.post("/orders/{id}/pay", null), "PENDING", 200, 404, 404, 404),
				rule(Endpoint.post("/orders/{id}/ship", null), "PAID", 403, 403, 200, 403),
				rule(Endpoint.post("/orders/{id}/cancel", null), "PENDING", 403, 403, 200, 403),
				rule(Endpoint.post("/orders/{id}/cancel", null), "PAID", 403, 403, 200, 403));
		List<Arguments> rows = new ArrayList<>();
		for (Rule rule : rules) {
			for (TestCaller caller : TestCaller.values()) {
				Integer expected = rule.expected().get(caller);
				rows.add(Arguments.of(rule, caller, (expected != null) ? expected : 401));
			}
		}
		return rows.stream();
	}

	private static Rule rule(Endpoint endpoint, String status, int alice, int bob, int ops, int sessionService) {
		return new Rule(endpoint, status, Map.of(ALICE, alice, BOB, bob, OPS, ops, SESSION_SERVICE, sessionService));
	}

	@ParameterizedTest(name = "{0} by {1} → {2}")
	@MethodSource("everyEndpointAndCaller")
	void eachCallerGetsWhatItsTokenAllows(Rule rule, TestCaller caller, int expected) {
		String id = ordersOfAlice(rule.status());
		Endpoint endpoint = new Endpoint(rule.endpoint().method(), rule.endpoint().path().replace("{id}", id),
				rule.endpoint().body());

		MvcTestResult result = this.mvc
			.perform(caller.request(endpoint).header("Idempotency-Key", TestOrders.uniqueKey()));

		AccessAssertions.assertAnswer(result, expected, rule + " by " + caller);
	}

	@Test
	void aCustomerListsOnlyItsOwnOrdersWhateverItAsksFor() {
		String alices = ordersOfAlice("PENDING");

		assertThat(this.mvc.get().uri("/orders?customerId=alice").header(HttpHeaders.AUTHORIZATION, bearer(BOB)))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.items")
			.asArray()
			.isEmpty();
		assertThat(this.mvc.get().uri("/orders?limit=100").header(HttpHeaders.AUTHORIZATION, bearer(BOB))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[*].customerId")
			.asArray()
			.doesNotContain("alice");
		assertThat(this.mvc.get().uri("/orders?limit=100").header(HttpHeaders.AUTHORIZATION, bearer(ALICE)))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[*].id")
			.asArray()
			.contains(alices);
	}

	@Test
	void aCustomerCannotPlaceAnOrderDirectly() {
		assertThat(this.mvc.post()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, bearer(ALICE))
			.header("Idempotency-Key", TestOrders.uniqueKey())
			.contentType(MediaType.APPLICATION_JSON)
			.content(TestOrders.body("alice", CatalogStub.linesJson(List.of(CatalogStub.MUG), 1))))
			.hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:polyshop:problem:forbidden");
	}

	/** A new order of alice's, placed by session-service, moved to {@code status}. */
	private String ordersOfAlice(String status) {
		String id = TestOrders.place(this.mvc, "alice");
		if (status.equals("PAID")) {
			assertThat(this.mvc.post().uri("/orders/{id}/pay", id).header(HttpHeaders.AUTHORIZATION, bearer(ALICE)))
				.hasStatusOk();
		}
		return id;
	}

	private static @Nullable String bearer(TestCaller caller) {
		return caller.authorization();
	}

}
