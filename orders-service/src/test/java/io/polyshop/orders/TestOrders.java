package io.polyshop.orders;

import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.polyshop.contract.TestCaller;
import io.polyshop.contract.TestIssuer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

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

	/** {@code POST /orders} as session-service sends it: its token, the key, the body. */
	public static MvcTestResult post(MockMvcTester mvc, String idempotencyKey, String body) {
		return mvc.post()
			.uri("/orders")
			.header(HttpHeaders.AUTHORIZATION, placer())
			.header("Idempotency-Key", idempotencyKey)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	/** Places an order of one mug for the customer, as session-service does; its id. */
	public static String place(MockMvcTester mvc, String customerId) {
		MvcTestResult placed = post(mvc, uniqueKey(),
				body(customerId, CatalogStub.linesJson(List.of(CatalogStub.MUG), 1)));
		assertThat(placed).hasStatus(HttpStatus.CREATED);
		try {
			return JsonPath.read(placed.getResponse().getContentAsString(), "$.id");
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static int ordersOf(JdbcClient jdbc, String customerId) {
		return jdbc.sql("select count(*) from orders where customer_id = :customer")
			.param("customer", customerId)
			.query(Integer.class)
			.single();
	}

}
