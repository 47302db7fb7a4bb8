/**
 * The forward dynamic program of Sabahno (2008), Section III, over a grid of cycle boundaries,
 * its plan reconstruction (Step 4), a brute force over every partition, and the continuous
 * refinement of the boundaries. Pure, no I/O. Readings and conventions: ./README.md.
 *
 *   TP_0 = 0,  TP_k = max over i < k of { TP_i + W(i, s*, j*, k) }   (Section III)
 *
 * with W the present-worth cycle profit of eq. (8) at the cycle's own fixed point of (4) and the
 * pricing rule. Ties keep the earliest i (the paper's strict "If TP_k < TP_i + W").
 */
import { goldenSectionMaximize } from '../../core/optimize.ts';
import { cycleProfit, solveCycle, type CycleSolution, type PricingRule } from './cycle.ts';
import type { DeterioratingDpParams } from './params.ts';

/** How the DP treats cycles shorter than the lead time. */
export type LeadTimeRule =
  /** as the paper: every cycle is allowed; Step 4 prints "lead time not acceptable" for such a cycle of the plan */
  | 'flag'
  /** a cycle shorter than L (other than the last) cannot be chosen, so every planned reorder point exists */
  | 'exclude';

export interface DpOptions {
  /** boundary step: boundaries 0, step, 2·step, …, H (H/step must be an integer within 1e-9); default 1 */
  step?: number;
  /** explicit increasing boundaries from 0 to H (overrides step) */
  boundaries?: number[];
  pricing?: PricingRule;
  leadTimeRule?: LeadTimeRule;
}

/** One cycle of the plan, with the profit accumulated up to its end (TP_k). */
export interface PlanCycle extends CycleSolution {
  /** TP_k: optimal present-worth profit from 0 to this cycle's end */
  cumulativeProfit: number;
}

export interface DpResult {
  boundaries: number[];
  pricing: PricingRule;
  leadTimeRule: LeadTimeRule;
  /** TP_H: optimal present worth of the total profit */
  totalProfit: number;
  /** cycles in time order */
  plan: PlanCycle[];
  /** TP at each boundary (index as boundaries) */
  valueTable: number[];
  /** T_k: index of the start of the last cycle ending at boundary k (−1 for k = 0) */
  predecessor: number[];
  /** cycles evaluated (N(N + 1)/2 for N intervals) */
  cyclesEvaluated: number;
  /** plan cycles whose reorder point Step 4 reports as "lead time not acceptable" */
  leadTimeNotAcceptable: number;
}

/** Boundaries 0, step, …, H; throws if H/step is not an integer. */
export function gridBoundaries(horizon: number, step: number): number[] {
  if (!(Number.isFinite(step) && step > 0)) throw new RangeError(`deteriorating-dp: step must be a finite number > 0, got ${step}`);
  const nRaw = horizon / step;
  const n = Math.round(nRaw);
  if (n < 1 || Math.abs(nRaw - n) > 1e-9 * Math.max(1, nRaw)) throw new RangeError(`deteriorating-dp: step ${step} must divide the horizon H = ${horizon} into a whole number of intervals (H/step = ${nRaw})`);
  const out = new Array<number>(n + 1);
  for (let m = 0; m <= n; m++) out[m] = m === n ? horizon : m * step;
  return out;
}

function checkBoundaries(b: readonly number[], horizon: number): void {
  if (b.length < 2) throw new RangeError('deteriorating-dp: boundaries need at least two points (0 and H)');
  if (b[0] !== 0) throw new RangeError(`deteriorating-dp: boundaries must start at 0, got ${b[0]}`);
  if (Math.abs(b[b.length - 1]! - horizon) > 1e-9 * Math.max(1, horizon)) throw new RangeError(`deteriorating-dp: boundaries must end at the horizon H = ${horizon}, got ${b[b.length - 1]}`);
  for (let m = 1; m < b.length; m++) {
    if (!(b[m]! > b[m - 1]!)) throw new RangeError(`deteriorating-dp: boundaries must increase strictly, got ${b[m - 1]} then ${b[m]} at position ${m}`);
  }
}

function allowed(p: DeterioratingDpParams, i: number, k: number, rule: LeadTimeRule, last: boolean): boolean {
  return rule === 'flag' || last || k - i >= p.leadTime;
}

/** Run the forward DP and reconstruct the plan (Step 4). */
export function solveDp(p: DeterioratingDpParams, opts: DpOptions = {}): DpResult {
  const pricing = opts.pricing ?? 'printed';
  const leadTimeRule = opts.leadTimeRule ?? 'flag';
  const b = opts.boundaries ? [...opts.boundaries] : gridBoundaries(p.horizon, opts.step ?? 1);
  checkBoundaries(b, p.horizon);
  const n = b.length - 1;
  const tp = new Float64Array(n + 1).fill(-Infinity);
  const pred = new Int32Array(n + 1).fill(-1);
  tp[0] = 0;
  let evaluated = 0;
  for (let k = 1; k <= n; k++) {
    const last = k === n;
    for (let i = 0; i < k; i++) {
      if (tp[i] === -Infinity || !allowed(p, b[i]!, b[k]!, leadTimeRule, last)) continue;
      const w = cycleProfit(p, b[i]!, b[k]!, pricing);
      evaluated++;
      const v = tp[i]! + w;
      if (tp[k]! < v) {
        tp[k] = v;
        pred[k] = i;
      }
    }
  }
  // tp[n] is finite: the single cycle [0, H] is the last cycle and always allowed
  const plan = reconstruct(p, b, tp, pred, pricing);
  return {
    boundaries: b,
    pricing,
    leadTimeRule,
    totalProfit: tp[n]!,
    plan,
    valueTable: Array.from(tp),
    predecessor: Array.from(pred),
    cyclesEvaluated: evaluated,
    leadTimeNotAcceptable: plan.filter((c) => c.reorderRule === 'lead time not acceptable').length,
  };
}

