package io.polyshop.defaults;

import io.polyshop.defaults.problem.DatabaseProblemDetails;
import io.polyshop.defaults.problem.ProblemDetailsDefaults;
import io.polyshop.defaults.problem.ProblemErrorController;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What every PolyShop service gets by having this module on its classpath: problem
 * details for every error (before Spring Boot's own error handling, which it replaces)
 * and common JSON settings. The read-replica routing is asked for explicitly
 * ({@code @EnableReadReplicaRouting}); the HTTP-client defaults and ETag helpers are
 * called where they are used.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
public class ServiceDefaultsAutoConfiguration {

	/**
	 * Strict reading of request bodies: a duplicate key, trailing tokens after the value
	 * or a fraction where an integer is expected is a 400, never silently accepted.
	 */
	@Bean
	@ConditionalOnClass(JsonMapperBuilderCustomizer.class)
	JsonMapperBuilderCustomizer strictJson() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@Import({ ProblemDetailsDefaults.class, ProblemErrorController.class })
	static class WebDefaults {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class })
		@Import(DatabaseProblemDetails.class)
		static class DatabaseDefaults {

		}

	}

}
