package io.polyshop.orders.order.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.polyshop.orders.OrdersProperties;
import io.polyshop.orders.order.Order;
import io.polyshop.orders.order.OrderNotFoundException;
import io.polyshop.orders.order.OrderService;
import io.polyshop.orders.order.OrderStatus;
import io.polyshop.orders.order.Orders;
import io.polyshop.orders.web.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The orders API. Each response carrying an order carries its version as an ETag. */
@RestController
@RequestMapping("/orders")
@Tag(name = "Orders")
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final OrderService orders;

	private final IdempotentOrderPlacement placement;

	private final OrdersProperties.Listing listing;

	OrderController(OrderService orders, IdempotentOrderPlacement placement, OrdersProperties properties) {
		this.orders = orders;
		this.placement = placement;
		this.listing = properties.listing();
	}

	@PostMapping
	@Operation(summary = "Place an order, priced by catalog-service; requires an Idempotency-Key")
	ResponseEntity<String> place(@RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
			@Valid @RequestBody PlaceOrderRequest request) {
		if (idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
			throw new InvalidInputException(IDEMPOTENCY_KEY, "must be 1 to 255 characters, such as a UUID");
		}
		return this.placement.place(idempotencyKey, request);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One order (from the writer: read-your-writes)")
	ResponseEntity<OrderResponse> get(@PathVariable String id) {
		return withETag(this.orders.get(orderId(id)));
	}

	@GetMapping("/{id}/history")
	@Operation(summary = "Every state change of an order, oldest first")
	List<OrderEventResponse> history(@PathVariable String id) {
		return this.orders.history(orderId(id)).stream().map(OrderEventResponse::of).toList();
	}

	@GetMapping
	@Operation(summary = "Orders, newest first, with keyset pagination (from the reader)")
	OrderPage list(@RequestParam(required = false) @Nullable String customerId,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String cursor) {
		int pageSize = (limit != null) ? limit : this.listing.defaultLimit();
		if (pageSize < 1 || pageSize > this.listing.maxLimit()) {
			throw new InvalidInputException("limit", "must be between 1 and " + this.listing.maxLimit());
		}
		Orders.OrderQuery query = new Orders.OrderQuery(customerId, status(status), from, to);
		Orders.Slice slice = this.orders.list(query, OrderCursor.decode(cursor), pageSize);
		List<OrderResponse> items = slice.orders().stream().map(OrderResponse::of).toList();
		String next = null;
		if (slice.hasMore()) {
			Order last = slice.orders().getLast();
			next = OrderCursor.encode(new Orders.Position(last.createdAt(), last.id()));
		}
		return new OrderPage(items, next);
	}

	@PostMapping("/{id}/pay")
	@Operation(summary = "PENDING → PAID; optional If-Match")
	ResponseEntity<OrderResponse> pay(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		return withETag(this.orders.pay(orderId(id), IfMatch.version(ifMatch)));
	}

	@PostMapping("/{id}/ship")
	@Operation(summary = "PAID → SHIPPED; optional If-Match")
	ResponseEntity<OrderResponse> ship(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		return withETag(this.orders.ship(orderId(id), IfMatch.version(ifMatch)));
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "PENDING or PAID → CANCELLED; optional If-Match")
	ResponseEntity<OrderResponse> cancel(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		return withETag(this.orders.cancel(orderId(id), IfMatch.version(ifMatch)));
	}

	/** An id that is not a UUID names no order: 404, like any other unknown id. */
	private static UUID orderId(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw OrderNotFoundException.forId(id);
		}
	}

	private static @Nullable OrderStatus status(@Nullable String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return OrderStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("status", "must be one of PENDING, PAID, SHIPPED, CANCELLED");
		}
	}

	private static ResponseEntity<OrderResponse> withETag(Order order) {
		return ResponseEntity.ok().eTag(Long.toString(order.version())).body(OrderResponse.of(order));
	}

	/** The version a client read, from {@code If-Match: "3"}. */
	static final class IfMatch {

		private IfMatch() {
		}

		static @Nullable Long version(@Nullable String header) {
			if (header == null || header.isBlank() || header.strip().equals("*")) {
				return null;
			}
			String tag = header.strip();
			if (tag.startsWith("W/")) {
				tag = tag.substring(2);
			}
			try {
				return Long.parseLong(tag.replace("\"", ""));
			}
			catch (NumberFormatException ex) {
				throw new InvalidInputException("If-Match", "must be the ETag of an order, such as \"3\"");
			}
		}

	}

}
