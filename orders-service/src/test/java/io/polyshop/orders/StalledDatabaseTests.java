package io.polyshop.orders;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.polyshop.contract.RawHttp;
import io.polyshop.contract.RunningService;
import io.polyshop.contract.StallingProxy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stalls under the running service (a frozen server or a black-holed network:
 * connections open, nothing answers), over real HTTP. Its own statement timeout cannot
 * fire then; the driver's socket timeout must: requests fail with a 503 problem within
 * the bound, and succeed again once the database answers, without a restart. The figures
 * are printed.
 */
class StalledDatabaseTests {

	/** The driver's socket timeout (5 s), and some slack. */
	private static final Duration BOUND = Duration.ofSeconds(6);

	private static @Nullable RunningService service;

	@BeforeAll
	static void start() {
		service = RunningService.start(SpringApplication.from(OrdersApplication::main)
			.with(BackingServicesConfiguration.class, DatabaseThroughProxy.class));
	}

	@AfterAll
	static void stop() {
		if (service != null) {
			service.close();
		}
		DatabaseThroughProxy.close();
	}

	@Test
	void aStalledDatabaseFailsRequestsWithinTheBoundAndTheyRecoverWhenItComesBack() {
		String customer = TestOrders.uniqueCustomer();
		String location = service()
			.call("POST", "/orders",
					Map.of("Authorization", TestOrders.placer(), "Idempotency-Key", TestOrders.uniqueKey()),
					TestOrders.body(customer, CatalogStub.linesJson(List.of(CatalogStub.KETTLE), 1)))
			.headers()
			.get("location");
		assertThat(read(location, customer).status()).isEqualTo(200);
		DatabaseThroughProxy.proxy().stall();
		try {
			long started = System.nanoTime();
			RawHttp.Answer stalled = read(location, customer);
			Duration failedAfter = Duration.ofNanos(System.nanoTime() - started);

			assertThat(stalled.status()).as(stalled.body()).isEqualTo(503);
			assertThat(stalled.contentType()).startsWith("application/problem+json");
			assertThat(stalled.headers()).containsKey("retry-after");
			assertThat(failedAfter).isLessThan(BOUND);

			DatabaseThroughProxy.proxy().resume();
			long resumed = System.nanoTime();
			await().atMost(Duration.ofSeconds(20)).until(() -> read(location, customer).status() == 200);
			System.out.printf("PostgreSQL stalled: 503 after %d ms; recovered %d ms after it came back%n",
					failedAfter.toMillis(), Duration.ofNanos(System.nanoTime() - resumed).toMillis());
		}
		finally {
			DatabaseThroughProxy.proxy().resume();
		}
	}

	private static RawHttp.Answer read(String location, String customer) {
		return service().http()
			.send("GET", location, Map.of("Accept", "application/json", "Authorization", TestOrders.customer(customer)),
					"".getBytes(StandardCharsets.UTF_8));
	}

	private static RunningService service() {
		assertThat(service).as("the running service").isNotNull();
		return service;
	}

	/**
	 * Puts a {@link StallingProxy} between the service and its database, whichever
	 * backend runs it, by rewriting the connection details' URL.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class DatabaseThroughProxy {

		private static @Nullable StallingProxy proxy;

		static StallingProxy proxy() {
			assertThat(proxy).as("the database proxy").isNotNull();
			return proxy;
		}

		static void close() {
			if (proxy != null) {
				proxy.close();
			}
		}

		@Bean
		static BeanPostProcessor databaseThroughProxy() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (!(bean instanceof JdbcConnectionDetails details)) {
						return bean;
					}
					URI url = URI.create(details.getJdbcUrl().substring("jdbc:".length()));
					proxy = StallingProxy.to(url.getHost(), url.getPort());
					String proxied = details.getJdbcUrl()
						.replace(url.getHost() + ":" + url.getPort(), "localhost:" + proxy.port());
					return new JdbcConnectionDetails() {

						@Override
						public String getJdbcUrl() {
							return proxied;
						}

						@Override
						public String getUsername() {
							return details.getUsername();
						}

						@Override
						public String getPassword() {
							return details.getPassword();
						}

					};
				}

			};
		}

	}

}
