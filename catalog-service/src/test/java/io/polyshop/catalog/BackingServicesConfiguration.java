package io.polyshop.catalog;

import io.polyshop.contract.StallingProxy;
import io.polyshop.local.BackendMode;
import io.polyshop.local.ContainerImages;
import io.polyshop.local.LocalPostgres;
import io.polyshop.local.SharedBackends;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Real PostgreSQL 17 and Redis for the tests: containers where a Docker engine runs, the
 * embedded servers of {@code local-stack} where none does (see {@link BackendMode} for
 * the switch). Either way the application receives plain connection details and runs with
 * its own configuration unchanged.
 */
@TestConfiguration(proxyBeanMethods = false)
public class BackingServicesConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(DockerBackends.class)
	static class Containers {

		@Bean
		@ServiceConnection
		PostgreSQLContainer postgres() {
			return new PostgreSQLContainer(ContainerImages.POSTGRES);
		}

		@Bean
		GenericContainer<?> redis() {
			return new GenericContainer<>(ContainerImages.REDIS).withExposedPorts(6379);
		}

		@Bean(destroyMethod = "close")
		RedisBehindProxy redisBehindProxy(GenericContainer<?> redis) {
			redis.start();
			return RedisBehindProxy.of(redis.getHost(), redis.getMappedPort(6379));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(EmbeddedBackends.class)
	static class Embedded {

		@Bean
		JdbcConnectionDetails jdbcConnectionDetails() {
			LocalPostgres.Database database = SharedBackends.postgres().createDatabase("catalog", "catalog", "catalog");
			return new JdbcConnectionDetails() {

				@Override
				public String getJdbcUrl() {
					return database.jdbcUrl();
				}

				@Override
				public String getUsername() {
					return database.username();
				}

				@Override
				public String getPassword() {
					return database.password();
				}

			};
		}

		@Bean(destroyMethod = "close")
		RedisBehindProxy redisBehindProxy() {
			return RedisBehindProxy.of("localhost", SharedBackends.redis().port());
		}

	}

	/** The application reaches Redis through the proxy, whatever runs it. */
	@Bean
	DataRedisConnectionDetails redisConnectionDetails(RedisBehindProxy redis) {
		return new DataRedisConnectionDetails() {

			@Override
			public Standalone getStandalone() {
				return Standalone.of("localhost", redis.proxy().port());
			}

		};
	}

	/**
	 * Redis, and the proxy the application reaches it through: {@code proxy.stall()}
	 * freezes it for the application (connections hang), {@code proxy.cut()} takes it
	 * down (connections closed), while the server itself keeps running with its data,
	 * which a test can read directly at {@code host:port}.
	 */
	public record RedisBehindProxy(String host, int port, StallingProxy proxy) implements AutoCloseable {

		static RedisBehindProxy of(String host, int port) {
			return new RedisBehindProxy(host, port, StallingProxy.to(host, port));
		}

		@Override
		public void close() {
			this.proxy.close();
		}

	}

	static class DockerBackends implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return BackendMode.current() == BackendMode.DOCKER;
		}

	}

	static class EmbeddedBackends implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return BackendMode.current() == BackendMode.EMBEDDED;
		}

	}

}
