/**
 * What the stock-price-cubic model is, as data: id, title, citation and its parameters documented
 * (name in StockPriceParams, the paper's symbol, unit, meaning). The CLI lists these; params.ts
 * validates them (parameter files may use the name or the symbol).
 */

import type { ModelMeta, ParamDoc, SolveOptionDoc } from '../meta.ts';

export type { ParamDoc } from '../meta.ts';

export const STOCK_PRICE_CUBIC_CITATION =
  'Shah, A. A Discrete Inventory Model When Sale Price varies with Stock Level (no year or journal printed in the text; it cites work up to 2012). Poisson demand, price cut below k units, optimal lot from a cubic solved by Viète\'s formula.';

export const stockPriceCubicMeta = {
  id: 'stock-price-cubic',
  title: 'Discrete lot size with a price cut below k units (Poisson demand; cubic solved by Viète) and the long-run criterion',
  authors: 'Shah',
  year: null,
  citation: STOCK_PRICE_CUBIC_CITATION,
  params: [
    { name: 'orderingCost', symbol: 'C0', unit: 'currency per order', description: 'ordering cost, paid once per cycle (eq. 3.1); ≥ 0' },
    { name: 'unitCost', symbol: 'C', unit: 'currency per unit', description: 'purchase cost of one unit ("cost of inventory per unit", eq. 3.2); ≥ 0' },
    { name: 'holdingCostAboveK', symbol: 'C1', unit: 'currency per unit per time', description: 'holding cost while the stock level is above k (full price p1); ≥ 0, and > 0 to optimise' },
    { name: 'holdingCostAtOrBelowK', symbol: 'C2', unit: 'currency per unit per time', description: 'holding cost once the stock level is at or below k (reduced price p2); ≥ 0; the paper assumes C2 > C1' },
    { name: 'meanInterarrivalTime', symbol: 'theta', unit: 'time', description: 'θ, the mean customer inter-arrival TIME (not a rate): customers arrive at rate 1/θ; > 0' },
    { name: 'priceCutLevel', symbol: 'k', unit: 'units', description: 'critical stock level at and below which the price is cut; integer ≥ 0 (k = 0: no price cut)' },
  ] as const satisfies readonly ParamDoc[],
  solveOptions: [
    { name: 'criterion', arg: 'name', type: 'choice', choices: ['paper', 'long-run'], description: "'paper' = E[cost/T] (3.6) via the cubic (3.8); 'long-run' = E[cycle cost]/E[T] (renewal-reward); default: both side by side" },
    { name: 'lot', arg: 'n', type: 'int1', mustBe: 'an integer ≥ 1', description: 'also evaluate both criteria at this lot size (integer ≥ 1)' },
  ] as const satisfies readonly SolveOptionDoc[],
} as const satisfies ModelMeta;
