-- Step 4 (lead-time demand): ADLT = AOD RLT, SDLT = sqrt(SRLT^2 AOD^2 + SOD^2 RLT),
-- with SOD printed or corrected (Step 1, README "Errata and readings").
create or replace view invlab_step4_lead_time_demand as
with d as (
  select x.*, l.opt, l.sopt, l.tlt, l.stlt, l.plt, l.splt, l.cltr, l.scltr, l.mlt, l.cltc,
         l.rlt_unclamped, l.rlt, l.srlt, l.lot_lead_time,
         case when s.variant = 'printed' then x.sod_printed else x.sod_corrected end as sod
  from invlab_step1_demand x join invlab_step3_lead_time l using (sku) cross join invlab_settings s
)
select d.*, d.aod * d.rlt as adlt, sqrt(d.srlt * d.srlt * d.aod * d.aod + d.sod * d.sod * d.rlt) as sdlt
from d;
