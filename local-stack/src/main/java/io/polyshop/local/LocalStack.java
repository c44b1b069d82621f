package io.polyshop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.polyshop.local.dynamodb.DynamoDbTables;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole PolyShop stack on embedded backends: PostgreSQL (one database and owner per
 * service), Redis, DynamoDB Local with its tables, and every service as a child process
 * with the {@code local} profile, pointed at them by environment variables (the same
 * variables a container or an ECS task sets). Used by {@code ./polyshop up} and by the
 * end-to-end journey test. Closing it stops services first, then stores.
 */
public final class LocalStack implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

	private static final Duration SUPERVISION_INTERVAL = Duration.ofSeconds(1);

	private final Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();

	private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

	private final Map<String, Integer> managementPorts = new LinkedHashMap<>();

	private @Nullable LocalPostgres postgres;

	private @Nullable LocalRedis redis;

	private @Nullable LocalDynamoDb dynamoDb;

	private @Nullable Credentials credentials;

	private volatile boolean closing;

	private LocalStack() {
	}

	/**
	 * Starts everything and waits until every service is ready.
	 * @param say where progress messages go
	 */
	public static LocalStack start(Options options, Consumer<String> say) {
		LocalStack stack = new LocalStack();
		try {
			stack.startAll(options, say);
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	/** Next to the logs, readable by its owner only: for psql as the superuser. */
	static final String SUPERUSER_PASSWORD_FILE = "postgres-superuser-password";

	/** Next to the logs: the JVM flags the services run with, on one line. */
	static final String SERVICE_JVM_FLAGS_FILE = "service-jvm-flags";

	private void startAll(Options options, Consumer<String> say) {
		createDirectories(options.logs());
		say.accept("Starting PostgreSQL 17 on port " + options.postgresPort() + " ...");
		LocalPostgres postgres = track(LocalPostgres.start(options.postgresPort()));
		this.postgres = postgres;
		Credentials.SecretFiles.write(options.logs().resolveSibling(SUPERUSER_PASSWORD_FILE),
				postgres.superuserPassword() + "\n");
		LocalPostgres.Database catalogDb = postgres.createDatabase("catalog", "catalog", "catalog");
		LocalPostgres.Database ordersDb = postgres.createDatabase("orders", "orders", "orders");
		postgres.createDatabase("warehouse", "warehouse", "warehouse");

		say.accept("Starting Redis on port " + options.redisPort() + " ...");
		LocalRedis redis = track(LocalRedis.start(options.redisPort()));
		this.redis = redis;

		say.accept("Starting DynamoDB Local (Streams, TTL) on port " + options.dynamoDbPort() + " ...");
		LocalDynamoDb dynamoDb = track(LocalDynamoDb.start(options.dynamoDbPort()));
		this.dynamoDb = dynamoDb;
		try (DynamoDbClient dynamo = dynamoDb.client()) {
			DynamoDbTables.createIfMissing(dynamo);
		}

		int auth = options.port("auth-server");
		URI issuer = URI.create("http://localhost:" + auth);
		Credentials credentials = Credentials.generate(issuer);
		credentials.write(options.logs().resolveSibling(Credentials.FILE));
		this.credentials = credentials;
		int catalog = options.port("catalog-service");
		int sessions = options.port("session-service");
		int orders = options.port("orders-service");
		List<ServiceProcess.Spec> specs = List.of(
				new ServiceProcess.Spec("auth-server", auth,
						environment(options, auth, credentials.authServerEnvironment().toArray(String[]::new))),
				new ServiceProcess.Spec("catalog-service", catalog,
						environment(options, catalog,
								"MANAGEMENT_SERVER_PORT=" + management("catalog-service", options),
								"SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI=" + issuer,
								"SPRING_DATASOURCE_URL=" + catalogDb.jdbcUrl(),
								"SPRING_DATASOURCE_USERNAME=" + catalogDb.username(),
								"CATALOG_DB_PASSWORD=" + catalogDb.password(), "SPRING_DATA_REDIS_HOST=localhost",
								"SPRING_DATA_REDIS_PORT=" + redis.port())),
				new ServiceProcess.Spec("session-service", sessions,
						environment(options, sessions,
								"MANAGEMENT_SERVER_PORT=" + management("session-service", options),
								"POLYSHOP_SESSIONS_DYNAMODB_ENDPOINT=" + dynamoDb.endpoint(),
								"POLYSHOP_SESSIONS_CATALOG_BASEURL=http://localhost:" + catalog,
								"POLYSHOP_SESSIONS_ORDERS_BASEURL=http://localhost:" + orders,
								"SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI=" + issuer,
								"SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_POLYSHOP_TOKENURI=" + issuer + "/oauth2/token",
								"POLYSHOP_AUTH_SESSION_SERVICE_SECRET=" + credentials.secret("session-service"))),
				new ServiceProcess.Spec("orders-service", orders,
						environment(options, orders, "MANAGEMENT_SERVER_PORT=" + management("orders-service", options),
								"SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI=" + issuer,
								"SPRING_DATASOURCE_URL=" + ordersDb.jdbcUrl(),
								"SPRING_DATASOURCE_USERNAME=" + ordersDb.username(),
								"ORDERS_DB_PASSWORD=" + ordersDb.password(),
								"POLYSHOP_ORDERS_CATALOG_BASEURL=http://localhost:" + catalog)));
		// What ./polyshop bench starts its extra catalog-service with, so that both
		// compare.
		writeString(options.logs().resolveSibling(SERVICE_JVM_FLAGS_FILE),
				String.join(" ", ServiceProcess.JVM_FLAGS) + "\n");
		for (ServiceProcess.Spec spec : specs) {
			Ports.requireFree(spec.port(), spec.name());
		}
		List<ServiceProcess> starting = new ArrayList<>();
		for (ServiceProcess.Spec spec : specs) {
			Path jar = options.root().resolve(spec.name()).resolve("target").resolve(spec.name() + ".jar");
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(jar + " is missing: build first (./polyshop up builds it for you)");
			}
			Path log = options.logs().resolve(spec.name() + ".log");
			say.accept("Starting " + spec.name() + " on port " + spec.port() + " (log: " + log + ") ...");
			ServiceProcess service = track(ServiceProcess.start(spec, jar, log));
			this.services.put(spec.name(), service);
			starting.add(service);
			if (starting.size() == SERVICES_STARTING_AT_ONCE) {
				awaitReady(starting);
			}
		}
		awaitReady(starting);
	}

	/**
	 * A JVM's start-up is CPU-bound (class loading, JIT). On 2 cores, the four services
	 * started at once took 14 to 22 s each and the stack was ready after 28 s; one after
	 * the other they took 3 to 6 s each and the stack was ready after 24 s. One at a time
	 * per two cores.
	 */
	private static final int SERVICES_STARTING_AT_ONCE = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

	private static void awaitReady(List<ServiceProcess> starting) {
		for (ServiceProcess service : starting) {
			service.awaitReady(READY_TIMEOUT);
		}
		starting.clear();
	}

	/**
	 * Restarts what dies, as compose's restart policy does, and says so: a service
	 * process (with the same settings, its log going on), Redis (empty: it is a cache),
	 * or PostgreSQL (on its data directory: crash recovery keeps every committed
	 * transaction, and the services' pools reconnect). Checks every second until the
	 * stack closes.
	 */
	public void supervise(Consumer<String> say) {
		Thread.ofPlatform().daemon().name("polyshop-supervisor").start(() -> {
			while (!this.closing) {
				for (ServiceProcess service : this.services.values()) {
					if (!service.isAlive() && !this.closing) {
						revive(service.name(), service.name() + " exited (code " + service.exitCode()
								+ "): restarting it; its log: " + service.log(), () -> {
									service.restart();
									service.awaitReady(READY_TIMEOUT);
								}, say);
					}
				}
				LocalRedis redis = this.redis;
				if (redis != null && !this.closing && !Ports.isListening(redis.port())) {
					revive("Redis", "Redis on port " + redis.port() + " is down: restarting it (empty: it is a cache)",
							() -> {
								redis.stop();
								redis.start();
							}, say);
				}
				LocalPostgres postgres = this.postgres;
				if (postgres != null && !this.closing && !Ports.isListening(postgres.port())) {
					revive("PostgreSQL",
							"PostgreSQL on port " + postgres.port()
									+ " is down: restarting it on its data (every committed transaction is kept)",
							postgres::restart, say);
				}
				LockSupport.parkNanos(SUPERVISION_INTERVAL.toNanos());
			}
		});
	}

	/** Says what died, restarts it, and says how long it took or why it failed. */
	private void revive(String name, String down, Runnable restart, Consumer<String> say) {
		say.accept(down);
		long started = System.nanoTime();
		try {
			restart.run();
			say.accept(String.format(Locale.ROOT, "%s is back (ready %.1f s after the restart)", name,
					(System.nanoTime() - started) / 1e9));
		}
		catch (RuntimeException ex) {
			if (!this.closing) {
				say.accept(name + " did not come back: " + ex.getMessage());
			}
		}
	}

	/** Actuator's port of a service (loopback only): metrics, full health. */
	private int management(String service, Options options) {
		int port = options.port(service + "-management");
		Ports.requireFree(port, service + " (management)");
		this.managementPorts.put(service, port);
		return port;
	}

	private static List<String> environment(Options options, int port, String... variables) {
		List<String> environment = new ArrayList<>(List.of(variables));
		environment.add("SERVER_PORT=" + port);
		// Loopback only, unless the user opens the services: SERVER_ADDRESS=0.0.0.0
		// ./polyshop up
		if (System.getenv("SERVER_ADDRESS") == null) {
			environment.add("SERVER_ADDRESS=127.0.0.1");
		}
		options.environment().forEach((name, value) -> environment.add(name + "=" + value));
		return environment;
	}

	public URI url(String service) {
		return URI.create("http://localhost:" + service(service).port());
	}

	/** Where a service's Actuator answers: metrics, prometheus, health with details. */
	public URI managementUrl(String service) {
		Integer port = this.managementPorts.get(service);
		if (port == null) {
			throw new IllegalArgumentException("No management port for " + service);
		}
		return URI.create("http://localhost:" + port);
	}

	public List<ServiceProcess> services() {
		return List.copyOf(this.services.values());
	}

	/** The process id of a service now (a new one after a restart). */
	public long pid(String service) {
		return service(service).pid();
	}

	public Path log(String service) {
		return service(service).log();
	}

	private ServiceProcess service(String name) {
		ServiceProcess service = this.services.get(name);
		if (service == null) {
			throw new IllegalArgumentException("No service " + name + " in this stack");
		}
		return service;
	}

	public LocalPostgres postgres() {
		return Objects.requireNonNull(this.postgres, "PostgreSQL has not started");
	}

	public LocalRedis redis() {
		return Objects.requireNonNull(this.redis, "Redis has not started");
	}

	/** The issuer's demo users' passwords and the clients' secrets of this run. */
	public Credentials credentials() {
		return Objects.requireNonNull(this.credentials, "The stack has not started");
	}

	public LocalDynamoDb dynamoDb() {
		return Objects.requireNonNull(this.dynamoDb, "DynamoDB Local has not started");
	}

	/** Services first, then the stores they use. */
	@Override
	public void close() {
		this.closing = true;
		AutoCloseable next;
		while ((next = this.started.pollLast()) != null) {
			try {
				next.close();
			}
			catch (Exception ex) {
				System.err.println("polyshop: while stopping: " + ex.getMessage());
			}
		}
	}

	private <T extends AutoCloseable> T track(T resource) {
		this.started.addLast(resource);
		return resource;
	}

	private static void createDirectories(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void writeString(Path file, String content) {
		try {
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param root the repository root (service jars are under {@code <service>/target})
	 * @param logs where each service writes its log
	 * @param servicePorts by service name; missing ones get their standard port
	 * @param environment extra variables for every service (e.g. a short session timeout)
	 */
	public record Options(Path root, Path logs, int postgresPort, int redisPort, int dynamoDbPort,
			Map<String, Integer> servicePorts, Map<String, String> environment) {

		static final Map<String, Integer> STANDARD_PORTS = Map.of("auth-server", 9000, "catalog-service", 8081,
				"session-service", 8082, "orders-service", 8083, "catalog-service-management", 8091,
				"session-service-management", 8092, "orders-service-management", 8093);

		int port(String service) {
			Integer port = this.servicePorts.get(service);
			return (port != null) ? port : Objects.requireNonNull(STANDARD_PORTS.get(service), service);
		}

	}

}
