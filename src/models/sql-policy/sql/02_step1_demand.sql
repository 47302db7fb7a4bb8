-- Step 1 (demand statistics), per SKU over the data window of T days:
-- N order lines, TOQ = sum of quantities, TOQS = sum of squares;
-- AOQ = TOQ/N, SOQ = sqrt((TOQS - N AOQ^2)/(N - 1)), OAR = N/T, AOD = OAR AOQ,
-- SOD printed sqrt(AOD^2 + OAR SOQ^2), corrected sqrt(OAR (AOQ^2 + SOQ^2)) (compound Poisson day).
-- T is one window for all SKUs: calendar days last - first + 1 (date - date is an integer:
-- cast before dividing), or the number of distinct order dates ('trading'), or given.
-- The sums over the order lines do not depend on the settings: they are materialized once per
-- load (call invlab_refresh() after loading invlab_order_lines), so every run of the settings
-- reads 1 row per SKU instead of scanning the order lines again. Each SKU's first and last order
-- date are kept too: the calendar window is their span over all SKUs.
create materialized view if not exists invlab_order_sums as
select sku, min(line_no) as first_line, count(*)::float8 as n,
       sum(quantity) as toq, sum(quantity * quantity) as toqs, min(supplier) as supplier,
       min(order_date) as first_date, max(order_date) as last_date
from invlab_order_lines
group by sku
with no data;

-- The data window: calendar days first to last order date (from the sums), and the number of
-- distinct order dates. Two uncorrelated subqueries: PostgreSQL evaluates each only when a run
-- reads it, so the distinct dates are counted only for window_mode 'trading'.
create or replace view invlab_order_window as
select (select (max(last_date) - min(first_date) + 1)::float8 from invlab_order_sums) as calendar_days,
       (select count(distinct order_date)::float8 from invlab_order_lines) as trading_days;

create or replace function invlab_refresh() returns void language plpgsql as $$
begin
  refresh materialized view invlab_order_sums;
end $$;

create or replace view invlab_step1_window as
select coalesce(s.window_days, case when s.window_mode = 'calendar' then w.calendar_days else w.trading_days end) as t
from invlab_order_window w cross join invlab_settings s;

create or replace view invlab_step1_sums as
select o.*
from invlab_order_sums o cross join invlab_settings s
where s.skus is null or o.sku = any (s.skus);

create or replace view invlab_step1_demand as
with m as (
  select d.*, w.t, d.toq / d.n as aoq
  from invlab_step1_sums d cross join invlab_step1_window w
), sd as (
  select m.*,
         case when m.n < 2 then invlab_fail(format('invlab_order_lines: SKU %L has %s order line; at least 2 are needed for SOQ (Step 1)', m.sku, m.n))
              else sqrt(greatest(0, (m.toqs - m.n * m.aoq * m.aoq) / (m.n - 1))) end as soq,
         m.n / m.t as oar
  from m
)
select sd.*, sd.oar * sd.aoq as aod,
       sqrt((sd.oar * sd.aoq) * (sd.oar * sd.aoq) + sd.oar * sd.soq * sd.soq) as sod_printed,
       sqrt(sd.oar * (sd.aoq * sd.aoq + sd.soq * sd.soq)) as sod_corrected
from sd;
