-- invlab's embedded engine (PGlite), run AFTER 00_schema.sql .. 09_step7_policy.sql: the data
-- window of Step 1 (02_step1_demand.sql) with the distinct order dates counted over the packed
-- table (packed-order-lines.sql). Same columns, so the step views over it are unchanged; the
-- count still runs only when a run reads it (window_mode 'trading').
create or replace view invlab_order_window as
select (select (max(last_date) - min(first_date) + 1)::float8 from invlab_order_sums) as calendar_days,
       (select count(distinct d)::float8 from invlab_order_lines_packed cross join lateral unnest(dates) as d) as trading_days;
