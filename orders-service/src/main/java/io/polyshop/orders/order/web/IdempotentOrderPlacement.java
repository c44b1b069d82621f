package io.polyshop.orders.order.web;

import java.util.Currency;
import java.util.List;

import io.polyshop.orders.idempotency.Claim;
import io.polyshop.orders.idempotency.IdempotencyKeys;
import io.polyshop.orders.idempotency.StoredResponse;
import io.polyshop.orders.order.Order;
import io.polyshop.orders.order.OrderLine;
import io.polyshop.orders.order.OrderRejectedException;
import io.polyshop.orders.order.OrderRejectedException.Violation;
import io.polyshop.orders.order.OrderService;
import io.polyshop.orders.pricing.Pricing;
import io.polyshop.orders.web.IdempotencyKeyReusedException;
import io.polyshop.orders.web.RequestInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /orders} with an {@code Idempotency-Key}, step by step:
 * <ol>
 * <li>Claim the key for this request's fingerprint (committed at once). A retry of a
 * finished request gets the stored response, byte for byte; a retry while the first is
 * still running gets 409 with Retry-After; the same key with another body gets 422.</li>
 * <li>Price the order from catalog-service, outside any transaction: no connection or
 * lock is held while waiting on the network.</li>
 * <li>In one transaction: the order, its lines, its first event and the completed
 * idempotency record with the response. Either all of it commits or none.</li>
 * <li>On any failure, release the key so the client may retry. The release only deletes a
 * claim still IN_PROGRESS, so if the commit did happen (and only the answer got lost) the
 * completed record survives and a retry replays it instead of ordering twice.</li>
 * </ol>
 */
@Component
class IdempotentOrderPlacement {

	static final String REPLAYED_HEADER = "Idempotent-Replayed";

	private static final Logger log = LoggerFactory.getLogger(IdempotentOrderPlacement.class);

	private final IdempotencyKeys keys;

	private final Pricing pricing;

	private final OrderService orders;

	private final TransactionTemplate transaction;

	private final JsonMapper json;

	IdempotentOrderPlacement(IdempotencyKeys keys, Pricing pricing, OrderService orders,
			PlatformTransactionManager transactions, JsonMapper json) {
		this.keys = keys;
		this.pricing = pricing;
		this.orders = orders;
		this.transaction = new TransactionTemplate(transactions);
		this.json = json;
	}

	ResponseEntity<String> place(String key, PlaceOrderRequest request) {
		// What the request means, not how it was spelled: parsed, then re-serialised.
		String fingerprint = IdempotencyKeys.fingerprint("POST /orders\n" + this.json.writeValueAsString(request));
		switch (this.keys.claim(key, fingerprint)) {
			case Claim.Completed completed -> {
				return respond(completed.response(), true);
			}
			case Claim.InProgress inProgress -> throw new RequestInProgressException(key);
			case Claim.Mismatch mismatch -> throw new IdempotencyKeyReusedException(key);
			case Claim.Claimed claimed -> {
				// this request does the work
			}
		}
		try {
			Currency currency = currency(request.currency());
			List<OrderLine> lines = this.pricing.price(currency,
					request.lines().stream().map((line) -> new Pricing.Wanted(line.sku(), line.quantity())).toList());
			StoredResponse created = this.transaction.execute((status) -> {
				Order order = this.orders.place(request.customerId(), request.sessionId(), currency, lines);
				StoredResponse response = new StoredResponse(HttpStatus.CREATED.value(), "/orders/" + order.id(),
						this.json.writeValueAsString(OrderResponse.of(order)));
				this.keys.complete(key, fingerprint, response, order.id());
				return response;
			});
			log.info("Placed order {} for customer {}", created.location(), request.customerId());
			return respond(created, false);
		}
		catch (RuntimeException ex) {
			this.keys.release(key, fingerprint);
			throw ex;
		}
	}

	private static Currency currency(String code) {
		try {
			return Currency.getInstance(code);
		}
		catch (IllegalArgumentException ex) {
			throw new OrderRejectedException(
					List.of(new Violation("currency", "unsupported-currency", code + " is not an ISO 4217 currency")));
		}
	}

	private static ResponseEntity<String> respond(StoredResponse response, boolean replayed) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.status())
			.contentType(MediaType.APPLICATION_JSON)
			.header(REPLAYED_HEADER, Boolean.toString(replayed));
		if (response.location() != null) {
			builder.header("Location", response.location());
		}
		return builder.body(response.body());
	}

}
