package io.polyshop.orders.order;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transaction boundary for orders.
 *
 * <p>
 * <b>Reading your own writes.</b> Lists run in read-only transactions, which go to the
 * reader (a replica may lag by some milliseconds). Reads of one order by id (and its
 * history) deliberately run on the writer: they are cheap primary-key lookups, and a
 * client that has just placed or moved an order must see that change when it reads the
 * order back. Every write also returns the new state, so most clients need no read at
 * all.
 */
@Service
public class OrderService {

	private final Orders orders;

	private final Clock clock;

	OrderService(Orders orders, Clock clock) {
		this.orders = orders;
		this.clock = clock;
	}

	/**
	 * Stores a new order, its lines and its first event. Joins the caller's transaction,
	 * so the caller can commit more with it (the idempotency record).
	 */
	@Transactional
	public Order place(String customerId, @Nullable String sessionId, Currency currency, List<OrderLine> lines) {
		Order order = Order.place(UUID.randomUUID(), customerId, sessionId, currency, lines, now());
		this.orders.insert(order);
		return order;
	}

	/**
	 * On the writer, for read-your-writes (see the class comment). An order the caller
	 * may not see is not found.
	 */
	@Transactional
	public Order get(UUID id, Visibility visibility) {
		return this.orders.findById(id).filter(visibility::allows).orElseThrow(() -> OrderNotFoundException.forId(id));
	}

	/** On the writer, for read-your-writes (see the class comment). */
	@Transactional
	public List<OrderEvent> history(UUID id, Visibility visibility) {
		get(id, visibility);
		return this.orders.history(id);
	}

	@Transactional(readOnly = true)
	public Orders.Slice list(Visibility visibility, Orders.OrderQuery query, Orders.@Nullable Position after,
			int limit) {
		Orders.OrderQuery visible = visibility.narrow(query);
		return (visible != null) ? this.orders.find(visible, after, limit) : new Orders.Slice(List.of(), false);
	}

	/** Only the customer pays: {@code visibility} is the payer's own orders. */
	@Transactional
	public Order pay(UUID id, @Nullable Long expectedVersion, Visibility visibility) {
		return transition(id, expectedVersion, visibility, Order::pay);
	}

	@Transactional
	public Order ship(UUID id, @Nullable Long expectedVersion) {
		return transition(id, expectedVersion, Visibility.everyOrder(), Order::ship);
	}

	/**
	 * Cancels the orders nobody paid within the payment window: one transaction per
	 * batch, each order cancelled as staff would (with its history event).
	 * @return how many were cancelled
	 */
	@Transactional
	public int cancelUnpaidPlacedBefore(Instant cutoff, int limit) {
		List<UUID> unpaid = this.orders.lockUnpaidPlacedBefore(cutoff, limit);
		for (UUID id : unpaid) {
			transition(id, null, Visibility.everyOrder(), Order::cancel);
		}
		return unpaid.size();
	}

	@Transactional
	public Order cancel(UUID id, @Nullable Long expectedVersion) {
		return transition(id, expectedVersion, Visibility.everyOrder(), Order::cancel);
	}

	/**
	 * Read, let the aggregate decide, write only if nobody moved the order meanwhile. Of
	 * two concurrent transitions both may pass the aggregate's check, but only one
	 * {@code UPDATE ... WHERE version = ?} matches a row; the other gets a 409.
	 */
	private Order transition(UUID id, @Nullable Long expectedVersion, Visibility visibility,
			BiFunction<Order, Instant, Order> move) {
		Order current = get(id, visibility);
		if (expectedVersion != null && expectedVersion != current.version()) {
			throw OrderConflictException.staleVersion(id, expectedVersion, current.version());
		}
		Order next = move.apply(current, now());
		if (!this.orders.update(current, next)) {
			throw OrderConflictException.concurrentChange(id);
		}
		return next;
	}

	/**
	 * PostgreSQL keeps microseconds: truncate so what is returned equals what is stored.
	 */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
