package io.polyshop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 17 as a child process (zonky's binaries, unpacked once per machine). Each
 * service gets its own database and owner role, as it would on a real server: database
 * per service.
 */
public final class LocalPostgres implements PostgresServer, AutoCloseable {

	private final EmbeddedPostgres postgres;

	private LocalPostgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Starts a server with a fresh data directory.
	 * @param port the port, or 0 for any free port
	 */
	public static LocalPostgres start(int port) {
		int resolved = Ports.resolve(port);
		Ports.requireFree(resolved, "PostgreSQL");
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setPort(resolved)
				.setCleanDataDirectory(true)
				.setPGStartupWait(Duration.ofSeconds(30))
				// Loopback only: nothing off this machine reaches the local stores.
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setServerConfig("max_connections", "300")
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("full_page_writes", "off")
				.setServerConfig("timezone", "UTC")
				.setServerConfig("log_timezone", "UTC")
				.start();
			return new LocalPostgres(postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL on port " + resolved, ex);
		}
	}

	public int port() {
		return this.postgres.getPort();
	}

	@Override
	public Database createDatabase(String name, String owner, String password) {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection()) {
			Databases.createIfMissing(connection, name, owner, password);
			return new Database(name, jdbcUrl(name), owner, password);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How a service connects to its database. */
	public record Database(String name, String jdbcUrl, String username, String password) {
	}

}
