package io.polyshop.orders.placement;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.function.Function;

import io.polyshop.defaults.Currencies;
import io.polyshop.orders.idempotency.Claim;
import io.polyshop.orders.idempotency.IdempotencyKeyReusedException;
import io.polyshop.orders.idempotency.IdempotencyKeys;
import io.polyshop.orders.idempotency.RequestInProgressException;
import io.polyshop.orders.idempotency.StoredResponse;
import io.polyshop.orders.order.Money;
import io.polyshop.orders.order.Order;
import io.polyshop.orders.order.OrderLine;
import io.polyshop.orders.order.OrderRejectedException.Violation;
import io.polyshop.orders.order.OrderRejectedException;
import io.polyshop.orders.order.OrderService;
import io.polyshop.orders.pricing.Pricing;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Placing an order exactly once per {@code Idempotency-Key}, step by step:
 * <ol>
 * <li>Claim the key for the request's fingerprint (committed at once). A retry of a
 * finished request gets the stored response, byte for byte; a retry while the first is
 * still running is refused ({@link RequestInProgressException}); the same key with
 * another request is refused too ({@link IdempotencyKeyReusedException}).</li>
 * <li>Price the order from catalog-service, outside any transaction: no connection or
 * lock is held while waiting on the network.</li>
 * <li>In one transaction: the order, its lines, its first event and the completed
 * idempotency record with the response. Either all of it commits or none.</li>
 * <li>On any failure, release the key so the client may retry. The release only deletes a
 * claim still IN_PROGRESS, so if the commit did happen (and only the answer got lost) the
 * completed record survives and a retry replays it instead of ordering twice.</li>
 * </ol>
 * The response is rendered by the caller (the HTTP adapter) and stored as it was sent.
 */
@Service
public class OrderPlacement {

	private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);

	private final IdempotencyKeys keys;

	private final Pricing pricing;

	private final OrderService orders;

	private final TransactionTemplate transaction;

	OrderPlacement(IdempotencyKeys keys, Pricing pricing, OrderService orders,
			PlatformTransactionManager transactions) {
		this.keys = keys;
		this.pricing = pricing;
		this.orders = orders;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * @param key the client's Idempotency-Key
	 * @param canonicalRequest what the request means, the same text for every retry of it
	 * (its fingerprint is stored with the key)
	 * @param order what to place
	 * @param render the response to store and send for the placed order
	 */
	public Placement place(String key, String canonicalRequest, PlaceOrder order,
			Function<Order, StoredResponse> render) {
		String fingerprint = IdempotencyKeys.fingerprint(canonicalRequest);
		switch (this.keys.claim(key, fingerprint)) {
			case Claim.Completed completed -> {
				return new Placement(completed.response(), true);
			}
			case Claim.InProgress inProgress -> throw new RequestInProgressException(key);
			case Claim.Mismatch mismatch -> throw new IdempotencyKeyReusedException(key);
			case Claim.Claimed claimed -> {
				// this request does the work
			}
		}
		try {
			Currency currency = currency(order.currency());
			List<OrderLine> lines = this.pricing.price(currency, order.lines());
			requireExpectedTotal(order.expectedTotal(), lines, currency);
			StoredResponse created = this.transaction.execute((status) -> {
				Order placed = this.orders.place(order.customerId(), order.sessionId(), currency, lines);
				StoredResponse response = render.apply(placed);
				this.keys.complete(key, fingerprint, response, placed.id());
				return response;
			});
			log.info("Placed order {} for customer {}", created.location(), order.customerId());
			return new Placement(created, false);
		}
		catch (RuntimeException ex) {
			this.keys.release(key, fingerprint);
			throw ex;
		}
	}

	/** The shopper saw a total; the catalogue's prices must make that very total. */
	private static void requireExpectedTotal(@Nullable ExpectedTotal expected, List<OrderLine> lines,
			Currency currency) {
		if (expected == null) {
			return;
		}
		Money total = lines.stream().map(OrderLine::lineTotal).reduce(Money.zero(currency), Money::plus);
		if (!expected.currency().equals(currency.getCurrencyCode())
				|| expected.amount().compareTo(total.amount()) != 0) {
			throw new PriceChangedException(expected.amount().toPlainString() + " " + expected.currency(), lines,
					total);
		}
	}

	private static Currency currency(String code) {
		try {
			return Currencies.money(code);
		}
		catch (IllegalArgumentException ex) {
			throw new OrderRejectedException(
					List.of(new Violation("currency", "unsupported-currency", String.valueOf(ex.getMessage()))));
		}
	}

	/**
	 * What to place.
	 *
	 * @param customerId who orders
	 * @param sessionId the session it comes from, if any
	 * @param currency an ISO 4217 code
	 * @param lines the products and quantities
	 * @param expectedTotal the total the shopper was shown, if the client knows it
	 */
	public record PlaceOrder(String customerId, @Nullable String sessionId, String currency, List<Pricing.Wanted> lines,
			@Nullable ExpectedTotal expectedTotal) {
	}

	/** An amount exactly as the client states it, compared without rounding. */
	public record ExpectedTotal(BigDecimal amount, String currency) {
	}

	/**
	 * @param response the response of the placement, stored with the key
	 * @param replayed whether it is the stored answer to an earlier request
	 */
	public record Placement(StoredResponse response, boolean replayed) {
	}

}
