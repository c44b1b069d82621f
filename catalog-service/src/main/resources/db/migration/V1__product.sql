-- Products. Money is numeric(12,2) with an ISO 4217 currency, never a float; time is
-- timestamptz (UTC); version drives optimistic locking (If-Match) and is bumped on every write.
create table product (
    sku         varchar(40)    primary key check (sku ~ '^[A-Z0-9][A-Z0-9-]{2,39}$'),
    name        varchar(200)   not null,
    description text           not null default '',
    category    varchar(60)    not null check (category ~ '^[a-z0-9][a-z0-9-]{1,59}$'),
    price       numeric(12, 2) not null check (price >= 0),
    currency    char(3)        not null,
    attributes  jsonb          not null default '{}'::jsonb,
    active      boolean        not null default true,
    created_at  timestamptz    not null default now(),
    updated_at  timestamptz    not null default now(),
    version     bigint         not null default 0
);

-- Serves the category listing: WHERE active AND category = ? AND sku > ? ORDER BY sku LIMIT n
-- (keyset pagination walks this index; the partial predicate keeps inactive rows out of it).
create index product_active_category_sku on product (category, sku) where active;

-- Serves the unfiltered listing: WHERE active AND sku > ? ORDER BY sku LIMIT n.
create index product_active_sku on product (sku) where active;
