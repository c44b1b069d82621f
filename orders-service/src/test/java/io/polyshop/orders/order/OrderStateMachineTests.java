package io.polyshop.orders.order;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OrderStateMachineTests {

	private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

	@Test
	void allowsExactlyTheDocumentedMoves() {
		for (OrderStatus from : OrderStatus.values()) {
			for (OrderStatus to : OrderStatus.values()) {
				boolean allowed = switch (from) {
					case PENDING -> to == OrderStatus.PAID || to == OrderStatus.CANCELLED;
					case PAID -> to == OrderStatus.SHIPPED || to == OrderStatus.CANCELLED;
					case SHIPPED, CANCELLED -> false;
				};
				assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed);
			}
		}
	}

	@Test
	void aTransitionBumpsTheVersionAndStampsTheTime() {
		Order paid = pending().pay(T0.plusSeconds(60));

		assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
		assertThat(paid.version()).isEqualTo(1);
		assertThat(paid.updatedAt()).isEqualTo(T0.plusSeconds(60));
		assertThat(paid.createdAt()).isEqualTo(T0);
	}

	@Test
	void refusesEveryOtherMoveWithAnInvalidTransition() {
		List<BiFunction<Order, Instant, Order>> moves = List.of(Order::pay, Order::ship, Order::cancel);
		Order shipped = pending().pay(T0).ship(T0);
		Order cancelled = pending().cancel(T0);
		for (Order terminal : List.of(shipped, cancelled)) {
			for (BiFunction<Order, Instant, Order> move : moves) {
				assertThatExceptionOfType(InvalidTransitionException.class).isThrownBy(() -> move.apply(terminal, T0));
			}
		}
		assertThatExceptionOfType(InvalidTransitionException.class).isThrownBy(() -> pending().ship(T0));
		assertThatExceptionOfType(InvalidTransitionException.class).isThrownBy(() -> pending().pay(T0).pay(T0));
	}

	private static Order pending() {
		return Order.place(UUID.randomUUID(), "c", null, Currency.getInstance("USD"),
				List.of(new OrderLine(1, "SKU-1", "Thing", "things", Money.of("1.00", "USD"), 1)), T0);
	}

}
