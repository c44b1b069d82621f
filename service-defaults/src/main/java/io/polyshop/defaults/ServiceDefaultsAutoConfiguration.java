package io.polyshop.defaults;

import io.polyshop.defaults.openapi.OpenApiDefaults;
import io.polyshop.defaults.problem.DatabaseProblemDetails;
import io.polyshop.defaults.problem.ProblemDetailsDefaults;
import io.polyshop.defaults.problem.ProblemErrorController;
import io.polyshop.defaults.security.ResourceServerDefaults;
import io.polyshop.defaults.web.ProblemErrorReportValve;
import io.polyshop.defaults.web.RequestBodyLimitFilter;
import io.polyshop.defaults.web.RequestHeadLimitFilter;
import io.polyshop.defaults.web.TomcatProblemDetails;
import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.unit.DataSize;

/**
 * What every PolyShop service gets by having this module on its classpath: problem
 * details for every error (before Spring Boot's own error handling, which it replaces)
 * and common JSON settings. The read-replica routing is asked for explicitly
 * ({@code @EnableReadReplicaRouting}); the HTTP-client defaults and ETag helpers are
 * called where they are used.
 */
// Before Boot's resource-server configuration, whose JwtDecoder backs off for ours.
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class,
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration")
public class ServiceDefaultsAutoConfiguration {

	/**
	 * Strict reading of request bodies: a duplicate key, trailing tokens after the value
	 * or a fraction where an integer is expected is a 400, never silently accepted.
	 */
	@Bean
	@ConditionalOnClass(JsonMapperBuilderCustomizer.class)
	JsonMapperBuilderCustomizer strictJson() {
		return ServiceDefaultsAutoConfiguration::strict;
	}

	private static void strict(JsonMapper.Builder builder) {
		builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
		builder.withCoercionConfig(LogicalType.Integer,
				(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
		builder.withCoercionConfig(LogicalType.Float,
				(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
		builder.withCoercionConfig(LogicalType.Boolean,
				(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
		builder.withCoercionConfig(LogicalType.Textual,
				(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@Import({ ProblemDetailsDefaults.class, ProblemErrorController.class, OpenApiDefaults.class,
			ResourceServerDefaults.class })
	static class WebDefaults {

		/** Request bodies above {@code polyshop.http.max-body-size} (1 MiB) are a 413. */
		@Bean
		FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
				@Value("${polyshop.http.max-body-size:1MB}") DataSize maxBodySize) {
			FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
					new RequestBodyLimitFilter(maxBodySize.toBytes()));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

		/**
		 * A request target above {@code polyshop.http.max-uri-length} (8 KiB) is a 414,
		 * headers above {@code polyshop.http.max-header-size} (8 KiB) a 431.
		 */
		@Bean
		FilterRegistrationBean<RequestHeadLimitFilter> requestHeadLimitFilter(
				@Value("${polyshop.http.max-uri-length:8KB}") DataSize maxUriLength,
				@Value("${polyshop.http.max-header-size:8KB}") DataSize maxHeaderSize) {
			FilterRegistrationBean<RequestHeadLimitFilter> registration = new FilterRegistrationBean<>(
					new RequestHeadLimitFilter(maxUriLength.toBytes(), maxHeaderSize.toBytes()));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
		@Import(TomcatProblemDetails.class)
		static class TomcatDefaults {

			/**
			 * Tomcat refuses a request head above its limit with a bare 400 before any
			 * filter runs; the limit is set above the filter's two, so that what is
			 * merely too large gets the 414 or 431 HTTP has for it.
			 */
			@Bean
			@Order(Ordered.LOWEST_PRECEDENCE)
			WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestHeadLimit(
					@Value("${polyshop.http.max-uri-length:8KB}") DataSize maxUriLength,
					@Value("${polyshop.http.max-header-size:8KB}") DataSize maxHeaderSize) {
				int limit = Math.toIntExact(maxUriLength.toBytes() + maxHeaderSize.toBytes() + 16 * 1024);
				return (factory) -> factory.addConnectorCustomizers((connector) -> {
					if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
						http.setMaxHttpRequestHeaderSize(limit);
					}
				});
			}

			/** Tomcat's own error pages as problem details. */
			@Bean
			WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
				return (factory) -> factory.addContextCustomizers((context) -> {
					if (context.getParent() instanceof StandardHost host) {
						host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
					}
				});
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class })
		@Import(DatabaseProblemDetails.class)
		static class DatabaseDefaults {

		}

	}

}
