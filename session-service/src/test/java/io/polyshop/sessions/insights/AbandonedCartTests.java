package io.polyshop.sessions.insights;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.polyshop.sessions.SessionsIntegrationTest;
import io.polyshop.sessions.TestSessions;
import io.polyshop.sessions.projector.SessionItems;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.polyshop.sessions.TestSessions.add;
import static io.polyshop.sessions.TestSessions.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sessions here live 3 s idle, and DynamoDB Local's TTL really deletes them: the stream's
 * REMOVE by the TTL service principal is what makes a cart abandoned.
 */
@SessionsIntegrationTest
@TestPropertySource(properties = "polyshop.sessions.idle-timeout=3s")
class AbandonedCartTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	CartInsights insights;

	@Test
	void aCartWhoseSessionExpiredByTtlIsAbandonedButACheckedOutOneNever() {
		String kept = uniqueSku();
		String other = uniqueSku();
		String abandoned = TestSessions.start(this.mvc);
		TestSessions.attach(this.mvc, abandoned, "abandoner");
		add(this.mvc, abandoned, kept, 2);
		add(this.mvc, abandoned, other, 1);
		String checkedOut = TestSessions.start(this.mvc);
		add(this.mvc, checkedOut, kept, 1);
		assertThat(TestSessions.checkout(this.mvc, checkedOut, "buyer")).hasStatus2xxSuccessful();
		String abandonedRef = SessionItems.sessionRef(abandoned);
		String checkedOutRef = SessionItems.sessionRef(checkedOut);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);

		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			List<CartInsights.AbandonedCart> carts = abandonedAround(today);
			assertThat(carts).filteredOn((cart) -> cart.sessionRef().equals(abandonedRef))
				.singleElement()
				.satisfies((cart) -> {
					assertThat(cart.customerId()).isEqualTo("abandoner");
					assertThat(cart.lines()).extracting(CartInsights.AbandonedCart.Line::sku)
						.containsExactlyInAnyOrder(kept, other);
					assertThat(cart.value()).isEqualTo(new CartInsights.Amount("37.50", "USD"));
				});
		});
		assertThat(abandonedAround(today)).noneMatch((cart) -> cart.sessionRef().equals(checkedOutRef));
		assertThat(this.insights.demand(kept)).isEqualTo(new CartInsights.ProductDemand(kept, 0, 2, 1, 1));

		MvcTestResult listed = this.mvc.get()
			.uri("/insights/abandoned-carts?date={day}", today)
			.header(HttpHeaders.AUTHORIZATION, TestSessions.staff())
			.exchange();
		assertThat(listed).hasStatusOk();
	}

	/** Today and tomorrow (UTC), in case the test runs across midnight. */
	private List<CartInsights.AbandonedCart> abandonedAround(LocalDate day) {
		List<CartInsights.AbandonedCart> carts = new java.util.ArrayList<>(this.insights.abandoned(day));
		carts.addAll(this.insights.abandoned(day.plusDays(1)));
		return carts;
	}

}
