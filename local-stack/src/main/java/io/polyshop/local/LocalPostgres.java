package io.polyshop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 17 as a child process (zonky's binaries, unpacked once per machine). Each
 * service gets its own database and owner role, as it would on a real server: database
 * per service.
 */
public final class LocalPostgres implements PostgresServer, AutoCloseable {

	private final EmbeddedPostgres postgres;

	private final String superuserPassword;

	private LocalPostgres(EmbeddedPostgres postgres, String superuserPassword) {
		this.postgres = postgres;
		this.superuserPassword = superuserPassword;
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
			String password = randomPassword();
			requirePasswords(postgres, password);
			return new LocalPostgres(postgres, password);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not secure embedded PostgreSQL on port " + resolved, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL on port " + resolved, ex);
		}
	}

	public int port() {
		return this.postgres.getPort();
	}

	/** The generated password of the superuser {@code postgres}, new on every start. */
	public String superuserPassword() {
		return this.superuserPassword;
	}

	/**
	 * initdb left every connection trusted, the superuser without a password: the
	 * superuser gets a generated one, and every rule of pg_hba.conf asks for a password
	 * (scram-sha-256), so that no role logs in without its own.
	 */
	private static void requirePasswords(EmbeddedPostgres postgres, String password) throws SQLException, IOException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("alter role postgres password '" + password + "'");
			Path hba;
			try (ResultSet result = statement.executeQuery("show hba_file")) {
				result.next();
				hba = Path.of(result.getString(1));
			}
			String rules = Files.readAllLines(hba)
				.stream()
				.map((line) -> line.startsWith("#") ? line : line.replaceAll("\\btrust\\b", "scram-sha-256"))
				.collect(Collectors.joining("\n", "", "\n"));
			Files.writeString(hba, rules);
			statement.execute("select pg_reload_conf()");
		}
	}

	/** 192 random bits, URL-safe Base64: no quote, nothing to escape in SQL. */
	private static String randomPassword() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	public Database createDatabase(String name, String owner, String password) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres",
				this.superuserPassword)) {
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
