package io.polyshop.analytics;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Writes orders into the source database the way orders-service does: order, lines and
 * history in one transaction; a status change updates the order and appends an event.
 */
public final class SourceOrders {

	private final DataSource dataSource;

	public SourceOrders(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Places an order of {@code lines} lines (quantity 2 at 10.25 each), committed. */
	public UUID place(Instant createdAt, int lines) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			UUID id = place(connection, createdAt, lines);
			connection.commit();
			return id;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Places an order in the caller's transaction (left open by the caller). */
	public UUID place(Connection connection, Instant createdAt, int lines) throws SQLException {
		UUID id = UUID.randomUUID();
		BigDecimal unit = new BigDecimal("10.25");
		try (PreparedStatement order = connection.prepareStatement("""
				insert into orders (id, customer_id, status, currency, total, created_at, updated_at, version)
				values (?, ?, 'PENDING', 'USD', ?, ?, ?, 0)""")) {
			order.setObject(1, id);
			order.setString(2, "customer-" + (id.hashCode() & 7));
			order.setBigDecimal(3, unit.multiply(BigDecimal.valueOf(2L * lines)));
			order.setTimestamp(4, Timestamp.from(createdAt));
			order.setTimestamp(5, Timestamp.from(createdAt));
			order.executeUpdate();
		}
		try (PreparedStatement line = connection.prepareStatement("""
				insert into order_line (order_id, line_no, sku, name, category, unit_price, quantity, line_total)
				values (?, ?, ?, ?, 'tests', ?, 2, ?)""")) {
			for (int i = 1; i <= lines; i++) {
				line.setObject(1, id);
				line.setInt(2, i);
				line.setString(3, "SKU-" + i);
				line.setString(4, "Product \"" + i + "\", the best");
				line.setBigDecimal(5, unit);
				line.setBigDecimal(6, unit.multiply(BigDecimal.TWO));
				line.addBatch();
			}
			line.executeBatch();
		}
		event(connection, id, 0, "ORDER_PLACED", null, "PENDING", createdAt);
		return id;
	}

	/** Moves an order to {@code status} (PAID, SHIPPED, CANCELLED) with its event. */
	public void move(UUID id, String status) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			String from;
			long version;
			try (PreparedStatement read = connection
				.prepareStatement("select status, version from orders where id = ? for update")) {
				read.setObject(1, id);
				try (var result = read.executeQuery()) {
					result.next();
					from = result.getString(1);
					version = result.getLong(2) + 1;
				}
			}
			try (PreparedStatement update = connection
				.prepareStatement("update orders set status = ?, version = ?, updated_at = now() where id = ?")) {
				update.setString(1, status);
				update.setLong(2, version);
				update.setObject(3, id);
				update.executeUpdate();
			}
			event(connection, id, version, "ORDER_" + status, from, status, Instant.now());
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void event(Connection connection, UUID id, long version, String type, String from, String to,
			Instant at) throws SQLException {
		try (PreparedStatement event = connection.prepareStatement("""
				insert into order_event (order_id, version, type, from_status, to_status, occurred_at)
				values (?, ?, ?, ?, ?, ?)""")) {
			event.setObject(1, id);
			event.setLong(2, version);
			event.setString(3, type);
			event.setString(4, from);
			event.setString(5, to);
			event.setTimestamp(6, Timestamp.from(at));
			event.executeUpdate();
		}
	}

}
