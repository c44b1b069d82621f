package io.polyshop.sessions;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.polyshop.contract.RawHttp;
import io.polyshop.contract.RunningService;
import io.polyshop.contract.StallingProxy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stalled dependencies, over real HTTP against the whole service: DynamoDB and
 * catalog-service behind proxies that stop forwarding (a frozen process, not a refused
 * connection). A stall must turn into a 503 problem with Retry-After within the
 * configured bounds, never a hung request; once the dependency is back, requests succeed
 * again without a restart. The figures are printed.
 */
class StalledDependenciesTests {

	/** The bound the issue sets: a stalled dependency fails requests within about 5 s. */
	private static final Duration BOUND = Duration.ofSeconds(5);

	private static @Nullable StallingProxy dynamoDb;

	private static @Nullable StallingProxy catalog;

	private static @Nullable StallingProxy orders;

	private static @Nullable RunningService service;

	@BeforeAll
	static void start() {
		URI dynamoDbEndpoint = BackingServicesConfiguration.dynamoDbEndpoint();
		URI catalogEndpoint = URI.create(CatalogStub.shared().baseUrl());
		dynamoDb = StallingProxy.to(dynamoDbEndpoint.getHost(), dynamoDbEndpoint.getPort());
		catalog = StallingProxy.to(catalogEndpoint.getHost(), catalogEndpoint.getPort());
		URI ordersEndpoint = URI.create(FakeOrders.shared().baseUrl());
		orders = StallingProxy.to(ordersEndpoint.getHost(), ordersEndpoint.getPort());
		service = RunningService.start(
				SpringApplication.from(SessionsApplication::main).with(BackingServicesConfiguration.class),
				"polyshop.sessions.dynamodb.endpoint=http://localhost:" + dynamoDb.port(),
				"polyshop.sessions.dynamodb.region=us-east-1",
				"polyshop.sessions.catalog.base-url=http://localhost:" + catalog.port(),
				"polyshop.sessions.catalog.read-timeout=500ms",
				"polyshop.sessions.orders.base-url=http://localhost:" + orders.port(),
				"polyshop.sessions.orders.read-timeout=1s",
				// A small window, so that the breaker's behaviour shows in a few calls.
				"resilience4j.circuitbreaker.instances.catalog.sliding-window-size=4",
				"resilience4j.circuitbreaker.instances.catalog.minimum-number-of-calls=4",
				"resilience4j.circuitbreaker.instances.catalog.wait-duration-in-open-state=1s");
	}

	@AfterEach
	void resume() {
		proxy(dynamoDb).resume();
		proxy(catalog).resume();
		proxy(orders).resume();
	}

	@AfterAll
	static void stop() {
		if (service != null) {
			service.close();
		}
		if (dynamoDb != null) {
			dynamoDb.close();
		}
		if (catalog != null) {
			catalog.close();
		}
		if (orders != null) {
			orders.close();
		}
	}

	@Test
	void aStalledDynamoDbFailsRequestsWithinTheBoundAndTheyRecoverWhenItComesBack() {
		String session = startSession();
		proxy(dynamoDb).stall();

		long started = System.nanoTime();
		RawHttp.Answer stalled = send("GET", session, null);
		Duration failedAfter = Duration.ofNanos(System.nanoTime() - started);

		assertThat(stalled.status()).as(stalled.body()).isEqualTo(503);
		assertThat(stalled.contentType()).startsWith("application/problem+json");
		assertThat(stalled.headers()).containsKey("retry-after");
		assertThat(failedAfter).isLessThan(BOUND);

		proxy(dynamoDb).resume();
		long resumed = System.nanoTime();
		await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", session, null).status() == 200);
		System.out.printf("DynamoDB stalled: 503 after %d ms; recovered %d ms after it came back%n",
				failedAfter.toMillis(), Duration.ofNanos(System.nanoTime() - resumed).toMillis());
	}

	@Test
	void aStalledCatalogOpensTheBreakerSoThatCartChangesFailFastThenItCloses() {
		String session = startSession();
		CircuitBreaker breaker = service().context().getBean(CircuitBreakerRegistry.class).circuitBreaker("catalog");
		proxy(catalog).stall();

		long started = System.nanoTime();
		RawHttp.Answer first = addToCart(session);
		Duration firstFailedAfter = Duration.ofNanos(System.nanoTime() - started);
		assertThat(first.status()).as(first.body()).isEqualTo(503);
		assertThat(first.headers()).containsKey("retry-after");
		assertThat(firstFailedAfter).isLessThan(BOUND);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> addToCart(session).status() == 503 && breaker.getState() == CircuitBreaker.State.OPEN);

