package io.polyshop.sessions.session.web;

import java.net.URI;
import java.util.Currency;
import java.util.List;

import io.polyshop.defaults.Currencies;
import io.polyshop.defaults.http.EntityTags;
import io.polyshop.defaults.openapi.OpenApiDefaults;
import io.polyshop.defaults.openapi.ProblemResponse;
import io.polyshop.defaults.openapi.Versioned;
import io.polyshop.defaults.security.Caller;
import io.polyshop.sessions.checkout.CheckoutService;
import io.polyshop.sessions.checkout.Receipt;
import io.polyshop.sessions.session.CartRuleException;
import io.polyshop.sessions.session.Session;
import io.polyshop.sessions.session.SessionService;
import io.polyshop.sessions.session.Sessions;
import io.polyshop.sessions.web.SessionsAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sessions and carts. A session id is a bearer secret, so responses that carry one are
 * never cached ({@code Cache-Control: no-store}).
 */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Sessions")
class SessionController {

	private final SessionService sessions;

	private final CheckoutService checkout;

	SessionController(SessionService sessions, CheckoutService checkout) {
		this.sessions = sessions;
		this.checkout = checkout;
	}

	@PostMapping("/sessions")
	@Operation(summary = "Start a session (optional body {\"currency\": \"USD\"})")
	@ApiResponse(responseCode = "201", description = "Started",
			headers = @Header(name = HttpHeaders.LOCATION, description = "The session's URL",
					schema = @Schema(type = "string", example = "/sessions/q2Xo0bZ1kLx9mP4tR7vW3yA8cE5fG6hJ")))
	@ProblemResponse(status = 422, type = "cart-rule", description = "The currency is not one money can be in")
	ResponseEntity<SessionResponse> start(@Valid @RequestBody(required = false) @Nullable StartRequest request) {
		String code = (request != null && request.currency() != null) ? request.currency() : "USD";
		Currency currency;
		try {
			currency = Currencies.money(code);
		}
		catch (IllegalArgumentException ex) {
			throw new CartRuleException("unsupported-currency", String.valueOf(ex.getMessage()));
		}
		Session session = this.sessions.start(currency);
		return ResponseEntity.created(URI.create("/sessions/" + session.id()))
			.cacheControl(CacheControl.noStore())
			.body(SessionResponse.of(session));
	}

	@GetMapping("/sessions/{id}")
	@Versioned
	@Operation(summary = "The session with its cart and totals, from one DynamoDB Query",
			description = "The ETag is the cart's version: send it as If-Match with a cart change")
	ResponseEntity<SessionResponse> get(
			@Parameter(description = "The session id, a bearer secret: whoever has it has the cart",
					schema = @Schema(pattern = "^[A-Za-z0-9_-]{32}$",
							example = "q2Xo0bZ1kLx9mP4tR7vW3yA8cE5fG6hJ")) @PathVariable String id) {
		return respond(this.sessions.get(id));
	}

	@PutMapping("/sessions/{id}/customer")
	@Versioned
	@Operation(summary = "Attach oneself to the session (fills the sparse GSI)",
			description = "customerId must be the caller's own (the token's sub)")
	@SecurityRequirement(name = OpenApiDefaults.BEARER)
	@ProblemResponse(status = 403, type = "forbidden",
			description = "customerId is not the caller's, or the session belongs to another customer")
	@CartChangeProblems
	ResponseEntity<SessionResponse> attachCustomer(
			@Parameter(description = "The session id, a bearer secret: whoever has it has the cart",
					schema = @Schema(pattern = "^[A-Za-z0-9_-]{32}$",
							example = "q2Xo0bZ1kLx9mP4tR7vW3yA8cE5fG6hJ")) @PathVariable String id,
			@Valid @RequestBody CustomerRequest request, Caller caller) {
		if (!request.customerId().equals(caller.subject())) {
			throw new AccessDeniedException("A customer attaches only itself to a session");
		}
		return respond(this.sessions.attachCustomer(id, request.customerId()));
	}

	@PutMapping("/sessions/{id}/cart/{sku}")
	@Versioned
	@Operation(summary = "Set a product's quantity in the cart (0 removes it); name and price come from catalog",
			description = "With If-Match, only if the cart is still that version: no concurrent change is lost")
	@CartChangeProblems
	ResponseEntity<SessionResponse> setQuantity(
			@Parameter(description = "The session id, a bearer secret: whoever has it has the cart",
					schema = @Schema(pattern = "^[A-Za-z0-9_-]{32}$",
							example = "q2Xo0bZ1kLx9mP4tR7vW3yA8cE5fG6hJ")) @PathVariable String id,
			@PathVariable @Pattern(regexp = Inputs.SKU, message = Inputs.SKU_MESSAGE) String sku,
			@Valid @RequestBody QuantityRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		return respond(this.sessions.setQuantity(id, sku, request.quantity(), cartVersion(ifMatch)));
	}

