package io.polyshop.analytics.sales;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

import io.polyshop.analytics.warehouse.SalesCsv;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads what changed in the orders database, without missing a late commit.
 *
 * <p>
 * <b>Why not {@code updated_at > watermark}:</b> a transaction that began before the
 * extract and commits after it writes timestamps (and identity values) older than the
 * watermark the extract records, so the next run skips its rows forever.
 *
 * <p>
 * <b>What this does instead:</b> every history row ({@code order_event}) carries the id
 * of the transaction that wrote it ({@code tx_id xid8}). The extract runs in one
 * REPEATABLE READ snapshot and reads the orders whose events have
 * {@code tx_id >= watermark}; the snapshot decides which of those are visible
 * (committed). The new watermark is the snapshot's {@code xmin}: every transaction below
 * it had finished when the snapshot was taken, so its rows were visible and are loaded
 * now; a transaction at or above it may still have been running, so the next run looks at
 * it again. Rows seen twice are merged twice, which changes nothing.
 *
 * <p>
 * Works on a read replica too ({@code pg_current_snapshot()} is allowed on a hot
 * standby). The extract streams into a CSV spool file, so memory stays flat however large
 * the first load is.
 */
public class OrdersSource {

	private final DataSource dataSource;

	public OrdersSource(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Writes the current state of every order line whose order changed since
	 * {@code watermark} to {@code spool}, as CSV.
	 * @param progress called with the number of rows written so far
	 */
	public Extract extract(long watermark, Path spool, LongConsumer progress) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			connection.setReadOnly(true);
			try {
				long xmin = snapshotXmin(connection);
				long rows = writeChangedLines(connection, watermark, spool, progress);
				connection.commit();
				return new Extract(rows, xmin);
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Extract from the orders database failed: " + ex.getMessage(), ex);
		}
	}

	private static long snapshotXmin(Connection connection) throws SQLException {
		// The first statement of the transaction fixes its snapshot; this reads it.
		try (PreparedStatement statement = connection
			.prepareStatement("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
				ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getLong(1);
		}
	}

	/**
	 * The server writes the CSV itself ({@code COPY (query) TO STDOUT}), one row per
	 * message, in the snapshot of this transaction: no value is parsed into a Java object
	 * and formatted again. Columns in {@link SalesCsv#COLUMNS} order.
	 */
	private static long writeChangedLines(Connection connection, long watermark, Path spool, LongConsumer progress)
			throws SQLException {
		String sql = """
				copy (
				    select o.id, l.line_no,
				           to_char(o.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at,
				           o.customer_id, l.sku, l.name, l.category, l.quantity, l.unit_price, l.line_total,
				           o.currency, o.status
				    from orders o
				    join order_line l on l.order_id = o.id
				    where o.id in (select e.order_id from order_event e where e.tx_id >= '%d'::xid8)
				) to stdout (format csv, force_quote (%s))""".formatted(watermark, SalesCsv.QUOTED);
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16)) {
			CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
			long rows = 0;
			for (byte[] row = copy.readFromCopy(); row != null; row = copy.readFromCopy()) {
				out.write(row);
				rows++;
				if (rows % 10_000 == 0) {
					progress.accept(rows);
				}
			}
			progress.accept(rows);
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the spool file " + spool, ex);
		}
	}

	/** What an extract produced, and the watermark the load may advance to. */
	public record Extract(long rows, long snapshotXmin) {
	}

}
