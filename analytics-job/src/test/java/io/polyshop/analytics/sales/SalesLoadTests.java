package io.polyshop.analytics.sales;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.polyshop.analytics.SourceOrders;
import io.polyshop.analytics.TestDatabases;
import io.polyshop.analytics.warehouse.PostgresWarehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The load against real PostgreSQL for both the orders source and the warehouse. */
class SalesLoadTests {

	private static final Instant DAY = Instant.parse("2026-10-01T10:00:00Z");

	TestDatabases databases;

	SourceOrders source;

	JdbcTemplate warehouse;

	SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeEach
	void databases() {
		this.databases = new TestDatabases();
		this.source = new SourceOrders(this.databases.ordersDataSource);
		this.warehouse = new JdbcTemplate(this.databases.warehouseDataSource);
	}

	@AfterEach
	void close() {
		this.databases.close();
	}

	@Test
	void theFirstLoadLoadsEveryLineAndTheWarehouseAgreesWithTheSourceDayByDay() {
		placeHistory(40);

		LoadSummary summary = load();

		int lines = sourceLines();
		assertThat(summary.extracted()).isEqualTo(lines);
		assertThat(summary.staged()).isEqualTo(lines);
		assertThat(summary.merged()).isEqualTo(lines);
		assertThat(this.warehouse.queryForObject("select count(*) from fact_sales", Integer.class)).isEqualTo(lines);
		assertTotalsMatchTheSource();
		assertThat(this.warehouse.queryForObject("select count(*) from dim_product", Integer.class)).isEqualTo(3);
		assertThat(this.meters.get("analytics.load.rows").tag("stage", "merged").counter().count()).isEqualTo(lines);
		assertThat(this.meters.get("analytics.load.runs").tag("result", "success").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("analytics.load.watermark").gauge().value()).isEqualTo(summary.newWatermark());
	}

	@Test
	void anIncrementalLoadExtractsOnlyWhatChangedAndAnEmptyRunNothing() {
		List<UUID> orders = placeHistory(20);
		load();

		this.source.place(DAY.plus(3, ChronoUnit.DAYS), 2);
		this.source.move(orders.getFirst(), "PAID");
		LoadSummary incremental = load();
		LoadSummary empty = load();

		int firstOrderLines = 1 + (0 % 3);
		assertThat(incremental.extracted()).isEqualTo(2 + firstOrderLines);
		assertThat(incremental.merged()).as("new lines and the paid order's line").isEqualTo(2 + firstOrderLines);
		assertThat(empty.extracted()).isZero();
		assertThat(empty.merged()).isZero();
		assertThat(empty.newWatermark()).isGreaterThanOrEqualTo(incremental.newWatermark());
		assertTotalsMatchTheSource();
	}

	@Test
	void linesExtractedAgainUnchangedAreNotRewritten() {
		placeHistory(10);
		load();
		// What a run killed after its commit but before it could report would re-read.
		this.warehouse.update("update etl_watermark set source_xmin = 0");

		LoadSummary again = load();

		assertThat(again.extracted()).isEqualTo(sourceLines());
		assertThat(again.merged()).isZero();
		assertTotalsMatchTheSource();
	}

	@Test
	void aTransactionThatCommitsAfterTheExtractIsPickedUpByTheNextRun() throws Exception {
		placeHistory(5);
		UUID late;
		try (Connection connection = this.databases.ordersDataSource.getConnection()) {
			connection.setAutoCommit(false);
			// Begins (and takes its transaction id) before the load, commits after it.
			late = this.source.place(connection, DAY.minus(1, ChronoUnit.DAYS), 2);
			this.source.place(DAY, 1);
			load();
			assertThat(factLines(late)).isZero();
			connection.commit();
		}
		// Nothing touches the order after its commit, and its timestamps are older than
		// what the first load saw: a watermark on time would skip it forever.
		assertThat(new JdbcTemplate(this.databases.ordersDataSource).queryForObject("""
				select count(*) from order_event
				where order_id = ? and occurred_at > (select max(occurred_at) from order_event where order_id <> ?)""",
				Integer.class, late, late))
			.isZero();

		load();

		assertThat(factLines(late)).isEqualTo(2);
		assertTotalsMatchTheSource();
	}

