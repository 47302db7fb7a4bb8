-- Step 2 (lead-time statistics): per group and component (OPT, TLT, PLT, CLTR) the mean and the
-- sample sd over K >= 2 observations, sqrt((sum x^2 - K mean^2)/(K - 1)) (the print's
-- "TLTS = K TLT^2" is read as "TLTS - K TLT^2"). A component with no observations is 0 +- 0.
create or replace function invlab_sample_sd(k float8, s float8, s2 float8) returns float8 language sql immutable as $$
  select sqrt(greatest(0, (s2 - k * (s / k) * (s / k)) / (k - 1)))
$$;

create or replace view invlab_step2_groups as
select lt_key,
       count(opt)::float8 as k_opt,  coalesce(sum(opt) / nullif(count(opt), 0), 0) as opt,   coalesce(invlab_sample_sd(nullif(count(opt), 0), sum(opt), sum(opt * opt)), 0) as sopt,
       count(tlt)::float8 as k_tlt,  coalesce(sum(tlt) / nullif(count(tlt), 0), 0) as tlt,   coalesce(invlab_sample_sd(nullif(count(tlt), 0), sum(tlt), sum(tlt * tlt)), 0) as stlt,
       count(plt)::float8 as k_plt,  coalesce(sum(plt) / nullif(count(plt), 0), 0) as plt,   coalesce(invlab_sample_sd(nullif(count(plt), 0), sum(plt), sum(plt * plt)), 0) as splt,
       count(cltr)::float8 as k_cltr, coalesce(sum(cltr) / nullif(count(cltr), 0), 0) as cltr, coalesce(invlab_sample_sd(nullif(count(cltr), 0), sum(cltr), sum(cltr * cltr)), 0) as scltr
from invlab_lead_time_records
group by lt_key;

-- Each SKU's lead times: its group (pooled '*', by SKU, or by the SKU's supplier), or the
-- lead time given in the settings (as PLT); a given CLTR overrides the records'.
create or replace view invlab_step2_lead_times as
with keyed as (
  select d.sku, case s.lead_key_mode when 'pooled' then '*' when 'sku' then d.sku when 'supplier' then d.supplier end as lt_key
  from invlab_step1_sums d cross join invlab_settings s
), joined as (
  select k.sku, k.lt_key as wanted_key, s.lead_key_mode, s.lt_mean, s.lt_sd, s.cltr_mean, s.cltr_sd, g.*
  from keyed k cross join invlab_settings s left join invlab_step2_groups g on g.lt_key = k.lt_key
)
select j.sku,
       case when j.lead_key_mode = 'given' then 0::float8
            when j.k_opt is null then invlab_fail(format('invlab_lead_time_records: no lead-time records for SKU %L (key %L)', j.sku, j.wanted_key))
            when j.k_opt = 1 or j.k_tlt = 1 or j.k_plt = 1 or j.k_cltr = 1 then invlab_fail(format('invlab_lead_time_records: key %L has 1 observation of a component; at least 2 are needed for a standard deviation (Step 2)', j.wanted_key))
            else j.opt end as opt,
       case when j.lead_key_mode = 'given' then 0 else j.sopt end as sopt,
       case when j.lead_key_mode = 'given' then 0 else j.tlt end as tlt,
       case when j.lead_key_mode = 'given' then 0 else j.stlt end as stlt,
       case when j.lead_key_mode = 'given' then j.lt_mean else j.plt end as plt,
       case when j.lead_key_mode = 'given' then coalesce(j.lt_sd, 0) else j.splt end as splt,
       case when j.cltr_mean is not null then j.cltr_mean when j.lead_key_mode = 'given' then 0 else j.cltr end as cltr,
       case when j.cltr_mean is not null then coalesce(j.cltr_sd, 0) when j.lead_key_mode = 'given' then 0 else j.scltr end as scltr
from joined j;
