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
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 17 as a child process (zonky's binaries, unpacked once per machine). Each
 * service gets its own database and owner role, as it would on a real server: database
 * per service. The data directory is this object's own: a server that died can be started
 * again on it ({@link #restart()}), and PostgreSQL's crash recovery brings back every
 * committed transaction; {@link #close()} deletes it.
 */
public final class LocalPostgres implements PostgresServer, AutoCloseable {

	private final int port;

	private final Path dataDirectory;

	private final String superuserPassword;

	private volatile EmbeddedPostgres postgres;

	private LocalPostgres(int port, Path dataDirectory, String superuserPassword, EmbeddedPostgres postgres) {
		this.port = port;
		this.dataDirectory = dataDirectory;
		this.superuserPassword = superuserPassword;
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
			Path dataDirectory = Files.createTempDirectory("polyshop-postgres-");
			EmbeddedPostgres postgres = server(resolved, dataDirectory).start();
			String password = randomPassword();
			requirePasswords(postgres, password);
			return new LocalPostgres(resolved, dataDirectory, password, postgres);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not secure embedded PostgreSQL on port " + resolved, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL on port " + resolved, ex);
		}
	}

	/**
	 * Starts the server again on its data directory, after it died (killed, crashed):
	 * same port, same databases, roles and passwords, every committed transaction.
	 */
	public synchronized void restart() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			// It is dead already; closing only releases its lock on the data directory.
		}
		try {
			this.postgres = server(this.port, this.dataDirectory).setConnectConfig("password", this.superuserPassword)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not restart embedded PostgreSQL on port " + this.port, ex);
		}
	}

	private static EmbeddedPostgres.Builder server(int port, Path dataDirectory) {
		return EmbeddedPostgres.builder()
			.setPort(port)
			.setDataDirectory(dataDirectory)
			// Kept across a restart; deleted by close().
			.setCleanDataDirectory(false)
			.setPGStartupWait(Duration.ofSeconds(30))
			// Loopback only: nothing off this machine reaches the local stores.
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("max_connections", "300")
			// Fast, and still safe from a killed server: a commit is written to the
			// operating system before it returns (synchronous_commit on, which zonky
			// turns
			// off by default), only never forced to disk, so just a crash of the machine
			// could lose it.
			.setServerConfig("fsync", "off")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "off")
			.setServerConfig("timezone", "UTC")
			.setServerConfig("log_timezone", "UTC");
	}

	public int port() {
		return this.port;
	}

	/** The server's process id (the postmaster's), from its pid file. */
	public long pid() {
		try {
			return Long.parseLong(Files.readAllLines(this.dataDirectory.resolve("postmaster.pid")).getFirst().strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL is not running", ex);
		}
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
	public synchronized void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deleteRecursively(this.dataDirectory);
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A scratch directory under the temporary directory: left for the system.
		}
	}

	/** How a service connects to its database. */
	public record Database(String name, String jdbcUrl, String username, String password) {
	}

}
