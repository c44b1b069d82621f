package io.polyshop.orders;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Test data that never collides with another test's, so tests share one database. */
public final class TestOrders {

	private TestOrders() {
	}

	public static String uniqueCustomer() {
		return "customer-" + UUID.randomUUID();
	}

	public static String uniqueKey() {
		return UUID.randomUUID().toString();
	}

	public static String body(String customerId, String linesJson) {
		return """
				{"customerId": "%s", "currency": "USD", "lines": %s}""".formatted(customerId, linesJson);
	}

	public static int ordersOf(JdbcClient jdbc, String customerId) {
		return jdbc.sql("select count(*) from orders where customer_id = :customer")
			.param("customer", customerId)
			.query(Integer.class)
			.single();
	}

}
