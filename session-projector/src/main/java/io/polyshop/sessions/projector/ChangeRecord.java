package io.polyshop.sessions.projector;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One stream record of the sessions table, in one shape whether it came from the Streams
 * API (local consumer) or a Lambda event.
 *
 * @param eventId unique per record: the key of at-most-once application
 * @param type INSERT, MODIFY or REMOVE
 * @param byTtl true for a REMOVE made by DynamoDB's TTL process (user identity
 * {@code Service}/{@code dynamodb.amazonaws.com}), false for one made by the application
 * @param sequenceNumber the record's position in its shard
 * @param oldImage the item before (empty for INSERT)
 * @param newImage the item after (empty for REMOVE)
 */
public record ChangeRecord(String eventId, Type type, boolean byTtl, String sequenceNumber, Instant approximateCreation,
		Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {

	public static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";

	public ChangeRecord {
		oldImage = (oldImage != null) ? Map.copyOf(oldImage) : Map.of();
		newImage = (newImage != null) ? Map.copyOf(newImage) : Map.of();
	}

	/** The image that has the item's keys and attributes: the new one, else the old. */
	public Map<String, AttributeValue> image() {
		return this.newImage.isEmpty() ? this.oldImage : this.newImage;
	}

	public String sortKey() {
		return string(image(), SessionItems.SK).orElse("");
	}

	/**
	 * When the application made this change, to the millisecond: the session item's
	 * {@code updatedAt}, which every change of a session or its cart sets. Empty for
	 * other items and for removals. (The stream's own {@code approximateCreation} is
	 * whole seconds in AWS and whole minutes in DynamoDB Local: too coarse to time the
	 * projection.)
	 */
	public Optional<Instant> writtenAt() {
		if (this.newImage.isEmpty() || !sortKey().equals(SessionItems.META)) {
			return Optional.empty();
		}
		return string(this.newImage, SessionItems.UPDATED_AT).map(Instant::parse);
	}

	static Optional<String> string(Map<String, AttributeValue> image, String name) {
		AttributeValue value = image.get(name);
		return (value != null && value.s() != null) ? Optional.of(value.s()) : Optional.empty();
	}

	static Optional<Long> number(Map<String, AttributeValue> image, String name) {
		AttributeValue value = image.get(name);
		return (value != null && value.n() != null) ? Optional.of(Long.parseLong(value.n())) : Optional.empty();
	}

	public enum Type {

		INSERT, MODIFY, REMOVE

	}

}
