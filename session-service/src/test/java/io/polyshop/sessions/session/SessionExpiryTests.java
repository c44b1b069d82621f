package io.polyshop.sessions.session;

import java.time.Duration;
import java.util.Map;

import io.polyshop.local.LocalDynamoDb;
import io.polyshop.sessions.BackingServicesConfiguration;
import io.polyshop.sessions.MovableClock;
import io.polyshop.sessions.SessionsIntegrationTest;
import io.polyshop.sessions.TestSessions;
import io.polyshop.sessions.projector.SessionItems;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static io.polyshop.sessions.TestSessions.add;
import static io.polyshop.sessions.TestSessions.uniqueSku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB deletes expired items late (in AWS up to days after), so reads must treat an
 * item past {@code expiresAt} as gone on their own. The service's clock is moved past the
 * expiry here while DynamoDB's TTL, on the real clock, has nothing to delete yet.
 */
@SessionsIntegrationTest
@Import(MovableClock.class)
class SessionExpiryTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MovableClock.Movable clock;

	@Test
	void aSessionPastItsExpiryIsGoneBeforeDynamoDbDeletesIt() {
		String session = TestSessions.start(this.mvc);
		add(this.mvc, session, uniqueSku(), 1);
		String customer = "expiry-" + uniqueSku();
		TestSessions.attach(this.mvc, session, customer);

		this.clock.advance(Duration.ofMinutes(31));
		try {
			assertThat(this.mvc.get().uri("/sessions/{id}", session)).hasStatus(HttpStatus.NOT_FOUND);
			assertThat(TestSessions.put(this.mvc, session, uniqueSku(), 1)).hasStatus(HttpStatus.NOT_FOUND);
			assertThat(TestSessions.checkout(this.mvc, session, customer)).hasStatus(HttpStatus.NOT_FOUND);
			assertThat(storedItem(session)).as("still in DynamoDB: TTL has not removed it").isNotEmpty();
		}
		finally {
			this.clock.reset();
		}
	}

	@Test
	void activitySlidesTheExpiryOfTheSessionAndEveryLine() {
		String session = TestSessions.start(this.mvc);
		add(this.mvc, session, uniqueSku(), 1);
		this.clock.advance(Duration.ofMinutes(20));
		try {
			add(this.mvc, session, uniqueSku(), 1);
			this.clock.advance(Duration.ofMinutes(20));

			assertThat(this.mvc.get().uri("/sessions/{id}", session)).hasStatusOk()
				.bodyJson()
				.extractingPath("$.lines.length()")
				.isEqualTo(2);
		}
		finally {
			this.clock.reset();
		}
	}

	private Map<String, AttributeValue> storedItem(String session) {
		try (DynamoDbClient dynamo = LocalDynamoDb.client(BackingServicesConfiguration.dynamoDbEndpoint())) {
			return dynamo
				.getItem((get) -> get.tableName("polyshop-sessions")
					.key(Map.of(SessionItems.PK, AttributeValue.fromS(SessionItems.sessionKey(session)),
							SessionItems.SK, AttributeValue.fromS(SessionItems.META)))
					.consistentRead(true))
				.item();
		}
	}

}
