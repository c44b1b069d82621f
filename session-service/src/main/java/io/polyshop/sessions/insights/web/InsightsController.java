package io.polyshop.sessions.insights.web;

import java.time.LocalDate;
import java.util.List;

import io.polyshop.defaults.openapi.OpenApiDefaults;
import io.polyshop.sessions.insights.CartInsights;
import io.polyshop.sessions.insights.InsightsService;
import io.polyshop.sessions.web.SessionsAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Queries of the CQRS read model; it trails the sessions table by the projector's lag.
 */
@RestController
@RequestMapping(path = "/insights", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Cart insights")
@SecurityRequirement(name = OpenApiDefaults.BEARER, scopes = SessionsAccess.INSIGHTS)
class InsightsController {

	private final InsightsService insights;

	InsightsController(InsightsService insights) {
		this.insights = insights;
	}

	@GetMapping("/products/{sku}")
	@Operation(summary = "Demand for a product: in carts now, adds, checkouts, abandons")
	CartInsights.ProductDemand product(@PathVariable @Pattern(regexp = "^[A-Z0-9][A-Z0-9-]{2,39}$",
			message = "must be 3 to 40 upper-case letters, digits or dashes, such as \"KTCH-00042\"") String sku) {
		return this.insights.demand(sku);
	}

	@GetMapping("/trending")
	@Operation(summary = "Top products by adds to cart in the current hour (one Query)")
	TrendingResponse trending(@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
		InsightsService.TrendingNow trending = this.insights.trending(limit);
		return new TrendingResponse(trending.hour().toString(), trending.items());
	}

	@GetMapping("/abandoned-carts")
	@Operation(summary = "Carts whose session expired with products in them, by UTC day (default today)")
	AbandonedResponse abandoned(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date) {
		InsightsService.AbandonedOn abandoned = this.insights.abandoned(date);
		return new AbandonedResponse(abandoned.day(), abandoned.carts());
	}

	record TrendingResponse(String hour, List<CartInsights.Trending> items) {
	}

	record AbandonedResponse(LocalDate date, List<CartInsights.AbandonedCart> carts) {
	}

}
