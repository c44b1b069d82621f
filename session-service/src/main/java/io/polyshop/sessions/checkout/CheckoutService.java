package io.polyshop.sessions.checkout;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import io.polyshop.defaults.Digests;
import io.polyshop.sessions.projector.SessionItems;
import io.polyshop.sessions.session.CartRuleException;
import io.polyshop.sessions.session.Session;
import io.polyshop.sessions.session.SessionChangedException;
import io.polyshop.sessions.session.SessionService;
import io.polyshop.sessions.session.SessionStatus;
import io.polyshop.sessions.session.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * A crash between the two leaves an order and an untouched cart; the client retries, the
 * same key returns the same order, and step 2 completes. A repeated checkout of a
 * checked-out session returns its order. orders-service down: 503, cart intact.
 */
@Service
public class CheckoutService {

	private static final Logger log = LoggerFactory.getLogger(CheckoutService.class);

	private final SessionService sessionService;

	private final Sessions sessions;

	private final OrdersClient orders;

	private final Clock clock;

	CheckoutService(SessionService sessionService, Sessions sessions, OrdersClient orders, Clock clock) {
		this.sessionService = sessionService;
		this.sessions = sessions;
		this.orders = orders;
		this.clock = clock;
	}

	/**
	 * Checks the cart out as {@code customerId}: the customer attached to the session,
	 * who is attached first if the cart was a guest's.
	 */
	public Checkout checkout(String sessionId, String customerId) {
		Session session = this.sessionService.get(sessionId);
		session.requireOwnedBy(customerId);
		if (session.status() == SessionStatus.CHECKED_OUT) {
			return new Checkout(Objects.requireNonNull(session.orderId(), "a checked-out session has an order"), true);
		}
		if (session.lines().isEmpty()) {
			throw new CartRuleException("empty-cart", "the cart is empty: add a product before checking out");
		}
		if (session.customerId() == null) {
			// Attaching changes neither the cart nor its version, so not the key either.
			session = this.sessionService.attachCustomer(sessionId, customerId);
		}
		String sessionRef = SessionItems.sessionRef(session.id());
		OrdersClient.PlacedOrder order = this.orders.place(idempotencyKey(session), customerId,
				session.currency().getCurrencyCode(), session.lines(), sessionRef);
		try {
			this.sessions.checkOut(session, session.checkedOut(order.id(), this.clock.instant()));
			log.info("Session {} checked out as order {}", sessionRef, order.id());
			return new Checkout(order.id(), false);
		}
		catch (SessionChangedException ex) {
			Session now = this.sessionService.get(sessionId);
			if (now.status() == SessionStatus.CHECKED_OUT && order.id().equals(now.orderId())) {
				// A concurrent retry of this same checkout finished first.
				return new Checkout(order.id(), true);
			}
			// The cart changed while the order was being placed: that order describes a
			// cart that no longer exists.
			this.orders.cancelBestEffort(order.id());
			throw new CheckoutRejectedException(409, "the cart changed during checkout; check out again", List.of());
		}
	}

	/**
	 * The same session and cart version always give the same key. Hashed, because the
	 * session id is a bearer secret and must not be stored by orders-service.
	 */
	static String idempotencyKey(Session session) {
		return "checkout-" + Digests.sha256Hex(session.id() + ":" + session.cartVersion());
	}

	/**
	 * @param repeated true if this session had already checked out (same order as before)
	 */
	public record Checkout(String orderId, boolean repeated) {
	}

}
