package io.polyshop.orders.order;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The order aggregate. Immutable: a transition returns the next state, one version up,
 * and refuses a move the state machine ({@link OrderStatus}) does not allow. Whether the
 * next state may be stored (nobody else moved the order meanwhile) is the store's
 * optimistic-locking check.
 */
public record Order(UUID id, String customerId, @Nullable String sessionId, OrderStatus status, Currency currency,
		List<OrderLine> lines, Instant createdAt, Instant updatedAt, long version) {

	public Order {
		lines = List.copyOf(lines);
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("An order has at least one line");
		}
		for (OrderLine line : lines) {
			if (!line.unitPrice().currency().equals(currency)) {
				throw new IllegalArgumentException("Line " + line.sku() + " is not priced in " + currency);
			}
		}
	}

	/** A new order: PENDING, version 0. */
	public static Order place(UUID id, String customerId, @Nullable String sessionId, Currency currency,
			List<OrderLine> lines, Instant now) {
		return new Order(id, customerId, sessionId, OrderStatus.PENDING, currency, lines, now, now, 0);
	}

	public Money total() {
		return this.lines.stream().map(OrderLine::lineTotal).reduce(Money.zero(this.currency), Money::plus);
	}

	public Order pay(Instant now) {
		return moveTo(OrderStatus.PAID, now);
	}

	public Order ship(Instant now) {
		return moveTo(OrderStatus.SHIPPED, now);
	}

	public Order cancel(Instant now) {
		return moveTo(OrderStatus.CANCELLED, now);
	}

	private Order moveTo(OrderStatus target, Instant now) {
		if (!this.status.canMoveTo(target)) {
			throw InvalidTransitionException.of(this, target);
		}
		return new Order(this.id, this.customerId, this.sessionId, target, this.currency, this.lines, this.createdAt,
				now, this.version + 1);
	}

}
