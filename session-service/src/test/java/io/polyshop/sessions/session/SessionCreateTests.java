package io.polyshop.sessions.session;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;

import io.polyshop.sessions.SessionsIntegrationTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A create whose first attempt was written but whose answer was lost is retried by the
 * SDK; the retry finds the item there. Seen under load in ./polyshop bench: POST
 * /sessions answered 503 for sessions it had created.
 */
@SessionsIntegrationTest
class SessionCreateTests {

	private static final Currency USD = Currency.getInstance("USD");

	@Autowired
	Sessions sessions;

	@Test
	void aRetryThatFindsItsOwnFirstAttemptWrittenSucceeds() {
		Session session = newSession(SessionIds.next(), USD);
		this.sessions.create(session);

		this.sessions.create(session);

		assertThat(this.sessions.find(session.id()))
			.hasValueSatisfying((stored) -> assertThat(stored.createdAt()).isEqualTo(session.createdAt()));
	}

	@Test
	void anotherSessionUnderAnIdAlreadyTakenIsRefused() {
		String id = SessionIds.next();
		this.sessions.create(newSession(id, USD));

		assertThatExceptionOfType(ConditionalCheckFailedException.class)
			.isThrownBy(() -> this.sessions.create(newSession(id, Currency.getInstance("EUR"))));
	}

	private static Session newSession(String id, Currency currency) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return Session.start(id, currency, now, now.plus(Duration.ofMinutes(30)));
	}

}
