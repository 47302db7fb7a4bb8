-- invlab's embedded engine (PGlite): the order lines loaded PACKED, one row per SKU holding the
-- arrays of its order dates and quantities (in line order), by one binary COPY. This file runs
-- BEFORE 00_schema.sql .. 09_step7_policy.sql and defines Step 1's materialized view of the sums
-- (02_step1_demand.sql) over the packed table; 02's own definition (over invlab_order_lines,
-- one row per line, the form a DBA loads or maps to the ERP's table) then finds it and is
-- skipped ("if not exists"). packed-trading-days.sql runs AFTER them and points the count of
-- distinct order dates at the packed table. Everything downstream (Steps 1-7) is the same SQL.
-- Why: WebAssembly PostgreSQL spends most of a 10^6-line load on per-row tuple work (parsing,
-- heap and WAL writes, then a hash aggregate keyed by SKU text); 1,000 rows of arrays carry the
-- same lines with a fraction of that work, and the sums are still computed here, in SQL.
create unlogged table if not exists invlab_order_lines_packed (
  sku        text     not null,
  supplier   text,
  first_line bigint   not null,   -- position of the SKU's first line in the source
  dates      date[]   not null,   -- order date of each line
  quantities float8[] not null    -- quantity of each line (units > 0)
);
-- unlogged (the embedded database lives in memory for one run) and no compression of the arrays
-- (they are read once, right after the load)
alter table invlab_order_lines_packed alter column dates set storage external;
alter table invlab_order_lines_packed alter column quantities set storage external;

-- Step 1 sums per SKU (as 02_step1_demand.sql): N (the number of lines), TOQ = sum of quantities,
-- TOQS = sum of squares, in line order, and the first and last order date; one pass over both
-- arrays (two unnest calls in a select list step through arrays of equal length together; this
-- form streams the elements, where unnest(a, b) in FROM first copies them into a tuplestore, and
-- runs about twice as fast on PGlite).
create materialized view if not exists invlab_order_sums as
select p.sku, p.first_line, cardinality(p.quantities)::float8 as n, u.toq, u.toqs, p.supplier, u.first_date, u.last_date
from invlab_order_lines_packed p
cross join lateral (select sum(q) as toq, sum(q * q) as toqs, min(d) as first_date, max(d) as last_date
                    from (select unnest(p.quantities) as q, unnest(p.dates) as d) x) u
with no data;
