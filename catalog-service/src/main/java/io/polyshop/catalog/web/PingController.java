package io.polyshop.catalog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The framework floor: an answer that touches neither cache nor database, served through
 * everything a product read goes through (Tomcat, the security filter chain, the
 * observation filter, Spring MVC and Jackson). {@code ./polyshop bench} compares the
 * cached product read with it, which shows what the cache path costs on top of HTTP.
 */
@RestController
@Tag(name = "Diagnostics")
class PingController {

	private static final Pong PONG = new Pong("catalog-service");

	@GetMapping(path = "/ping", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "A constant answer that touches no store: the cost of HTTP alone")
	Pong ping() {
		return PONG;
	}

	/**
	 * @param service who answered
	 */
	record Pong(String service) {
	}

}