		long open = System.nanoTime();
		RawHttp.Answer fast = addToCart(session);
		Duration fastFailedAfter = Duration.ofNanos(System.nanoTime() - open);
		assertThat(fast.status()).isEqualTo(503);
		assertThat(fastFailedAfter).as("an open breaker does not wait for the read timeout")
			.isLessThan(Duration.ofMillis(500));

		proxy(catalog).resume();
		long resumed = System.nanoTime();
		await().atMost(Duration.ofSeconds(10)).until(() -> addToCart(session).status() == 200);
		System.out.printf(
				"catalog stalled: first 503 after %d ms; with the breaker open %d ms; "
						+ "recovered %d ms after it came back%n",
				firstFailedAfter.toMillis(), fastFailedAfter.toMillis(),
				Duration.ofNanos(System.nanoTime() - resumed).toMillis());
	}

	/**
	 * orders-service stalls while a checkout is placed: the order may exist or not, so
	 * the checkout answers 503 within the bound and the cart is frozen (an edit is a
	 * 409); once orders answers again, the retry settles it with the same key, and the
	 * cart has led to exactly one order.
	 */
	@Test
	void aStalledOrdersServiceLeavesTheCheckoutPendingAndTheRetryOrdersOnce() {
		String session = startSession();
		String sku = TestSessions.uniqueSku();
		assertThat(send("PUT", session + "/cart/" + sku, "{\"quantity\": 2}").status()).isEqualTo(200);
		String customer = TestSessions.customer("stalled-" + sku);
		proxy(orders).stall();

		long started = System.nanoTime();
		RawHttp.Answer stalled = checkout(session, customer);
		Duration failedAfter = Duration.ofNanos(System.nanoTime() - started);

		assertThat(stalled.status()).as(stalled.body()).isEqualTo(503);
		assertThat(stalled.headers()).containsKey("retry-after");
		assertThat(failedAfter).isLessThan(BOUND);
		assertThat(send("GET", session, null).body()).contains("\"status\":\"CHECKOUT_PENDING\"");
		assertThat(addToCart(session).status()).as("the cart is frozen").isEqualTo(409);

		proxy(orders).resume();
		long resumed = System.nanoTime();
		await().atMost(Duration.ofSeconds(10)).until(() -> checkout(session, customer).status() == 201);
		assertThat(FakeOrders.shared().keysSentFor(sku)).as("one key for the cart, whatever the retries").hasSize(1);
		assertThat(send("GET", session, null).body()).contains("\"status\":\"CHECKED_OUT\"");
		System.out.printf("orders stalled: checkout 503 after %d ms; checked out %d ms after it came back%n",
				failedAfter.toMillis(), Duration.ofNanos(System.nanoTime() - resumed).toMillis());
	}

	private static RawHttp.Answer checkout(String session, String bearer) {
		return service().http()
			.send("POST", session + "/checkout",
					Map.of("Content-Type", "application/json", "Accept", "application/json", "Authorization", bearer),
					new byte[0]);
	}

	private static String startSession() {
		String location = service().call("POST", "/sessions", Map.of(), "{\"currency\": \"USD\"}")
			.headers()
			.get("location");
		assertThat(location).startsWith("/sessions/");
		return location;
	}

	private static RawHttp.Answer addToCart(String session) {
		return send("PUT", session + "/cart/" + TestSessions.uniqueSku(), "{\"quantity\": 1}");
	}

	private static RawHttp.Answer send(String method, String path, @Nullable String json) {
		return service().http()
			.send(method, path, Map.of("Content-Type", "application/json", "Accept", "application/json"),
					(json != null) ? json.getBytes(StandardCharsets.UTF_8) : new byte[0]);
	}

	private static RunningService service() {
		assertThat(service).as("the running service").isNotNull();
		return service;
	}

	private static StallingProxy proxy(@Nullable StallingProxy proxy) {
		assertThat(proxy).as("the proxy").isNotNull();
		return proxy;
	}

}
