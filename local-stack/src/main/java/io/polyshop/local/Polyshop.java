package io.polyshop.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./polyshop up}: the whole stack on a laptop with nothing but a JDK. Starts the
 * embedded backends, creates one database per service, starts every service as a child
 * process against them, waits until each is ready and prints where to find it. Ctrl-C or
 * SIGTERM stops everything in reverse order; nothing is left running or listening.
 *
 * <p>
 * Data does not survive a restart: every {@code up} starts from the migrations and the
 * demo data, so what you see is always what the code produces.
 */
public final class Polyshop {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

	private final Settings settings;

	/** Everything started, in start order; stopped in reverse. */
	private final Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();

	private final List<ServiceProcess> services = new ArrayList<>();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final AtomicBoolean stopping = new AtomicBoolean();

	private Polyshop(Settings settings) {
		this.settings = settings;
	}

	public static void main(String[] args) {
		if (args.length == 0 || !args[0].equals("up")) {
			System.err.println("usage: ./polyshop up [--pg-port N] [--redis-port N] [--dynamodb-port N]");
			System.exit(2);
		}
		Settings settings;
		try {
			settings = Settings.parse(List.of(args).subList(1, args.length));
		}
		catch (IllegalArgumentException ex) {
			System.err.println("polyshop: " + ex.getMessage());
			System.exit(2);
			return;
		}
		Polyshop polyshop = new Polyshop(settings);
		Runtime.getRuntime().addShutdownHook(new Thread(polyshop::stop, "polyshop-stop"));
		try {
			polyshop.up();
		}
		catch (RuntimeException ex) {
			System.err.println();
			System.err.println("polyshop: " + ex.getMessage());
			System.exit(1);
		}
		polyshop.awaitStop();
	}

