/**
 * What the sql-policy model is, as data: its id, title, citation and the documentation of every
 * parameter (name in SqlPolicyParams, the paper's symbol, unit, meaning). The CLI lists models
 * and documents parameter files from this. Katircioglu, Brown & Asghar (2007).
 */

import type { ModelMeta, ParamDoc, SolveOptionDoc } from '../meta.ts';

export type { ParamDoc } from '../meta.ts';

export const SQL_POLICY_CITATION =
  'Katircioglu, K., Brown, T. M., & Asghar, M. (2007). An SQL-based cost-effective inventory optimization solution. IBM Journal of Research and Development, 51(3/4), 433-445. https://doi.org/10.1147/rd.513.0433';

export const sqlPolicyMeta = {
  id: 'sql-policy',
  title: 'Safety stock, reorder point and lot size from order transactions (six objectives, SQL-friendly k)',
  authors: 'Katircioglu, Brown & Asghar',
  year: 2007,
  citation: SQL_POLICY_CITATION,
  doi: '10.1147/rd.513.0433',
  params: [
    { name: 'sku', symbol: '—', unit: '—', description: 'item identifier, carried into the policy (optional)' },
    { name: 'objective', symbol: 'case 1-6', unit: '—', description: "'cost' (1, myopic holding + backlog cost), 'profit' (2, season newsvendor), 'no-stockout' (3, PNS), 'on-time-request' (4, OTDR), 'on-time-commit' (5, OTDC), 'fill-rate' (6, FRT)" },
    { name: 'target', symbol: 'TSERVICE (PNS, OTDR, OTDC, FRT)', unit: 'fraction in (0, 1)', description: 'service target of objectives 3-6 (the paper says "in percentages"; the formulas need fractions)' },
    { name: 'review', symbol: '—', unit: '—', description: "'continuous' (order any day) or 'periodic' (every MLT days)" },
    { name: 'reviewPeriod', symbol: 'MLT', unit: 'days (whole)', description: 'review period under periodic review' },
    { name: 'demand.orderRate', symbol: 'OAR', unit: 'orders per day', description: 'order arrival rate (Step 1: N/T)' },
    { name: 'demand.meanOrderSize', symbol: 'AOQ', unit: 'units per order', description: 'mean order size (Step 1: TOQ/N)' },
    { name: 'demand.sdOrderSize', symbol: 'SOQ', unit: 'units per order', description: 'sd of the order size (Step 1)' },
    { name: 'demand.meanDaily', symbol: 'AOD', unit: 'units per day', description: 'mean daily demand, instead of order statistics' },
    { name: 'demand.sdDaily', symbol: 'SOD', unit: 'units per day', description: 'sd of daily demand, instead of order statistics (used as given in both variants)' },
    { name: 'leadTime.orderProcessing', symbol: 'OPT, SOPT', unit: 'days', description: 'order processing time: {mean, sd}' },
    { name: 'leadTime.transportation', symbol: 'TLT, STLT', unit: 'days', description: 'transportation time: {mean, sd}' },
    { name: 'leadTime.supply', symbol: 'PLT, SPLT', unit: 'days', description: 'manufacturing (supply) lead time: {mean, sd}' },
    { name: 'leadTime.customerRequested', symbol: 'CLTR, SCLTR', unit: 'days', description: 'customer requested lead time (objective 4): {mean, sd}' },
    { name: 'committedLeadTime', symbol: 'CLTC', unit: 'days', description: 'lead time committed to the customer (objective 5; fixed)' },
    { name: 'costs.holding', symbol: 'HCOST', unit: 'currency per unit per day', description: 'holding cost (objective 1, EOQ)' },
    { name: 'costs.shortage', symbol: 'SCOST', unit: 'currency per unit (per day in case 1A)', description: 'shortage cost (objective 1)' },
    { name: 'costs.order', symbol: 'OCOST', unit: 'currency per order', description: 'fixed order cost (EOQ lot)' },
    { name: 'costs.unitCost', symbol: 'COST', unit: 'currency per unit', description: 'purchase or manufacturing cost (objective 2)' },
    { name: 'costs.price', symbol: 'PRICE', unit: 'currency per unit', description: 'selling price (objective 2)' },
    { name: 'costs.salvage', symbol: 'SVALUE', unit: 'currency per unit', description: 'salvage value at season end (objective 2; or give priceDecline)' },
    { name: 'costs.priceDecline', symbol: 'PDECLINE', unit: 'currency per unit', description: 'price decline over the season: SVALUE = PRICE − PDECLINE (objective 2)' },
    { name: 'seasonDuration', symbol: 'PDURATION', unit: 'days', description: 'season length (objective 2)' },
    { name: 'seasonDurationSd', symbol: 'SPDURATION', unit: 'days', description: 'sd of the season length (objective 2; undefined in the paper, default 0)' },
    { name: 'workingDaysPerYear', symbol: 'NDAYS', unit: 'days per year', description: 'working days per year (case 1B; cancels when HCOST is per day)' },
    { name: 'lot.rule', symbol: 'Step 5', unit: '—', description: "'default' (AOD·RLT), 'fixed' (QFIX), 'eoq' (sqrt(2·AOD·OCOST/HCOST)) or 'flexible' (order up to ROP)" },
    { name: 'lot.fixed', symbol: 'QFIX', unit: 'units', description: "fixed lot size (rule 'fixed')" },
    { name: 'lot.multiple', symbol: 'QUNIT', unit: 'units', description: 'every order is a whole multiple of this' },
    { name: 'lot.min', symbol: 'QMIN', unit: 'units', description: 'minimum order quantity' },
    { name: 'lot.max', symbol: 'QMAX', unit: 'units', description: 'maximum order quantity' },
    { name: 'variant', symbol: '—', unit: '—', description: "'printed' formulas, or 'corrected' (the errata of the README applied)" },
    { name: 'kMethod', symbol: 'k', unit: '—', description: "'approx' (the paper's closed forms) or 'exact' (exact inverses of Φ and of the normal loss function)" },
  ] as const satisfies readonly ParamDoc[],
  solveOptions: [
    { name: 'variant', arg: 'variant', type: 'choice', choices: ['printed', 'corrected'], param: 'variant', default: 'corrected', description: "printed formulas or corrected (overrides params.variant; default 'corrected')" },
    { name: 'k', arg: 'method', type: 'choice', choices: ['approx', 'exact'], param: 'kMethod', default: 'exact', description: "safety factor by the paper's approximation or exactly (overrides params.kMethod; default 'exact')" },
  ] as const satisfies readonly SolveOptionDoc[],
} as const satisfies ModelMeta;
