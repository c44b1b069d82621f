package io.polyshop.sessions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.polyshop.contract.TestIssuer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for orders-service's {@code POST /orders} that keeps its one promise the
 * checkout relies on: one order per Idempotency-Key, replayed on a retry. Like the real
 * one, it answers 401 to any caller without session-service's token of the test issuer.
 * It records every request, and can be taken down. (The real service's idempotency is
 * tested in orders-service; the journey across all services comes later.)
 */
public final class FakeOrders {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final FakeOrders SHARED = new FakeOrders();

	private final HttpServer server;

	private final Map<String, String> orderByKey = new ConcurrentHashMap<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile boolean down;

	private volatile boolean loseResponses;

	private FakeOrders() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/orders", this::handle);
		this.server.start();
	}

	public static FakeOrders shared() {
		return SHARED;
	}

	public String baseUrl() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	public void down(boolean down) {
		this.down = down;
	}

	/** Orders are placed, but the connection drops before the answer: a lost response. */
	public void loseResponses(boolean lose) {
		this.loseResponses = lose;
	}

	/**
	 * Places an order directly, as a checkout that crashed after this step would have.
	 */
	public String placeDirectly(String idempotencyKey) {
		return this.orderByKey.computeIfAbsent(idempotencyKey, (key) -> UUID.randomUUID().toString());
	}

	public long ordersFor(String idempotencyKey) {
		return this.orderByKey.containsKey(idempotencyKey) ? 1 : 0;
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (this.down) {
				exchange.sendResponseHeaders(503, -1);
				return;
			}
			if (!placer(exchange.getRequestHeaders().getFirst("Authorization"))) {
				exchange.sendResponseHeaders(401, -1);
				return;
			}
			String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (exchange.getRequestURI().getPath().endsWith("/cancel")) {
				exchange.sendResponseHeaders(200, -1);
				return;
			}
			this.requests.add(new Request(key, body));
			String id = placeDirectly(key);
			if (this.loseResponses) {
				return;
			}
			byte[] response = JSON.writeValueAsBytes(placed(id, JSON.readTree(body)));
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(201, response.length);
			exchange.getResponseBody().write(response);
		}
	}

	/**
	 * Whether the header carries session-service's client-credentials token with the
	 * scope orders:place, as orders-service requires.
	 */
	private static boolean placer(@Nullable String authorization) {
		return authorization != null && authorization.startsWith("Bearer ")
				&& TestIssuer.shared()
					.verify(authorization.substring("Bearer ".length()))
					.filter((claims) -> "session-service".equals(claims.getSubject()))
					.filter((claims) -> String.valueOf(claims.getClaim("scope")).contains("orders:place"))
					.isPresent();
	}

	/**
	 * orders-service's answer, in the shape session-service reads: each line at the
	 * catalog stub's price, and the total the request expected (orders-service refuses
	 * any other).
	 */
	private static ObjectNode placed(String id, JsonNode request) {
		ObjectNode order = JSON.createObjectNode().put("id", id).put("status", "PENDING");
		ArrayNode lines = order.putArray("lines");
		for (JsonNode line : request.path("lines")) {
			BigDecimal unitPrice = new BigDecimal("12.50");
			int quantity = line.path("quantity").asInt();
			ObjectNode placedLine = lines.addObject()
				.put("sku", line.path("sku").asString())
				.put("name", "Product " + line.path("sku").asString())
				.put("quantity", quantity);
			placedLine.putObject("unitPrice").put("amount", unitPrice.toPlainString()).put("currency", "USD");
			placedLine.putObject("lineTotal")
				.put("amount", unitPrice.multiply(BigDecimal.valueOf(quantity)).toPlainString())
				.put("currency", "USD");
		}
		order.set("total", request.path("expectedTotal"));
		return order;
	}

	public record Request(String idempotencyKey, String body) {
	}

}