function reconstruct(p: DeterioratingDpParams, b: number[], tp: Float64Array, pred: Int32Array, pricing: PricingRule): PlanCycle[] {
  const plan: PlanCycle[] = [];
  let k = b.length - 1;
  while (k > 0) {
    const i = pred[k]!;
    plan.push({ ...solveCycle(p, b[i]!, b[k]!, { pricing }), cumulativeProfit: tp[k]! });
    k = i;
  }
  return plan.reverse();
}

/** Total present-worth profit of a given partition (boundaries from 0 to H), each cycle at its own fixed point. */
export function planProfit(p: DeterioratingDpParams, boundaries: readonly number[], pricing: PricingRule = 'printed'): number {
  let total = 0;
  for (let m = 1; m < boundaries.length; m++) total += cycleProfit(p, boundaries[m - 1]!, boundaries[m]!, pricing);
  return total;
}

export interface BruteForceResult {
  totalProfit: number;
  /** the best partition's boundaries */
  boundaries: number[];
  /** partitions enumerated: 2^(N − 1) */
  partitions: number;
}

/**
 * Every one of the 2^(N − 1) compositions of the N grid intervals into cycles, evaluated from a
 * table of the N(N + 1)/2 cycle profits. N ≤ 24. Ties keep the first partition in bit order.
 */
export function bruteForce(p: DeterioratingDpParams, boundaries: readonly number[], pricing: PricingRule = 'printed', leadTimeRule: LeadTimeRule = 'flag'): BruteForceResult {
  checkBoundaries(boundaries, p.horizon);
  const n = boundaries.length - 1;
  if (n > 24) throw new RangeError(`deteriorating-dp: brute force over 2^(N − 1) partitions is limited to N ≤ 24 intervals, got ${n}`);
  const w: number[][] = [];
  for (let i = 0; i < n; i++) {
    w.push(new Array<number>(n + 1).fill(-Infinity));
    for (let k = i + 1; k <= n; k++) {
      if (allowed(p, boundaries[i]!, boundaries[k]!, leadTimeRule, k === n)) w[i]![k] = cycleProfit(p, boundaries[i]!, boundaries[k]!, pricing);
    }
  }
  const count = 2 ** (n - 1);
  let best = -Infinity;
  let bestMask = -1;
  for (let mask = 0; mask < count; mask++) {
    // bit m (0-based) set: a boundary at interval end m + 1
    let total = 0;
    let start = 0;
    for (let m = 1; m < n; m++) {
      if (mask & (1 << (m - 1))) {
        total += w[start]![m]!;
        start = m;
      }
    }
    total += w[start]![n]!;
    if (total > best) {
      best = total;
      bestMask = mask;
    }
  }
  const bs = [0];
  for (let m = 1; m < n; m++) if (bestMask & (1 << (m - 1))) bs.push(boundaries[m]!);
  bs.push(boundaries[n]!);
  return { totalProfit: best, boundaries: bs, partitions: count };
}

export interface ContinuousResult {
  totalProfit: number;
  boundaries: number[];
  /** coordinate sweeps used */
  sweeps: number;
}

/**
 * Refine a partition's interior boundaries continuously (number of cycles fixed): cyclic
 * coordinate ascent, each boundary moved by golden-section search between its neighbours, until
 * a full sweep improves the total by less than `tolerance` (absolute). The total profit is smooth
 * in the boundaries, so this converges to a local maximum near the start; start it from a
 * fine-grid DP plan.
 */
export function refineBoundaries(p: DeterioratingDpParams, start: readonly number[], pricing: PricingRule = 'printed', tolerance = 1e-9, maxSweeps = 200): ContinuousResult {
  checkBoundaries(start, p.horizon);
  const b = [...start];
  const m = b.length - 1;
  const wOf = (i: number, k: number) => cycleProfit(p, i, k, pricing);
  let total = planProfit(p, b, pricing);
  let sweeps = 0;
  for (; sweeps < maxSweeps; sweeps++) {
    const before = total;
    for (let q = 1; q < m; q++) {
      const lo = b[q - 1]!;
      const hi = b[q + 1]!;
      const f = (x: number) => wOf(lo, x) + wOf(x, hi);
      const x = goldenSectionMaximize(f, lo + 1e-9 * (hi - lo), hi - 1e-9 * (hi - lo), 1e-10 * Math.max(1, p.horizon));
      if (f(x) > f(b[q]!)) b[q] = x;
    }
    total = planProfit(p, b, pricing);
    if (total - before < tolerance) break;
  }
  return { totalProfit: total, boundaries: b, sweeps: sweeps + 1 };
}

