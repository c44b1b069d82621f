package io.polyshop.local;

/**
 * A PostgreSQL server on which tests create the databases they need: the embedded one
 * ({@link LocalPostgres}) or a container ({@link SharedBackends#postgresServer()}).
 */
public interface PostgresServer {

	/**
	 * Creates the database and its owner role unless they exist, and returns how to
	 * connect as that owner.
	 */
	LocalPostgres.Database createDatabase(String name, String owner, String password);

}
