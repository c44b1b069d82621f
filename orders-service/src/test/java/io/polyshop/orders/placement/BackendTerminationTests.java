package io.polyshop.orders.placement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import io.polyshop.orders.CatalogStub;
import io.polyshop.orders.OrdersIntegrationTest;
import io.polyshop.orders.TestOrders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL backends terminated under the application while it places orders (what a
 * failover or an operator's {@code pg_terminate_backend} does): every answer is a 201 or
 * a 503 problem, never a 500, and after the faults, retrying each request with its key
 * ends with exactly one order per key: no committed order lost, none placed twice.
 */
@OrdersIntegrationTest
class BackendTerminationTests {

	private static final int ORDERS = 40;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	DataSource dataSource;

	@Test
	void terminatedBackendsNeitherLoseNorDuplicateAnOrder() throws Exception {
		String customer = TestOrders.uniqueCustomer();
		Map<String, Integer> firstAnswers = new LinkedHashMap<>();
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < ORDERS; i++) {
			keys.add(TestOrders.uniqueKey());
		}
		AtomicBoolean placing = new AtomicBoolean(true);
		AtomicInteger terminated = new AtomicInteger();
		try (ExecutorService pool = Executors.newFixedThreadPool(9)) {
			Future<?> terminator = pool
				.submit(() -> await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(15)).until(() -> {
					terminated.addAndGet(terminateOtherBackends());
					return !placing.get();
				}));
			List<Future<MvcTestResult>> placements = new ArrayList<>();
			for (String key : keys) {
				placements.add(pool.submit(() -> place(key, customer)));
			}
			for (int i = 0; i < ORDERS; i++) {
				firstAnswers.put(keys.get(i), placements.get(i).get(60, TimeUnit.SECONDS).getResponse().getStatus());
			}
			placing.set(false);
			terminator.get(60, TimeUnit.SECONDS);
		}

		assertThat(firstAnswers.values()).as("answers while backends were terminated").containsOnly(201, 503);
		for (String key : keys) {
			// A key whose claim died with its connection is taken over after the lease
			// (30 s).
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> place(key, customer).getResponse().getStatus() == 201);
		}
		assertThat(JdbcClient.create(this.dataSource)
			.sql("select count(*) from orders where customer_id = :customer")
			.param("customer", customer)
			.query(Integer.class)
			.single()).as("one order per key").isEqualTo(ORDERS);
		System.out.printf("%d backends terminated; %d of %d first attempts placed, %d answered 503%n", terminated.get(),
				firstAnswers.values().stream().filter((status) -> status == 201).count(), ORDERS,
				firstAnswers.values().stream().filter((status) -> status == 503).count());
	}

	/**
	 * Every other connection to this database: the application's pools. The connection
	 * this runs on comes from the same pool, so it may itself be one an earlier round
	 * terminated: that round then terminates nothing.
	 */
	private int terminateOtherBackends() {
		try {
			return JdbcClient.create(this.dataSource)
				.sql("""
						select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity
						where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend') t""")
				.query(Integer.class)
				.single();
		}
		catch (DataAccessException ex) {
			return 0;
		}
	}

	private MvcTestResult place(String key, String customer) {
		return TestOrders.post(this.mvc, key,
				TestOrders.body(customer, CatalogStub.linesJson(List.of(CatalogStub.MUG), 1)));
	}

}
