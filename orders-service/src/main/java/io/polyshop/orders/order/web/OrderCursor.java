package io.polyshop.orders.order.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.polyshop.orders.order.Orders;
import io.polyshop.defaults.problem.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** The listing's opaque cursor: the (created_at, id) of the last order of a page. */
final class OrderCursor {

	private OrderCursor() {
	}

	static String encode(Orders.Position position) {
		String raw = position.createdAt() + "|" + position.id();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static Orders.@Nullable Position decode(@Nullable String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			int bar = raw.indexOf('|');
			return new Orders.Position(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
		}
		catch (RuntimeException ex) {
			throw new InvalidInputException("cursor",
					"is not a cursor this API issued: pass back nextCursor unchanged");
		}
	}

}
