/**
 * What the deteriorating-dp model is: id, title, citation and its parameters documented as data
 * (name, the paper's symbol, unit, description). The CLI lists these; params.ts validates them.
 */

import type { ModelMeta, ParamDoc, SolveOptionDoc } from '../meta.ts';

export type { ParamDoc } from '../meta.ts';

export const DETERIORATING_DP_CITATION =
  'Sabahno, H. (2008). Optimal policy for a deteriorating inventory model with finite replenishment rate and with price dependant demand rate and cycle length dependant price. Vol. 2, No. 8 (2008) (the journal name is not printed in the text).';

export const deterioratingDpMeta = {
  id: 'deteriorating-dp',
  title: 'Deteriorating item, price-dependent demand, finite production rate: DP over unequal cycles (Sabahno 2008)',
  authors: 'Sabahno',
  year: 2008,
  citation: DETERIORATING_DP_CITATION,
  params: [
    { name: 'demandIntercept', symbol: 'a', unit: 'units per time', description: 'intercept of the demand rate D(s) = a − b·s; > 0' },
    { name: 'demandSlope', symbol: 'b', unit: 'units per time per currency', description: 'slope of the demand rate D(s) = a − b·s; > 0 (the paper: "a and b are both positive constants")' },
    { name: 'netDiscountRate', symbol: 'R', unit: 'per time', description: 'net discount rate R = r − m (discount rate minus inflation rate); ≥ 0' },
    { name: 'deteriorationRate', symbol: 'λ', unit: 'per time', description: 'exponential deterioration rate of stock; ≥ 0 (λ = 0: no deterioration, the limit λ → 0)' },
    { name: 'holdingCost', symbol: 'h', unit: 'currency per unit per time', description: 'holding cost of a good unit at time zero; ≥ 0' },
    { name: 'unitCost', symbol: 'c', unit: 'currency per unit', description: 'unit purchase (production) cost at time zero; ≥ 0' },
    { name: 'orderingCost', symbol: 'A', unit: 'currency per cycle', description: 'ordering (set-up) cost per cycle at time zero; ≥ 0' },
    { name: 'horizon', symbol: 'H', unit: 'time', description: 'planning horizon; > 0' },
    { name: 'productionRate', symbol: 'P', unit: 'units per time', description: 'finite production (replenishment) rate; > 0, and P > D(s) at every cycle’s price (checked per cycle)' },
    { name: 'leadTime', symbol: 'L', unit: 'time', description: 'constant lead time (the paper’s Lt); ≥ 0' },
  ] as const satisfies readonly ParamDoc[],
  solveOptions: [
    { name: 'step', arg: 'size', type: 'positive', mustBe: 'a number > 0', default: '1', description: 'grid step of the cycle boundaries (H/step must be whole)' },
    { name: 'pricing', arg: 'rule', type: 'choice', choices: ['printed', 'optimal'], default: 'printed', description: "'printed' = rule (9) as printed (reproduces Table I); 'optimal' = the price that maximises eq. (8)" },
    { name: 'lead-time-rule', arg: 'rule', type: 'choice', choices: ['flag', 'exclude'], default: 'flag', description: "'flag' = the paper: report 'lead time not acceptable'; 'exclude' = forbid cycles shorter than L" },
  ] as const satisfies readonly SolveOptionDoc[],
} as const satisfies ModelMeta;
