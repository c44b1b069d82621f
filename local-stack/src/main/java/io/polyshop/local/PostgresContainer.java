package io.polyshop.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL 17 in a container ({@link ContainerImages#POSTGRES}), for the Testcontainers
 * mode.
 */
final class PostgresContainer implements PostgresServer, AutoCloseable {

	private final PostgreSQLContainer container;

	PostgresContainer() {
		this.container = new PostgreSQLContainer(ContainerImages.POSTGRES).withCommand("postgres", "-c",
				"max_connections=300", "-c", "fsync=off", "-c", "timezone=UTC");
		this.container.start();
	}

	@Override
	public LocalPostgres.Database createDatabase(String name, String owner, String password) {
		try (Connection admin = DriverManager.getConnection(this.container.getJdbcUrl(), this.container.getUsername(),
				this.container.getPassword())) {
			Databases.createIfMissing(admin, name, owner, password);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		String url = "jdbc:postgresql://" + this.container.getHost() + ":" + this.container.getMappedPort(5432) + "/"
				+ name;
		return new LocalPostgres.Database(name, url, owner, password);
	}

	@Override
	public void close() {
		this.container.stop();
	}

}
