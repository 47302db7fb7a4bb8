-- Step 3, RLT and SRLT (key parameters, cases 1-6):
-- RLT = OPT + TLT + PLT (+ MLT under periodic review), minus CLTR (case 4) or CLTC (case 5),
-- clamped at 0; SRLT = sqrt(SOPT^2 + STLT^2 + SPLT^2) (+ SCLTR^2 in case 4).
-- Case 2 (profit): RLT = PDURATION, SRLT = SPDURATION (0 when not given).
-- lot_lead_time: the RLT of the default lot AOD RLT (before subtracting a customer lead time).
create or replace view invlab_step3_lead_time as
with b as (
  select l.*, s.objective,
         l.opt + l.tlt + l.plt as supply_mean,
         l.sopt * l.sopt + l.stlt * l.stlt + l.splt * l.splt as supply_var,
         case when s.review = 'periodic' then s.mlt else 0 end as mlt,
         s.cltc, s.season_days, s.season_days_sd
  from invlab_step2_lead_times l cross join invlab_settings s
), u as (
  select b.*,
         case when b.objective = 'profit' then coalesce(b.season_days, invlab_fail('season_days (PDURATION) is required for objective 2 (profit)'))
              when not (b.supply_mean > 0) then invlab_fail(format('SKU %L: OPT + TLT + PLT must be > 0 (the paper assumes a positive replenishment lead time)', b.sku))
              when b.objective = 'on-time-request' then b.supply_mean + b.mlt - b.cltr
              when b.objective = 'on-time-commit' then b.supply_mean + b.mlt - coalesce(b.cltc, 0)
              else b.supply_mean + b.mlt end as rlt_unclamped,
         case when b.objective = 'profit' then coalesce(b.season_days_sd, 0)
              when b.objective = 'on-time-request' then sqrt(b.supply_var + b.scltr * b.scltr)
              else sqrt(b.supply_var) end as srlt
  from b
)
select u.*, case when u.rlt_unclamped < 0 then 0 else u.rlt_unclamped end as rlt,
       case when u.objective = 'profit' then u.rlt_unclamped else u.supply_mean + u.mlt end as lot_lead_time
from u;
