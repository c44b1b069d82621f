package io.polyshop.sessions.checkout;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.polyshop.contract.TestIssuer;
import io.polyshop.local.LocalDynamoDb;
import io.polyshop.sessions.BackingServicesConfiguration;
import io.polyshop.sessions.CatalogStub;
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
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.polyshop.sessions.TestSessions.add;
import static io.polyshop.sessions.TestSessions.put;
import static io.polyshop.sessions.TestSessions.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

@SessionsIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CheckoutTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	FakeOrders orders;

	private static final String CUSTOMER = "checkout-customer";

	@Autowired
	SessionService sessions;

	@Autowired
	CheckoutReconciler reconciler;

	@AfterEach
	void ordersUpAndPricesAsStubbed() {
		this.orders.down(false);
		this.orders.loseResponses(false);
		CatalogStub.shared().answer();
	}

	/**
	 * The cart showed 25.00; the catalogue now asks 99.00 each. Checkout does not charge
	 * 198.00 behind the shopper's back: it refuses, names the change, and the cart shows
	 * it; the next checkout charges the total the shopper was shown.
	 */
	@Test
	void aPriceThatChangedSinceTheCartWasShownIsRefusedThenChargedOnlyOnceShown() {
		String session = TestSessions.start(this.mvc);
		String sku = uniqueSku();
		add(this.mvc, session, sku, 2);
		CatalogStub.shared().price(sku, "99.00");
		int sent = this.orders.requests().size();

		MvcTestResult refused = TestSessions.checkout(this.mvc, session, CUSTOMER).exchange();

		assertThat(refused).hasStatus(HttpStatus.CONFLICT).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused).bodyJson().extractingPath("$.type").isEqualTo("urn:polyshop:problem:price-changed");
		assertThat(refused).bodyJson().extractingPath("$.lines[0].shown.amount").isEqualTo("12.50");
		assertThat(refused).bodyJson().extractingPath("$.lines[0].now.amount").isEqualTo("99.00");
		assertThat(refused).bodyJson().extractingPath("$.total.amount").isEqualTo("198.00");
		assertThat(this.orders.requests()).as("no order was placed").hasSize(sent);
		assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
			.extractingPath("$.total.amount")
			.isEqualTo("198.00");

		MvcTestResult checkedOut = TestSessions.checkout(this.mvc, session, CUSTOMER).exchange();

		assertThat(checkedOut).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.extractingPath("$.total.amount")
			.isEqualTo("198.00");
		assertThat(this.orders.requests().getLast().body())
			.contains("\"expectedTotal\":{\"amount\":\"198.00\",\"currency\":\"USD\"}");
	}

	@Test
	void theCheckoutStatesTheOrdersLinesAndTotalAndARepeatStatesTheSame() {
		String session = TestSessions.start(this.mvc);
		String sku = uniqueSku();
		add(this.mvc, session, sku, 3);

		MvcTestResult first = TestSessions.checkout(this.mvc, session, CUSTOMER).exchange();
		MvcTestResult again = TestSessions.checkout(this.mvc, session, CUSTOMER).exchange();

		assertThat(first).hasStatus(HttpStatus.CREATED);
		assertThat(first).bodyJson().extractingPath("$.total.amount").isEqualTo("37.50");
		assertThat(first).bodyJson().extractingPath("$.lines[0].sku").isEqualTo(sku);
		assertThat(first).bodyJson().extractingPath("$.lines[0].quantity").isEqualTo(3);
		assertThat(again).hasStatusOk();
		assertThat((Object) TestSessions.read(again, "$.lines")).isEqualTo(TestSessions.read(first, "$.lines"));
		assertThat((Object) TestSessions.read(again, "$.total")).isEqualTo(TestSessions.read(first, "$.total"));
	}

	@Test
	void checkoutPlacesTheOrderThenMarksTheSessionAndRemovesItsLinesTogether() {
		String session = TestSessions.start(this.mvc);
		String sku = uniqueSku();
		add(this.mvc, session, sku, 3);
		TestSessions.attach(this.mvc, session, CUSTOMER);

		MvcTestResult checkout = TestSessions.checkout(this.mvc, session, CUSTOMER).exchange();

		assertThat(checkout).hasStatus(HttpStatus.CREATED).bodyJson().extractingPath("$.repeated").isEqualTo(false);
		String orderId = TestSessions.read(checkout, "$.orderId");
		FakeOrders.Request sent = this.orders.requests().getLast();
		assertThat(sent.body())
			.contains("\"customerId\":\"" + CUSTOMER + "\"", "\"sku\":\"" + sku + "\"", "\"quantity\":3")
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
		TestSessions.attach(this.mvc, session, CUSTOMER);
		this.orders.down(true);
		assertThat(TestSessions.checkout(this.mvc, session, CUSTOMER)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		this.orders.down(false);
		assertThat(TestSessions.checkout(this.mvc, session, CUSTOMER)).hasStatus(HttpStatus.CREATED);
		assertThat(this.mvc.get().uri("/sessions/{id}", session + "x")).hasStatus(HttpStatus.NOT_FOUND);

		assertThat(output.getAll()).contains("checked out as order").doesNotContain(session);
	}

	@Test
	void aGuestCartChecksOutAsTheCallerWhoIsAttachedToItFirst() {
		String session = TestSessions.start(this.mvc);
		add(this.mvc, session, uniqueSku(), 1);

		assertThat(TestSessions.checkout(this.mvc, session, "signed-in-at-checkout")).hasStatus(HttpStatus.CREATED);

		assertThat(this.orders.requests().getLast().body()).contains("\"customerId\":\"signed-in-at-checkout\"");
		assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
			.extractingPath("$.customerId")
			.isEqualTo("signed-in-at-checkout");
	}

	@Test
	void anotherCustomerCannotCheckOutACartThatIsNotTheirs() {
		String session = TestSessions.start(this.mvc);
		add(this.mvc, session, uniqueSku(), 1);
		TestSessions.attach(this.mvc, session, CUSTOMER);
		int sent = this.orders.requests().size();

		assertThat(TestSessions.checkout(this.mvc, session, "someone-else")).hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:polyshop:problem:forbidden");

		assertThat(this.orders.requests()).hasSize(sent);
		assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
			.extractingPath("$.status")
			.isEqualTo("ACTIVE");
	}

	/**
	 * FakeOrders, like orders-service, accepts only session-service's token with
	 * orders:place; the token is fetched once and reused, not fetched per checkout.
	 */
	@Test
	void ordersAreCalledWithTheServicesOwnTokenObtainedOnce() {
		String warmUp = TestSessions.start(this.mvc);
		add(this.mvc, warmUp, uniqueSku(), 1);
		assertThat(TestSessions.checkout(this.mvc, warmUp, CUSTOMER)).hasStatus(HttpStatus.CREATED);
		int tokens = TestIssuer.shared().tokenRequests();

		for (int i = 0; i < 3; i++) {
			String session = TestSessions.start(this.mvc);
			add(this.mvc, session, uniqueSku(), 1);
			assertThat(TestSessions.checkout(this.mvc, session, CUSTOMER)).hasStatus(HttpStatus.CREATED);
		}

		assertThat(tokens).isPositive();
		assertThat(TestIssuer.shared().tokenRequests()).isEqualTo(tokens);
	}

	@Test
	void aRepeatedCheckoutReturnsTheSameOrder() {
		String session = TestSessions.start(this.mvc);
		add(this.mvc, session, uniqueSku(), 1);
		MvcTestResult first = TestSessions.checkout(this.mvc, session, CUSTOMER).exchange();
		int sent = this.orders.requests().size();

		MvcTestResult again = TestSessions.checkout(this.mvc, session, CUSTOMER).exchange();

		assertThat(again).hasStatusOk().bodyJson().extractingPath("$.repeated").isEqualTo(true);
		assertThat((String) TestSessions.read(again, "$.orderId")).isEqualTo(TestSessions.read(first, "$.orderId"));
		assertThat(this.orders.requests()).hasSize(sent);
	}

	@Test
	void aCheckoutThatCrashedAfterTheOrderWasPlacedDoesNotOrderTwiceOnRetry() {
		String session = TestSessions.start(this.mvc);
		String sku = uniqueSku();
		add(this.mvc, session, sku, 2);
		TestSessions.attach(this.mvc, session, CUSTOMER);
		// The first attempt fixed its key and got as far as orders-service, then the
		// process died before the session was updated: an order exists under the key,
		// the cart is frozen with it.
		String key = this.sessions.startCheckout(session).checkout().key();
		String orderPlacedBeforeTheCrash = this.orders.placeDirectly(key);

		MvcTestResult retry = TestSessions.checkout(this.mvc, session, CUSTOMER).exchange();

		assertThat(retry).hasStatus(HttpStatus.CREATED);
		assertThat((String) TestSessions.read(retry, "$.orderId")).isEqualTo(orderPlacedBeforeTheCrash);
		assertThat(this.orders.keysSentFor(sku)).containsExactly(key);
		assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CHECKED_OUT");
	}

	/**
	 * The ghost order: orders-service placed it but its answer was lost. The checkout
	 * stays pending, the cart cannot change (so a retry cannot become a second, different
	 * order), and the retry finds the order under the same key.
	 */
	@Test
	void anOrderWhoseAnswerWasLostIsFoundByTheRetryAndNeverPlacedTwice() {
		String session = TestSessions.start(this.mvc);
		String sku = uniqueSku();
		add(this.mvc, session, sku, 1);
		this.orders.loseResponses(true);

		assertThat(TestSessions.checkout(this.mvc, session, CUSTOMER)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		String key = this.orders.requests().getLast().idempotencyKey();
		assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
			.extractingPath("$.status")
			.isEqualTo("CHECKOUT_PENDING");
		assertThat(put(this.mvc, session, uniqueSku(), 1)).hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:polyshop:problem:checkout-pending");

		this.orders.loseResponses(false);
		MvcTestResult retry = TestSessions.checkout(this.mvc, session, CUSTOMER).exchange();

		assertThat(retry).hasStatus(HttpStatus.CREATED);
		assertThat(this.orders.keysSentFor(sku)).as("one key for the cart, whatever the retries").containsExactly(key);
		assertThat((String) TestSessions.read(retry, "$.orderId")).isEqualTo(this.orders.orderUnder(key));
	}

	/** Nobody retries: the reconciler settles the pending checkout with the same key. */
	@Test
	void theReconcilerSettlesAPendingCheckoutThatNobodyRetries() {
		String session = TestSessions.start(this.mvc);
		String sku = uniqueSku();
		add(this.mvc, session, sku, 1);
		this.orders.loseResponses(true);
		assertThat(TestSessions.checkout(this.mvc, session, CUSTOMER)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		String key = this.orders.requests().getLast().idempotencyKey();
		this.orders.loseResponses(false);

		this.reconciler.reconcileStartedBefore(Instant.now().plusSeconds(1));

		assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
			.extractingPath("$.orderId")
			.isEqualTo(this.orders.orderUnder(key));
		assertThat(this.orders.keysSentFor(sku)).containsExactly(key);
		assertThat(TestSessions.checkout(this.mvc, session, CUSTOMER)).hasStatusOk();
	}

	@Test
	void anEmptyCartCannotCheckOut() {
		String session = TestSessions.start(this.mvc);

		assertThat(TestSessions.checkout(this.mvc, session, CUSTOMER)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
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

		assertThat(TestSessions.checkout(this.mvc, session, CUSTOMER)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.mvc.get().uri("/sessions/{id}", session)).bodyJson()
			.extractingPath("$.lines[*].sku")
			.isEqualTo(List.of(sku));

		this.orders.down(false);
		assertThat(TestSessions.checkout(this.mvc, session, CUSTOMER)).hasStatus(HttpStatus.CREATED);
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
