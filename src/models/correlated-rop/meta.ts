/**
 * What the correlated-rop model is, as data: id, title, citation and the documentation of every
 * parameter of a solve (name in CorrelatedRopInput, the paper's symbol, unit, meaning). The CLI
 * lists the model from this; solve.ts and formulas.ts validate the values.
 */

import type { ModelMeta, ParamDoc, SolveOptionDoc } from '../meta.ts';

export type { ParamDoc } from '../meta.ts';

export const CORRELATED_ROP_CITATION =
  'Izar Landeta, J. M., Ynzunza Cortés, C. B., & Zermeño Pérez, E. (2015). Cálculo del punto de reorden cuando el tiempo de entrega y la demanda están correlacionados. Contaduría y Administración, 60(4), 864-873; after Wang, P., Zinn, W., & Croxton, K. L. (2010). Sizing inventory when lead time and demand are correlated. Production and Operations Management, 19(4), 480-484.';

export const correlatedRopMeta = {
  id: 'correlated-rop',
  title: 'Reorder point when lead time and daily demand are correlated (traditional vs Wang–Zinn–Croxton; Izar Landeta, Ynzunza Cortés & Zermeño Pérez 2015)',
  authors: 'Izar Landeta, Ynzunza Cortés & Zermeño Pérez',
  year: 2015,
  citation: CORRELATED_ROP_CITATION,
  params: [
    { name: 'meanDailyDemand', symbol: 'μd', unit: 'units per day', description: 'mean daily demand; > 0' },
    { name: 'sdDailyDemand', symbol: 'σd', unit: 'units per day', description: 'standard deviation of daily demand; > 0' },
    { name: 'meanLeadTime', symbol: 'μt', unit: 'days', description: 'mean lead time; > 0' },
    { name: 'sdLeadTime', symbol: 'σt', unit: 'days', description: 'standard deviation of lead time; > 0' },
    { name: 'correlation', symbol: 'ρ', unit: '—', description: 'correlation of lead time with daily demand (eqs. 6–7), in [−1, 1]; with correlationKind "cycleAverage", the correlation with the average daily demand of each cycle (the paper’s Table 3), converted to the daily one' },
    { name: 'correlationKind', symbol: '—', unit: '—', description: "'daily' (default) or 'cycleAverage'" },
    { name: 'meanReciprocalLeadTime', symbol: 'E[1/L]', unit: '1/days', description: "mean reciprocal lead time, needed to convert a 'cycleAverage' correlation; > 0" },
    { name: 'serviceLevel', symbol: 'P(z)', unit: 'probability', description: 'target probability of no stock-out per replenishment cycle, strictly between 0 and 1 (give this or costs)' },
    { name: 'costs.shortageCost', symbol: 'Cf', unit: 'currency per stock-out', description: 'cost of a replenishment cycle with a shortage (eq. 3); > 0' },
    { name: 'costs.holdingCost', symbol: 'Cm', unit: 'currency per unit per year', description: 'holding cost (eq. 3); > 0' },
    { name: 'costs.annualDemand', symbol: 'D', unit: 'units per year', description: 'annual demand (eq. 3); > 0' },
    { name: 'costs.orderQuantity', symbol: 'Q', unit: 'units per order', description: 'order quantity (eq. 3); > 0' },
  ] as const satisfies readonly ParamDoc[],
  solveOptions: [
    { name: 'pairs', arg: 'file', type: 'file', format: 'pairs-csv', description: 'CSV of paired observations: lead_time + average_daily_demand (or lead_time_demand) per cycle, or cycle + lead_time + demand per day; ρ and the moments are estimated from it' },
    { name: 'service-level', arg: 'P', type: 'number', mustBe: 'a number strictly between 0 and 1', excludes: { keys: ['serviceLevel', 'costs'], what: 'the service level' }, description: 'target probability of no stock-out per cycle, 0 < P < 1 (instead of serviceLevel/costs in --params)' },
  ] as const satisfies readonly SolveOptionDoc[],
} as const satisfies ModelMeta;
