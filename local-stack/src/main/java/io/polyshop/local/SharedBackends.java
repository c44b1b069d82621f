package io.polyshop.local;

/**
 * One instance of each embedded backend per JVM, started on first use on a free port and
 * stopped when the JVM exits. Test suites use these so that every test class of a module
 * shares one PostgreSQL, one Redis and one DynamoDB Local.
 */
public final class SharedBackends {

	private SharedBackends() {
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

	private static final class DynamoDbHolder {

		static final LocalDynamoDb INSTANCE = stopAtExit(LocalDynamoDb.start(0));

	}

}
