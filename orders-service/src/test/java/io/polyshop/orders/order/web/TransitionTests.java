package io.polyshop.orders.order.web;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.polyshop.orders.OrdersIntegrationTest;
import io.polyshop.orders.TestOrders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The state machine over HTTP: every allowed and refused move, races, the history. */
@OrdersIntegrationTest
class TransitionTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	/** Whose orders these are: the one who pays them. */
	private final String customer = TestOrders.uniqueCustomer();

	@Test
	void payThenShipIsRecordedInTheHistoryOldestFirst() {
		String id = placeOrder();

		assertThat(pay(id)).hasStatusOk().hasHeader(HttpHeaders.ETAG, "\"1\"");
		assertThat(byStaff(this.mvc.post().uri("/orders/{id}/ship", id))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("SHIPPED");

		assertThat(byStaff(this.mvc.get().uri("/orders/{id}/history", id))).hasStatusOk()
			.bodyJson()
			.extractingPath("$[*].type")
			.isEqualTo(List.of("ORDER_PLACED", "ORDER_PAID", "ORDER_SHIPPED"));
		assertThat(byStaff(this.mvc.get().uri("/orders/{id}", id))).hasStatusOk().hasHeader(HttpHeaders.ETAG, "\"2\"");
	}

	@ParameterizedTest(name = "{0} then {1} is refused")
	@CsvSource({ "PENDING, ship", "PAID, pay", "SHIPPED, pay", "SHIPPED, ship", "SHIPPED, cancel", "CANCELLED, pay",
			"CANCELLED, ship", "CANCELLED, cancel" })
	void everyMoveTheStateMachineForbidsIsAConflict(String state, String action) {
		String id = orderIn(state);

		assertThat(this.mvc.post()
			.uri("/orders/{id}/{action}", id, action)
			.header(HttpHeaders.AUTHORIZATION, tokenFor(action))).hasStatus(HttpStatus.CONFLICT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:polyshop:problem:invalid-transition");
		assertThat(byStaff(this.mvc.get().uri("/orders/{id}", id))).bodyJson()
			.extractingPath("$.status")
			.isEqualTo(state);
	}

	@Test
	void aStaleIfMatchIsAPreconditionFailure() {
		String id = placeOrder();
		assertThat(pay(id).header(HttpHeaders.IF_MATCH, "\"0\"")).hasStatusOk();

		assertThat(byStaff(this.mvc.post().uri("/orders/{id}/ship", id)).header(HttpHeaders.IF_MATCH, "\"0\""))
			.hasStatus(HttpStatus.PRECONDITION_FAILED)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:polyshop:problem:version-mismatch");
		assertThat(byStaff(this.mvc.post().uri("/orders/{id}/ship", id)).header(HttpHeaders.IF_MATCH, "\"1\""))
			.hasStatusOk();
	}

	@Test
	void ofShipAndCancelRacingOnAPaidOrderExactlyOneWins() throws Exception {
		for (int round = 0; round < 15; round++) {
			String id = orderIn("PAID");
			List<Integer> statuses = race(byStaff(this.mvc.post().uri("/orders/{id}/ship", id)),
					byStaff(this.mvc.post().uri("/orders/{id}/cancel", id)));

			// The loser either lost the version race (concurrent change) or ran after the
			// winner and was refused by the state machine: a 409 either way.
			assertThat(statuses).containsExactlyInAnyOrder(200, 409);
			assertThat(this.jdbc.sql("select count(*) from order_event where order_id = cast(:id as uuid)")
				.param("id", id)
				.query(Integer.class)
				.single()).isEqualTo(3);
		}
	}

	@Test
	void ofTwoConcurrentPaymentsOfOneOrderExactlyOneSucceeds() throws Exception {
		for (int round = 0; round < 15; round++) {
			String id = placeOrder();
			List<Integer> statuses = race(pay(id), pay(id));

			assertThat(statuses).containsExactlyInAnyOrder(200, 409);
			assertThat(this.jdbc.sql("select count(*) from order_event where order_id = cast(:id as uuid)")
				.param("id", id)
				.query(Integer.class)
				.single()).isEqualTo(2);
		}
	}

	/** Sends both requests at the same moment; returns their statuses. */
	private static List<Integer> race(MockMvcTester.MockMvcRequestBuilder first,
			MockMvcTester.MockMvcRequestBuilder second) throws Exception {
		CountDownLatch go = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
			Future<MvcTestResult> a = pool.submit(() -> {
				go.await();
				return first.exchange();
			});
			Future<MvcTestResult> b = pool.submit(() -> {
				go.await();
				return second.exchange();
			});
			go.countDown();
			return List.of(a.get(10, TimeUnit.SECONDS).getResponse().getStatus(),
					b.get(10, TimeUnit.SECONDS).getResponse().getStatus());
		}
	}

	@Test
	void theHistoryIsAppendOnlyInTheDatabaseItself() {
		String id = placeOrder();

		assertThatExceptionOfType(DataAccessException.class).isThrownBy(
				() -> this.jdbc.sql("update order_event set type = 'TAMPERED' where order_id = cast(:id as uuid)")
					.param("id", id)
					.update());
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("delete from order_event where order_id = cast(:id as uuid)")
				.param("id", id)
				.update());
	}

	@Test
	void unknownOrdersAreNotFound() {
		assertThat(byStaff(this.mvc.get().uri("/orders/{id}", "8d7c7c3e-0000-4000-8000-000000000000")))
			.hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(byStaff(this.mvc.get().uri("/orders/not-a-uuid"))).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(pay("8d7c7c3e-0000-4000-8000-000000000000")).hasStatus(HttpStatus.NOT_FOUND);
	}

	private String orderIn(String state) {
		String id = placeOrder();
		switch (state) {
			case "PAID" -> assertThat(pay(id)).hasStatusOk();
			case "SHIPPED" -> {
				assertThat(pay(id)).hasStatusOk();
				assertThat(byStaff(this.mvc.post().uri("/orders/{id}/ship", id))).hasStatusOk();
			}
			case "CANCELLED" -> assertThat(byStaff(this.mvc.post().uri("/orders/{id}/cancel", id))).hasStatusOk();
			default -> {
			}
		}
		return id;
	}

	/** Paid by its customer. */
	private MockMvcTester.MockMvcRequestBuilder pay(String id) {
		return this.mvc.post()
			.uri("/orders/{id}/pay", id)
			.header(HttpHeaders.AUTHORIZATION, TestOrders.customer(this.customer));
	}

	private static MockMvcTester.MockMvcRequestBuilder byStaff(MockMvcTester.MockMvcRequestBuilder request) {
		return request.header(HttpHeaders.AUTHORIZATION, TestOrders.staff());
	}

	/** The customer pays; staff ship and cancel. */
	private String tokenFor(String action) {
		return action.equals("pay") ? TestOrders.customer(this.customer) : TestOrders.staff();
	}

	private String placeOrder() {
		return TestOrders.place(this.mvc, this.customer);
	}

}
