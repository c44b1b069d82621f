package io.polyshop.orders.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.polyshop.orders.OrdersIntegrationTest;
import io.polyshop.orders.TestOrders;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders left unpaid past the payment window are cancelled, with the event in their
 * history; a paid one is not touched. The orders are placed, then made old in the
 * database, so that the sweep's cutoff catches them and no other test's.
 */
@OrdersIntegrationTest
class UnpaidOrderSweepTests {

	private static final Instant LONG_AGO = Instant.parse("2001-01-01T00:00:00Z");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrderService orders;

	@Test
	void anOrderUnpaidPastTheWindowIsCancelledWithItsEventAndAPaidOneIsNot() {
		String customer = TestOrders.uniqueCustomer();
		UUID unpaid = UUID.fromString(TestOrders.place(this.mvc, customer));
		UUID paid = UUID.fromString(TestOrders.place(this.mvc, customer));
		assertThat(this.mvc.post()
			.uri("/orders/{id}/pay", paid)
			.header(HttpHeaders.AUTHORIZATION, TestOrders.customer(customer))).hasStatusOk();
		this.jdbc.sql("update orders set created_at = :longAgo where id in (:ids)")
			.param("longAgo", java.sql.Timestamp.from(LONG_AGO.minusSeconds(60)))
			.param("ids", List.of(unpaid, paid))
			.update();

		int cancelled = this.orders.cancelUnpaidPlacedBefore(LONG_AGO, 100);

		assertThat(cancelled).isEqualTo(1);
		assertThat(this.orders.get(unpaid, Visibility.everyOrder()).status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(this.orders.history(unpaid, Visibility.everyOrder())).extracting(OrderEvent::type)
			.containsExactly("ORDER_PLACED", "ORDER_CANCELLED");
		assertThat(this.orders.get(paid, Visibility.everyOrder()).status()).isEqualTo(OrderStatus.PAID);
		assertThat(this.orders.cancelUnpaidPlacedBefore(LONG_AGO, 100)).as("nothing left to cancel").isZero();
	}

}
