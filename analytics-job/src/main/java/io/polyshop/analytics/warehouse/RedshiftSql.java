package io.polyshop.analytics.warehouse;

import java.util.List;

/**
 * The statements of one Redshift load, run by the Data API's BatchExecuteStatement as a
 * single transaction: lock, stage from S3 with COPY, upsert the dimensions, MERGE the
 * facts, advance the watermark. Kept here as plain strings so they can be read (and
 * tested) as the SQL Redshift will run.
 */
public final class RedshiftSql {

	private RedshiftSql() {
	}

	/**
	 * The position in {@link #load} of the fact table's MERGE, whose row count is the
	 * load's.
	 */
	static final int FACT_MERGE = 5;

	public static List<String> load(String manifestUrl, String iamRole, String region, long newWatermark) {
		return List.of(
				// Serialises concurrent loads: the second waits here, then merges
				// idempotently.
				"lock etl_watermark",
				"create temp table stage_sales (order_id char(36), line_no int, ordered_at timestamptz, "
						+ "customer_id varchar(64), sku varchar(40), name varchar(200), category varchar(60), "
						+ "quantity int, unit_price decimal(12,2), revenue decimal(14,2), currency char(3), "
						+ "order_status varchar(16))",
				copy(manifestUrl, iamRole, region),
				"""
						merge into dim_date using (select distinct trunc(convert_timezone('UTC', ordered_at)) as d from stage_sales) s
						on dim_date.date_key = to_char(s.d, 'YYYYMMDD')::int
						when matched then update set date = s.d
						when not matched then insert values (to_char(s.d, 'YYYYMMDD')::int, s.d, extract(year from s.d),
						    extract(quarter from s.d), extract(month from s.d), extract(day from s.d),
						    extract(dayofweek from s.d), extract(week from s.d))""",
				"""
						merge into dim_product using (select sku, max(name) as name, max(category) as category
						    from stage_sales group by sku) s on dim_product.sku = s.sku
						when matched then update set name = s.name, category = s.category, updated_at = getdate()
						when not matched then insert values (s.sku, s.name, s.category, getdate())""",
				"""
						merge into fact_sales using stage_sales s
						on fact_sales.order_id = s.order_id and fact_sales.line_no = s.line_no
						when matched then update set order_status = s.order_status, customer_id = s.customer_id,
						    sku = s.sku, quantity = s.quantity, unit_price = s.unit_price, revenue = s.revenue,
						    loaded_at = getdate()
						when not matched then insert values (s.order_id, s.line_no,
						    to_char(convert_timezone('UTC', s.ordered_at), 'YYYYMMDD')::int, s.ordered_at, s.customer_id,
						    s.sku, s.quantity, s.unit_price, s.revenue, s.currency, s.order_status, getdate())""",
				"update etl_watermark set source_xmin = greatest(source_xmin, " + newWatermark
						+ "), finished_at = getdate() where job = 'sales'");
	}

	/**
	 * COPY from the files the manifest lists: gzip CSV, with the role Redshift assumes.
	 */
	public static String copy(String manifestUrl, String iamRole, String region) {
		return "copy stage_sales (" + String.join(", ", SalesCsv.COLUMNS) + ") from '" + manifestUrl + "' iam_role '"
				+ iamRole + "' region '" + region + "' manifest format as csv gzip timeformat 'auto'";
	}

	public static final String WATERMARK = "select source_xmin from etl_watermark where job = 'sales'";

	public static final String SEED_WATERMARK = "insert into etl_watermark select 'sales', 0, 0, getdate() "
			+ "where not exists (select 1 from etl_watermark where job = 'sales')";

}