	private void up() {
		long start = System.nanoTime();
		Path home = this.settings.root().resolve(".polyshop");
		Path logs = home.resolve("logs");
		createDirectories(logs);

		say("Starting PostgreSQL 17 on port %d ...", this.settings.postgresPort());
		LocalPostgres postgres = track(LocalPostgres.start(this.settings.postgresPort()));
		LocalPostgres.Database catalogDb = postgres.createDatabase("catalog", "catalog", "catalog");
		LocalPostgres.Database ordersDb = postgres.createDatabase("orders", "orders", "orders");
		postgres.createDatabase("warehouse", "warehouse", "warehouse");

		say("Starting Redis on port %d ...", this.settings.redisPort());
		LocalRedis redis = track(LocalRedis.start(this.settings.redisPort()));

		say("Starting DynamoDB Local (Streams, TTL) on port %d ...", this.settings.dynamoDbPort());
		LocalDynamoDb dynamoDb = track(LocalDynamoDb.start(this.settings.dynamoDbPort()));
		try (DynamoDbClient dynamo = dynamoDb.client()) {
			DynamoDbTables.createIfMissing(dynamo);
		}

		List<ServiceProcess.Spec> specs = new ArrayList<>();
		specs.add(new ServiceProcess.Spec("catalog-service", 8081, List.of(//
				"SPRING_DATASOURCE_URL=" + catalogDb.jdbcUrl(), //
				"SPRING_DATASOURCE_USERNAME=" + catalogDb.username(), //
				"CATALOG_DB_PASSWORD=" + catalogDb.password(), //
				"SPRING_DATA_REDIS_HOST=localhost", //
				"SPRING_DATA_REDIS_PORT=" + redis.port())));
		specs.add(new ServiceProcess.Spec("session-service", 8082, List.of(//
				"POLYSHOP_SESSIONS_DYNAMODB_ENDPOINT=" + dynamoDb.endpoint(), //
				"POLYSHOP_SESSIONS_CATALOG_BASEURL=http://localhost:8081", //
				"POLYSHOP_SESSIONS_ORDERS_BASEURL=http://localhost:8083")));
		specs.add(new ServiceProcess.Spec("orders-service", 8083, List.of(//
				"SPRING_DATASOURCE_URL=" + ordersDb.jdbcUrl(), //
				"SPRING_DATASOURCE_USERNAME=" + ordersDb.username(), //
				"ORDERS_DB_PASSWORD=" + ordersDb.password(), //
				"POLYSHOP_ORDERS_CATALOG_BASEURL=http://localhost:8081")));

		for (ServiceProcess.Spec spec : specs) {
			Path jar = this.settings.root().resolve(spec.name()).resolve("target").resolve(spec.name() + ".jar");
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(jar + " is missing: build first (./polyshop up builds it for you)");
			}
			Ports.requireFree(spec.port(), spec.name());
			say("Starting %s on port %d (log: %s) ...", spec.name(), spec.port(),
					this.settings.root().relativize(logs.resolve(spec.name() + ".log")));
			ServiceProcess service = ServiceProcess.start(spec, jar, logs.resolve(spec.name() + ".log"));
			this.services.add(service);
			track(service);
		}
		for (ServiceProcess service : this.services) {
			service.awaitReady(READY_TIMEOUT);
			// A service that dies is reported, not fatal: stopping one service by hand
			// (kill <pid>) is how you watch the others degrade (503s, fallbacks).
			service.onUnexpectedExit(() -> {
				if (!this.stopping.get()) {
					System.err.printf("%n%s exited (code %d); the rest of the stack keeps running. Its log: %s%n",
							service.name(), service.exitCode(), service.log());
				}
			});
		}
		banner(Duration.ofNanos(System.nanoTime() - start), postgres, redis);
	}

	private void banner(Duration elapsed, LocalPostgres postgres, LocalRedis redis) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%nPolyShop is up (%.1f s). Ctrl-C stops everything.%n%n",
				elapsed.toMillis() / 1000.0));
		for (ServiceProcess service : this.services) {
			String base = "http://localhost:" + service.port();
			out.append(String.format(Locale.ROOT, "  %-16s %s   (pid %d)%n", service.name(), base, service.pid()));
			out.append(String.format(Locale.ROOT, "  %-16s %s/swagger-ui.html%n", "", base));
			out.append(String.format(Locale.ROOT, "  %-16s %s/actuator/health%n", "", base));
		}
		out.append(String.format(Locale.ROOT, "%n  try:  curl -s 'http://localhost:8081/products?limit=1'%n"));
		out.append(String.format(Locale.ROOT, "        curl -s -X POST http://localhost:8082/sessions%n"));
		out.append(String.format(Locale.ROOT, "        curl -s 'http://localhost:8083/orders?limit=1'%n"));
		out.append(String.format(Locale.ROOT,
				"%n  PostgreSQL       jdbc:postgresql://localhost:%d/{catalog,orders,warehouse}"
						+ "  (user = password = database name)%n",
				postgres.port()));
		out.append(String.format(Locale.ROOT, "  Redis            localhost:%d%n", redis.port()));
		out.append(
				String.format(Locale.ROOT, "  DynamoDB Local   http://localhost:%d%n", this.settings.dynamoDbPort()));
		out.append(String.format(Locale.ROOT,
				"%n  Data lives in memory and on a scratch directory: every 'up' starts fresh.%n"));
		System.out.print(out);
		System.out.flush();
	}

	private void awaitStop() {
		try {
			this.stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Reverse start order: services first, then the stores they use. */
	private void stop() {
		this.stopping.set(true);
		if (!this.started.isEmpty()) {
			say("%nStopping PolyShop ...");
		}
		AutoCloseable next;
		while ((next = this.started.pollLast()) != null) {
			try {
				next.close();
			}
			catch (Exception ex) {
				System.err.println("polyshop: while stopping: " + ex.getMessage());
			}
		}
		this.stopped.countDown();
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

	private static void say(String format, Object... args) {
		System.out.println(String.format(Locale.ROOT, format, args));
		System.out.flush();
	}

	/** Command-line settings; ports default to fixed values so URLs are stable. */
	record Settings(Path root, int postgresPort, int redisPort, int dynamoDbPort) {

		static Settings parse(List<String> args) {
			Path root = Path.of(System.getProperty("polyshop.root", ".")).toAbsolutePath().normalize();
			int postgres = 15432;
			int redis = 16379;
			int dynamoDb = 18000;
			for (int i = 0; i < args.size(); i++) {
				String option = args.get(i);
				if (i + 1 >= args.size()) {
					throw new IllegalArgumentException("missing value for " + option);
				}
				int value = port(option, args.get(++i));
				switch (option) {
					case "--pg-port" -> postgres = value;
					case "--redis-port" -> redis = value;
					case "--dynamodb-port" -> dynamoDb = value;
					default -> throw new IllegalArgumentException("unknown option " + option);
				}
			}
			return new Settings(root, postgres, redis, dynamoDb);
		}

		private static int port(String option, String value) {
			try {
				int port = Integer.parseInt(value);
				if (port > 0 && port < 65536) {
					return port;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new IllegalArgumentException(option + " needs a port number, not '" + value + "'");
		}

	}

}
