package io.polyshop.sessions.checkout;

import java.util.List;
import java.util.Map;

import io.polyshop.local.LocalDynamoDb;
import io.polyshop.sessions.BackingServicesConfiguration;
import io.polyshop.sessions.FakeOrders;
import io.polyshop.sessions.SessionsIntegrationTest;
import io.polyshop.sessions.TestSessions;
import io.polyshop.sessions.projector.SessionItems;
import io.polyshop.sessions.session.SessionService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.polyshop.sessions.TestSessions.add;
import static io.polyshop.sessions.TestSessions.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

@SessionsIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CheckoutTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	FakeOrders orders;

	@Autowired
	SessionService sessions;

	@AfterEach
	void ordersUp() {
		this.orders.down(false);
	}

	@Test
	void checkoutPlacesTheOrderThenMarksTheSessionAndRemovesItsLinesTogether() {
		String session = TestSessions.start(this.mvc);
		String sku = uniqueSku();
		add(this.mvc, session, sku, 3);
		TestSessions.attach(this.mvc, session, "checkout-customer");

		MvcTestResult checkout = this.mvc.post().uri("/sessions/{id}/checkout", session).exchange();

		assertThat(checkout).hasStatus(HttpStatus.CREATED).bodyJson().extractingPath("$.repeated").isEqualTo(false);
		String orderId = TestSessions.read(checkout, "$.orderId");
		FakeOrders.Request sent = this.orders.requests().getLast();
		assertThat(sent.body())
			.contains("\"customerId\":\"checkout-customer\"", "\"sku\":\"" + sku + "\"", "\"quantity\":3")
			.doesNotContain(session);
		assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CHECKED_OUT");
		assertThat(rawItems(session)).as("only the session item is left").containsExactly(SessionItems.META);
		assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
			.extractingPath("$.orderId")
			.isEqualTo(orderId);
	}

	/** The session id is a bearer secret: whoever has it has the cart. */
	@Test
	void theSessionIdNeverReachesTheLogsNotEvenWhenCheckoutFails(CapturedOutput output) {
		String session = TestSessions.start(this.mvc);
		add(this.mvc, session, uniqueSku(), 2);
		TestSessions.attach(this.mvc, session, "secret-keeper");
		this.orders.down(true);
		assertThat(this.mvc.post().uri("/sessions/{id}/checkout", session)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		this.orders.down(false);
		assertThat(this.mvc.post().uri("/sessions/{id}/checkout", session)).hasStatus(HttpStatus.CREATED);
		assertThat(this.mvc.get().uri("/sessions/{id}", session + "x")).hasStatus(HttpStatus.NOT_FOUND);

		assertThat(output.getAll()).contains("checked out as order").doesNotContain(session);
	}

	@Test
	void aRepeatedCheckoutReturnsTheSameOrder() {
		String session = TestSessions.start(this.mvc);
		add(this.mvc, session, uniqueSku(), 1);
		MvcTestResult first = this.mvc.post().uri("/sessions/{id}/checkout", session).exchange();
		int sent = this.orders.requests().size();

		MvcTestResult again = this.mvc.post().uri("/sessions/{id}/checkout", session).exchange();

		assertThat(again).hasStatusOk().bodyJson().extractingPath("$.repeated").isEqualTo(true);
		assertThat((String) TestSessions.read(again, "$.orderId")).isEqualTo(TestSessions.read(first, "$.orderId"));
		assertThat(this.orders.requests()).hasSize(sent);
	}

	@Test
	void aCheckoutThatCrashedAfterTheOrderWasPlacedDoesNotOrderTwiceOnRetry() {
		String session = TestSessions.start(this.mvc);
		add(this.mvc, session, uniqueSku(), 2);
		// The first attempt got as far as orders-service, then the process died before
		// the
		// session was updated: an order exists under the key, the cart is untouched.
		String key = CheckoutService.idempotencyKey(this.sessions.get(session));
		String orderPlacedBeforeTheCrash = this.orders.placeDirectly(key);

		MvcTestResult retry = this.mvc.post().uri("/sessions/{id}/checkout", session).exchange();

		assertThat(retry).hasStatus(HttpStatus.CREATED);
		assertThat((String) TestSessions.read(retry, "$.orderId")).isEqualTo(orderPlacedBeforeTheCrash);
		assertThat(this.orders.requests().getLast().idempotencyKey()).isEqualTo(key);
		assertThat(this.orders.ordersFor(key)).isEqualTo(1);
		assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CHECKED_OUT");
	}

	@Test
	void anEmptyCartCannotCheckOut() {
		String session = TestSessions.start(this.mvc);

		assertThat(this.mvc.post().uri("/sessions/{id}/checkout", session)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.extractingPath("$.code")
			.isEqualTo("empty-cart");
	}

	@Test
	void withOrdersDownCheckoutIsServiceUnavailableAndTheCartIsKept() {
		String session = TestSessions.start(this.mvc);
		String sku = uniqueSku();
		add(this.mvc, session, sku, 1);
		this.orders.down(true);

		assertThat(this.mvc.post().uri("/sessions/{id}/checkout", session)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
			.extractingPath("$.lines[*].sku")
			.isEqualTo(List.of(sku));

		this.orders.down(false);
		assertThat(this.mvc.post().uri("/sessions/{id}/checkout", session)).hasStatus(HttpStatus.CREATED);
	}

	private List<String> rawItems(String session) {
		try (DynamoDbClient dynamo = LocalDynamoDb.client(BackingServicesConfiguration.dynamoDbEndpoint())) {
			return dynamo
				.query((query) -> query.tableName("polyshop-sessions")
					.keyConditionExpression("pk = :pk")
					.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(SessionItems.sessionKey(session))))
					.consistentRead(true))
				.items()
				.stream()
				.map((item) -> item.get(SessionItems.SK).s())
				.toList();
		}
	}

}
