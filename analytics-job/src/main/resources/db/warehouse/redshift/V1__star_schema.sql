-- The sales warehouse on Redshift (Serverless). Same star as the PostgreSQL dialect;
-- distribution and sort keys chosen for the two reports:
--   fact_sales: DISTKEY(order_id) spreads lines evenly and keeps an order's lines on one
--   slice; SORTKEY(date_key) lets sales-by-day and date-range scans skip blocks.
--   Dimensions are small: DISTSTYLE ALL puts a copy on every node, so joins never move data.
create table if not exists dim_date (
    date_key    int      not null primary key,
    date        date     not null,
    year        smallint not null,
    quarter     smallint not null,
    month       smallint not null,
    day         smallint not null,
    day_of_week smallint not null,
    iso_week    smallint not null
) diststyle all sortkey (date_key);

create table if not exists dim_product (
    sku        varchar(40)  not null primary key,
    name       varchar(200) not null,
    category   varchar(60)  not null,
    updated_at timestamptz  not null
) diststyle all sortkey (sku);

create table if not exists fact_sales (
    order_id     char(36)       not null,
    line_no      int            not null,
    date_key     int            not null,
    ordered_at   timestamptz    not null,
    customer_id  varchar(64)    not null,
    sku          varchar(40)    not null,
    quantity     int            not null,
    unit_price   decimal(12, 2) not null,
    revenue      decimal(14, 2) not null,
    currency     char(3)        not null,
    order_status varchar(16)    not null,
    loaded_at    timestamptz    not null,
    primary key (order_id, line_no)
) distkey (order_id) compound sortkey (date_key, sku);

create table if not exists etl_watermark (
    job         varchar(40) not null primary key,
    source_xmin bigint      not null,
    rows_merged bigint      not null,
    finished_at timestamptz not null
) diststyle all;

create or replace view sales_by_day as
select d.date, f.currency, count(distinct f.order_id) as orders, sum(f.quantity) as units, sum(f.revenue) as revenue
from fact_sales f join dim_date d on d.date_key = f.date_key
where f.order_status in ('PAID', 'SHIPPED')
group by d.date, f.currency;

create or replace view top_products as
select f.sku, p.name, p.category, f.currency, sum(f.quantity) as units, sum(f.revenue) as revenue,
       count(distinct f.order_id) as orders
from fact_sales f join dim_product p on p.sku = f.sku
where f.order_status in ('PAID', 'SHIPPED')
group by f.sku, p.name, p.category, f.currency;
