package io.polyshop.bench;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The shopper's side, one phase after the other:
 * <ol>
 * <li>a warm-up, not measured: checkouts at the checkout phase's rate;</li>
 * <li><b>cart</b>: a session, three lines added, one changed, the cart read (requests in
 * flight held constant);</li>
 * <li><b>checkout</b>: a cart of 1 to 5 lines, checkout, pay, at a fixed arrival rate of
 * checkouts;</li>
 * <li><b>mixed</b>: 80 % browse, 15 % cart, 5 % checkout, at a fixed arrival rate.</li>
 * </ol>
 * Every request is a real one against the running stack: checkout goes through
 * session-service to orders-service (which prices it from catalog-service).
 */
public class ShopSimulation extends Simulation {

	static final double CHECKOUTS_PER_SECOND = Bench.QUICK ? 4 : 10;

	static final double MIXED_PER_SECOND = Bench.QUICK ? 40 : 100;

	{
		List<String> skus = Bench.allSkus();
		HttpProtocolBuilder json = http.acceptHeader("application/json").contentTypeHeader("application/json");
		ChainBuilder browse = exec(feed(Bench.zipfSkus(skus, 11)), Timings.timed("browse: GET product",
				http("browse: GET product").get(Bench.CATALOG + "/products/#{sku}"), 200));
		ChainBuilder cart = exec(newSession("cart"), repeat(3).on(addLine("cart", skus, 12)),
				Timings.timed("cart: PUT quantity",
						http("cart: PUT quantity").put(Bench.SESSIONS + "/sessions/#{session}/cart/#{sku}")
							.body(StringBody("{\"quantity\": 3}")),
						200),
				Timings.timed("cart: GET cart", http("cart: GET cart").get(Bench.SESSIONS + "/sessions/#{session}"),
						200));
		ChainBuilder checkout = exec(newSession("checkout"),
				exec((session) -> session.set("lines", ThreadLocalRandom.current().nextInt(1, 6))),
				repeat("#{lines}").on(addLine("checkout", skus, 13)),
				Timings.timed("checkout: POST checkout",
						http("checkout: POST checkout").post(Bench.SESSIONS + "/sessions/#{session}/checkout")
							.header("Authorization", "Bearer " + Bench.CUSTOMER_TOKEN)
							.check(jsonPath("$.orderId").saveAs("order")),
						201),
				Timings.timed("checkout: POST pay",
						http("checkout: POST pay").post(Bench.ORDERS + "/orders/#{order}/pay")
							.header("Authorization", "Bearer " + Bench.CUSTOMER_TOKEN),
						200));
		PopulationBuilder carts = scenario("cart").exec(phase("cart"), cart)
			.injectClosed(constantConcurrentUsers(8).during(Bench.PHASE))
			.protocols(json);
		PopulationBuilder checkouts = scenario("checkout").exec(phase("checkout"), checkout)
			.injectOpen(constantUsersPerSec(CHECKOUTS_PER_SECOND).during(Bench.PHASE))
			.protocols(json);
		PopulationBuilder mixed = scenario("mixed").exec(phase("mixed"))
			.exec(randomSwitch().on(new Choice.WithWeight(80, browse), new Choice.WithWeight(15, cart),
					new Choice.WithWeight(5, checkout)))
			.injectOpen(constantUsersPerSec(MIXED_PER_SECOND).during(Bench.PHASE))
			.protocols(json);
		PopulationBuilder warmUp = scenario("warm-up").exec(phase(Timings.WARM_UP), checkout)
			.injectOpen(constantUsersPerSec(CHECKOUTS_PER_SECOND).during(Bench.WARM_UP))
			.protocols(json);
		setUp(warmUp.andThen(carts.andThen(checkouts.andThen(mixed))));
	}

	@Override
	public void after() {
		Timings.write("shop");
	}

	/** A new session, its id saved as {@code session}. */
	private static ChainBuilder newSession(String step) {
		String name = step + ": POST /sessions";
		return Timings.timed(name,
				http(name).post(Bench.SESSIONS + "/sessions")
					.body(StringBody("{\"currency\": \"USD\"}"))
					.check(jsonPath("$.id").saveAs("session")),
				201);
	}

	/** One more line in the session's cart: a Zipf-drawn product, quantity 1. */
	private static ChainBuilder addLine(String step, List<String> skus, long seed) {
		String name = step + ": PUT line";
		return exec(feed(Bench.zipfSkus(skus, seed)),
				Timings.timed(name, http(name).put(Bench.SESSIONS + "/sessions/#{session}/cart/#{sku}")
					.body(StringBody("{\"quantity\": 1}")), 200));
	}

	private static ChainBuilder phase(String name) {
		return exec((session) -> session.set("phase", name));
	}

}