	@Test
	void aCancellationAfterTheLoadTakesTheOrderOutOfTheSales() {
		UUID order = this.source.place(DAY, 2);
		this.source.move(order, "PAID");
		load();
		assertThat(revenueInWarehouse()).isEqualByComparingTo("41.00");

		this.source.move(order, "CANCELLED");
		load();

		assertThat(this.warehouse.queryForList("select distinct order_status from fact_sales where order_id = ?",
				String.class, order))
			.containsExactly("CANCELLED");
		assertThat(revenueInWarehouse()).isEqualByComparingTo("0");
		assertTotalsMatchTheSource();
	}

	@Test
	void twoRunsStartedAtOnceLeaveNoDuplicateAndNoGap() throws Exception {
		placeHistory(60);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<LoadSummary>> runs = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
			for (int i = 0; i < 2; i++) {
				runs.add(pool.submit(() -> {
					go.await();
					return load();
				}));
			}
			go.countDown();
			List<LoadSummary> summaries = new ArrayList<>();
			for (Future<LoadSummary> run : runs) {
				summaries.add(run.get(60, TimeUnit.SECONDS));
			}
			assertThat(summaries).anyMatch((summary) -> !summary.skipped() && summary.merged() > 0);
		}
		assertThat(this.warehouse.queryForObject("select count(*) from fact_sales", Integer.class))
			.isEqualTo(sourceLines());
		assertTotalsMatchTheSource();
	}

	private LoadSummary load() {
		return new SalesLoad(new OrdersSource(this.databases.ordersDataSource),
				new PostgresWarehouse(this.databases.warehouseDataSource), Duration.ofSeconds(1), this.meters)
			.run();
	}

	/** Orders over several days, 1 to 3 lines each, in every state. */
	private List<UUID> placeHistory(int count) {
		List<UUID> ids = new ArrayList<>();
		String[] states = { "PENDING", "PAID", "SHIPPED", "CANCELLED", "PAID" };
		for (int i = 0; i < count; i++) {
			UUID id = this.source.place(DAY.plus(i % 7, ChronoUnit.DAYS).plus(i, ChronoUnit.MINUTES), 1 + (i % 3));
			String state = states[i % states.length];
			if (!state.equals("PENDING")) {
				this.source.move(id, state.equals("CANCELLED") ? "CANCELLED" : "PAID");
			}
			if (state.equals("SHIPPED")) {
				this.source.move(id, "SHIPPED");
			}
			ids.add(id);
		}
		return ids;
	}

	private void assertTotalsMatchTheSource() {
		List<Map<String, Object>> source = new JdbcTemplate(this.databases.ordersDataSource).queryForList("""
				select (o.created_at at time zone 'UTC')::date as date, sum(l.line_total) as revenue
				from orders o join order_line l on l.order_id = o.id
				where o.status in ('PAID', 'SHIPPED')
				group by 1 order by 1""");
		List<Map<String, Object>> warehouse = this.warehouse
			.queryForList("select date, revenue from sales_by_day order by date");
		assertThat(warehouse).as("sales by day in the warehouse = the same query on orders").isEqualTo(source);
		assertThat(this.warehouse.queryForObject(
				"select count(*) from (select order_id, line_no from fact_sales group by 1, 2 having count(*) > 1) d",
				Integer.class))
			.isZero();
		assertThat(this.warehouse.queryForObject("""
				select count(*) from fact_sales f
				where not exists (select 1 from dim_date d where d.date_key = f.date_key)
				   or not exists (select 1 from dim_product p where p.sku = f.sku)""", Integer.class))
			.as("facts without their dimension rows")
			.isZero();
	}

	private int sourceLines() {
		return new JdbcTemplate(this.databases.ordersDataSource).queryForObject("select count(*) from order_line",
				Integer.class);
	}

	private int factLines(UUID order) {
		return this.warehouse.queryForObject("select count(*) from fact_sales where order_id = ?", Integer.class,
				order);
	}

	private java.math.BigDecimal revenueInWarehouse() {
		java.math.BigDecimal revenue = this.warehouse.queryForObject("select sum(revenue) from sales_by_day",
				java.math.BigDecimal.class);
		return (revenue != null) ? revenue : java.math.BigDecimal.ZERO;
	}

}
