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
 * The job as a real process, killed with SIGKILL at moments spread over its run
 * (start-up, extract, staging, merge), then run to the end: the warehouse must equal the
 * source, with no duplicate and no gap.
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
			for (String phase : new String[] { "Starting AnalyticsJobApplication", "extracting order lines", "staging",
					"merging" }) {
				Process run = start(databases);
				try (BufferedReader output = run.inputReader()) {
					String line;
					while ((line = output.readLine()) != null) {
						if (line.contains(phase)) {
							run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
							killedIn.add(phase);
							break;
						}
					}
				}
				run.waitFor(60, TimeUnit.SECONDS);
			}
			assertThat(killedIn).as("every run was killed in its phase").hasSize(4);
			Process last = start(databases);
			last.getInputStream().transferTo(OutputStream.nullOutputStream());
			assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(last.exitValue()).as("the final run succeeds").isZero();

			JdbcTemplate warehouse = new JdbcTemplate(databases.warehouseDataSource);
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
