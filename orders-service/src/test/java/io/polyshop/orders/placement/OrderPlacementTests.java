package io.polyshop.orders.placement;

import java.util.List;

import io.polyshop.orders.CatalogStub;
import io.polyshop.orders.OrdersIntegrationTest;
import io.polyshop.orders.TestOrders;
import io.polyshop.orders.idempotency.StoredResponse;
import io.polyshop.orders.pricing.Pricing;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order and its completed Idempotency-Key commit in one transaction, or neither does.
 */
@OrdersIntegrationTest
class OrderPlacementTests {

	@Autowired
	OrderPlacement placement;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	/**
	 * The key is lost between the order's insert and the key's completion (another
	 * instance took it over, its lease having run out), so completing it fails. The order
	 * is rolled back with it, the key is given up, and the client's retry with the same
	 * key places exactly one order.
	 */
	@Test
	void whenTheKeyCannotBeCompletedTheOrderIsRolledBackAndTheRetryPlacesOne() {
		String customer = TestOrders.uniqueCustomer();
		String key = TestOrders.uniqueKey();
		OrderPlacement.PlaceOrder order = new OrderPlacement.PlaceOrder(customer, null, "USD",
				List.of(new Pricing.Wanted(CatalogStub.KETTLE, 1)), null);

		assertThatThrownBy(() -> this.placement.place(key, "the first attempt", order, (placed) -> {
			assertThat(TestOrders.ordersOf(this.jdbc, customer)).as("inserted, not committed").isEqualTo(1);
			this.jdbc.sql("update idempotency_key set fingerprint = 'another instance' where key = :key")
				.param("key", key)
				.update();
			return new StoredResponse(201, "/orders/" + placed.id(), "{}");
		})).isInstanceOf(IllegalStateException.class).hasMessageContaining("no longer held");

		assertThat(TestOrders.ordersOf(this.jdbc, customer)).as("rolled back").isZero();
		assertThat(this.jdbc.sql("select count(*) from idempotency_key where key = :key")
			.param("key", key)
			.query(Integer.class)
			.single()).as("given up").isZero();

		assertThat(TestOrders.post(this.mvc, key,
				TestOrders.body(customer, CatalogStub.linesJson(List.of(CatalogStub.KETTLE), 1))))
			.hasStatus(HttpStatus.CREATED);
		assertThat(TestOrders.ordersOf(this.jdbc, customer)).isEqualTo(1);
	}

}
