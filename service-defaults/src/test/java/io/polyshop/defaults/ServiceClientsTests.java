package io.polyshop.defaults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpServer;
import io.polyshop.defaults.http.PeerUnavailableException;
import io.polyshop.defaults.http.ServiceClients;
import io.polyshop.defaults.http.ServiceEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The outbound defaults against a real HTTP server: typed failures, bounded waits. */
class ServiceClientsTests {

	private final CountDownLatch stall = new CountDownLatch(1);

	private HttpServer server;

	@BeforeEach
	void peer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/ok", (exchange) -> respond(exchange, 200, "fine"));
		this.server.createContext("/missing", (exchange) -> respond(exchange, 404, "no"));
		this.server.createContext("/broken", (exchange) -> respond(exchange, 503, "down"));
		this.server.createContext("/slow", (exchange) -> {
			try {
				// The peer stalls until the test is over, well past the read timeout.
				this.stall.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			respond(exchange, 200, "late");
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.stall.countDown();
		this.server.stop(0);
	}

	@Test
	void answersPassThrough() {
		assertThat(client(this.server.getAddress().getPort()).get().uri("/ok").retrieve().body(String.class))
			.isEqualTo("fine");
	}

	@Test
	void aClientErrorStaysTheCallersToMap() {
		assertThatExceptionOfType(HttpClientErrorException.NotFound.class).isThrownBy(
				() -> client(this.server.getAddress().getPort()).get().uri("/missing").retrieve().body(String.class));
	}

	@Test
	void aServerErrorIsAPeerUnavailable() {
		assertThatExceptionOfType(PeerUnavailableException.class)
			.isThrownBy(
					() -> client(this.server.getAddress().getPort()).get().uri("/broken").retrieve().body(String.class))
			.withMessageContaining("answered 503");
	}

	@Test
	void aRefusedConnectionIsAPeerUnavailable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		assertThatExceptionOfType(PeerUnavailableException.class)
			.isThrownBy(() -> client(closedPort).get().uri("/ok").retrieve().body(String.class));
	}

	@Test
	void aStalledPeerIsAPeerUnavailableAfterTheReadTimeout() {
		assertThatExceptionOfType(PeerUnavailableException.class).isThrownBy(
				() -> client(this.server.getAddress().getPort()).get().uri("/slow").retrieve().body(String.class));
	}

	private static RestClient client(int port) {
		return ServiceClients.create(RestClient.builder(), "peer", new ServiceEndpoint(
				URI.create("http://127.0.0.1:" + port), Duration.ofMillis(500), Duration.ofMillis(300)));
	}

	private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
