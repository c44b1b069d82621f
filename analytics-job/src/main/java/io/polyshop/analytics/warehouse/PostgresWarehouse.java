package io.polyshop.analytics.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The warehouse on PostgreSQL. Loads with {@code COPY ... FROM STDIN} (one stream, not
 * row-by-row INSERTs) and {@code MERGE} (PostgreSQL 15+). The dimensions are upserted
 * before the facts in the merge's transaction, so every fact has its dimension rows
 * without a foreign key checked row by row (see {@code V2__a_lighter_fact_table.sql}).
 * The load lock is a session advisory lock: it dies with the connection, so a killed run
 * never leaves it behind.
 */
public class PostgresWarehouse implements Warehouse {

	/** Any constant both runs agree on: the lock that serialises sales loads. */
	static final long LOCK_KEY = 0x5A1E5_10ADL;

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	public PostgresWarehouse(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
	}

	@Override
	public void prepare() {
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/warehouse/postgresql")
			.table("warehouse_schema_history")
			.load()
			.migrate();
	}

	@Override
	public Optional<Lock> tryLock() {
		try {
			Connection connection = this.dataSource.getConnection();
			try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
				statement.setLong(1, LOCK_KEY);
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					if (result.getBoolean(1)) {
						return Optional.of(() -> release(connection));
					}
				}
			}
			connection.close();
			return Optional.empty();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not take the warehouse load lock: " + ex.getMessage(), ex);
		}
	}

	private static void release(Connection connection) {
		try (connection; PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
			statement.setLong(1, LOCK_KEY);
			statement.execute();
		}
		catch (SQLException ex) {
			// Closing the connection releases it anyway.
		}
	}

	@Override
	public long watermark() {
		Long watermark = this.jdbc.queryForObject("select source_xmin from etl_watermark where job = 'sales'",
				Long.class);
		return (watermark != null) ? watermark : 0;
	}

	@Override
	public Staged stage(Path csv, String runId) {
		try (Connection connection = this.dataSource.getConnection(); InputStream rows = Files.newInputStream(csv)) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("truncate stage_sales");
			}
			long copied = connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy stage_sales (" + String.join(", ", SalesCsv.COLUMNS) + ") from stdin (format csv)", rows);
			try (Statement statement = connection.createStatement()) {
				// Without statistics the planner guesses the staging table's size, and a
				// bad guess makes the MERGE a nested loop: minutes instead of seconds.
				statement.execute("analyze stage_sales");
			}
			connection.commit();
			return new Staged(copied, "stage_sales");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Staging failed: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public long mergeAndAdvance(Staged staged, long newWatermark) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("""
						insert into dim_date (date_key, date, year, quarter, month, day, day_of_week, iso_week)
						select to_char(d, 'YYYYMMDD')::int, d, extract(year from d), extract(quarter from d),
						       extract(month from d), extract(day from d), extract(isodow from d), extract(week from d)
						from (select distinct (ordered_at at time zone 'UTC')::date as d from stage_sales) days
						on conflict (date_key) do nothing""");
				statement.execute(
						"""
								insert into dim_product (sku, name, category, updated_at)
								select distinct on (sku) sku, name, category, now() from stage_sales order by sku, ordered_at desc
								on conflict (sku) do update set name = excluded.name, category = excluded.category,
								    updated_at = excluded.updated_at""");
				long merged = statement.executeUpdate("""
						merge into fact_sales f
						using stage_sales s on f.order_id = s.order_id and f.line_no = s.line_no
						when matched and (f.order_status, f.customer_id, f.sku, f.quantity, f.unit_price, f.revenue)
						    is distinct from (s.order_status, s.customer_id, s.sku, s.quantity, s.unit_price, s.revenue)
						then update set
						    order_status = s.order_status, customer_id = s.customer_id, sku = s.sku,
						    quantity = s.quantity, unit_price = s.unit_price, revenue = s.revenue, loaded_at = now()
						when not matched then insert (order_id, line_no, date_key, ordered_at, customer_id, sku,
						    quantity, unit_price, revenue, currency, order_status, loaded_at)
						values (s.order_id, s.line_no, to_char(s.ordered_at at time zone 'UTC', 'YYYYMMDD')::int,
						    s.ordered_at, s.customer_id, s.sku, s.quantity, s.unit_price, s.revenue, s.currency,
						    s.order_status, now())""");
				try (PreparedStatement advance = connection.prepareStatement("""
						update etl_watermark set source_xmin = greatest(source_xmin, ?), rows_merged = ?,
						    finished_at = now() where job = 'sales'""")) {
					advance.setLong(1, newWatermark);
					advance.setLong(2, merged);
					advance.executeUpdate();
				}
				statement.execute("truncate stage_sales");
				connection.commit();
				return merged;
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Merge failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public List<Map<String, @Nullable Object>> query(String sql) {
		return this.jdbc.queryForList(sql);
	}

}
