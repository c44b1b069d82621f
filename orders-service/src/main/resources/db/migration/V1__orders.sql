-- Orders. Money is numeric with an ISO 4217 currency, never a float; time is timestamptz
-- (UTC). version drives optimistic locking: every state change bumps it.
create table orders (
    id          uuid           primary key,
    customer_id varchar(64)    not null,
    session_id  varchar(64),
    status      varchar(16)    not null check (status in ('PENDING', 'PAID', 'SHIPPED', 'CANCELLED')),
    currency    char(3)        not null,
    total       numeric(14, 2) not null check (total >= 0),
    created_at  timestamptz    not null,
    updated_at  timestamptz    not null,
    version     bigint         not null default 0
);

-- Keyset pagination, newest first: (created_at, id) is unique, so a cursor never skips
-- or repeats a row. One index per filter the listing offers.
create index orders_created on orders (created_at desc, id desc);
create index orders_customer_created on orders (customer_id, created_at desc, id desc);
create index orders_status_created on orders (status, created_at desc, id desc);

-- One row per line, with a snapshot of what the catalogue said at order time: later
-- price or name changes never rewrite an order.
create table order_line (
    order_id   uuid           not null references orders (id),
    line_no    int            not null check (line_no >= 1),
    sku        varchar(40)    not null,
    name       varchar(200)   not null,
    category   varchar(60)    not null,
    unit_price numeric(12, 2) not null check (unit_price >= 0),
    quantity   int            not null check (quantity between 1 and 999),
    line_total numeric(14, 2) not null check (line_total >= 0),
    primary key (order_id, line_no)
);

-- Every state change, in order, forever: the audit trail and the source the warehouse
-- loads from. Append-only is enforced by the database, not by convention.
create table order_event (
    id          bigint generated always as identity primary key,
    order_id    uuid        not null references orders (id),
    version     bigint      not null,
    type        varchar(32) not null,
    from_status varchar(16),
    to_status   varchar(16) not null,
    occurred_at timestamptz not null,
    unique (order_id, version)
);

create function order_event_is_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'order_event is append-only: % is not allowed', tg_op
        using errcode = 'restrict_violation';
end
$$;

create trigger order_event_append_only
    before update or delete or truncate on order_event
    for each statement execute function order_event_is_append_only();

-- Idempotency keys for POST /orders. A key is claimed (IN_PROGRESS) in its own committed
-- transaction before any work starts, so concurrent retries see it at once; it is
-- completed in the same transaction as the order it created, with the exact response
-- bytes to replay.
create table idempotency_key (
    key             varchar(255) primary key,
    fingerprint     char(64)     not null,
    status          varchar(16)  not null check (status in ('IN_PROGRESS', 'COMPLETED')),
    locked_at       timestamptz  not null,
    response_status int,
    response_body   text,
    location        varchar(255),
    order_id        uuid references orders (id),
    created_at      timestamptz  not null,
    completed_at    timestamptz,
    expires_at      timestamptz  not null
);

create index idempotency_key_expires on idempotency_key (expires_at);
