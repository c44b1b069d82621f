package io.polyshop.sessions.checkout;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.polyshop.sessions.projector.SessionItems;
import io.polyshop.sessions.session.CartRuleException;
import io.polyshop.sessions.session.Session;
import io.polyshop.sessions.session.SessionChangedException;
import io.polyshop.sessions.session.SessionService;
import io.polyshop.sessions.session.SessionStatus;
import io.polyshop.sessions.session.Sessions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Checkout, idempotent without a distributed transaction:
 * <ol>
 * <li>The order is placed with an Idempotency-Key derived from the session and its cart
 * version. The same cart always yields the same key, so orders-service creates the order
 * once and replays it on every retry.</li>
 * <li>Then one {@code TransactWriteItems} marks the session CHECKED_OUT with the order id
 * and deletes its lines, on condition that the cart is still that version.</li>
 * </ol>
 * Before step 1 every line's price is checked against the catalogue: a changed price is a
 * 409 price-changed and the cart shows the new prices, and orders-service is sent the
 * cart's total, which it refuses to place at any other. A crash between the two steps
 * leaves an order and an untouched cart; the client retries, the same key returns the
 * same order, and step 2 completes. A repeated checkout of a checked-out session returns
 * its order. orders-service down: 503, cart intact.
 */
@Service
public class CheckoutService {

	private static final Logger log = LoggerFactory.getLogger(CheckoutService.class);

	private final SessionService sessionService;

	private final Sessions sessions;

	private final OrdersClient orders;

	private final Clock clock;

	private final JsonMapper json;

	CheckoutService(SessionService sessionService, Sessions sessions, OrdersClient orders, Clock clock,
			JsonMapper json) {
		this.sessionService = sessionService;
		this.sessions = sessions;
		this.orders = orders;
		this.clock = clock;
		this.json = json;
	}

	/**
	 * Checks the cart out as {@code customerId}: the customer attached to the session,
	 * who is attached first if the cart was a guest's. A checkout left pending by an
	 * earlier attempt is settled under its own key.
	 */
	public Checkout checkout(String sessionId, String customerId) {
		Session session = this.sessionService.get(sessionId);
		session.requireOwnedBy(customerId);
		switch (session.status()) {
			case CHECKED_OUT -> {
				return checkedOut(session);
			}
			case CHECKOUT_PENDING -> {
				return settle(session);
			}
			case ACTIVE -> {
				// a new checkout, below
			}
		}
		if (session.lines().isEmpty()) {
			throw new CartRuleException("empty-cart", "the cart is empty: add a product before checking out");
		}
		if (session.customerId() == null) {
			this.sessionService.attachCustomer(sessionId, customerId);
		}
		// Charge what the shopper saw: a price that changed since is shown first.
		requireCurrentPrices(sessionId);
		// The key is fixed now, and the cart frozen with it, until the outcome is known.
		return settle(this.sessionService.startCheckout(sessionId));
	}

	/**
	 * Settles a checkout left pending that nobody retried (see
	 * {@link CheckoutReconciler}): the same request under the same key, so an order
	 * placed before is found, not placed again.
	 * @return the outcome, or empty if it is still unknown
	 */
	Optional<Checkout> settlePending(String sessionId) {
		Session session = this.sessionService.get(sessionId);
		if (session.status() != SessionStatus.CHECKOUT_PENDING) {
			return Optional.empty();
		}
		try {
			return Optional.of(settle(session));
		}
		catch (OrdersUnavailableException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Places the pending checkout's order under its key. An order placed: the session is
	 * checked out. A definite refusal: the cart is released. No answer: it stays pending.
	 */
	private Checkout settle(Session pending) {
		Session.PendingCheckout checkout = Objects.requireNonNull(pending.checkout(), "a pending checkout");
		String customerId = Objects.requireNonNull(pending.customerId(), "a checkout has a customer");
		String sessionRef = SessionItems.sessionRef(pending.id());
		OrdersClient.PlacedOrder order;
		try {
			order = this.orders.place(checkout.key(), customerId, pending.currency().getCurrencyCode(), pending.lines(),
					sessionRef, pending.total());
		}
		catch (OrdersPriceChangedException ex) {
			// A price changed after the check: the shopper sees it before anything is
			// ordered.
			release(pending);
			requireCurrentPrices(pending.id());
			throw new CheckoutRejectedException(409, "prices are changing; check out again", List.of());
		}
		catch (CheckoutRejectedException ex) {
			// 422: refused for good. 409: the same key is still being processed, so the
			// outcome is not known yet.
			if (ex.status() != 409) {
				release(pending);
			}
			throw ex;
		}
		catch (OrdersUnavailableException ex) {
			if (ex.outcomeUnknown()) {
				log.warn("Checkout of session {} is pending: orders-service did not answer ({})", sessionRef,
						ex.getMessage());
			}
			else {
				release(pending);
			}
			throw ex;
		}
		try {
			this.sessions.checkOut(pending, pending.checkedOut(order.id(), this.clock.instant()),
					this.json.writeValueAsString(order.receipt()));
			log.info("Session {} checked out as order {}", sessionRef, order.id());
			return new Checkout(order.id(), order.receipt(), false);
		}
		catch (SessionChangedException ex) {
			// A concurrent attempt (a retry, the reconciler) settled it first: the same
			// key, so the same order.
			return checkedOut(this.sessionService.get(pending.id()));
		}
	}

	private Checkout checkedOut(Session session) {
		if (session.status() != SessionStatus.CHECKED_OUT) {
			throw new CheckoutRejectedException(409, "the checkout was settled another way; check out again",
					List.of());
		}
		return new Checkout(Objects.requireNonNull(session.orderId(), "a checked-out session has an order"),
				this.sessions.receipt(session.id()).map(this::receipt).orElse(null), true);
	}

	/** The checkout placed no order: the cart is the shopper's again. */
	private void release(Session pending) {
		try {
			this.sessionService.releaseCheckout(pending);
		}
		catch (SessionChangedException ex) {
			// Settled meanwhile by another attempt.
		}
	}

	/**
	 * The session, if every line's price is still the catalogue's.
	 * @throws PriceChangedException otherwise, once the cart shows today's prices
	 */
	private Session requireCurrentPrices(String sessionId) {
		SessionService.Repriced repriced = this.sessionService.reprice(sessionId);
		if (!repriced.changes().isEmpty()) {
			throw new PriceChangedException(repriced.changes(), repriced.session().total());
		}
		return repriced.session();
	}

	private Receipt receipt(String json) {
		return this.json.readValue(json, Receipt.class);
	}

	/**
	 * @param receipt what the order charges; null only for a session checked out before
	 * receipts were kept
	 * @param repeated true if this session had already checked out (same order as before)
	 */
	public record Checkout(String orderId, @Nullable Receipt receipt, boolean repeated) {
	}

}
