-- Step 5 (lot size): case 1 QFIX ('fixed') or AOD RLT ('default', the lot when none is given),
-- case 5 EOQ = sqrt(2 AOD OCOST/HCOST), or no lot ('flexible': order up to ROP, LOT = 0);
-- cases 2-4: rounded up to a multiple of QUNIT, clamped to [QMIN, QMAX].
create or replace view invlab_step5_lot as
with b as (
  select d.*,
         case s.lot_rule
           when 'fixed' then coalesce(s.lot_fixed, invlab_fail('lot_fixed (QFIX) is required for lot rule fixed'))
           when 'eoq' then sqrt((2 * d.aod * coalesce(s.ocost, invlab_fail('ocost (OCOST) is required for lot rule eoq'))) / coalesce(s.hcost, invlab_fail('hcost (HCOST) is required for lot rule eoq')))
           when 'default' then case when d.aod * d.lot_lead_time > 0 then d.aod * d.lot_lead_time else invlab_fail(format('SKU %L: the default lot AOD RLT must be > 0', d.sku)) end
           else 0 end as lot_base,
         s.lot_rule = 'flexible' as flexible
  from invlab_step4_lead_time_demand d cross join invlab_settings s
)
select b.*, case when b.flexible then 0 else invlab_round_lot(b.lot_base, s.lot_multiple, s.lot_min, s.lot_max) end as lot
from b cross join invlab_settings s;
