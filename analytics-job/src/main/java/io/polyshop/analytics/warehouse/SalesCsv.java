package io.polyshop.analytics.warehouse;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The staging format, shared by both dialects: RFC 4180 CSV, every text field quoted,
 * timestamps in UTC ISO-8601, amounts as plain decimals (never floats).
 */
public final class SalesCsv {

	/** The column order of the CSV and of the staging table. */
	public static final List<String> COLUMNS = List.of("order_id", "line_no", "ordered_at", "customer_id", "sku",
			"name", "category", "quantity", "unit_price", "revenue", "currency", "order_status");

	private SalesCsv() {
	}

	public static void write(Writer out, String orderId, int lineNo, OffsetDateTime orderedAt, String customerId,
			String sku, String name, String category, int quantity, BigDecimal unitPrice, BigDecimal revenue,
			String currency, String status) throws IOException {
		out.write(orderId);
		out.write(',');
		out.write(Integer.toString(lineNo));
		out.write(',');
		out.write(orderedAt.withOffsetSameInstant(ZoneOffset.UTC).toString());
		out.write(',');
		quoted(out, customerId);
		out.write(',');
		quoted(out, sku);
		out.write(',');
		quoted(out, name);
		out.write(',');
		quoted(out, category);
		out.write(',');
		out.write(Integer.toString(quantity));
		out.write(',');
		out.write(unitPrice.toPlainString());
		out.write(',');
		out.write(revenue.toPlainString());
		out.write(',');
		out.write(currency);
		out.write(',');
		out.write(status);
		out.write('\n');
	}

	private static void quoted(Writer out, String value) throws IOException {
		out.write('"');
		out.write(value.replace("\"", "\"\""));
		out.write('"');
	}

}
