package io.polyshop.defaults.problem;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Currency;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds RFC 9457 problem details the one way PolyShop's services answer errors. */
public final class Problems {

	private Problems() {
	}

	/**
	 * Money as a problem's property, as the services write it everywhere: a decimal
	 * string (never a JSON number) and an ISO 4217 code.
	 */
	public static Map<String, String> money(BigDecimal amount, Currency currency) {
		return Map.of("amount", amount.toPlainString(), "currency", currency.getCurrencyCode());
	}

	public static ProblemDetail of(HttpStatus status, URI type, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

	/** A 503 that tells the client when to try again. */
	public static ResponseEntity<ProblemDetail> unavailable(String title, String detail, int retryAfterSeconds) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds))
			.body(of(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.DEPENDENCY_UNAVAILABLE, title, detail));
	}

}
