package io.polyshop.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;

/**
 * The warehouse load on a large history: {@code lines} order lines are written to the
 * orders database (3 a paid order, spread over 90 days), then timed three ways:
 * <ol>
 * <li>{@code load-sales}, the real job (extract, stage, merge), as a process;</li>
 * <li>a raw {@code COPY} of the same rows, out of the orders database and into a plain
 * table of the same warehouse: the floor any load sits on;</li>
 * <li>{@code load-sales} again, with nothing new: the incremental run's fixed cost.</li>
 * </ol>
 */
final class WarehouseLoad {

	private static final Pattern SUMMARY = Pattern.compile("load-sales: (\\d+) rows extracted.* in ([0-9.]+) s");

	private static final String COLUMNS = """
			select o.id, l.line_no, o.created_at, o.customer_id, l.sku, l.name, l.category, l.quantity,
			       l.unit_price, l.line_total, o.currency, o.status
			from orders o join order_line l on l.order_id = o.id""";

	private WarehouseLoad() {
	}

	/**
	 * @param rows the order lines of the timed load
	 * @param jobSeconds the job's own time for them (it prints it)
	 * @param jobProcessSeconds the same, with the JVM's start-up
	 * @param copySeconds the raw COPY out and in of every order line
	 * @param copiedRows the rows that COPY moved (all order lines, old ones included)
	 * @param emptyRunProcessSeconds the incremental run with nothing new, start-up
	 * included
	 * @param emptyRunSeconds the same, the job's own time
	 */
	record Result(long rows, double jobSeconds, double jobProcessSeconds, long copiedRows, double copySeconds,
			double emptyRunSeconds, double emptyRunProcessSeconds) {

		double jobRowsPerSecond() {
			return this.rows / this.jobSeconds;
		}

		double copyRowsPerSecond() {
			return this.copiedRows / this.copySeconds;
		}

	}

	static Result measure(Path jobJar, String postgres, int lines) throws Exception {
		Job caughtUp = run(jobJar);
		System.out.printf("  warehouse caught up first (%d rows); writing %,d order lines ...%n", caughtUp.rows(),
				lines);
		try (Connection orders = DriverManager.getConnection(postgres + "/orders", "orders", "orders");
				Statement statement = orders.createStatement()) {
			int count = (lines + 2) / 3;
			statement.execute("create temporary table bench_ids as select gen_random_uuid() as id, g "
					+ "from generate_series(1, " + count + ") g");
			statement.execute("""
					insert into orders (id, customer_id, status, currency, total, created_at, updated_at, version)
					select id, 'bench-' || (g % 1000), 'PAID', 'USD', 30.00,
					       now() - (g % 90) * interval '1 day', now(), 1
					from bench_ids""");
			statement.execute(
					"""
							insert into order_line (order_id, line_no, sku, name, category, unit_price, quantity, line_total)
							select id, l, 'BENCH-' || lpad(((g + l) % 1200)::text, 5, '0'), 'Bench product', 'bench', 10.00, 1, 10.00
							from bench_ids cross join generate_series(1, 3) l""");
			statement.execute("""
					insert into order_event (order_id, version, type, from_status, to_status, occurred_at)
					select id, 0, 'ORDER_PLACED', null, 'PENDING', now() from bench_ids
					union all
					select id, 1, 'ORDER_PAID', 'PENDING', 'PAID', now() from bench_ids""");
			statement.execute("analyze orders; analyze order_line; analyze order_event");
		}
		Job load = run(jobJar);
		long copied;
		long copyStarted = System.nanoTime();
		try (Connection orders = DriverManager.getConnection(postgres + "/orders", "orders", "orders");
				Connection warehouse = DriverManager.getConnection(postgres + "/warehouse", "warehouse", "warehouse")) {
			try (Statement statement = warehouse.createStatement()) {
				statement.execute("drop table if exists bench_raw_copy");
				statement.execute("""
						create table bench_raw_copy (order_id uuid, line_no int, created_at timestamptz,
						customer_id varchar(64), sku varchar(40), name varchar(200), category varchar(60), quantity int,
						unit_price numeric(12, 2), line_total numeric(14, 2), currency char(3), status varchar(16))""");
			}
			ByteArrayOutputStream csv = new ByteArrayOutputStream();
			orders.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyOut("copy (" + COLUMNS + ") to stdout (format csv)", csv);
			copied = warehouse.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy bench_raw_copy from stdin (format csv)", new ByteArrayInputStream(csv.toByteArray()));
		}
		double copySeconds = (System.nanoTime() - copyStarted) / 1e9;
		try (Connection warehouse = DriverManager.getConnection(postgres + "/warehouse", "warehouse", "warehouse");
				Statement statement = warehouse.createStatement()) {
			statement.execute("drop table bench_raw_copy");
		}
		Job empty = run(jobJar);
		return new Result(load.rows(), load.jobSeconds(), load.processSeconds(), copied, copySeconds,
				empty.jobSeconds(), empty.processSeconds());
	}

	private record Job(long rows, double jobSeconds, double processSeconds) {
	}

	private static Job run(Path jar) throws Exception {
		long started = System.nanoTime();
		Process job = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				jar.toString(), "load-sales")
			.redirectErrorStream(true)
			.start();
		String output = new String(job.getInputStream().readAllBytes());
		if (!job.waitFor(20, TimeUnit.MINUTES) || job.exitValue() != 0) {
			throw new IllegalStateException("load-sales failed:\n" + output);
		}
		double process = (System.nanoTime() - started) / 1e9;
		Matcher summary = SUMMARY.matcher(output);
		if (!summary.find()) {
			throw new IllegalStateException("load-sales printed no summary:\n" + output);
		}
		return new Job(Long.parseLong(summary.group(1)), Double.parseDouble(summary.group(2)), process);
	}

}
