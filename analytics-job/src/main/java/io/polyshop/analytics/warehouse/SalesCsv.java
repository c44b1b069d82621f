package io.polyshop.analytics.warehouse;

import java.util.List;

/**
 * The staging format, shared by both dialects and written by PostgreSQL's own
 * {@code COPY ... TO STDOUT (FORMAT csv)}: RFC 4180 CSV, every text field quoted,
 * timestamps in UTC ISO-8601 ({@code 2026-11-30T09:38:00.000000Z}), amounts as plain
 * decimals (never floats).
 */
public final class SalesCsv {

	/** The column order of the CSV and of the staging table. */
	public static final List<String> COLUMNS = List.of("order_id", "line_no", "ordered_at", "customer_id", "sku",
			"name", "category", "quantity", "unit_price", "revenue", "currency", "order_status");

	/** The text columns, quoted always ({@code FORCE_QUOTE}) as the source names them. */
	public static final String QUOTED = "customer_id, sku, name, category";

	private SalesCsv() {
	}

}
