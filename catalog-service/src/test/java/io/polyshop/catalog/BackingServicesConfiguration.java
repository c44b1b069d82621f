package io.polyshop.catalog;

import io.polyshop.local.BackendMode;
import io.polyshop.local.ContainerImages;
import io.polyshop.local.LocalPostgres;
import io.polyshop.local.LocalRedis;
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
		@ServiceConnection(name = "redis")
		GenericContainer<?> redis() {
			return new GenericContainer<>(ContainerImages.REDIS).withExposedPorts(6379);
		}

		/** Pausing the container makes Redis unreachable without changing its port. */
		@Bean
		RedisOutage redisOutage(GenericContainer<?> redis) {
			return new RedisOutage() {

				@Override
				public void begin() {
					redis.getDockerClient().pauseContainerCmd(redis.getContainerId()).exec();
				}

				@Override
				public void end() {
					redis.getDockerClient().unpauseContainerCmd(redis.getContainerId()).exec();
				}

			};
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

		@Bean
		DataRedisConnectionDetails redisConnectionDetails() {
			LocalRedis redis = SharedBackends.redis();
			return new DataRedisConnectionDetails() {

				@Override
				public Standalone getStandalone() {
					return Standalone.of("localhost", redis.port());
				}

			};
		}

		/** Stopping the server refuses connections; it comes back on the same port. */
		@Bean
		RedisOutage redisOutage() {
			LocalRedis redis = SharedBackends.redis();
			return new RedisOutage() {

				@Override
				public void begin() {
					redis.stop();
				}

				@Override
				public void end() {
					redis.start();
				}

			};
		}

	}

	/** Takes Redis away from the running application, and gives it back. */
	public interface RedisOutage {

		void begin();

		void end();

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
