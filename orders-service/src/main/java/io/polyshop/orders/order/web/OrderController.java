package io.polyshop.orders.order.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.polyshop.defaults.http.EntityTags;
import io.polyshop.defaults.openapi.OpenApiDefaults;
import io.polyshop.defaults.openapi.ProblemResponse;
import io.polyshop.defaults.openapi.Versioned;
import io.polyshop.defaults.problem.InvalidInputException;
import io.polyshop.defaults.security.Caller;
import io.polyshop.orders.OrdersProperties;
import io.polyshop.orders.idempotency.StoredResponse;
import io.polyshop.orders.order.Order;
import io.polyshop.orders.order.OrderNotFoundException;
import io.polyshop.orders.order.OrderService;
import io.polyshop.orders.order.OrderStatus;
import io.polyshop.orders.order.Orders;
import io.polyshop.orders.order.Visibility;
import io.polyshop.orders.placement.OrderPlacement;
import io.polyshop.orders.pricing.Pricing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
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
@RequestMapping(path = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Orders")
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String REPLAYED_HEADER = "Idempotent-Replayed";

	static final String IDEMPOTENCY_KEY_PATTERN = "^[A-Za-z0-9._:~-]{8,255}$";

	static final String IDEMPOTENCY_KEY_FORMAT = "8 to 255 letters, digits or . _ : ~ -, unique per order the client "
			+ "means to place, such as a UUID; a retry sends the same key";

	private static final java.util.regex.Pattern IDEMPOTENCY_KEY_SYNTAX = java.util.regex.Pattern
		.compile(IDEMPOTENCY_KEY_PATTERN);

	private static final String ORDER_ETAG = "an order, such as \"3\"";

	private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

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
	@Operation(summary = "Place an order, priced by catalog-service; requires an Idempotency-Key",
			description = "Called by session-service at checkout, with its client-credentials token")
	@SecurityRequirement(name = OpenApiDefaults.BEARER, scopes = OrdersAccess.PLACE)
	@ApiResponse(responseCode = "201", description = "Placed, or the replay of the first answer to this key",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = OrderResponse.class)),
			headers = {
					@Header(name = HttpHeaders.LOCATION, description = "The order's URL",
							schema = @Schema(type = "string",
									example = "/orders/0b8e3c1e-3f5a-4d2c-9a61-5d3b2f1e4c7a")),
					@Header(name = REPLAYED_HEADER, description = "true when this is a replay of the first answer",
							schema = @Schema(type = "boolean")) })
	@ProblemResponse(status = 409, type = "request-in-progress",
			description = "A request with this Idempotency-Key is still being processed: retry later; or the "
					+ "catalogue's prices make another total than expectedTotal (price-changed, with `lines` at "
					+ "today's prices and the new `total`)")
	@ProblemResponse(status = 422, type = "order-rejected",
			description = "A rule of the order is broken (unknown or inactive SKU, quantity, currency, amount), "
					+ "or the Idempotency-Key was used for another request (idempotency-key-reused)")
	ResponseEntity<String> place(@Parameter(description = IDEMPOTENCY_KEY_FORMAT, schema = @Schema(
			pattern = IDEMPOTENCY_KEY_PATTERN,
			example = "0b8e3c1e-3f5a-4d2c-9a61-5d3b2f1e4c7a")) @RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey,
			@Valid @RequestBody PlaceOrderRequest request) {
		if (!IDEMPOTENCY_KEY_SYNTAX.matcher(idempotencyKey).matches()) {
			throw new InvalidInputException(IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_FORMAT);
		}
		// What the request means, not how it was spelled: parsed, then re-serialised.
		String canonicalRequest = "POST /orders\n" + this.json.writeValueAsString(request);
		MoneyJson expected = request.expectedTotal();
		OrderPlacement.PlaceOrder order = new OrderPlacement.PlaceOrder(request.customerId(), request.sessionId(),
				request.currency(),
				request.lines().stream().map((line) -> new Pricing.Wanted(line.sku(), line.quantity())).toList(),
				(expected != null)
						? new OrderPlacement.ExpectedTotal(new BigDecimal(expected.amount()), expected.currency())
						: null);
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
	@Versioned
	@Operation(summary = "One order (from the writer: read-your-writes)",
			description = "The caller's own order, or any with " + OrdersAccess.FULFIL
					+ "; another customer's order is a 404")
	@SecurityRequirement(name = OpenApiDefaults.BEARER)
	ResponseEntity<OrderResponse> get(@Parameter(schema = @Schema(format = "uuid",
			example = "0b8e3c1e-3f5a-4d2c-9a61-5d3b2f1e4c7a")) @PathVariable String id, Caller caller) {
		return withETag(this.orders.get(orderId(id), OrdersAccess.visibleTo(caller)));
	}

	@GetMapping("/{id}/history")
	@Operation(summary = "Every state change of an order, oldest first",
			description = "Of the caller's own order, or any with " + OrdersAccess.FULFIL)
	@SecurityRequirement(name = OpenApiDefaults.BEARER)
	List<OrderEventResponse> history(@Parameter(schema = @Schema(format = "uuid",
			example = "0b8e3c1e-3f5a-4d2c-9a61-5d3b2f1e4c7a")) @PathVariable String id, Caller caller) {
		return this.orders.history(orderId(id), OrdersAccess.visibleTo(caller))
			.stream()
			.map(OrderEventResponse::of)
			.toList();
	}

	@GetMapping
	@Operation(summary = "Orders, newest first, with keyset pagination (from the reader)",
			description = "The caller's own orders, or everyone's with " + OrdersAccess.FULFIL
					+ " (customerId then filters)")
	@SecurityRequirement(name = OpenApiDefaults.BEARER)
	OrderPage list(Caller caller,
			@RequestParam(required = false) @Size(max = 64) @jakarta.validation.constraints.Pattern(
					regexp = "^[A-Za-z0-9._:@-]+$",
					message = "may contain letters, digits and . _ : @ -") @Nullable String customerId,
			@Parameter(schema = @Schema(allowableValues = { "PENDING", "PAID", "SHIPPED", "CANCELLED" })) @RequestParam(
					required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to,
			@Parameter(description = "Page size, 1 to polyshop.orders.listing.max-limit; "
					+ "default polyshop.orders.listing.default-limit") @RequestParam(
							required = false) @Nullable Integer limit,
			@Parameter(description = "nextCursor of the previous page, unchanged") @RequestParam(
					required = false) @Size(max = 200) @Nullable String cursor) {
		int pageSize = (limit != null) ? limit : this.listing.defaultLimit();
		if (pageSize < 1 || pageSize > this.listing.maxLimit()) {
			throw new InvalidInputException("limit", "must be between 1 and " + this.listing.maxLimit());
		}
		Orders.OrderQuery query = new Orders.OrderQuery(customerId, status(status), storable("from", from),
				storable("to", to));
		Orders.Slice slice = this.orders.list(OrdersAccess.visibleTo(caller), query, OrderCursor.decode(cursor),
				pageSize);
		List<OrderResponse> items = slice.orders().stream().map(OrderResponse::of).toList();
		String next = null;
		if (slice.hasMore()) {
			Order last = slice.orders().getLast();
			next = OrderCursor.encode(new Orders.Position(last.createdAt(), last.id()));
		}
		return new OrderPage(items, next);
	}

	@PostMapping("/{id}/pay")
	@Versioned
	@ProblemResponse(status = 409, type = "invalid-transition",
			description = "The order's status does not allow this transition, or it changed concurrently (concurrent-change)")
	@ProblemResponse(status = 412, type = "version-mismatch",
			description = "If-Match names another version of the order")
	@Operation(summary = "PENDING → PAID; optional If-Match",
			description = "Only the customer pays, and only its own order: any other is a 404")
	@SecurityRequirement(name = OpenApiDefaults.BEARER)
	ResponseEntity<OrderResponse> pay(
			@Parameter(schema = @Schema(format = "uuid",
					example = "0b8e3c1e-3f5a-4d2c-9a61-5d3b2f1e4c7a")) @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch, Caller caller) {
		return withETag(this.orders.pay(orderId(id), EntityTags.ifMatchVersion(ifMatch, ORDER_ETAG),
				Visibility.ordersOf(caller.subject())));
	}

	@PostMapping("/{id}/ship")
	@Versioned
	@ProblemResponse(status = 409, type = "invalid-transition",
			description = "The order's status does not allow this transition, or it changed concurrently (concurrent-change)")
	@ProblemResponse(status = 412, type = "version-mismatch",
			description = "If-Match names another version of the order")
	@Operation(summary = "PAID → SHIPPED; optional If-Match")
	@SecurityRequirement(name = OpenApiDefaults.BEARER, scopes = OrdersAccess.FULFIL)
	ResponseEntity<OrderResponse> ship(
			@Parameter(schema = @Schema(format = "uuid",
					example = "0b8e3c1e-3f5a-4d2c-9a61-5d3b2f1e4c7a")) @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		return withETag(this.orders.ship(orderId(id), EntityTags.ifMatchVersion(ifMatch, ORDER_ETAG)));
	}

	@PostMapping("/{id}/cancel")
	@Versioned
	@ProblemResponse(status = 409, type = "invalid-transition",
			description = "The order's status does not allow this transition, or it changed concurrently (concurrent-change)")
	@ProblemResponse(status = 412, type = "version-mismatch",
			description = "If-Match names another version of the order")
	@Operation(summary = "PENDING or PAID → CANCELLED; optional If-Match")
	@SecurityRequirement(name = OpenApiDefaults.BEARER, scopes = OrdersAccess.FULFIL)
	ResponseEntity<OrderResponse> cancel(
			@Parameter(schema = @Schema(format = "uuid",
					example = "0b8e3c1e-3f5a-4d2c-9a61-5d3b2f1e4c7a")) @PathVariable String id,
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

	/**
	 * An instant PostgreSQL's timestamptz can compare with: Java's range is far wider,
	 * and anything outside the calendar years 1 to 9999 would fail in the database as a
	 * 500.
	 */
	private static @Nullable Instant storable(String name, @Nullable Instant instant) {
		if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
			throw new InvalidInputException(name, "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
		}
		return instant;
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
