/**
 * Simpler plans a planner might use instead of the DP plan of Sabahno (2008):
 * equal-length cycles, one price for every cycle, a single cycle. Pure, no I/O.
 */
import { profitAtPrice, type PricingRule } from './cycle.ts';
import { goldenSectionMaximize } from '../../core/optimize.ts';
import { gridBoundaries, planProfit } from './dp.ts';
import type { DeterioratingDpParams } from './params.ts';

export interface EqualCyclesRow {
  cycles: number;
  cycleLength: number;
  totalProfit: number;
}

/** Total profit of n equal cycles of length H/n, n = 1..maxCycles, each at its own fixed-point price. */
export function equalCycles(p: DeterioratingDpParams, maxCycles: number, pricing: PricingRule = 'printed'): EqualCyclesRow[] {
  const rows: EqualCyclesRow[] = [];
  for (let n = 1; n <= maxCycles; n++) {
    const b = Array.from({ length: n + 1 }, (_, m) => (m === n ? p.horizon : (m * p.horizon) / n));
    rows.push({ cycles: n, cycleLength: p.horizon / n, totalProfit: planProfit(p, b, pricing) });
  }
  return rows;
}

/** The admissible price interval: D(s) = a − b·s in (0, P) and s ≥ 0. */
export function priceInterval(p: DeterioratingDpParams): [number, number] {
  const lo = Math.max(0, (p.demandIntercept - p.productionRate) / p.demandSlope);
  const hi = p.demandIntercept / p.demandSlope;
  return [lo, hi];
}

export interface FixedPriceDp {
  price: number;
  totalProfit: number;
  boundaries: number[];
}

/** The forward DP of Section III when every cycle must sell at the same price s (j from eq. 4 at that price). */
export function dpAtPrice(p: DeterioratingDpParams, price: number, boundaries: readonly number[]): FixedPriceDp {
  const n = boundaries.length - 1;
  const tp = new Float64Array(n + 1).fill(-Infinity);
  const pred = new Int32Array(n + 1).fill(-1);
  tp[0] = 0;
  for (let k = 1; k <= n; k++) {
    for (let i = 0; i < k; i++) {
      const v = tp[i]! + profitAtPrice(p, boundaries[i]!, boundaries[k]!, price);
      if (tp[k]! < v) {
        tp[k] = v;
        pred[k] = i;
      }
    }
  }
  const bs: number[] = [];
  for (let k = n; k > 0; k = pred[k]!) bs.push(boundaries[k]!);
  bs.push(0);
  return { price, totalProfit: tp[n]!, boundaries: bs.reverse() };
}

/**
 * The best plan with one price for every cycle: a scan of `scanPoints` prices over the admissible
 * interval, then golden-section search around the best scan point (the DP at a fixed price inside).
 */
export function bestSinglePrice(p: DeterioratingDpParams, step = 1, scanPoints = 60): FixedPriceDp {
  const b = gridBoundaries(p.horizon, step);
  const [lo, hi] = priceInterval(p);
  const eps = 1e-9 * (hi - lo);
  const f = (s: number) => dpAtPrice(p, s, b).totalProfit;
  let bestS = lo + eps;
  let bestV = -Infinity;
  const h = (hi - lo - 2 * eps) / scanPoints;
  for (let q = 0; q <= scanPoints; q++) {
    const s = lo + eps + q * h;
    const v = f(s);
    if (v > bestV) {
      bestV = v;
      bestS = s;
    }
  }
  const s = goldenSectionMaximize(f, Math.max(lo + eps, bestS - h), Math.min(hi - eps, bestS + h), 1e-9);
  return dpAtPrice(p, s, b);
}
