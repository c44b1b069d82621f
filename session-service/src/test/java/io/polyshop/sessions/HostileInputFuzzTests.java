package io.polyshop.sessions;

import java.util.Map;

import io.polyshop.contract.FuzzTarget;
import io.polyshop.contract.HostileRequest;
import io.polyshop.contract.HostileRequests;
import io.polyshop.contract.RunningService;
import io.polyshop.contract.TestCaller;
import io.polyshop.contract.TestIssuer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing over real HTTP: hostile requests generated from the service's
 * own OpenAPI document, against the whole application on DynamoDB Local. No answer is a
 * 5xx, every error is problem details, and no write that must fail changes an item of the
 * sessions table (see {@link HostileRequests}).
 */
class HostileInputFuzzTests {

	private static final String CUSTOMER = "fuzz-customer";

	private static @Nullable FuzzTarget target;

	@BeforeContainer
	static void start() {
		RunningService running = RunningService.start(
				SpringApplication.from(SessionsApplication::main).with(BackingServicesConfiguration.class),
				"polyshop.sessions.dynamodb.endpoint=" + BackingServicesConfiguration.dynamoDbEndpoint(),
				"polyshop.sessions.dynamodb.region=us-east-1",
				"polyshop.sessions.catalog.base-url=" + CatalogStub.shared().baseUrl(),
				"polyshop.sessions.orders.base-url=" + FakeOrders.shared().baseUrl());
		String session = running.call("POST", "/sessions", Map.of(), "{\"currency\": \"USD\"}")
			.headers()
			.get("location");
		assertThat(session).startsWith("/sessions/");
		running.call("PUT", session + "/cart/KTCH-00001", Map.of(), "{\"quantity\": 2}");
		// Requests carry the token of the session's customer, with the staff scope of the
		// insights, so that they reach the validation behind it; the fuzz test takes it
		// away or forges it as one of its mutations.
		Map<String, String> customer = Map.of("Authorization",
				TestCaller.bearer(TestIssuer.shared().user(CUSTOMER, "insights:read")));
		running.call("PUT", session + "/customer", customer, "{\"customerId\": \"" + CUSTOMER + "\"}");
		target = new FuzzTarget(running, HostileRequests.from(running.openApiDocument(),
				Map.of("id", session.substring("/sessions/".length()), "sku", "KTCH-00001", "customerId", CUSTOMER),
				customer), HostileInputFuzzTests::sessions);
	}

	@AfterContainer
	static void stop() {
		if (target != null) {
			target.close();
		}
	}

	@Property(tries = 1000)
	void hostileInputGetsAProblemAndChangesNothing(@ForAll("hostile") HostileRequest request) {
		target().check(request);
	}

	@Provide
	Arbitrary<HostileRequest> hostile() {
		return target().requests();
	}

	private static FuzzTarget target() {
		assertThat(target).as("the service under test").isNotNull();
		return target;
	}

	/** Every item of the sessions table, in key order. */
	private static String sessions(ApplicationContext context) {
		DynamoDbClient dynamo = context.getBean(DynamoDbClient.class);
		String table = context.getBean(SessionsProperties.class).dynamodb().sessionsTable();
		return dynamo.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
			.items()
			.stream()
			.map(Object::toString)
			.sorted()
			.toList()
			.toString();
	}

}
