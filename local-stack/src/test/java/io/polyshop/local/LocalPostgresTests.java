package io.polyshop.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded PostgreSQL killed outright (SIGKILL, as a crash or the OOM killer would)
 * and started again on its data directory: what was committed is there, with its roles
 * and passwords.
 */
class LocalPostgresTests {

	@Test
	void aKilledServerRestartsOnItsDataWithEveryCommittedRow() throws Exception {
		try (LocalPostgres postgres = LocalPostgres.start(0)) {
			LocalPostgres.Database database = postgres.createDatabase("kept", "kept", "kept-password");
			execute(database, "create table kept (id int primary key); insert into kept values (1), (2), (3)");

			assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(postgres.pid())).start().waitFor()).isZero();
			await().atMost(Duration.ofSeconds(10)).until(() -> !Ports.isListening(postgres.port()));

			postgres.restart();

			assertThat(Ports.isListening(postgres.port())).isTrue();
			try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
					database.password());
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("select count(*) from kept")) {
				rows.next();
				assertThat(rows.getInt(1)).isEqualTo(3);
			}
		}
	}

	private static void execute(LocalPostgres.Database database, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
