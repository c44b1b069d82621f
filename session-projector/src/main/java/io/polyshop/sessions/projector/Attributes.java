package io.polyshop.sessions.projector;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reading a DynamoDB item's attributes: a required one that is missing is a broken item,
 * reported as such, never a {@code NullPointerException} further on.
 */
public final class Attributes {

	private Attributes() {
	}

	public static AttributeValue required(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		if (value == null) {
			throw new IllegalStateException("A DynamoDB item lacks its required attribute '" + name + "'");
		}
		return value;
	}

	public static String string(Map<String, AttributeValue> item, String name) {
		return required(item, name).s();
	}

	public static long number(Map<String, AttributeValue> item, String name) {
		return Long.parseLong(required(item, name).n());
	}

	public static @Nullable String optionalString(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return (value != null) ? value.s() : null;
	}

}
