-- The sales warehouse (PostgreSQL dialect; the Redshift DDL is db/warehouse/redshift).
-- A star: one fact row per order line, keyed by (order_id, line_no), with the order's
-- current status; small dimensions for dates and products.

create table dim_date (
    date_key    int primary key,          -- yyyymmdd
    date        date        not null unique,
    year        smallint    not null,
    quarter     smallint    not null,
    month       smallint    not null,
    day         smallint    not null,
    day_of_week smallint    not null,     -- ISO: 1 = Monday
    iso_week    smallint    not null
);

-- Type 1: the latest name and category seen in an order line's snapshot.
create table dim_product (
    sku        varchar(40)  primary key,
    name       varchar(200) not null,
    category   varchar(60)  not null,
    updated_at timestamptz  not null
);

create table fact_sales (
    order_id     uuid           not null,
    line_no      int            not null,
    date_key     int            not null references dim_date (date_key),
    ordered_at   timestamptz    not null,
    customer_id  varchar(64)    not null,
    sku          varchar(40)    not null references dim_product (sku),
    quantity     int            not null,
    unit_price   numeric(12, 2) not null,
    revenue      numeric(14, 2) not null,
    currency     char(3)        not null,
    order_status varchar(16)    not null,
    loaded_at    timestamptz    not null,
    primary key (order_id, line_no)
);

create index fact_sales_date on fact_sales (date_key);
create index fact_sales_sku on fact_sales (sku);

-- Each load fills this (after truncating it), then merges it into fact_sales.
create unlogged table stage_sales (
    order_id     uuid           not null,
    line_no      int            not null,
    ordered_at   timestamptz    not null,
    customer_id  varchar(64)    not null,
    sku          varchar(40)    not null,
    name         varchar(200)   not null,
    category     varchar(60)    not null,
    quantity     int            not null,
    unit_price   numeric(12, 2) not null,
    revenue      numeric(14, 2) not null,
    currency     char(3)        not null,
    order_status varchar(16)    not null
);

-- Where the last committed load got to in the source: the xmin of its snapshot.
create table etl_watermark (
    job          varchar(40) primary key,
    source_xmin  bigint      not null,
    rows_merged  bigint      not null,
    finished_at  timestamptz not null
);

insert into etl_watermark (job, source_xmin, rows_merged, finished_at) values ('sales', 0, 0, now());

-- What counts as a sale: an order line whose order is PAID or SHIPPED now. A later
-- cancellation updates the fact's order_status, and the line leaves these views.
create view sales_by_day as
select d.date, f.currency, count(distinct f.order_id) as orders, sum(f.quantity) as units, sum(f.revenue) as revenue
from fact_sales f
join dim_date d on d.date_key = f.date_key
where f.order_status in ('PAID', 'SHIPPED')
group by d.date, f.currency;

create view top_products as
select f.sku, p.name, p.category, f.currency, sum(f.quantity) as units, sum(f.revenue) as revenue,
       count(distinct f.order_id) as orders
from fact_sales f
join dim_product p on p.sku = f.sku
where f.order_status in ('PAID', 'SHIPPED')
group by f.sku, p.name, p.category, f.currency;
