package io.polyshop.catalog;

import java.util.Map;
import javax.sql.DataSource;

import io.polyshop.contract.FuzzTarget;
import io.polyshop.contract.HostileRequest;
import io.polyshop.contract.HostileRequests;
import io.polyshop.contract.RunningService;
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
 * own OpenAPI document, against the whole application on real PostgreSQL and Redis. No
 * answer is a 5xx, every error is problem details, and no write that must fail changes
 * the catalogue (see {@link HostileRequests}).
 */
class HostileInputFuzzTests {

	private static final String SKU = "FUZZ-00001";

	private static @Nullable FuzzTarget target;

	@BeforeContainer
	static void start() {
		RunningService running = RunningService
			.start(SpringApplication.from(CatalogApplication::main).with(BackingServicesConfiguration.class));
		Map<String, String> staff = Map.of("Authorization", TestProducts.staff());
		running.call("PUT", "/products/" + SKU, staff, TestProducts.json("Fuzzed kettle", "fuzz", "19.99"));
		// Requests carry a staff token, so that they reach the validation behind it; the
		// fuzz test takes it away or forges it as one of its mutations.
		target = new FuzzTarget(running, HostileRequests.from(running.openApiDocument(), Map.of("sku", SKU), staff),
				HostileInputFuzzTests::catalogue);
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

	/** Every product row, as one digest. */
	private static String catalogue(ApplicationContext context) {
		return JdbcClient.create(context.getBean(DataSource.class))
			.sql("select count(*) || ':' || coalesce(md5(string_agg(p::text, '|' order by sku)), '') from product p")
			.query(String.class)
			.single();
	}

}
