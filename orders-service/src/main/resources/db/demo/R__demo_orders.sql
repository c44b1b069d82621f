-- Demo orders for the local run (./polyshop up): 300 orders over the last 90 days in every
-- state, with their event history, so the warehouse load has something to work on.
-- Only the "local" profile adds classpath:db/demo to Flyway's locations. Deterministic
-- ids, so a re-run inserts nothing twice. The products are real SKUs of the catalogue's
-- demo data, with the names and prices it had when this file was written (an order keeps
-- a snapshot, so later catalogue changes do not matter).
create temporary table demo_product (n int primary key, sku text, name text, category text, price numeric(12, 2))
    on commit drop;
insert into demo_product values
    (0, 'BEAU-00003', 'Sage Hydrating Face Serum', 'beauty', 73.99),
    (1, 'BEAU-00020', 'Lumen Hydrating Moisturiser', 'beauty', 42.99),
    (2, 'BEAU-00037', 'Petal & Pine Mineral Moisturiser', 'beauty', 10.99),
    (3, 'BEAU-00054', 'Aurelle Overnight Cleanser', 'beauty', 62.99),
    (4, 'BEAU-00071', 'Sage Vitamin C Sunscreen SPF 50', 'beauty', 31.99),
    (5, 'BEAU-00088', 'Lumen Vitamin C Lip Balm', 'beauty', 82.99),
    (6, 'BOOK-00003', 'Northwind Books Illustrated Guide to Sourdough', 'books', 49.99),
    (7, 'BOOK-00020', 'Harbor Press Illustrated History of the Atlantic', 'books', 30.99),
    (8, 'BOOK-00037', 'Quill & Co Complete History of the Atlantic', 'books', 11.99),
    (9, 'BOOK-00054', 'Lantern Annotated Field Guide to Birds', 'books', 42.99),
    (10, 'BOOK-00071', 'Northwind Books Essential Poems', 'books', 23.99),
    (11, 'BOOK-00088', 'Harbor Press Essential Cookbook', 'books', 54.99),
    (12, 'ELEC-00003', 'Helix Wireless Headphones', 'electronics', 372.99),
    (13, 'ELEC-00020', 'Voltra Wireless Bluetooth Speaker', 'electronics', 208.99),
    (14, 'ELEC-00037', 'Nimbus Portable Bluetooth Speaker', 'electronics', 44.99),
    (15, 'ELEC-00054', 'Arcline Smart USB-C Charger', 'electronics', 315.99),
    (16, 'ELEC-00071', 'Helix Pro 4K Webcam', 'electronics', 151.99),
    (17, 'ELEC-00088', 'Voltra Pro Mechanical Keyboard', 'electronics', 422.99),
    (18, 'GRDN-00003', 'Trowel & Twine Heirloom Seed Collection', 'garden', 148.99),
    (19, 'GRDN-00020', 'Greenfold Heirloom Planter Box', 'garden', 83.99),
    (20, 'GRDN-00037', 'Rootstock Organic Planter Box', 'garden', 18.99),
    (21, 'GRDN-00054', 'Meadow Heavy-Duty Pruning Shears', 'garden', 125.99),
    (22, 'GRDN-00071', 'Trowel & Twine Self-Watering Hose Reel', 'garden', 61.99),
    (23, 'GRDN-00088', 'Greenfold Self-Watering Compost Bin', 'garden', 168.99),
    (24, 'GROC-00003', 'Honeycomb Single-Origin Coffee Beans 1kg', 'grocery', 40.99),
    (25, 'GROC-00020', 'Millbrook Single-Origin Olive Oil 1l', 'grocery', 22.99),
    (26, 'GROC-00037', 'Olive Grove Small-Batch Olive Oil 1l', 'grocery', 5.99),
    (27, 'GROC-00054', 'Bean & Leaf Raw Green Tea', 'grocery', 34.99),
    (28, 'GROC-00071', 'Honeycomb Stone-Ground Wildflower Honey', 'grocery', 16.99),
    (29, 'GROC-00088', 'Millbrook Stone-Ground Dark Chocolate', 'grocery', 45.99),
    (30, 'HOME-00003', 'Marlow Linen Throw Blanket', 'home', 165.99),
    (31, 'HOME-00020', 'Linden Linen Curtains', 'home', 94.99),
    (32, 'HOME-00037', 'Oak & Ash Minimalist Curtains', 'home', 24.99),
    (33, 'HOME-00054', 'Still Water Scented Candle', 'home', 141.99),
    (34, 'HOME-00071', 'Marlow Blackout Table Lamp', 'home', 70.99),
    (35, 'HOME-00088', 'Linden Blackout Cushion Cover', 'home', 187.99);

create temporary table demo_order on commit drop as
select i,
       ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid as id,
       'customer-' || lpad(((i * 7) % 60)::text, 3, '0') as customer_id,
       date_trunc('second', now()) - make_interval(days => (i * 13) % 90, hours => (i * 7) % 24, mins => (i * 11) % 60)
           as created_at,
       case when i % 20 < 3 then 'PENDING' when i % 20 < 8 then 'PAID' when i % 20 < 18 then 'SHIPPED' else 'CANCELLED' end
           as status,
       1 + i % 4 as line_count
from generate_series(1, 300) as i;

create temporary table demo_line on commit drop as
select o.id as order_id, l as line_no, p.sku, p.name, p.category, p.price as unit_price,
       1 + (o.i + l) % 3 as quantity, p.price * (1 + (o.i + l) % 3) as line_total
from demo_order o
cross join generate_series(1, 4) as l
join demo_product p on p.n = (o.i * 5 + l * 7) % 36
where l <= o.line_count;

-- Each state change happens a little after the one before, never in the future.
create temporary table demo_event on commit drop as
select o.id as order_id, e.version, e.type, e.from_status, e.to_status,
       least(o.created_at + e.after, date_trunc('second', now())) as occurred_at
from demo_order o
join lateral (
    values (0, 'ORDER_PLACED', null, 'PENDING', interval '0'),
           (1, 'ORDER_PAID', 'PENDING', 'PAID', interval '7 minutes'),
           (2, 'ORDER_SHIPPED', 'PAID', 'SHIPPED', interval '1 day 3 hours'),
           (1, 'ORDER_CANCELLED', 'PENDING', 'CANCELLED', interval '2 hours')
) as e (version, type, from_status, to_status, after)
    on e.type = 'ORDER_PLACED'
    or (e.type = 'ORDER_PAID' and o.status in ('PAID', 'SHIPPED'))
    or (e.type = 'ORDER_SHIPPED' and o.status = 'SHIPPED')
    or (e.type = 'ORDER_CANCELLED' and o.status = 'CANCELLED');

insert into orders (id, customer_id, session_id, status, currency, total, created_at, updated_at, version)
select o.id, o.customer_id, null, o.status, 'USD',
       (select sum(l.line_total) from demo_line l where l.order_id = o.id),
       o.created_at,
       (select max(e.occurred_at) from demo_event e where e.order_id = o.id),
       (select max(e.version) from demo_event e where e.order_id = o.id)
from demo_order o
on conflict (id) do nothing;

insert into order_line (order_id, line_no, sku, name, category, unit_price, quantity, line_total)
select order_id, line_no, sku, name, category, unit_price, quantity, line_total
from demo_line
on conflict (order_id, line_no) do nothing;

insert into order_event (order_id, version, type, from_status, to_status, occurred_at)
select order_id, version, type, from_status, to_status, occurred_at
from demo_event
order by occurred_at, order_id, version
on conflict (order_id, version) do nothing;
