package io.polyshop.orders;

import io.polyshop.local.BackendMode;
import io.polyshop.local.ContainerImages;
import io.polyshop.local.LocalPostgres;
import io.polyshop.local.SharedBackends;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Real PostgreSQL 17 for the tests (a container where Docker runs, else the embedded
 * server; see {@link BackendMode}), and catalog-service's HTTP API simulated by
 * {@link CatalogStub}. The application's own configuration is unchanged.
 */
@TestConfiguration(proxyBeanMethods = false)
public class BackingServicesConfiguration {

	@Bean
	CatalogStub catalogStub() {
		return CatalogStub.shared();
	}

	@Bean
	DynamicPropertyRegistrar catalogBaseUrl(CatalogStub catalog) {
		return (registry) -> registry.add("polyshop.orders.catalog.base-url", catalog::baseUrl);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(DockerBackends.class)
	static class Containers {

		@Bean
		@ServiceConnection
		PostgreSQLContainer postgres() {
			return new PostgreSQLContainer(ContainerImages.POSTGRES);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(EmbeddedBackends.class)
	static class Embedded {

		@Bean
		JdbcConnectionDetails jdbcConnectionDetails() {
			LocalPostgres.Database database = SharedBackends.postgres().createDatabase("orders", "orders", "orders");
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
