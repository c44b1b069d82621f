-- What fact_sales paid on every load and gave nothing for. Merging 1,000,000 order lines
-- took 10 s; the two foreign keys took 6 s of it and the two secondary indexes 2 s
-- (docs/benchmarks.md). The Redshift schema never had either.
--
-- Foreign keys, checked row by row: each load upserts dim_date and dim_product from the
-- staged rows before it merges the facts, in one transaction, so no fact can lack its
-- dimension rows. SalesLoadTests checks this after every load.
alter table fact_sales drop constraint fact_sales_date_key_fkey;
alter table fact_sales drop constraint fact_sales_sku_fkey;

-- Indexes on date_key and sku: sales_by_day and top_products aggregate every row, and
-- no query of the job or its report selects a few rows by date or SKU. The primary key
-- stays: the merge matches on it.
drop index fact_sales_date;
drop index fact_sales_sku;
