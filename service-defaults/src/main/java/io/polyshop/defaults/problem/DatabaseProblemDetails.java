package io.polyshop.defaults.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A relational database that is unreachable, out of connections or failing over: a 503
 * with {@code Retry-After}, for the services that have one (registered where Spring's
 * JDBC support is on the classpath).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class DatabaseProblemDetails {

	private static final Logger log = LoggerFactory.getLogger(DatabaseProblemDetails.class);

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
		log.warn("Database unavailable: {}", ex.getMessage());
		return Problems.unavailable("Database unavailable", "The database did not answer; retry shortly", 1);
	}

}
