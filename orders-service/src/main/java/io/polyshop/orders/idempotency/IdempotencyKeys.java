package io.polyshop.orders.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.polyshop.defaults.Digests;
import io.polyshop.orders.OrdersProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code idempotency_key} table. The protocol:
 * <ol>
 * <li>{@link #claim}: in its own transaction, committed before any work starts, insert
 * the key as IN_PROGRESS with the request's fingerprint. The primary key makes exactly
 * one of N concurrent requests win; the others find the row and learn whether to replay
 * (COMPLETED), wait (IN_PROGRESS: 409 with Retry-After) or refuse (another fingerprint:
 * 422).</li>
 * <li>The winner does the work and calls {@link #complete} in the same transaction as the
 * work, so the order and the response that describes it commit together or not at
 * all.</li>
 * <li>If the work fails, {@link #release} deletes the claim so the client may retry with
 * the same key. Only a successful response is ever replayed.</li>
 * </ol>
 * A claim held longer than the lease (its process died) may be taken over by a retry with
 * the same fingerprint. Keys expire after the retention and are deleted by
 * {@link IdempotencyKeyCleanup}; an expired key that is still here counts as new.
 */
@Repository
public class IdempotencyKeys {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final OrdersProperties.Idempotency settings;

	IdempotencyKeys(JdbcClient jdbc, Clock clock, OrdersProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = properties.idempotency();
	}

	/** SHA-256 of what the request means: same key with another fingerprint is misuse. */
	public static String fingerprint(String canonicalRequest) {
		return Digests.sha256Hex(canonicalRequest);
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public Claim claim(String key, String fingerprint) {
		Instant now = this.clock.instant();
		// Inserts a new key; or takes over one whose holder is presumed dead (in progress
		// past the lease, same request) or which has expired. Returns a row only then.
		boolean claimed = this.jdbc
			.sql("""
					insert into idempotency_key as k (key, fingerprint, status, locked_at, created_at, expires_at)
					values (:key, :fingerprint, 'IN_PROGRESS', :now, :now, :expiresAt)
					on conflict (key) do update set
					    fingerprint = excluded.fingerprint, status = 'IN_PROGRESS', locked_at = excluded.locked_at,
					    response_status = null, response_body = null, location = null, order_id = null,
					    created_at = excluded.created_at, completed_at = null, expires_at = excluded.expires_at
					where k.expires_at <= :now
					   or (k.status = 'IN_PROGRESS' and k.locked_at <= :staleBefore and k.fingerprint = excluded.fingerprint)
					returning key""")
			.param("key", key)
			.param("fingerprint", fingerprint)
			.param("now", Timestamp.from(now))
			.param("expiresAt", Timestamp.from(now.plus(this.settings.retention())))
			.param("staleBefore", Timestamp.from(now.minus(this.settings.lease())))
			.query(String.class)
			.optional()
			.isPresent();
		if (claimed) {
			return new Claim.Claimed();
		}
		Existing existing = this.jdbc.sql("""
				select fingerprint, status, response_status, location, response_body
				from idempotency_key where key = :key""")
			.param("key", key)
			.query((rs, row) -> new Existing(rs.getString("fingerprint"), rs.getString("status"),
					new StoredResponse(rs.getInt("response_status"), rs.getString("location"),
							rs.getString("response_body"))))
			.single();
		if (!existing.fingerprint().equals(fingerprint)) {
			return new Claim.Mismatch();
		}
		return "COMPLETED".equals(existing.status()) ? new Claim.Completed(existing.response())
				: new Claim.InProgress();
	}

	/**
	 * Records the response of the work; joins the work's transaction.
	 * @throws IllegalStateException if this request no longer holds the claim (its lease
	 * ran out and another request took over): the work must roll back
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void complete(String key, String fingerprint, StoredResponse response, UUID orderId) {
		int updated = this.jdbc.sql("""
				update idempotency_key
				set status = 'COMPLETED', response_status = :status, location = :location, response_body = :body,
				    order_id = :orderId, completed_at = :now
				where key = :key and fingerprint = :fingerprint and status = 'IN_PROGRESS'""")
			.param("status", response.status())
			.param("location", response.location())
			.param("body", response.body())
			.param("orderId", orderId)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("key", key)
			.param("fingerprint", fingerprint)
			.update();
		if (updated != 1) {
			throw new IllegalStateException("Idempotency key " + key + " is no longer held by this request");
		}
	}

	/** Gives the key up after failed work, so the client may retry with it. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void release(String key, String fingerprint) {
		this.jdbc.sql(
				"delete from idempotency_key where key = :key and fingerprint = :fingerprint and status = 'IN_PROGRESS'")
			.param("key", key)
			.param("fingerprint", fingerprint)
			.update();
	}

	/** Deletes up to {@code batch} expired keys; returns how many. */
	@Transactional
	public int deleteExpired(int batch) {
		return this.jdbc.sql("""
				delete from idempotency_key where key in (
				    select key from idempotency_key where expires_at <= :now order by expires_at limit :batch
				    for update skip locked)""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("batch", batch)
			.update();
	}

	private record Existing(String fingerprint, String status, StoredResponse response) {
	}

}
