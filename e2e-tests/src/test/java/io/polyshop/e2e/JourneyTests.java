package io.polyshop.e2e;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import io.polyshop.local.LocalStack;
import io.polyshop.local.Ports;
import io.polyshop.local.TokenClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shopper's journey across every service, started exactly as {@code ./polyshop up}
 * starts them (their jars, the {@code local} profile, embedded backends), on free ports,
 * and driven over HTTP only. Sessions expire after 8 s idle here, so abandonment is
 * observable.
 */
class JourneyTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern TRACE_ID = Pattern.compile("\\[([0-9a-f]{32})-[0-9a-f]{16}\\]");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static LocalStack stack;

	private static URI catalog;

	private static URI sessions;

	private static URI orders;

	private static String alice;

	private static String bob;

	private static String ops;

	@BeforeAll
	static void startTheStack() {
		stack = LocalStack.start(new LocalStack.Options(ROOT, Path.of("target", "e2e-logs").toAbsolutePath(),
				Ports.free(), Ports.free(), Ports.free(),
				Map.of("auth-server", Ports.free(), "catalog-service", Ports.free(), "session-service", Ports.free(),
						"orders-service", Ports.free()),
				Map.of("POLYSHOP_SESSIONS_IDLETIMEOUT", "8s")), System.out::println);
		stack.supervise((message) -> System.out.println("supervisor: " + message));
		catalog = stack.url("catalog-service");
		sessions = stack.url("session-service");
		orders = stack.url("orders-service");
		TokenClient tokens = new TokenClient(stack.credentials().issuer());
		alice = tokens.userToken("alice", stack.credentials().password("alice"), "openid");
		bob = tokens.userToken("bob", stack.credentials().password("bob"), "openid");
		ops = tokens.userToken("ops", stack.credentials().password("ops"),
				"openid catalog:write orders:fulfil insights:read");
	}

	@AfterAll
	static void stopTheStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void theLocalIssuerGivesUsersAndSessionServiceTheirTokensByRealFlows() {
		TokenClient tokens = new TokenClient(stack.credentials().issuer());

		String alice = tokens.userToken("alice", stack.credentials().password("alice"), "openid catalog:write");
		String ops = tokens.userToken("ops", stack.credentials().password("ops"), "openid catalog:write");
		String service = tokens.clientToken("session-service", stack.credentials().secret("session-service"),
				"orders:place");

		assertThat(claims(alice)).contains("\"sub\":\"alice\"").doesNotContain("catalog:write");
		assertThat(claims(ops)).contains("\"sub\":\"ops\"", "catalog:write");
		assertThat(claims(service)).contains("\"sub\":\"session-service\"", "orders:place");
	}

	/**
	 * What anyone could do before the services were resource servers, each tried with the
	 * real issuer's tokens: refused, and where an order of another customer is concerned,
	 * not even confirmed to exist.
	 */
	@Test
	void theAnonymousAndCrossCustomerAttacksAreRefused() throws Exception {
		String sku = JsonPath.read(get(catalog, "/products?limit=1"), "$.items[0].sku");
		String session = JsonPath.read(send("POST", sessions, "/sessions", null, 201), "$.id");
		send("PUT", sessions, "/sessions/" + session + "/cart/" + sku, "{\"quantity\": 1}", 200);
		String alicesOrder = JsonPath
			.read(send("POST", sessions, "/sessions/" + session + "/checkout", null, alice, 201), "$.orderId");
		String price = "{\"amount\": \"0.01\", \"currency\": \"USD\"}";

		// Reprice a product: anonymous 401, a customer 403.
		send("PUT", catalog, "/products/" + sku + "/price", price, 401);
		send("PUT", catalog, "/products/" + sku + "/price", price, alice, 403);
		// Ship or cancel an order: anonymous 401, a customer, even its owner, 403.
		send("POST", orders, "/orders/" + alicesOrder + "/ship", null, 401);
		send("POST", orders, "/orders/" + alicesOrder + "/cancel", null, alice, 403);
		// Another customer's order does not exist for bob.
		send("GET", orders, "/orders/" + alicesOrder, null, bob, 404);
		send("POST", orders, "/orders/" + alicesOrder + "/pay", null, bob, 404);
		// Listing every order: anonymous 401; bob sees his own only, even asking for
		// alice's.
		send("GET", orders, "/orders?limit=100", null, 401);
		assertThat((List<?>) JsonPath.read(get(orders, "/orders?customerId=alice&limit=100", bob), "$.items"))
			.isEmpty();
		assertThat((List<String>) JsonPath.read(get(orders, "/orders?limit=100", alice), "$.items[*].customerId"))
			.containsOnly("alice");
		// A customer places no order directly: only session-service may.
		send("POST", orders, "/orders", "{\"customerId\": \"alice\", \"currency\": \"USD\", \"lines\": []}", alice,
				403);
		// Attaching a cart to another customer, or taking over alice's checked-out cart.
		String guest = JsonPath.read(send("POST", sessions, "/sessions", null, 201), "$.id");
		send("PUT", sessions, "/sessions/" + guest + "/customer", "{\"customerId\": \"alice\"}", bob, 403);
		send("PUT", sessions, "/sessions/" + guest + "/customer", "{\"customerId\": \"alice\"}", 401);
		send("POST", sessions, "/sessions/" + session + "/checkout", null, bob, 403);
		// The read model is staff's; metrics are not on the API port at all.
		send("GET", sessions, "/insights/trending", null, alice, 403);
		send("GET", catalog, "/actuator/metrics", null, 401);
		send("GET", catalog, "/actuator/prometheus", null, ops, 403);
	}

	/**
	 * What dies is restarted, as compose's restart policy does: a service process killed
	 * with SIGKILL, and the Redis and PostgreSQL servers killed the same way (PostgreSQL
	 * on its data: the catalogue is still there, and the services reconnect).
	 */
	@Test
	void aKilledServiceAKilledRedisAndAKilledPostgresqlAreRestarted() throws Exception {
		ProcessHandle catalogProcess = ProcessHandle.of(stack.pid("catalog-service")).orElseThrow();
		catalogProcess.destroyForcibly();
		catalogProcess.onExit().get(30, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> get(catalog, "/products?limit=1").contains("\"items\""));

		// The embedded Redis server is a child process of this JVM.
		List<ProcessHandle> redis = redisServers();
		assertThat(redis).as("the embedded Redis server").isNotEmpty();
		redis.forEach(ProcessHandle::destroyForcibly);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> redisServers().stream().anyMatch((process) -> !redis.contains(process)));
		get(catalog, "/products/" + JsonPath.read(get(catalog, "/products?limit=1"), "$.items[0].sku"));

		ProcessHandle postgres = ProcessHandle.of(stack.postgres().pid()).orElseThrow();
		postgres.destroyForcibly();
		postgres.onExit().get(30, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> get(catalog, "/products?category=kitchen&limit=3").contains("\"items\":[{"));
		send("GET", orders, "/orders", null, alice, 200);
	}

	private static List<ProcessHandle> redisServers() {
		return ProcessHandle.current()
			.descendants()
			.filter((process) -> process.isAlive() && process.info().command().orElse("").contains("redis-server"))
			.toList();
	}

	private static String claims(String jwt) {
		return new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
				java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void browseCartCheckoutPayShipAbandonTrendAndLoadTheWarehouse() throws Exception {
		// 1. Browse: a cache miss, then a hit, visible in the metrics.
		String page = get(catalog, "/products?category=kitchen&limit=3");
		List<String> skus = JsonPath.read(page, "$.items[*].sku");
		assertThat(skus).hasSize(3);
		double misses = cacheRequests("miss");
		double hits = cacheRequests("hit");
		get(catalog, "/products/" + skus.getFirst());
		assertThat(cacheRequests("miss")).isEqualTo(misses + 1);
		get(catalog, "/products/" + skus.getFirst());
		assertThat(cacheRequests("hit")).isEqualTo(hits + 1);

		// 2. A guest's session with three products; alice signs in and attaches herself.
		String session = JsonPath.read(send("POST", sessions, "/sessions", null, 201), "$.id");
		send("PUT", sessions, "/sessions/" + session + "/customer", "{\"customerId\": \"alice\"}", alice, 200);
		for (String sku : skus) {
			send("PUT", sessions, "/sessions/" + session + "/cart/" + sku, "{\"quantity\": 2}", 200);
		}
		assertThat((Integer) JsonPath.read(get(sessions, "/sessions/" + session), "$.itemCount")).isEqualTo(6);

		// 3. alice checks out (session-service places the order with its own token) and
		// pays; staff ship.
		String orderId = JsonPath.read(send("POST", sessions, "/sessions/" + session + "/checkout", null, alice, 201),
				"$.orderId");
		send("POST", orders, "/orders/" + orderId + "/pay", null, alice, 200);
		String shipped = send("POST", orders, "/orders/" + orderId + "/ship", null, ops, 200);
		assertThat((String) JsonPath.read(shipped, "$.status")).isEqualTo("SHIPPED");
		assertThat((List<?>) JsonPath.read(shipped, "$.lines")).hasSize(3);
		// The checkout was one trace through sessions, orders and catalog.
		String trace = traceOf("session-service", "checked out as order " + orderId);
		assertThat(traceOf("orders-service", "Placed order /orders/" + orderId)).isEqualTo(trace);
		assertThat(lines("catalog-service")).anyMatch((line) -> line.contains(trace) && line.contains("Batch get"));

		// 4. A second cart is left alone: TTL removes its session, it shows as abandoned.
		String abandoned = JsonPath.read(send("POST", sessions, "/sessions", null, 201), "$.id");
		send("PUT", sessions, "/sessions/" + abandoned + "/customer", "{\"customerId\": \"bob\"}", bob, 200);
		send("PUT", sessions, "/sessions/" + abandoned + "/cart/" + skus.get(1), "{\"quantity\": 1}", 200);
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			String carts = get(sessions, "/insights/abandoned-carts?date=" + today, ops)
					+ get(sessions, "/insights/abandoned-carts?date=" + today.plusDays(1), ops);
			assertThat(carts).contains("\"customerId\":\"bob\"").doesNotContain("\"customerId\":\"alice\"");
		});

		// 5. Trending shows the products added this hour.
		List<String> trending = JsonPath.read(get(sessions, "/insights/trending?limit=100", ops), "$.items[*].sku");
		assertThat(trending).containsAll(skus);

		// 6. The warehouse load: its revenue equals paid and shipped orders in
		// orders-service.
		Process job = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				ROOT.resolve("analytics-job/target/analytics-job.jar").toString(), "load-sales",
				"--polyshop.analytics.source.url=" + stack.postgres().jdbcUrl("orders"),
				"--polyshop.analytics.warehouse.jdbc.url=" + stack.postgres().jdbcUrl("warehouse"))
			.redirectErrorStream(true)
			.redirectOutput(Path.of("target", "e2e-logs", "analytics-job.log").toFile())
			.start();
		assertThat(job.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(job.exitValue()).isZero();
		assertThat(warehouseRevenue()).isEqualByComparingTo(paidAndShippedRevenue());
	}

	private static double cacheRequests(String result) throws Exception {
		String metric = get(stack.managementUrl("catalog-service"),
				"/actuator/metrics/catalog.cache.requests?tag=result:" + result);
		return ((Number) JsonPath.read(metric, "$.measurements[0].value")).doubleValue();
	}

	private static BigDecimal paidAndShippedRevenue() throws Exception {
		BigDecimal total = BigDecimal.ZERO;
		for (String status : List.of("PAID", "SHIPPED")) {
			String cursor = null;
			do {
				String page = get(orders,
						"/orders?status=" + status + "&limit=100" + ((cursor != null) ? "&cursor=" + cursor : ""), ops);
				List<String> amounts = JsonPath.read(page, "$.items[*].total.amount");
				for (String amount : amounts) {
					total = total.add(new BigDecimal(amount));
				}
				cursor = JsonPath.read(page, "$.nextCursor");
			}
			while (cursor != null);
		}
		return total;
	}

	private static BigDecimal warehouseRevenue() throws Exception {
		try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl("warehouse"), "warehouse",
				"warehouse");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select coalesce(sum(revenue), 0) from sales_by_day")) {
			result.next();
			return result.getBigDecimal(1);
		}
	}

	private static String traceOf(String service, String text) throws IOException {
		Optional<String> trace = lines(service).stream()
			.filter((line) -> line.contains(text))
			.map(TRACE_ID::matcher)
			.filter(Matcher::find)
			.map((matcher) -> matcher.group(1))
			.findFirst();
		assertThat(trace).as("a log line of %s with '%s' and a trace id", service, text).isPresent();
		return trace.get();
	}

	private static List<String> lines(String service) throws IOException {
		return new ArrayList<>(Files.readAllLines(stack.log(service)));
	}

	private static String get(URI base, String path) throws Exception {
		return send("GET", base, path, null, 200);
	}

	private static String get(URI base, String path, String token) throws Exception {
		return send("GET", base, path, null, token, 200);
	}

	private static String send(String method, URI base, String path, String json, int expectedStatus) throws Exception {
		return send(method, base, path, json, null, expectedStatus);
	}

	private static String send(String method, URI base, String path, String json, String token, int expectedStatus)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (json != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
		return response.body();
	}

}
