-- invlab's embedded engine (PGlite): the order lines loaded PACKED, one row per SKU holding the
-- arrays of its order dates and quantities (in line order), by one binary COPY. This file runs
-- BEFORE 00_schema.sql .. 09_step7_policy.sql and defines the two materialized views of Step 1
-- (02_step1_demand.sql) over the packed table; 02's own definitions (over invlab_order_lines,
-- one row per line, the form a DBA loads or maps to the ERP's table) then find them and are
-- skipped ("if not exists"). Everything downstream (Steps 1-7) is the same SQL.
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

-- Step 1 sums per SKU (as 02_step1_demand.sql): N, TOQ = sum of quantities, TOQS = sum of squares.
create materialized view if not exists invlab_order_sums as
select p.sku, p.first_line, u.n, u.toq, u.toqs, p.supplier
from invlab_order_lines_packed p
cross join lateral (select count(*)::float8 as n, sum(q) as toq, sum(q * q) as toqs from unnest(p.quantities) as q) u
with no data;

-- The data window (as 02_step1_demand.sql): calendar days first to last date, and distinct dates.
create materialized view if not exists invlab_order_window as
select (max(d) - min(d) + 1)::float8 as calendar_days, count(*)::float8 as trading_days
from (select d from invlab_order_lines_packed cross join lateral unnest(dates) as d group by d) x
with no data;
