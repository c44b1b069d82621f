package io.polyshop.orders;

import java.util.Objects;
import java.util.UUID;

import io.polyshop.contract.TestCaller;
import io.polyshop.contract.TestIssuer;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Test data that never collides with another test's, so tests share one database. */
public final class TestOrders {

	private TestOrders() {
	}

	/**
	 * The Authorization header of session-service's client-credentials token, the only
	 * caller that places orders.
	 */
	public static String placer() {
		return Objects.requireNonNull(TestCaller.SESSION_SERVICE.authorization());
	}

	/** The Authorization header of a customer, who reads and pays its own orders. */
	public static String customer(String customerId) {
		return TestCaller.bearer(TestIssuer.shared().user(customerId, "openid"));
	}

	/** The Authorization header of staff, who see every order, ship and cancel. */
	public static String staff() {
		return Objects.requireNonNull(TestCaller.OPS.authorization());
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
