-- The id of the transaction that wrote each history row, for the warehouse load
-- (analytics-job): it extracts rows committed in its snapshot and keeps the snapshot's
-- xmin as its watermark, so a transaction still running during one load is picked up by
-- the next, whatever order ids or timestamps it has. xid8 is 64-bit: it never wraps.
alter table order_event add column tx_id xid8 not null default pg_current_xact_id();

create index order_event_tx_id on order_event (tx_id);
