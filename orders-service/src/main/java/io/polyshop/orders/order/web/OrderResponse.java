package io.polyshop.orders.order.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.polyshop.orders.order.Order;
import io.polyshop.orders.order.OrderLine;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

record OrderResponse(UUID id, String customerId, @Schema(nullable = true) @Nullable String sessionId,
		@Schema(allowableValues = {
				"PENDING", "PAID", "SHIPPED", "CANCELLED" }) String status,
		List<LineResponse> lines, MoneyJson total, Instant createdAt, Instant updatedAt, long version){

	static OrderResponse of(Order order) {
		return new OrderResponse(order.id(), order.customerId(), order.sessionId(), order.status().name(),
				order.lines().stream().map(LineResponse::of).toList(), MoneyJson.of(order.total()), order.createdAt(),
				order.updatedAt(), order.version());
	}

	record LineResponse(int lineNo, String sku, String name, String category, MoneyJson unitPrice, int quantity,
			MoneyJson lineTotal) {

		static LineResponse of(OrderLine line) {
			return new LineResponse(line.lineNo(), line.sku(), line.name(), line.category(),
					MoneyJson.of(line.unitPrice()), line.quantity(), MoneyJson.of(line.lineTotal()));
		}

	}

}
