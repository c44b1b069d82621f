package io.polyshop.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's clock, for tests that need time to pass (or not) without waiting: the
 * system clock plus an offset a test moves. DynamoDB Local's TTL keeps the real clock, so
 * moving the service's clock back makes items expire in the store while the service still
 * sees them as fresh, and moving it forward does the opposite.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableClock {

	@Bean
	@Primary
	Movable movableClock() {
		return new Movable();
	}

	/** The system clock plus an offset a test can move. */
	public static class Movable extends Clock {

		private volatile Duration offset = Duration.ZERO;

		public void advance(Duration by) {
			this.offset = this.offset.plus(by);
		}

		public void reset() {
			this.offset = Duration.ZERO;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

	}

}
