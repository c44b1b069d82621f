package io.polyshop.sessions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * A stand-in for orders-service's {@code POST /orders} that keeps the promises the
 * checkout relies on, as the real one does: one order per Idempotency-Key, replayed on a
 * retry; each line priced from the catalogue (the {@link CatalogStub}), not from the
 * request; and a 409 {@code price-changed} when that total is not the request's
 * {@code expectedTotal}. Like the real one, it answers 401 to any caller without
 * session-service's token of the test issuer. It records every request, and can be taken
 * down. (The real service is tested in orders-service, and the journey across all
 * services in e2e-tests.)
 */
public final class FakeOrders {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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

	/** The order placed under {@code idempotencyKey}. */
	public String orderUnder(String idempotencyKey) {
		String order = this.orderByKey.get(idempotencyKey);
		if (order == null) {
			throw new AssertionError("No order was placed under " + idempotencyKey);
		}
		return order;
	}

	/**
	 * The Idempotency-Keys of every request that ordered {@code sku}: one key per cart,
	 * whatever the retries, is what keeps a cart from becoming two orders.
	 */
	public Set<String> keysSentFor(String sku) {
		Set<String> keys = new LinkedHashSet<>();
		for (Request request : this.requests) {
			for (JsonNode line : JSON.readTree(request.body()).path("lines")) {
				if (line.path("sku").asString().equals(sku)) {
					keys.add(request.idempotencyKey());
				}
			}
		}
		return keys;
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
			JsonNode request = JSON.readTree(body);
			ObjectNode order = priced(request);
			JsonNode expected = request.path("expectedTotal").path("amount");
			BigDecimal total = new BigDecimal(order.path("total").path("amount").asString());
			if (!expected.isMissingNode() && new BigDecimal(expected.asString()).compareTo(total) != 0) {
				send(exchange, 409, "application/problem+json", JSON.createObjectNode()
					.put("type", "urn:polyshop:problem:price-changed")
					.put("title", "Prices changed")
					.put("status", 409)
					.put("detail", "Today's prices make " + total.toPlainString() + ", not " + expected.asString()));
				return;
			}
			order.put("id", placeDirectly(key));
			if (this.loseResponses) {
				return;
			}
			send(exchange, 201, "application/json", order);
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
	 * catalogue's price, and their total.
	 */
	private static ObjectNode priced(JsonNode request) {
		ObjectNode order = JSON.createObjectNode().put("status", "PENDING");
		ArrayNode lines = order.putArray("lines");
		BigDecimal total = BigDecimal.ZERO;
		for (JsonNode line : request.path("lines")) {
			String sku = line.path("sku").asString();
			BigDecimal unitPrice = catalogPrice(sku);
			int quantity = line.path("quantity").asInt();
			BigDecimal lineTotal = unitPrice.multiply(BigDecimal.valueOf(quantity));
			total = total.add(lineTotal);
			ObjectNode placedLine = lines.addObject()
				.put("sku", sku)
				.put("name", "Product " + sku)
				.put("quantity", quantity);
			placedLine.putObject("unitPrice").put("amount", unitPrice.toPlainString()).put("currency", "USD");
			placedLine.putObject("lineTotal").put("amount", lineTotal.toPlainString()).put("currency", "USD");
		}
		order.putObject("total").put("amount", total.toPlainString()).put("currency", "USD");
		return order;
	}

	private static BigDecimal catalogPrice(String sku) {
		try {
			HttpResponse<String> product = HTTP.send(
					HttpRequest.newBuilder(URI.create(CatalogStub.shared().baseUrl() + "/products/" + sku)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new BigDecimal(JSON.readTree(product.body()).path("price").path("amount").asString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, JsonNode body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	public record Request(String idempotencyKey, String body) {
	}

}
