package io.polyshop.orders;

import java.util.Map;
import javax.sql.DataSource;

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

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing over real HTTP: hostile requests generated from the service's
 * own OpenAPI document, against the whole application on real PostgreSQL. No answer is a
 * 5xx, every error is problem details, and no write that must fail changes an order, its
 * history or an idempotency key (see {@link HostileRequests}).
 */
class HostileInputFuzzTests {

	private static @Nullable FuzzTarget target;

	@BeforeContainer
	static void start() {
		RunningService running = RunningService.start(
				SpringApplication.from(OrdersApplication::main).with(BackingServicesConfiguration.class),
				"polyshop.orders.catalog.base-url=" + CatalogStub.shared().baseUrl());
		String customer = TestOrders.uniqueCustomer();
		String order = running
			.call("POST", "/orders",
					Map.of("Idempotency-Key", TestOrders.uniqueKey(), "Authorization", TestOrders.placer()),
					TestOrders.body(customer, "[{\"sku\": \"%s\", \"quantity\": 2}]".formatted(CatalogStub.KETTLE)))
			.headers()
			.get("location");
		assertThat(order).startsWith("/orders/");
		// Requests carry a token that may do everything to this customer's orders, so
		// that
		// they reach the validation behind it; the fuzz test takes it away or forges it
		// as
		// one of its mutations.
		Map<String, String> everything = Map.of("Authorization",
				TestCaller.bearer(TestIssuer.shared().user(customer, "orders:place", "orders:fulfil")));
		target = new FuzzTarget(running, HostileRequests.from(running.openApiDocument(),
				Map.of("id", order.substring("/orders/".length())), everything), HostileInputFuzzTests::orders);
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

	/** Every row of every table, as one digest. */
	private static String orders(ApplicationContext context) {
		return JdbcClient.create(context.getBean(DataSource.class))
			.sql("""
					select (select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from orders t)
					    || (select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from order_line t)
					    || (select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from order_event t)
					    || (select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from idempotency_key t)
					""")
			.query(String.class)
			.single();
	}

}
