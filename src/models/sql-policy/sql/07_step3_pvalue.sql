-- Step 3, PVALUE (key parameters):
-- case 1A (cost, flexible lot) SCOST/(SCOST + HCOST);
-- case 1B (cost, a lot exists) r = LOT HCOST NDAYS/(AOD NDAYS SCOST): printed r, corrected 1 - r
--   (r is the Hadley-Whitin stock-out probability per cycle; README "Errata and readings");
-- case 2 (profit) (PRICE - COST)/(PRICE - SVALUE), SVALUE = PRICE - PDECLINE when not given;
-- cases 3-6 the service target PNS, OTDR, OTDC, FRT.
create or replace view invlab_step3_pvalue as
with c as (
  select l.*, s.objective, s.variant, s.target,
         case when s.objective = 'cost' then coalesce(s.hcost, invlab_fail('hcost (HCOST) is required for objective 1 (cost)')) end as h,
         case when s.objective = 'cost' then coalesce(s.scost, invlab_fail('scost (SCOST) is required for objective 1 (cost)')) end as sc,
         coalesce(s.ndays, 365) as ndays,
         s.price, s.unit_cost, coalesce(s.salvage, s.price - s.price_decline) as salvage
  from invlab_step5_lot l cross join invlab_settings s
), r as (
  select c.*,
         case when c.objective = 'cost' and c.flexible then c.sc / (c.sc + c.h)
              when c.objective = 'cost' then
                case when c.variant = 'printed' then (c.lot * c.h * c.ndays) / (c.aod * c.ndays * c.sc)
                     else 1 - (c.lot * c.h * c.ndays) / (c.aod * c.ndays * c.sc) end
              when c.objective = 'profit' then (c.price - c.unit_cost) / (c.price - c.salvage)
              else c.target end as p_raw
  from c
)
select r.*,
       case when r.p_raw > 0 and r.p_raw < 1 then r.p_raw
            when r.objective = 'cost' then invlab_fail(format('SKU %L: case 1B: LOT HCOST/(AOD SCOST) = %s must be in (0, 1) (raise SCOST or lower the lot)', r.sku, (r.lot * r.h) / (r.aod * r.sc)))
            when r.objective = 'profit' then invlab_fail(format('case 2: (PRICE - COST)/(PRICE - SVALUE) = %s must be in (0, 1) (needs SVALUE < COST < PRICE)', r.p_raw))
            else invlab_fail(format('target must be in (0, 1) (a fraction, not a percentage), got %s', r.p_raw)) end as pvalue
from r;
