package io.polyshop.analytics.sales;

import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.polyshop.analytics.AnalyticsJobApplication;
import io.polyshop.analytics.SourceOrders;
import io.polyshop.analytics.TestDatabases;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job as a real process, killed with SIGKILL in each phase of its run (start-up,
 * extract, staging, merge), then run to the end: the warehouse must equal the source,
 * with no duplicate and no gap. Each kill is proven to land inside its phase: the process
 * is frozen (SIGSTOP) when the phase's opening line appears, and before the kill the test
 * checks that no later phase (nor the end) was printed and that the watermark has not
 * moved.
 */
class KillAndRerunTests {

	@Test
	void aRunKilledAtAnyPointAndRunAgainLeavesTheWarehouseEqualToTheSource() throws Exception {
		try (TestDatabases databases = new TestDatabases()) {
			SourceOrders source = new SourceOrders(databases.ordersDataSource);
			Instant day = Instant.parse("2026-10-01T10:00:00Z");
			for (int i = 0; i < 1500; i++) {
				var id = source.place(day.plus(i % 20, ChronoUnit.DAYS), 1 + (i % 3));
				if (i % 4 != 0) {
					source.move(id, "PAID");
				}
			}

			List<String> killedIn = new ArrayList<>();
			JdbcTemplate warehouse = new JdbcTemplate(databases.warehouseDataSource);
			for (int phase = 0; phase < PHASES.size(); phase++) {
				long watermark = watermark(warehouse);
				Process run = start(databases);
				try (BufferedReader output = run.inputReader()) {
					String line;
					while ((line = output.readLine()) != null) {
						if (line.contains(PHASES.get(phase))) {
							// Frozen where it stands, then checked: no later phase has
							// begun,
							// and nothing was committed; only then killed.
							signal(run, "-STOP");
							List<String> after = new ArrayList<>();
							while (output.ready()) {
								after.add(output.readLine());
							}
							List<String> later = new ArrayList<>(PHASES.subList(phase + 1, PHASES.size()));
							later.add(DONE);
							for (String next : later) {
								assertThat(after).as("frozen inside '%s'", PHASES.get(phase))
									.noneMatch((printed) -> printed.contains(next));
							}
							assertThat(watermark(warehouse)).as("the watermark has not moved on")
								.isLessThanOrEqualTo(Math.max(watermark, 0));
							run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
							killedIn.add(PHASES.get(phase));
							break;
						}
					}
				}
				run.waitFor(60, TimeUnit.SECONDS);
			}
			assertThat(killedIn).as("every run was killed in its phase").isEqualTo(PHASES);
			Process last = start(databases);
			last.getInputStream().transferTo(OutputStream.nullOutputStream());
			assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(last.exitValue()).as("the final run succeeds").isZero();

			JdbcTemplate orders = new JdbcTemplate(databases.ordersDataSource);
			assertThat(warehouse.queryForObject("select count(*) from fact_sales", Integer.class))
				.isEqualTo(orders.queryForObject("select count(*) from order_line", Integer.class));
			assertThat(warehouse.queryForList("select date, revenue from sales_by_day order by date"))
				.isEqualTo(orders.queryForList("""
						select (o.created_at at time zone 'UTC')::date as date, sum(l.line_total) as revenue
						from orders o join order_line l on l.order_id = o.id
						where o.status in ('PAID', 'SHIPPED') group by 1 order by 1"""));
		}
	}

	/** The log line that opens each phase of a run, in order. */
	private static final List<String> PHASES = List.of("Starting AnalyticsJobApplication", "extracting order lines",
			"staging", "merging");

	/** What a finished run prints. */
	private static final String DONE = " merged in ";

	/** The warehouse's watermark; -1 before the first run has created it. */
	private static long watermark(JdbcTemplate warehouse) {
		Boolean exists = warehouse.queryForObject("select to_regclass('etl_watermark') is not null", Boolean.class);
		if (!Boolean.TRUE.equals(exists)) {
			return -1;
		}
		List<Long> watermark = warehouse.queryForList("select source_xmin from etl_watermark where job = 'sales'",
				Long.class);
		return watermark.isEmpty() ? -1 : watermark.getFirst();
	}

	private static void signal(Process process, String signal) throws Exception {
		assertThat(new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor()).isZero();
	}

	private static Process start(TestDatabases databases) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(
				List.of(java, "-cp", System.getProperty("java.class.path"), AnalyticsJobApplication.class.getName(),
						"load-sales", "--polyshop.analytics.source.url=" + databases.orders.jdbcUrl(),
						"--polyshop.analytics.source.username=" + databases.orders.username(),
						"--polyshop.analytics.source.password=" + databases.orders.password(),
						"--polyshop.analytics.warehouse.jdbc.url=" + databases.warehouse.jdbcUrl(),
						"--polyshop.analytics.warehouse.jdbc.username=" + databases.warehouse.username(),
						"--polyshop.analytics.warehouse.jdbc.password=" + databases.warehouse.password(),
						"--logging.level.io.polyshop.analytics=INFO"));
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

}
