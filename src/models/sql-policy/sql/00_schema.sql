-- invlab: Katircioglu, Brown & Asghar (2007), "An SQL-based cost-effective inventory optimization
-- solution", IBM J. Res. & Dev. 51(3/4), 433-445. Steps 1-7 as PostgreSQL views, one per step.
-- Files run in name order: 00 schema, 01 helper functions, 02-09 the steps.
-- Conventions and errata (printed vs corrected): src/models/sql-policy/README.md of invlab.
--
-- Inputs. Replace these tables by views over your own ERP tables to run the method in place.
create table if not exists invlab_order_lines (
  line_no   bigint not null,            -- position in the source (first appearance orders the output)
  order_date date not null,
  sku       text   not null,
  quantity  float8 not null,            -- units > 0 (Step 1: returns are not demand)
  supplier  text                        -- optional: the key of the SKU's lead-time records
);

-- Step 2 input: one observed replenishment per row (days); a NULL component is absent (0 ± 0).
create table if not exists invlab_lead_time_records (
  lt_key text   not null,               -- SKU, supplier, or '*' for one pooled group
  opt    float8,                        -- OPT order processing time
  tlt    float8,                        -- TLT transportation time
  plt    float8,                        -- PLT supply (manufacturing) lead time
  cltr   float8                         -- CLTR customer requested lead time (objective 4)
);

-- The options of one run (exactly one row): objective, review mode, lot rule, costs, variant, k method.
create table if not exists invlab_settings (
  objective      text   not null check (objective in ('cost','profit','no-stockout','on-time-request','on-time-commit','fill-rate')),
  review         text   not null check (review in ('continuous','periodic')),
  mlt            float8,                -- MLT review period (days), periodic review
  variant        text   not null check (variant in ('printed','corrected')),
  k_method       text   not null check (k_method in ('approx','exact')),
  lot_rule       text   not null check (lot_rule in ('default','fixed','eoq','flexible')),
  lot_fixed      float8,                -- QFIX
  lot_multiple   float8,                -- QUNIT
  lot_min        float8,                -- QMIN
  lot_max        float8,                -- QMAX
  hcost          float8,                -- HCOST per unit per day
  scost          float8,                -- SCOST per unit short
  ocost          float8,                -- OCOST per order
  unit_cost      float8,                -- COST (objective 2)
  price          float8,                -- PRICE (objective 2)
  salvage        float8,                -- SVALUE (objective 2)
  price_decline  float8,                -- PDECLINE; SVALUE = PRICE - PDECLINE
  season_days    float8,                -- PDURATION (objective 2)
  season_days_sd float8,                -- SPDURATION (objective 2; 0 when NULL)
  ndays          float8,                -- NDAYS (case 1B; 365 when NULL)
  target         float8,                -- PNS, OTDR, OTDC or FRT in (0, 1) (objectives 3-6)
  cltc           float8,                -- CLTC committed lead time (objective 5)
  cltr_mean      float8,                -- CLTR given (overrides the records)
  cltr_sd        float8,
  lead_key_mode  text   not null check (lead_key_mode in ('pooled','sku','supplier','given')),
  lt_mean        float8,                -- lead time given as PLT mean/sd (lead_key_mode 'given')
  lt_sd          float8,
  window_mode    text   not null default 'calendar' check (window_mode in ('calendar','trading')),
  window_days    float8,                -- T given directly (overrides window_mode)
  skus           text[]                 -- only these SKUs (NULL: all)
);
