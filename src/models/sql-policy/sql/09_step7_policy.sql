-- Step 7 (policy): SS = k SDLT, ROP = ADLT + SS, MAX = ROP + LOT; one row per SKU in order of
-- first appearance in the order lines, with every intermediate of Steps 1-6.
create or replace view invlab_policy as
select sku, n, t, toq, toqs, aoq, soq, oar, aod, sod, sod_printed, sod_corrected,
       opt, sopt, tlt, stlt, plt, splt, cltr, scltr, cltc, mlt,
       pvalue, rlt_unclamped, rlt, srlt, adlt, sdlt, lot_base, lot, gvalue, k_approx, k_exact, k,
       k * sdlt as ss, adlt + k * sdlt as rop, (adlt + k * sdlt) + lot as max
from invlab_step6_k
order by first_line;
