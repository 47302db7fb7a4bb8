/**
 * The sql-policy model's objective 2 (Katircioglu, Brown & Asghar 2007, "Case 2. Maximize expected
 * profit"): one buy of Q units before a season of PDURATION days; revenue PRICE per unit sold,
 * SVALUE per unit left over, COST per unit bought:
 *   profit(Q, D) = PRICE·min(D, Q) + SVALUE·(Q − D)⁺ − COST·Q  (currency per season).
 * Season demands are drawn from the engine's daily demand process, so the model's normal
 * approximation of season demand (ADLT = AOD·PDURATION, SDLT = SOD·sqrt(PDURATION)) can be
 * checked against the true profit, and Q against the best Q found by search on the same
 * seasons (common random numbers). Pure.
 */
import { createDemandSampler, type DemandSpec } from '../../../dist/demand.ts';
import { RandomStream } from '../../../rng/stream.ts';

export interface SeasonEconomics {
  price: number;
  unitCost: number;
  salvage: number;
}

/** Season demands: `seasons` sums of `days` daily demands, from stream [seed, scenario, replication, 'demand']. */
export function seasonDemands(demand: DemandSpec, days: number, seasons: number, seed: number | string, scenario: string, replication: number): Float64Array {
  if (!(Number.isInteger(days) && days >= 1)) throw new RangeError(`season days must be an integer ≥ 1, got ${days}`);
  const sampler = createDemandSampler(demand, new RandomStream([seed, scenario, replication, 'demand']));
  const out = new Float64Array(seasons);
  for (let i = 0; i < seasons; i++) {
    let d = 0;
    for (let t = 0; t < days; t++) d += sampler.next();
    out[i] = d;
  }
  return out;
}

/** Mean profit per season of buying `q` units, over the given season demands. */
export function meanSeasonProfit(q: number, demands: Float64Array, e: SeasonEconomics): number {
  let s = 0;
  for (let i = 0; i < demands.length; i++) {
    const d = demands[i]!;
    s += e.price * Math.min(d, q) + e.salvage * Math.max(q - d, 0) - e.unitCost * q;
  }
  return s / demands.length;
}
