package io.polyshop.orders.order;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.polyshop.orders.OrdersProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cancels the orders left PENDING past the payment window
 * ({@code polyshop.orders.payment.window}): whatever left them there (a shopper who never
 * paid, a checkout whose session was lost), they do not stay live for ever. Each
 * cancellation is an ORDER_CANCELLED event in the order's history. Safe with several
 * instances: each batch locks its rows with {@code SKIP LOCKED}. Counted in
 * {@code orders.unpaid.cancelled}.
 */
@Component
class UnpaidOrderSweep {

	private static final Logger log = LoggerFactory.getLogger(UnpaidOrderSweep.class);

	private static final int BATCH = 100;

	private final OrderService orders;

	private final OrdersProperties.Payment payment;

	private final Clock clock;

	private final Counter cancelled;

	UnpaidOrderSweep(OrderService orders, OrdersProperties properties, Clock clock, MeterRegistry meters) {
		this.orders = orders;
		this.payment = properties.payment();
		this.clock = clock;
		this.cancelled = meters.counter("orders.unpaid.cancelled");
	}

	@Scheduled(fixedDelayString = "${polyshop.orders.payment.sweep-interval:1m}",
			initialDelayString = "${polyshop.orders.payment.sweep-interval:1m}")
	void sweep() {
		int total = 0;
		int batch;
		do {
			batch = this.orders.cancelUnpaidPlacedBefore(this.clock.instant().minus(this.payment.window()), BATCH);
			total += batch;
		}
		while (batch == BATCH);
		if (total > 0) {
			this.cancelled.increment(total);
			log.info("Cancelled {} orders left unpaid for more than {}", total, this.payment.window());
		}
	}

}
