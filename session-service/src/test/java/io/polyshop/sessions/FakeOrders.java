package io.polyshop.sessions;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * A stand-in for orders-service's {@code POST /orders} that keeps its one promise the
 * checkout relies on: one order per Idempotency-Key, replayed on a retry. Like the real
 * one, it answers 401 to any caller without session-service's token of the test issuer.
 * It records every request, and can be taken down. (The real service's idempotency is
 * tested in orders-service; the journey across all services comes later.)
 */
public final class FakeOrders {

	private static final FakeOrders SHARED = new FakeOrders();

	private final HttpServer server;

	private final Map<String, String> orderByKey = new ConcurrentHashMap<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile boolean down;

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
			byte[] response = """
					{"id": "%s", "status": "PENDING", "total": {"amount": "0.00", "currency": "USD"}}""".formatted(id)
				.getBytes(StandardCharsets.UTF_8);
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

	public record Request(String idempotencyKey, String body) {
	}

}
