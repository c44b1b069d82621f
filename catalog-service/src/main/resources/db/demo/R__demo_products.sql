-- Demo catalogue for the local run (./polyshop up): 1,200 products in 12 categories.
-- Only the "local" profile adds classpath:db/demo to Flyway's locations; tests and AWS
-- never load it. Deterministic, so every laptop sees the same SKUs; idempotent, so a
-- re-run changes nothing.
with category (slug, code, brands, adjectives, nouns, min_price, max_price, attribute, attribute_values) as (
    values
    ('electronics', 'ELEC', array['Voltra', 'Nimbus', 'Arcline', 'Helix'],
        array['Wireless', 'Compact', 'Pro', 'Smart', 'Portable'],
        array['Headphones', 'Bluetooth Speaker', 'USB-C Charger', '4K Webcam', 'Mechanical Keyboard'], 14.0, 449.0,
        'color', array['black', 'silver', 'white']),
    ('books', 'BOOK', array['Harbor Press', 'Quill & Co', 'Lantern', 'Northwind Books'],
        array['Illustrated', 'Collected', 'Essential', 'Annotated', 'Complete'],
        array['Guide to Sourdough', 'History of the Atlantic', 'Field Guide to Birds', 'Poems', 'Cookbook'], 9.0, 59.0,
        'format', array['hardcover', 'paperback', 'ebook']),
    ('kitchen', 'KTCH', array['Copperline', 'Hearth', 'Saltbox', 'Fennel'],
        array['Cast-Iron', 'Non-Stick', 'Stainless', 'Enamelled', 'Ceramic'],
        array['Skillet', 'Dutch Oven', 'Saucepan', 'Knife Set', 'Mixing Bowls'], 12.0, 329.0,
        'material', array['steel', 'iron', 'ceramic']),
    ('outdoor', 'OUTD', array['Ridgeway', 'Alpenglow', 'Timberline', 'Cairn'],
        array['Ultralight', 'Waterproof', 'Insulated', 'Packable', 'Four-Season'],
        array['Tent', 'Sleeping Bag', 'Daypack', 'Trekking Poles', 'Headlamp'], 19.0, 599.0,
        'season', array['3-season', '4-season', 'summer']),
    ('toys', 'TOYS', array['Brightbox', 'Pocket Giant', 'Tinker', 'Moonbeam'],
        array['Wooden', 'Magnetic', 'Glow-in-the-Dark', 'Deluxe', 'Junior'],
        array['Building Blocks', 'Puzzle', 'Train Set', 'Science Kit', 'Board Game'], 8.0, 129.0,
        'age', array['3+', '6+', '10+']),
    ('beauty', 'BEAU', array['Lumen', 'Petal & Pine', 'Aurelle', 'Sage'],
        array['Hydrating', 'Fragrance-Free', 'Vitamin C', 'Overnight', 'Mineral'],
        array['Face Serum', 'Moisturiser', 'Cleanser', 'Sunscreen SPF 50', 'Lip Balm'], 6.0, 89.0,
        'skin', array['dry', 'oily', 'all']),
    ('sports', 'SPRT', array['Stride', 'Apex', 'Kinetic', 'Blue Lane'],
        array['Adjustable', 'Competition', 'Training', 'Lightweight', 'Reinforced'],
        array['Dumbbells', 'Yoga Mat', 'Running Shoes', 'Tennis Racket', 'Jump Rope'], 9.0, 249.0,
        'size', array['S', 'M', 'L']),
    ('home', 'HOME', array['Linden', 'Oak & Ash', 'Still Water', 'Marlow'],
        array['Linen', 'Handwoven', 'Blackout', 'Scented', 'Minimalist'],
        array['Throw Blanket', 'Curtains', 'Candle', 'Table Lamp', 'Cushion Cover'], 11.0, 199.0,
        'color', array['sand', 'slate', 'ivory']),
    ('garden', 'GRDN', array['Greenfold', 'Rootstock', 'Meadow', 'Trowel & Twine'],
        array['Heirloom', 'Raised', 'Self-Watering', 'Heavy-Duty', 'Organic'],
        array['Seed Collection', 'Planter Box', 'Pruning Shears', 'Hose Reel', 'Compost Bin'], 7.0, 179.0,
        'climate', array['temperate', 'dry', 'humid']),
    ('pets', 'PETS', array['Furlough', 'Good Boy Co', 'Whisker', 'Pawprint'],
        array['Orthopedic', 'Chew-Proof', 'Grain-Free', 'Reflective', 'Calming'],
        array['Dog Bed', 'Cat Tree', 'Dog Food 12kg', 'Leash', 'Chew Toy'], 5.0, 159.0,
        'pet', array['dog', 'cat', 'any']),
    ('office', 'OFFC', array['Ledger', 'Paperfield', 'Deskwise', 'Inkwell'],
        array['Ergonomic', 'Refillable', 'Recycled', 'Standing', 'Dotted'],
        array['Notebook', 'Desk Chair', 'Fountain Pen', 'Monitor Arm', 'Desk Organizer'], 4.0, 499.0,
        'color', array['black', 'navy', 'kraft']),
    ('grocery', 'GROC', array['Millbrook', 'Olive Grove', 'Bean & Leaf', 'Honeycomb'],
        array['Single-Origin', 'Cold-Pressed', 'Stone-Ground', 'Raw', 'Small-Batch'],
        array['Coffee Beans 1kg', 'Olive Oil 1l', 'Green Tea', 'Wildflower Honey', 'Dark Chocolate'], 3.0, 49.0,
        'origin', array['Italy', 'Colombia', 'Japan'])
)
insert into product (sku, name, description, category, price, currency, attributes, active, created_at, updated_at)
select c.code || '-' || lpad(i::text, 5, '0'),
       -- 4 brands x 5 adjectives x 5 nouns: each i in 0..99 names a different product.
       c.brands[1 + i % 4] || ' ' || c.adjectives[1 + (i / 4) % 5] || ' ' || c.nouns[1 + (i / 20) % 5],
       'The ' || lower(c.adjectives[1 + (i / 4) % 5]) || ' ' || lower(c.nouns[1 + (i / 20) % 5])
           || ' from ' || c.brands[1 + i % 4] || '.',
       c.slug,
       -- Spread prices over the category's range, ending in .99 like real shelf prices.
       greatest(floor(c.min_price + (c.max_price - c.min_price) * ((i * 7919 + ascii(c.code)) % 1000) / 1000.0) - 0.01, 0.99),
       'USD',
       jsonb_build_object(c.attribute, c.attribute_values[1 + i % 3]),
       -- A few discontinued products, so the inactive path has something to show.
       i % 50 <> 49,
       now() - make_interval(days => (i * 37) % 365),
       now() - make_interval(days => (i * 11) % 30)
from category c
cross join generate_series(0, 99) as i
on conflict (sku) do nothing;
