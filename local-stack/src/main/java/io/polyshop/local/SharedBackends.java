package io.polyshop.local;

import java.net.URI;

/**
 * One instance of each backend per JVM, started on first use (on a free port) and stopped
 * when the JVM exits. Test suites use these so that every test class of a module shares
 * one PostgreSQL and one DynamoDB Local: {@link #postgresServer()} and
 * {@link #dynamoDbEndpoint()} follow {@link BackendMode} (containers or embedded);
 * {@link #postgres()}, {@link #redis()} and {@link #dynamoDb()} are always the embedded
 * servers.
 */
public final class SharedBackends {

	private SharedBackends() {
	}

	/** The PostgreSQL server of the current {@link BackendMode}. */
	public static PostgresServer postgresServer() {
		return (BackendMode.current() == BackendMode.DOCKER) ? PostgresContainerHolder.INSTANCE : postgres();
	}

	/** The DynamoDB Local (Streams, TTL) of the current {@link BackendMode}. */
	public static URI dynamoDbEndpoint() {
		return (BackendMode.current() == BackendMode.DOCKER) ? DynamoDbContainerHolder.INSTANCE.endpoint()
				: dynamoDb().endpoint();
	}

	public static LocalPostgres postgres() {
		return PostgresHolder.INSTANCE;
	}

	public static LocalRedis redis() {
		return RedisHolder.INSTANCE;
	}

	public static LocalDynamoDb dynamoDb() {
		return DynamoDbHolder.INSTANCE;
	}

	private static <T extends AutoCloseable> T stopAtExit(T backend) {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				backend.close();
			}
			catch (Exception ex) {
				// The JVM is exiting; nothing is left to tell.
			}
		}, "stop-" + backend.getClass().getSimpleName()));
		return backend;
	}

	// Holder classes: each backend starts on first use, exactly once, without locking.
	private static final class PostgresHolder {

		static final LocalPostgres INSTANCE = stopAtExit(LocalPostgres.start(0));

	}

	private static final class RedisHolder {

		static final LocalRedis INSTANCE = stopAtExit(LocalRedis.start(0));

	}

	private static final class PostgresContainerHolder {

		static final PostgresContainer INSTANCE = stopAtExit(new PostgresContainer());

	}

	private static final class DynamoDbContainerHolder {

		static final DynamoDbLocalContainer INSTANCE = stopAtExit(start(new DynamoDbLocalContainer()));

		private static DynamoDbLocalContainer start(DynamoDbLocalContainer container) {
			container.start();
			return container;
		}

	}

	private static final class DynamoDbHolder {

		static final LocalDynamoDb INSTANCE = stopAtExit(LocalDynamoDb.start(0));

	}

}
