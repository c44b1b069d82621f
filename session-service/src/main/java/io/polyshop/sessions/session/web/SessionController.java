package io.polyshop.sessions.session.web;

import java.net.URI;
import java.util.Currency;
import java.util.List;

import io.polyshop.sessions.checkout.CheckoutService;
import io.polyshop.sessions.session.CartRuleException;
import io.polyshop.sessions.session.Session;
import io.polyshop.sessions.session.SessionService;
import io.polyshop.sessions.session.Sessions;
import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sessions and carts. A session id is a bearer secret, so responses that carry one are
 * never cached ({@code Cache-Control: no-store}).
 */
@RestController
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
	ResponseEntity<SessionResponse> start(@Valid @RequestBody(required = false) @Nullable StartRequest request) {
		String code = (request != null && request.currency() != null) ? request.currency() : "USD";
		Currency currency = Currency.getAvailableCurrencies()
			.stream()
			.filter((candidate) -> candidate.getCurrencyCode().equals(code))
			.findFirst()
			.orElseThrow(() -> new CartRuleException("unsupported-currency", code + " is not an ISO 4217 currency"));
		Session session = this.sessions.start(currency);
		return ResponseEntity.created(URI.create("/sessions/" + session.id()))
			.cacheControl(CacheControl.noStore())
			.body(SessionResponse.of(session));
	}

	@GetMapping("/sessions/{id}")
	@Operation(summary = "The session with its cart and totals, from one DynamoDB Query")
	ResponseEntity<SessionResponse> get(@PathVariable String id) {
		return respond(this.sessions.get(id));
	}

	@PutMapping("/sessions/{id}/customer")
	@Operation(summary = "Attach a customer (fills the sparse GSI)")
	ResponseEntity<SessionResponse> attachCustomer(@PathVariable String id,
			@Valid @RequestBody CustomerRequest request) {
		return respond(this.sessions.attachCustomer(id, request.customerId()));
	}

	@PutMapping("/sessions/{id}/cart/{sku}")
	@Operation(summary = "Set a product's quantity in the cart (0 removes it); name and price come from catalog")
	ResponseEntity<SessionResponse> setQuantity(@PathVariable String id, @PathVariable String sku,
			@Valid @RequestBody QuantityRequest request) {
		return respond(this.sessions.setQuantity(id, sku, request.quantity()));
	}

	@DeleteMapping("/sessions/{id}/cart/{sku}")
	@Operation(summary = "Remove a product from the cart")
	ResponseEntity<SessionResponse> remove(@PathVariable String id, @PathVariable String sku) {
		return respond(this.sessions.remove(id, sku));
	}

	@PostMapping("/sessions/{id}/checkout")
	@Operation(summary = "Turn the cart into an order; idempotent (a repeat returns the same order)")
	ResponseEntity<CheckoutResponse> checkout(@PathVariable String id) {
		CheckoutService.Checkout result = this.checkout.checkout(id);
		return ResponseEntity.status(result.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
			.cacheControl(CacheControl.noStore())
			.body(new CheckoutResponse(result.orderId(), "CHECKED_OUT", result.repeated()));
	}

	@GetMapping("/customers/{customerId}/sessions")
	@Operation(summary = "A customer's live sessions, newest first, from the sparse GSI")
	List<Sessions.SessionSummary> customerSessions(@PathVariable String customerId,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
		return this.sessions.sessionsOf(customerId, limit);
	}

	private static ResponseEntity<SessionResponse> respond(Session session) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(SessionResponse.of(session));
	}

	record StartRequest(@Pattern(regexp = "^[A-Z]{3}$",
			message = "must be an ISO 4217 code such as \"USD\"") @Nullable String currency) {
	}

	record CustomerRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Za-z0-9._:@-]+$",
			message = "may contain letters, digits and . _ : @ -") String customerId) {
	}

	/** 1..99 puts that many in the cart, 0 removes the line; other values are a 422. */
	record QuantityRequest(@NotNull Integer quantity) {
	}

	record CheckoutResponse(String orderId, String sessionStatus, boolean repeated) {
	}

}
