package io.polyshop.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

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

	private final Settings settings;

	/** Set once everything is up; closing it stops services first, then stores. */
	private volatile @Nullable LocalStack stack;

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
		Path logs = this.settings.root().resolve(".polyshop").resolve("logs");
		LocalStack stack = LocalStack
			.start(new LocalStack.Options(this.settings.root(), logs, this.settings.postgresPort(),
					this.settings.redisPort(), this.settings.dynamoDbPort(), Map.of(), Map.of()), Polyshop::say);
		this.stack = stack;
		// What dies is said and restarted, as compose's restart policy does.
		stack.supervise((message) -> {
			if (!this.stopping.get()) {
				System.err.println("polyshop: " + message);
			}
		});
		banner(Duration.ofNanos(System.nanoTime() - start), stack);
	}

	private static void banner(Duration elapsed, LocalStack stack) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%nPolyShop is up (%.1f s). Ctrl-C stops everything.%n%n",
				elapsed.toMillis() / 1000.0));
		for (ServiceProcess service : stack.services()) {
			String base = "http://localhost:" + service.port();
			if (service.name().equals("auth-server")) {
				out.append(String.format(Locale.ROOT, "  %-16s %s   (pid %d): the OAuth2/OIDC issuer%n", service.name(),
						stack.credentials().issuer(), service.pid()));
				out.append(String.format(Locale.ROOT,
						"  %-16s users alice, bob (customers), ops (staff): ./polyshop token --user alice%n", ""));
				continue;
			}
			out.append(String.format(Locale.ROOT, "  %-16s %s   (pid %d)%n", service.name(), base, service.pid()));
			out.append(String.format(Locale.ROOT, "  %-16s %s/swagger-ui.html%n", "", base));
			out.append(String.format(Locale.ROOT, "  %-16s %s/actuator/{health,metrics,prometheus} (loopback)%n", "",
					stack.managementUrl(service.name())));
		}
		out.append(String.format(Locale.ROOT, "%n  try:  curl -s 'http://localhost:8081/products?limit=1'%n"));
		out.append(String.format(Locale.ROOT, "        curl -s -X POST http://localhost:8082/sessions%n"));
		out.append(String.format(Locale.ROOT,
				"        curl -s -H \"Authorization: Bearer $(./polyshop token --user alice)\""
						+ " 'http://localhost:8083/orders?limit=1'%n"));
		out.append(String.format(Locale.ROOT,
				"%n  PostgreSQL       jdbc:postgresql://localhost:%d/{catalog,orders,warehouse}"
						+ "  (user = password = database name;%n"
						+ "                   superuser postgres: password in .polyshop/%s)%n",
				stack.postgres().port(), LocalStack.SUPERUSER_PASSWORD_FILE));
		out.append(String.format(Locale.ROOT, "  Redis            localhost:%d%n", stack.redis().port()));
		out.append(String.format(Locale.ROOT, "  DynamoDB Local   %s%n", stack.dynamoDb().endpoint()));
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
		LocalStack stack = this.stack;
		if (stack != null) {
			say("%nStopping PolyShop ...");
			stack.close();
		}
		this.stopped.countDown();
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
