package io.polyshop.sessions.checkout;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.polyshop.sessions.SessionsProperties;
import io.polyshop.sessions.projector.SessionItems;
import io.polyshop.sessions.session.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles the checkouts nobody retried: a checkout whose outcome was unknown (orders did
 * not answer) stays pending, with its cart frozen; after
 * {@code polyshop.sessions.checkout.settle-after} this sends the same request under the
 * same key again. An order that was placed is found (replayed), not placed twice, and the
 * session is checked out; a refusal releases the cart; no answer leaves it for the next
 * round (as does a failure of the reconciler itself). Several instances may run it at
 * once: the key makes the order unique, and only one conditional write checks the session
 * out. Counted in {@code checkout.reconciled{outcome}}.
 */
@Component
class CheckoutReconciler {

	private static final Logger log = LoggerFactory.getLogger(CheckoutReconciler.class);

	private static final int BATCH = 25;

	private final Sessions sessions;

	private final CheckoutService checkout;

	private final SessionsProperties.Checkout properties;

	private final Clock clock;

	private final MeterRegistry meters;

	CheckoutReconciler(Sessions sessions, CheckoutService checkout, SessionsProperties properties, Clock clock,
			MeterRegistry meters) {
		this.sessions = sessions;
		this.checkout = checkout;
		this.properties = properties.checkout();
		this.clock = clock;
		this.meters = meters;
	}

	@Scheduled(fixedDelayString = "${polyshop.sessions.checkout.reconcile-interval:15s}",
			initialDelayString = "${polyshop.sessions.checkout.reconcile-interval:15s}")
	void reconcile() {
		reconcileStartedBefore(this.clock.instant().minus(this.properties.settleAfter()));
	}

	/** Settles every checkout pending since before {@code startedBefore}. */
	void reconcileStartedBefore(Instant startedBefore) {
		List<String> pending = this.sessions.pendingCheckouts(startedBefore, BATCH);
		for (String sessionId : pending) {
			String outcome;
			try {
				outcome = this.checkout.settlePending(sessionId)
					.map((settled) -> "checked-out")
					.orElse("still-pending");
			}
			catch (CheckoutRejectedException | PriceChangedException ex) {
				// Refused: the cart is the shopper's again.
				outcome = "released";
				log.info("Pending checkout of session {} settled without an order: {}",
						SessionItems.sessionRef(sessionId), ex.getMessage());
			}
			catch (RuntimeException ex) {
				// Expired, or DynamoDB failing: the next round tries again.
				outcome = "failed";
				log.warn("Could not settle the pending checkout of session {}: {}", SessionItems.sessionRef(sessionId),
						ex.toString());
			}
			this.meters.counter("checkout.reconciled", "outcome", outcome).increment();
		}
	}

}
