/**
 * Exact long-run evaluation and exact optimisation of the engine's (s, S) policy (kind 'sS':
 * every period, after that period's demand, if the inventory position is ≤ s order up to S)
 * with i.i.d. discrete demand per period (any pmf on 0, 1, 2, …; e.g. Poisson), a constant lead
 * time of L whole periods and full backordering. Pure.
 *
 * The inventory position after review, Y ∈ {s + 1, …, S}, is a Markov chain (Y' = Y − D, or S
 * when Y − D ≤ s) whose stationary law is π(S − j) = m(j)/M(Δ), j = 0 … Δ − 1, Δ = S − s, with m
 * the renewal function of the demand, m(0) = 1/(1 − p₀), m(j) = Σ_{l=1}^{j} p_l m(j − l)/(1 − p₀),
 * M(Δ) = Σ_{j<Δ} m(j) (Zheng & Federgruen 1991, "Finding optimal (s, S) policies is about as
 * simple as evaluating a single policy", Operations Research 39(4)).
 * In the engine's period convention (src/sim/README.md) an order placed at the end of period t
 * arrives at the start of t + L + 1, so with D_k the demand of k periods
 * (Hadley & Whitin 1963; Zipkin 2000, Foundations of Inventory Management, §6.2):
 *   net inventory at the end of period t + L + 1 = Y_t − D_{L+1},
 *   on hand = E(Y − D_{L+1})⁺, backorders = E(D_{L+1} − Y)⁺, ready rate = P(Y − D_{L+1} > 0),
 *   filled per period = E(Y − D_L)⁺ − E(Y − D_{L+1})⁺, fill rate = filled/E[D],
 *   orders per period = P(Y − D₁ ≤ s); an order placed from x = Y − d ≤ s closes its cycle
 *   without a stock-out iff x − D_L ≥ 0 (the engine's cycle service: no backorder just before the
 *   order arrives), so CSL = Σ π(y) Σ_{d ≥ y−s} p_d P(D_L ≤ y − d) / orders per period.
 * Long-run cost per period with the engine's rates (CostRates): h·on hand + b·backorders +
 * p·(E[D] − filled) + K·orders + c·E[D].
 */
import type { CostRates } from './engine.ts';
import { poissonPmf, type ExactSQValues } from './exact.ts';

/** Exact long-run values of one (s, S) policy: those of (s, Q) (exact.ts) and the short units and the cost. */
export interface ExactSSValues extends ExactSQValues {
  shortUnitsPerPeriod: number;
  totalCost: number;
}

/** Tables of one demand pmf and lead time, shared by every (s, S) evaluated on them. */
export class SSTables {
  /** per-period demand pmf (normalised, tail below 1e-16 cut) */
  readonly p: Float64Array;
  readonly pL: Float64Array;
  readonly pL1: Float64Array;
  readonly mean: number;
  /** P(D_L ≤ x), x = 0 … */
  readonly cdfL: Float64Array;
  /** renewal function m(0 … ) (grown on demand) */
  private readonly m: number[] = [];
  /** per-position terms, by y */
  private readonly terms = new Map<number, { over: number; under: number; below: number; filled: number }>();
  constructor(pmf: readonly number[], readonly leadTime: number) {
    if (!Number.isInteger(leadTime) || leadTime < 0) throw new RangeError(`leadTime must be a whole number of periods ≥ 0, got ${leadTime}`);
    const total = pmf.reduce((a, b) => a + b, 0);
    if (!(total > 0) || pmf.some((x) => !(x >= 0))) throw new RangeError('demand pmf must be non-negative with a positive sum');
    this.p = Float64Array.from(pmf, (x) => x / total);
    if (!(this.p[0]! < 1)) throw new RangeError('demand pmf must put mass on some positive demand');
    this.mean = this.p.reduce((a, x, k) => a + k * x, 0);
    this.pL = convolvePower(this.p, leadTime);
    this.pL1 = convolvePower(this.p, leadTime + 1);
    this.cdfL = new Float64Array(this.pL.length);
    let c = 0;
    this.pL.forEach((x, k) => (this.cdfL[k] = c += x));
  }
  /** P(D_L ≤ x) */
  cdfLead(x: number): number {
    return x < 0 ? 0 : x >= this.cdfL.length ? 1 : this.cdfL[x]!;
  }
  /** E(y − D_{L+1})⁺, E(D_{L+1} − y)⁺, P(D_{L+1} ≤ y − 1) and E(y − D_L)⁺ − E(y − D_{L+1})⁺ (cached). */
  termsAt(y: number): { over: number; under: number; below: number; filled: number } {
    let r = this.terms.get(y);
    if (r === undefined) {
      const a = parts(this.pL1, y);
      r = { ...a, filled: parts(this.pL, y).over - a.over };
      this.terms.set(y, r);
    }
    return r;
  }
  /** m(j), the expected number of periods the cumulative demand spends at j (renewal function). */
  renewal(j: number): number {
    const { m, p } = this;
    while (m.length <= j) {
      const k = m.length;
      let acc = k === 0 ? 1 : 0;
      for (let l = 1; l <= k && l < p.length; l++) acc += p[l]! * m[k - l]!;
      m.push(acc / (1 - p[0]!));
    }
    return m[j]!;
  }
  /** Stationary law of the position after review: weights of S − j, j = 0 … Δ − 1 (sum 1). */
  positionWeights(gap: number): Float64Array {
    const w = new Float64Array(gap);
    let M = 0;
    for (let j = 0; j < gap; j++) M += (w[j] = this.renewal(j));
    for (let j = 0; j < gap; j++) w[j]! /= M;
    return w;
  }
}

