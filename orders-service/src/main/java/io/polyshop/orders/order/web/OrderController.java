package io.polyshop.orders.order.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.polyshop.defaults.http.EntityTags;
import io.polyshop.defaults.problem.InvalidInputException;
import io.polyshop.orders.OrdersProperties;
import io.polyshop.orders.idempotency.StoredResponse;
import io.polyshop.orders.order.Order;
import io.polyshop.orders.order.OrderNotFoundException;
import io.polyshop.orders.order.OrderService;
import io.polyshop.orders.order.OrderStatus;
import io.polyshop.orders.order.Orders;
import io.polyshop.orders.placement.OrderPlacement;
import io.polyshop.orders.pricing.Pricing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

	static final String REPLAYED_HEADER = "Idempotent-Replayed";

	private static final String ORDER_ETAG = "an order, such as \"3\"";

	private final OrderService orders;

	private final OrderPlacement placement;

	private final JsonMapper json;

	private final OrdersProperties.Listing listing;

	OrderController(OrderService orders, OrderPlacement placement, OrdersProperties properties, JsonMapper json) {
		this.orders = orders;
		this.placement = placement;
		this.json = json;
		this.listing = properties.listing();
	}

	@PostMapping
	@Operation(summary = "Place an order, priced by catalog-service; requires an Idempotency-Key")
	ResponseEntity<String> place(@RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
			@Valid @RequestBody PlaceOrderRequest request) {
		if (idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
			throw new InvalidInputException(IDEMPOTENCY_KEY, "must be 1 to 255 characters, such as a UUID");
		}
		// What the request means, not how it was spelled: parsed, then re-serialised.
		String canonicalRequest = "POST /orders\n" + this.json.writeValueAsString(request);
		OrderPlacement.PlaceOrder order = new OrderPlacement.PlaceOrder(request.customerId(), request.sessionId(),
				request.currency(),
				request.lines().stream().map((line) -> new Pricing.Wanted(line.sku(), line.quantity())).toList());
		OrderPlacement.Placement placement = this.placement.place(idempotencyKey, canonicalRequest, order,
				(placed) -> new StoredResponse(HttpStatus.CREATED.value(), "/orders/" + placed.id(),
						this.json.writeValueAsString(OrderResponse.of(placed))));
		return respond(placement.response(), placement.replayed());
	}

	/** The stored bytes, as they were first sent; a replay says so. */
	private static ResponseEntity<String> respond(StoredResponse response, boolean replayed) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.status())
			.contentType(MediaType.APPLICATION_JSON)
			.header(REPLAYED_HEADER, Boolean.toString(replayed));
		if (response.location() != null) {
			builder.header(HttpHeaders.LOCATION, response.location());
		}
		return builder.body(response.body());
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
		return withETag(this.orders.pay(orderId(id), EntityTags.ifMatchVersion(ifMatch, ORDER_ETAG)));
	}

	@PostMapping("/{id}/ship")
	@Operation(summary = "PAID → SHIPPED; optional If-Match")
	ResponseEntity<OrderResponse> ship(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		return withETag(this.orders.ship(orderId(id), EntityTags.ifMatchVersion(ifMatch, ORDER_ETAG)));
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "PENDING or PAID → CANCELLED; optional If-Match")
	ResponseEntity<OrderResponse> cancel(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		return withETag(this.orders.cancel(orderId(id), EntityTags.ifMatchVersion(ifMatch, ORDER_ETAG)));
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
		return ResponseEntity.ok().eTag(EntityTags.of(order.version())).body(OrderResponse.of(order));
	}

}
