package io.polyshop.defaults.problem;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds RFC 9457 problem details the one way PolyShop's services answer errors. */
public final class Problems {

	private Problems() {
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
