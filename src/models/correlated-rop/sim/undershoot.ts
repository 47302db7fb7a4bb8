/**
 * Undershoot of the reorder point in a continuous-review (s, Q) system reviewed once per day
 * with integer daily demand (Table 1 of Izar Landeta et al. 2015): the order is triggered when the inventory
 * position first falls to s or below, at s − U. Because orders are whole lots Q, the position
 * minus s stays on a lattice of integers, and by renewal theory for a lattice random walk
 * (e.g. Feller, Vol. II, XI; Hadley & Whitin 1963 §4-9) the stationary undershoot is
 *   P(U = u) = P(D⁺ > u) / E[D⁺],  u = 0, 1, 2, …,
 * with D⁺ the positive daily demand (days of zero demand only delay the crossing), provided Q
 * is large enough that one order is outstanding at a time. Mean U = E[D⁺²]/(2E[D⁺]) − 1/2
 * (2.0625 units for Table 1). The running system's probability of no stock-out per cycle is
 * then Σ_u P(U = u)·P(X ≤ s − u), X the lead-time demand, when the trigger day's demand is
 * independent of the next lead time (true for the joint sources of engine-sources.ts).
 */
import { validateDiscrete, type DiscreteDistribution } from '../distributions.ts';
import { pmfCdf } from './gaussian-copula.ts';

/** pmf of U on 0 … max demand − 1, for integer daily demand ≥ 0 with positive mean. */
export function undershootPmf(dailyDemand: DiscreteDistribution): number[] {
  validateDiscrete(dailyDemand, 'dailyDemand');
  const { values, probabilities } = dailyDemand;
  values.forEach((v, i) => {
    if (!(Number.isInteger(v) && v >= 0)) throw new RangeError(`dailyDemand.values[${i}] must be a non-negative integer, got ${v}`);
  });
  let pPos = 0;
  let mean = 0;
  values.forEach((v, i) => {
    if (v > 0) {
      pPos += probabilities[i]!;
      mean += v * probabilities[i]!;
    }
  });
  if (!(mean > 0)) throw new RangeError('dailyDemand must have a positive mean');
  const meanPos = mean / pPos;
  const maxD = values[values.length - 1]!;
  const out: number[] = [];
  for (let u = 0; u < maxD; u++) {
    let tail = 0;
    values.forEach((v, i) => {
      if (v > u) tail += probabilities[i]!;
    });
    out.push(tail / pPos / meanPos);
  }
  return out;
}

/** Σ_u P(U = u)·P(X ≤ s − u) for a lead-time-demand pmf on 0, 1, 2, … */
export function serviceWithUndershoot(leadTimeDemandPmf: readonly number[], undershoot: readonly number[], reorderPoint: number): number {
  const F = pmfCdf(leadTimeDemandPmf);
  let s = 0;
  undershoot.forEach((pu, u) => (s += pu * F(reorderPoint - u)));
  return s;
}