/** pmf of the sum of n i.i.d. draws of p (n = 0: the point mass at 0); tail below 1e-16 cut. */
function convolvePower(p: Float64Array, n: number): Float64Array {
  let out = Float64Array.of(1);
  for (let i = 0; i < n; i++) {
    const next = new Float64Array(out.length + p.length - 1);
    for (let a = 0; a < out.length; a++) for (let b = 0; b < p.length; b++) next[a + b]! += out[a]! * p[b]!;
    let end = next.length;
    while (end > 1 && next[end - 1]! < 1e-16) end--;
    out = next.subarray(0, end).slice();
  }
  return out;
}

/** E(y − D)⁺, E(D − y)⁺ and P(D ≤ y − 1) for D with pmf q. */
function parts(q: Float64Array, y: number): { over: number; under: number; below: number } {
  let over = 0, under = 0, below = 0;
  for (let k = 0; k < q.length; k++) {
    const x = q[k]!;
    if (k < y) [over, below] = [over + (y - k) * x, below + x];
    else under += (k - y) * x;
  }
  return { over, under, below };
}

/** Exact long-run values of (s, S) on the tables (integers s < S). */
export function exactSSOnTables(t: SSTables, s: number, S: number, costs: CostRates = {}): ExactSSValues {
  if (!Number.isInteger(s) || !Number.isInteger(S) || !(S > s)) throw new RangeError(`(s, S) must be integers with S > s, got (${s}, ${S})`);
  const w = t.positionWeights(S - s);
  let [onHand, back, ready, filled, orders, good] = [0, 0, 0, 0, 0, 0];
  for (let j = 0; j < w.length; j++) {
    const y = S - j;
    const a = t.termsAt(y);
    onHand += w[j]! * a.over;
    back += w[j]! * a.under;
    ready += w[j]! * a.below;
    filled += w[j]! * a.filled;
    for (let d = y - s; d < t.p.length; d++) {
      orders += w[j]! * t.p[d]!;
      good += w[j]! * t.p[d]! * t.cdfLead(y - d);
    }
  }
  const short = t.mean - filled;
  const c = costs;
  const totalCost = (c.holding ?? 0) * onHand + (c.backorder ?? 0) * back + (c.shortage ?? 0) * short + (c.ordering ?? 0) * orders + (c.purchase ?? 0) * t.mean;
  return { readyRate: ready, fillRate: filled / t.mean, cycleServiceLevel: good / orders, averageOnHand: onHand, averageBackorders: back, ordersPerPeriod: orders, shortUnitsPerPeriod: short, totalCost };
}

/** Poisson(λ) pmf up to mean + 12 sd + 20 (tail far below 1e-16). */
export function poissonDemandPmf(lambda: number): number[] {
  return poissonPmf(lambda, Math.ceil(lambda + 12 * Math.sqrt(lambda) + 20));
}

/** Exact long-run values of (s, S) with Poisson(λ) demand per period and lead time L. */
export function exactSSPoisson(lambda: number, L: number, s: number, S: number, costs: CostRates = {}): ExactSSValues {
  return exactSSOnTables(new SSTables(poissonDemandPmf(lambda), L), s, S, costs);
}

/** What the exact optimiser minimises, subject to a service floor. */
export interface ExactSSProblem {
  /** per-period demand pmf on 0, 1, 2, … */
  pmf: readonly number[];
  /** L, whole periods ≥ 0 */
  leadTime: number;
  objective: 'averageOnHand' | 'totalCost';
  costs?: CostRates;
  /** service floor (absent: unconstrained) */
  constraint?: { metric: 'fillRate' | 'readyRate' | 'cycleServiceLevel'; target: number };
  /** integer search box: s in [sMin, sMax], Δ = S − s in [gapMin, gapMax] (gapMin ≥ 1) */
  sMin: number;
  sMax: number;
  gapMin?: number;
  gapMax: number;
}

/** The exact optimum (NaN objective when no (s, S) in the box meets the constraint). */
export interface ExactSSOptimum {
  s: number;
  S: number;
  objective: number;
  values: ExactSSValues | null;
  /** policies evaluated */
  evaluated: number;
}

/**
 * Exact optimiser by enumeration of the box: for each gap Δ the service is non-decreasing in s
 * (raising s and S by one raises the position, hence the net inventory, by one on every sample
 * path), so the feasible s form an interval [s_f(Δ), sMax]; the least average on hand is at
 * s_f(Δ), and the least cost is the least of the feasible s (enumerated: no convexity assumed).
 */
export function optimizeSSExact(problem: ExactSSProblem): ExactSSOptimum {
  const t = new SSTables(problem.pmf, problem.leadTime);
  const c = problem.constraint;
  let best: ExactSSOptimum = { s: NaN, S: NaN, objective: NaN, values: null, evaluated: 0 };
  let evaluated = 0;
  for (let gap = problem.gapMin ?? 1; gap <= problem.gapMax; gap++) {
    for (let s = problem.sMin; s <= problem.sMax; s++) {
      const v = exactSSOnTables(t, s, s + gap, problem.costs);
      evaluated++;
      if (c !== undefined && !(v[c.metric] >= c.target)) continue;
      const obj = v[problem.objective];
      if (!(obj >= best.objective)) best = { s, S: s + gap, objective: obj, values: v, evaluated: 0 };
      if (problem.objective === 'averageOnHand') break; // increasing in s: the first feasible s is the best of this gap
    }
  }
  return { ...best, evaluated };
}
