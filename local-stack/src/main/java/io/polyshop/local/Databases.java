package io.polyshop.local;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Database per service on one server: a database and its owner role, made idempotently.
 */
final class Databases {

	private Databases() {
	}

	static void createIfMissing(Connection admin, String name, String owner, String password) throws SQLException {
		try (Statement statement = admin.createStatement()) {
			if (!exists(statement, "select 1 from pg_roles where rolname = '" + owner + "'")) {
				statement.execute("create role " + owner + " login password '" + password.replace("'", "''") + "'");
			}
			if (!exists(statement, "select 1 from pg_database where datname = '" + name + "'")) {
				statement.execute("create database " + name + " owner " + owner);
			}
		}
	}

	private static boolean exists(Statement statement, String sql) throws SQLException {
		try (ResultSet result = statement.executeQuery(sql)) {
			return result.next();
		}
	}

}
