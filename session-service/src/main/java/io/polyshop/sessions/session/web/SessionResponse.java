package io.polyshop.sessions.session.web;

import java.time.Instant;
import java.util.List;

import io.polyshop.sessions.session.CartLine;
import io.polyshop.sessions.session.Money;
import io.polyshop.sessions.session.Session;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

record SessionResponse(String id, @Schema(allowableValues = {
		"ACTIVE", "CHECKOUT_PENDING", "CHECKED_OUT" }) String status,
		@Schema(nullable = true) @Nullable String customerId, String currency, List<Line> lines, int itemCount,
		MoneyJson total, long version, long cartVersion, Instant createdAt, Instant expiresAt,
		@Schema(nullable = true, format = "uuid") @Nullable String orderId){

	static SessionResponse of(Session session) {
		return new SessionResponse(session.id(), session.status().name(), session.customerId(),
				session.currency().getCurrencyCode(), session.lines().stream().map(Line::of).toList(),
				session.lines().stream().mapToInt(CartLine::quantity).sum(), MoneyJson.of(session.total()),
				session.version(), session.cartVersion(), session.createdAt(), session.expiresAt(), session.orderId());
	}

	record Line(String sku, String name, MoneyJson unitPrice, int quantity, MoneyJson lineTotal, Instant addedAt) {

		static Line of(CartLine line) {
			return new Line(line.sku(), line.name(), MoneyJson.of(line.unitPrice()), line.quantity(),
					MoneyJson.of(line.lineTotal()), line.addedAt());
		}

	}

	/** Money on the wire: a decimal string and a currency; never a JSON number. */
	record MoneyJson(@Schema(description = "A decimal string, never a JSON number", example = "19.99") String amount,
			@Schema(example = "USD") String currency) {

		static MoneyJson of(Money money) {
			return new MoneyJson(money.amount().toPlainString(), money.currency().getCurrencyCode());
		}

	}

}
