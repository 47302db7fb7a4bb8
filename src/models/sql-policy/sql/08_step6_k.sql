-- Step 6 (safety factor): cases 1-5 k = Phi^-1(PVALUE); case 6 k solves G(k) = GVALUE,
-- G(k) = phi(k) - k (1 - Phi(k)). Both the paper's closed forms (k_approx: SQL has no inverse
-- normal, which is why the paper gives them) and the exact inverses (k_exact, PL/pgSQL Halley /
-- Newton on an accurate Phi). GVALUE (case 6): with a lot (1 - P) LOT/SDLT; flexible lot,
-- printed (1 - P) ADLT/(RLT SDLT), corrected (1 - P) AOD R/SDLT, R = MLT (periodic) or 1 day.
-- SDLT = 0 (no uncertainty): k = 0.
create or replace view invlab_step6_k as
with g as (
  select p.*, s.k_method, s.review, s.mlt as review_period,
         case when p.sdlt = 0 or p.objective <> 'fill-rate' then null::float8
              when not p.flexible then ((1 - p.pvalue) * p.lot) / p.sdlt
              when p.variant = 'printed' then ((1 - p.pvalue) * p.adlt) / (p.rlt * p.sdlt)
              else ((1 - p.pvalue) * p.aod * (case when s.review = 'periodic' then s.mlt else 1 end)) / p.sdlt end as gvalue
  from invlab_step3_pvalue p cross join invlab_settings s
), k as materialized (
  -- materialized: k_exact is read by the column k too, and Step 7 reads k three times; without
  -- it the planner copies the expressions and runs the root finders once per reference
  select g.*,
         case when g.sdlt = 0 then 0::float8 when g.objective = 'fill-rate' then invlab_k_loss_approx(g.gvalue) else invlab_k_normal_approx(g.pvalue) end as k_approx,
         case when g.sdlt = 0 then 0::float8 when g.objective = 'fill-rate' then invlab_normal_loss_inverse(g.gvalue) else invlab_normal_quantile(g.pvalue) end as k_exact
  from g
)
select k.*, case when k.k_method = 'approx' then k.k_approx else k.k_exact end as k
from k;
