package io.polyshop.orders.order.web;

import java.time.Instant;

import io.polyshop.orders.order.OrderEvent;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

record OrderEventResponse(long version, String type,
		@Schema(nullable = true, description = "Null for the event that created the order") @Nullable String fromStatus,
		String toStatus, Instant occurredAt) {

	static OrderEventResponse of(OrderEvent event) {
		return new OrderEventResponse(event.version(), event.type(),
				(event.fromStatus() != null) ? event.fromStatus().name() : null, event.toStatus().name(),
				event.occurredAt());
	}

}
