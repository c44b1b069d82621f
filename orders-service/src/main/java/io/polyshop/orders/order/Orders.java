package io.polyshop.orders.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The orders tables: {@code orders}, {@code order_line} and the append-only
 * {@code order_event}. Every write that changes an order appends its event in the same
 * transaction (the caller's), so the history can never disagree with the order.
 */
@Repository
public class Orders {

	private static final String ORDER_COLUMNS = """
			id, customer_id, session_id, status, currency, created_at, updated_at, version""";

	private final JdbcClient jdbc;

	Orders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts a new order, its lines and its ORDER_PLACED event. */
	public void insert(Order order) {
		this.jdbc
			.sql("""
					insert into orders (id, customer_id, session_id, status, currency, total, created_at, updated_at, version)
					values (:id, :customerId, :sessionId, :status, :currency, :total, :createdAt, :updatedAt, :version)""")
			.param("id", order.id())
			.param("customerId", order.customerId())
			.param("sessionId", order.sessionId())
			.param("status", order.status().name())
			.param("currency", order.currency().getCurrencyCode())
			.param("total", order.total().amount())
			.param("createdAt", timestamp(order.createdAt()))
			.param("updatedAt", timestamp(order.updatedAt()))
			.param("version", order.version())
			.update();
		for (OrderLine line : order.lines()) {
			this.jdbc.sql("""
					insert into order_line (order_id, line_no, sku, name, category, unit_price, quantity, line_total)
					values (:orderId, :lineNo, :sku, :name, :category, :unitPrice, :quantity, :lineTotal)""")
				.param("orderId", order.id())
				.param("lineNo", line.lineNo())
				.param("sku", line.sku())
				.param("name", line.name())
				.param("category", line.category())
				.param("unitPrice", line.unitPrice().amount())
				.param("quantity", line.quantity())
				.param("lineTotal", line.lineTotal().amount())
				.update();
		}
		append(OrderEvent.placed(order));
	}

	/**
	 * Stores the order's next state if it is still at {@code before}'s version
	 * (optimistic locking), and appends the transition to the history.
	 * @return false if another transaction changed the order first
	 */
	public boolean update(Order before, Order after) {
		int updated = this.jdbc.sql("""
				update orders set status = :status, updated_at = :updatedAt, version = :version
				where id = :id and version = :expected""")
			.param("status", after.status().name())
			.param("updatedAt", timestamp(after.updatedAt()))
			.param("version", after.version())
			.param("id", after.id())
			.param("expected", before.version())
			.update();
		if (updated == 0) {
			return false;
		}
		append(OrderEvent.transition(before, after));
		return true;
	}

	/**
	 * Up to {@code limit} PENDING orders placed before {@code cutoff}, oldest first,
	 * locked for this transaction; rows another transaction holds are skipped, so several
	 * instances can sweep at once without waiting on each other or cancelling twice.
	 */
	public List<UUID> lockUnpaidPlacedBefore(Instant cutoff, int limit) {
		return this.jdbc.sql("""
				select id from orders where status = 'PENDING' and created_at < :cutoff
				order by created_at limit :limit for update skip locked""")
			.param("cutoff", timestamp(cutoff))
			.param("limit", limit)
			.query((rs, row) -> rs.getObject("id", UUID.class))
			.list();
	}

	public Optional<Order> findById(UUID id) {
		Optional<OrderHeader> header = this.jdbc.sql("select " + ORDER_COLUMNS + " from orders where id = :id")
			.param("id", id)
			.query(Orders::header)
			.optional();
		return header.map((found) -> found.toOrder(linesOf(List.of(id)).getOrDefault(id, List.of())));
	}

	/** The history of an order, oldest first. */
	public List<OrderEvent> history(UUID id) {
		return this.jdbc.sql("""
				select order_id, version, type, from_status, to_status, occurred_at
				from order_event where order_id = :id order by version""")
			.param("id", id)
			.query((rs, row) -> new OrderEvent(rs.getObject("order_id", UUID.class), rs.getLong("version"),
					rs.getString("type"), status(rs.getString("from_status")),
					Objects.requireNonNull(status(rs.getString("to_status")), "to_status"), instant(rs, "occurred_at")))
			.list();
	}

	/**
	 * A page of orders, newest first, by keyset on {@code (created_at, id)}: each page
	 * starts strictly after the last row of the previous one, so concurrent inserts never
	 * shift it.
	 */
	public Slice find(OrderQuery query, @Nullable Position after, int limit) {
		StringBuilder sql = new StringBuilder("select " + ORDER_COLUMNS + " from orders where true");
		Map<String, Object> params = new HashMap<>();
		if (query.customerId() != null) {
			sql.append(" and customer_id = :customerId");
			params.put("customerId", query.customerId());
		}
		if (query.status() != null) {
			sql.append(" and status = :status");
			params.put("status", query.status().name());
		}
		if (query.from() != null) {
			sql.append(" and created_at >= :from");
			params.put("from", timestamp(query.from()));
		}
		if (query.to() != null) {
			sql.append(" and created_at < :to");
			params.put("to", timestamp(query.to()));
		}
		if (after != null) {
			sql.append(" and (created_at, id) < (:afterCreatedAt, :afterId)");
			params.put("afterCreatedAt", timestamp(after.createdAt()));
			params.put("afterId", after.id());
		}
		sql.append(" order by created_at desc, id desc limit :limit");
		params.put("limit", limit + 1);
		List<OrderHeader> headers = this.jdbc.sql(sql.toString()).params(params).query(Orders::header).list();
		boolean more = headers.size() > limit;
		List<OrderHeader> page = more ? headers.subList(0, limit) : headers;
		Map<UUID, List<OrderLine>> lines = linesOf(page.stream().map(OrderHeader::id).toList());
		return new Slice(
				page.stream().map((header) -> header.toOrder(lines.getOrDefault(header.id(), List.of()))).toList(),
				more);
	}

	private void append(OrderEvent event) {
		this.jdbc.sql("""
				insert into order_event (order_id, version, type, from_status, to_status, occurred_at)
				values (:orderId, :version, :type, :fromStatus, :toStatus, :occurredAt)""")
			.param("orderId", event.orderId())
			.param("version", event.version())
			.param("type", event.type())
			.param("fromStatus", (event.fromStatus() != null) ? event.fromStatus().name() : null)
			.param("toStatus", event.toStatus().name())
			.param("occurredAt", timestamp(event.occurredAt()))
			.update();
	}

	private Map<UUID, List<OrderLine>> linesOf(List<UUID> orderIds) {
		Map<UUID, List<OrderLine>> lines = new LinkedHashMap<>();
		if (orderIds.isEmpty()) {
			return lines;
		}
		this.jdbc.sql("""
				select l.order_id, l.line_no, l.sku, l.name, l.category, l.unit_price, l.quantity, o.currency
				from order_line l join orders o on o.id = l.order_id
				where l.order_id in (:ids) order by l.order_id, l.line_no""")
			.param("ids", orderIds)
			.query((ResultSet rs) -> {
				UUID orderId = rs.getObject("order_id", UUID.class);
				lines.computeIfAbsent(orderId, (id) -> new ArrayList<>())
					.add(new OrderLine(rs.getInt("line_no"), rs.getString("sku"), rs.getString("name"),
							rs.getString("category"),
							new Money(rs.getBigDecimal("unit_price"), Currency.getInstance(rs.getString("currency"))),
							rs.getInt("quantity")));
			});
		return lines;
	}

	private static OrderHeader header(ResultSet rs, int row) throws SQLException {
		return new OrderHeader(rs.getObject("id", UUID.class), rs.getString("customer_id"), rs.getString("session_id"),
				OrderStatus.valueOf(rs.getString("status")), Currency.getInstance(rs.getString("currency")),
				instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"));
	}

	private static @Nullable OrderStatus status(@Nullable String value) {
		return (value != null) ? OrderStatus.valueOf(value) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static Timestamp timestamp(Instant instant) {
		return Timestamp.from(instant);
	}

	/** The filters of the listing; null means "any". */
	public record OrderQuery(@Nullable String customerId, @Nullable OrderStatus status, @Nullable Instant from,
			@Nullable Instant to) {
	}

	/** Where a page ends: the keyset cursor. */
	public record Position(Instant createdAt, UUID id) {
	}

	public record Slice(List<Order> orders, boolean hasMore) {
	}

	private record OrderHeader(UUID id, String customerId, @Nullable String sessionId, OrderStatus status,
			Currency currency, Instant createdAt, Instant updatedAt, long version) {

		Order toOrder(List<OrderLine> lines) {
			return new Order(this.id, this.customerId, this.sessionId, this.status, this.currency, lines,
					this.createdAt, this.updatedAt, this.version);
		}

	}

}
