package io.polyshop.sessions.projector;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** Builds {@link ChangeRecord}s from the Streams API (SDK v2) and from Lambda events. */
public final class ChangeRecords {

	private ChangeRecords() {
	}

	public static ChangeRecord fromStreams(Record record) {
		Identity identity = record.userIdentity();
		boolean byTtl = identity != null && "Service".equals(identity.type())
				&& ChangeRecord.TTL_PRINCIPAL.equals(identity.principalId());
		Instant created = record.dynamodb().approximateCreationDateTime();
		return new ChangeRecord(record.eventID(), ChangeRecord.Type.valueOf(record.eventNameAsString()), byTtl,
				record.dynamodb().sequenceNumber(), (created != null) ? created : Instant.EPOCH,
				record.dynamodb().oldImage(), record.dynamodb().newImage());
	}

	public static ChangeRecord fromLambda(DynamodbEvent.DynamodbStreamRecord record) {
		var identity = record.getUserIdentity();
		boolean byTtl = identity != null && "Service".equals(identity.getType())
				&& ChangeRecord.TTL_PRINCIPAL.equals(identity.getPrincipalId());
		var stream = record.getDynamodb();
		Instant created = (stream.getApproximateCreationDateTime() != null)
				? stream.getApproximateCreationDateTime().toInstant() : Instant.EPOCH;
		return new ChangeRecord(record.getEventID(), ChangeRecord.Type.valueOf(record.getEventName()), byTtl,
				stream.getSequenceNumber(), created, convert(stream.getOldImage()), convert(stream.getNewImage()));
	}

	private static Map<String, AttributeValue> convert(
			Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
		Map<String, AttributeValue> converted = new HashMap<>();
		if (image != null) {
			image.forEach((name, value) -> converted.put(name, convert(value)));
		}
		return converted;
	}

	private static AttributeValue convert(
			com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value) {
		if (value.getS() != null) {
			return AttributeValue.fromS(value.getS());
		}
		if (value.getN() != null) {
			return AttributeValue.fromN(value.getN());
		}
		if (value.getBOOL() != null) {
			return AttributeValue.fromBool(value.getBOOL());
		}
		if (value.getSS() != null) {
			return AttributeValue.fromSs(value.getSS());
		}
		if (value.getNS() != null) {
			return AttributeValue.fromNs(value.getNS());
		}
		if (value.getB() != null) {
			return AttributeValue.fromB(SdkBytes.fromByteBuffer(value.getB()));
		}
		if (value.getM() != null) {
			return AttributeValue.fromM(convert(value.getM()));
		}
		if (value.getL() != null) {
			List<AttributeValue> list = value.getL().stream().map(ChangeRecords::convert).toList();
			return AttributeValue.fromL(list);
		}
		return AttributeValue.fromNul(true);
	}

}
