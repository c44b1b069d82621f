package io.polyshop.catalog.web;

import io.polyshop.catalog.product.ProductNotFoundException;
import io.polyshop.catalog.product.ProductVersionMismatchException;
import io.polyshop.defaults.problem.ProblemTypes;
import io.polyshop.defaults.problem.Problems;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * catalog-service's own errors as problem details: an unknown product (404) and a stale
 * version (412). Everything else (bad input, Spring MVC's errors, the database down,
 * bugs) is answered alike in every service by {@code service-defaults}, which this advice
 * precedes.
 */
@RestControllerAdvice
@Order(0)
class ProblemDetailsAdvice {

	@ExceptionHandler
	ProblemDetail productNotFound(ProductNotFoundException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Product not found",
				ex.getMessage());
		problem.setProperty("sku", ex.sku());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail versionMismatch(ProductVersionMismatchException ex) {
		return Problems.of(HttpStatus.PRECONDITION_FAILED, ProblemTypes.VERSION_MISMATCH, "Version mismatch",
				ex.getMessage());
	}

}
