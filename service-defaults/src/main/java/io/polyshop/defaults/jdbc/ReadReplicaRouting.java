package io.polyshop.defaults.jdbc;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.util.StringUtils;

/**
 * Read replicas, in a dozen lines: two HikariCP pools, one on the writer endpoint and one
 * on the reader endpoint, behind a {@link LazyConnectionDataSourceProxy} that hands out
 * the reader for read-only transactions ({@code @Transactional(readOnly = true)}) and the
 * writer for everything else.
 *
 * <p>
 * The proxy defers fetching a physical connection until the first statement, by which
 * time the transaction has declared itself read-only; a transaction that never touches
 * the database (a cache hit) borrows no connection at all.
 *
 * <p>
 * Configuration:
 * <ul>
 * <li>writer: Boot's {@code spring.datasource.url/username/password} (or a
 * {@link JdbcConnectionDetails} bean, such as a Testcontainers service connection) and
 * {@code spring.datasource.hikari.*};</li>
 * <li>reader: {@code spring.datasource.reader.url} (when empty, the writer's URL, as
 * locally, where one server plays both roles; same credentials) and
 * {@code spring.datasource.reader.hikari.*}.</li>
 * </ul>
 * Replica lag is the price: a read-only transaction may not yet see a write that just
 * committed: a service that must read its own writes reads them in a read-write
 * transaction (orders by id), or covers the lag otherwise (catalog's delayed second cache
 * delete).
 *
 * <p>
 * A service turns it on with {@link EnableReadReplicaRouting}.
 */
@Configuration(proxyBeanMethods = false)
public class ReadReplicaRouting {

	static final String READER_URL_PROPERTY = "spring.datasource.reader.url";

	@Bean(defaultCandidate = false)
	@Qualifier("writer")
	@FlywayDataSource
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource writerDataSource(ObjectProvider<JdbcConnectionDetails> connectionDetails,
			DataSourceProperties properties) {
		JdbcConnectionDetails connection = connection(connectionDetails, properties);
		return pool(connection.getJdbcUrl(), connection);
	}

	@Bean(defaultCandidate = false)
	@Qualifier("reader")
	@ConfigurationProperties("spring.datasource.reader.hikari")
	HikariDataSource readerDataSource(ObjectProvider<JdbcConnectionDetails> connectionDetails,
			DataSourceProperties properties, Environment environment) {
		JdbcConnectionDetails connection = connection(connectionDetails, properties);
		String readerUrl = environment.getProperty(READER_URL_PROPERTY);
		return pool(StringUtils.hasText(readerUrl) ? readerUrl : connection.getJdbcUrl(), connection);
	}

	@Bean
	@Primary
	DataSource dataSource(@Qualifier("writer") DataSource writer, @Qualifier("reader") DataSource reader) {
		LazyConnectionDataSourceProxy routing = new LazyConnectionDataSourceProxy(writer);
		routing.setReadOnlyDataSource(reader);
		return routing;
	}

	/**
	 * The writer's details: a {@link JdbcConnectionDetails} bean where one exists (a
	 * Testcontainers service connection), else {@code spring.datasource.*}. Looked up
	 * when the pools are built, after every bean definition is known: a
	 * {@code @ConditionalOnMissingBean} here would be decided before a service connection
	 * registers its bean, and would shadow it.
	 */
	private static JdbcConnectionDetails connection(ObjectProvider<JdbcConnectionDetails> connectionDetails,
			DataSourceProperties properties) {
		return connectionDetails.getIfAvailable(() -> new JdbcConnectionDetails() {

			@Override
			public String getJdbcUrl() {
				return properties.determineUrl();
			}

			@Override
			public @Nullable String getUsername() {
				return properties.determineUsername();
			}

			@Override
			public @Nullable String getPassword() {
				return properties.determinePassword();
			}

		});
	}

	private static HikariDataSource pool(String url, JdbcConnectionDetails connection) {
		return DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.url(url)
			.username(connection.getUsername())
			.password(connection.getPassword())
			.build();
	}

}
