package io.polyshop.sessions.insights;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.polyshop.sessions.MovableClock;
import io.polyshop.sessions.SessionsIntegrationTest;
import io.polyshop.sessions.TestSessions;
import io.polyshop.sessions.projector.SessionItems;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static io.polyshop.sessions.TestSessions.add;
import static io.polyshop.sessions.TestSessions.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DynamoDB Local's TTL really deletes the sessions here: the stream's REMOVE by the TTL
 * service principal is what makes a cart abandoned. The service's clock runs 30 s behind
 * the real one, as long as the idle timeout: what it writes expires in the store (on the
 * real clock) about a second later, while to the service the session stays fresh for the
 * whole test, however slow the machine.
 */
@SessionsIntegrationTest
@Import(MovableClock.class)
@TestPropertySource(properties = "polyshop.sessions.idle-timeout=30s")
class AbandonedCartTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	CartInsights insights;

	@Autowired
	DynamoDbClient dynamo;

	@Autowired
	MovableClock.Movable clock;

	@BeforeEach
	void expireInTheStoreAtOnce() {
		this.clock.advance(Duration.ofSeconds(-30));
	}

	@AfterEach
	void resetTheClock() {
		this.clock.reset();
	}

	/**
	 * A checked-out session expires first, and is gone from the table (its REMOVE in the
	 * stream) before the other cart is even filled. The other cart's expiry comes later
	 * in the same stream, so once it shows as abandoned the checked-out one has been
	 * projected too: had it been counted as abandoned, it would show.
	 */
	@Test
	void aCartWhoseSessionExpiredByTtlIsAbandonedButACheckedOutOneNever() {
		String kept = uniqueSku();
		String other = uniqueSku();
		String checkedOut = TestSessions.start(this.mvc);
		add(this.mvc, checkedOut, kept, 1);
		assertThat(TestSessions.checkout(this.mvc, checkedOut, "buyer")).hasStatus2xxSuccessful();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> !isStored(checkedOut));

		String abandoned = TestSessions.start(this.mvc);
		TestSessions.attach(this.mvc, abandoned, "abandoner");
		add(this.mvc, abandoned, kept, 2);
		add(this.mvc, abandoned, other, 1);
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

	private boolean isStored(String session) {
		return this.dynamo
			.getItem((get) -> get.tableName("polyshop-sessions")
				.key(Map.of(SessionItems.PK, AttributeValue.fromS(SessionItems.sessionKey(session)), SessionItems.SK,
						AttributeValue.fromS(SessionItems.META)))
				.consistentRead(true))
			.hasItem();
	}

	/** Today and tomorrow (UTC), in case the test runs across midnight. */
	private List<CartInsights.AbandonedCart> abandonedAround(LocalDate day) {
		List<CartInsights.AbandonedCart> carts = new java.util.ArrayList<>(this.insights.abandoned(day));
		carts.addAll(this.insights.abandoned(day.plusDays(1)));
		return carts;
	}

}
