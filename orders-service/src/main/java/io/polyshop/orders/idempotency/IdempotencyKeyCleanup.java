package io.polyshop.orders.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired idempotency keys in small batches, so the table stays the size of one
 * retention period and no delete holds many locks. Safe with several instances: each
 * batch skips rows another instance has locked.
 */
@Component
class IdempotencyKeyCleanup {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

	private static final int BATCH = 1000;

	private final IdempotencyKeys keys;

	IdempotencyKeyCleanup(IdempotencyKeys keys) {
		this.keys = keys;
	}

	@Scheduled(fixedDelayString = "${polyshop.orders.idempotency.cleanup-interval:10m}", initialDelay = 60_000)
	void deleteExpiredKeys() {
		int total = 0;
		int deleted;
		do {
			deleted = this.keys.deleteExpired(BATCH);
			total += deleted;
		}
		while (deleted == BATCH);
		if (total > 0) {
			log.info("Deleted {} expired idempotency keys", total);
		}
	}

}
