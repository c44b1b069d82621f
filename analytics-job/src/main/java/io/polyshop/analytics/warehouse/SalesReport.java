package io.polyshop.analytics.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** {@code report}: the two standard views, printed as plain-text tables. */
public class SalesReport {

	private final Warehouse warehouse;

	public SalesReport(Warehouse warehouse) {
		this.warehouse = warehouse;
	}

	public String render() {
		this.warehouse.prepare();
		return "Sales by day (PAID and SHIPPED orders, last 30 days with sales)\n"
				+ table(this.warehouse.query("select date, currency, orders, units, revenue from sales_by_day "
						+ "order by date desc limit 30"))
				+ "\nTop products by revenue\n" + table(this.warehouse.query(
						"select sku, name, category, units, revenue from top_products order by revenue desc limit 10"));
	}

	static String table(List<Map<String, @Nullable Object>> rows) {
		if (rows.isEmpty()) {
			return "  (no sales loaded yet: run load-sales)\n";
		}
		List<String> columns = new ArrayList<>(rows.getFirst().keySet());
		int[] widths = new int[columns.size()];
		for (int i = 0; i < columns.size(); i++) {
			widths[i] = columns.get(i).length();
			for (Map<String, Object> row : rows) {
				widths[i] = Math.max(widths[i], String.valueOf(row.get(columns.get(i))).length());
			}
		}
		StringBuilder out = new StringBuilder();
		line(out, columns, widths);
		List<String> rules = new ArrayList<>();
		for (int width : widths) {
			rules.add("-".repeat(width));
		}
		line(out, rules, widths);
		for (Map<String, Object> row : rows) {
			line(out, columns.stream().map((column) -> String.valueOf(row.get(column))).toList(), widths);
		}
		return out.toString();
	}

	private static void line(StringBuilder out, List<String> cells, int[] widths) {
		out.append(' ');
		for (int i = 0; i < cells.size(); i++) {
			out.append(' ').append(String.format("%-" + widths[i] + "s", cells.get(i)));
		}
		out.append('\n');
	}

}