	@DeleteMapping("/sessions/{id}/cart/{sku}")
	@Versioned
	@Operation(summary = "Remove a product from the cart",
			description = "With If-Match, only if the cart is still that version")
	@CartChangeProblems
	ResponseEntity<SessionResponse> remove(
			@Parameter(description = "The session id, a bearer secret: whoever has it has the cart",
					schema = @Schema(pattern = "^[A-Za-z0-9_-]{32}$",
							example = "q2Xo0bZ1kLx9mP4tR7vW3yA8cE5fG6hJ")) @PathVariable String id,
			@PathVariable @Pattern(regexp = Inputs.SKU, message = Inputs.SKU_MESSAGE) String sku,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		return respond(this.sessions.remove(id, sku, cartVersion(ifMatch)));
	}

	@PostMapping("/sessions/{id}/checkout")
	@Operation(summary = "Turn the cart into an order; idempotent (a repeat returns the same order)",
			description = "As the caller, who is attached to the session first if it was a guest's")
	@SecurityRequirement(name = OpenApiDefaults.BEARER)
	@ProblemResponse(status = 403, type = "forbidden", description = "The session belongs to another customer")
	@ApiResponse(responseCode = "200", description = "Already checked out: the same order")
	@ApiResponse(responseCode = "201", description = "Checked out: the order was placed")
	@ProblemResponse(status = 409, type = "price-changed",
			description = "A price in the cart is no longer the catalogue's: `lines` names each (`shown` and `now`), "
					+ "`total` is the cart's new total, and the cart now shows these prices, so checking out again "
					+ "orders at them; or the cart changed during checkout (concurrent-change): read it and retry")
	@ProblemResponse(status = 422, type = "order-rejected",
			description = "The cart cannot become an order (empty, or orders-service refused it; cart-rule)")
	ResponseEntity<CheckoutResponse> checkout(
			@Parameter(description = "The session id, a bearer secret: whoever has it has the cart",
					schema = @Schema(pattern = "^[A-Za-z0-9_-]{32}$",
							example = "q2Xo0bZ1kLx9mP4tR7vW3yA8cE5fG6hJ")) @PathVariable String id,
			Caller caller) {
		CheckoutService.Checkout result = this.checkout.checkout(id, caller.subject());
		return ResponseEntity.status(result.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
			.cacheControl(CacheControl.noStore())
			.body(CheckoutResponse.of(result));
	}

	@GetMapping("/customers/{customerId}/sessions")
	@Operation(summary = "A customer's live sessions, newest first, from the sparse GSI",
			description = "One's own, or anyone's with " + SessionsAccess.INSIGHTS)
	@SecurityRequirement(name = OpenApiDefaults.BEARER)
	@ProblemResponse(status = 403, type = "forbidden", description = "Another customer's sessions")
	List<Sessions.SessionSummary> customerSessions(
			@PathVariable @Size(max = 64) @Pattern(regexp = Inputs.CUSTOMER_ID,
					message = Inputs.CUSTOMER_ID_MESSAGE) String customerId,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit, Caller caller) {
		if (!customerId.equals(caller.subject()) && !caller.has(SessionsAccess.INSIGHTS)) {
			throw new AccessDeniedException("A customer lists only its own sessions");
		}
		return this.sessions.sessionsOf(customerId, limit);
	}

	/** The ETag is the cart's version (a customer attached does not change it). */
	private static ResponseEntity<SessionResponse> respond(Session session) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.eTag(EntityTags.of(session.cartVersion()))
			.body(SessionResponse.of(session));
	}

	private static @Nullable Long cartVersion(@Nullable String ifMatch) {
		return EntityTags.ifMatchVersion(ifMatch, "the cart's version, such as \"3\"");
	}

	record StartRequest(@Schema(description = "ISO 4217; USD when absent", example = "EUR") @Pattern(
			regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as \"USD\"") @Nullable String currency) {
	}

	record CustomerRequest(@Schema(example = "alice") @NotBlank @Size(max = 64) @Pattern(regexp = Inputs.CUSTOMER_ID,
			message = Inputs.CUSTOMER_ID_MESSAGE) String customerId) {
	}

	/** 1..99 puts that many in the cart, 0 removes the line; other values are a 422. */
	record QuantityRequest(@Schema(description = "0 removes the line; 1 to 99 sets it; anything else is a 422",
			example = "2") @NotNull Integer quantity) {
	}

	/**
	 * The order, with what it charges: the total is the cart total the shopper was last
	 * shown.
	 */
	record CheckoutResponse(@Schema(format = "uuid") String orderId,
			@Schema(allowableValues = "CHECKED_OUT") String sessionStatus,
			@Schema(description = "true when this checkout had already happened") boolean repeated,
			@Schema(description = "The order's lines at the prices charged") List<Receipt.Line> lines,
			@Schema(nullable = true, description = "What the order charges") Receipt.@Nullable Amount total) {

		static CheckoutResponse of(CheckoutService.Checkout checkout) {
			Receipt receipt = checkout.receipt();
			return new CheckoutResponse(checkout.orderId(), "CHECKED_OUT", checkout.repeated(),
					(receipt != null) ? receipt.lines() : List.of(), (receipt != null) ? receipt.total() : null);
		}

	}

}
