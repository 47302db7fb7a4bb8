/**
 * One production cycle [i, k] of Sabahno (2008), seed 002: production end j (eq. 4), price s
 * (eq. 9, or the price that truly maximises eq. 8), present-worth profit W (eq. 8), maximum
 * inventory (eq. 3), order quantity (eq. 5) and reorder point (eq. 6 / 7). Pure, no I/O.
 *
 * Every integral of the paper is evaluated in closed form, with a composite 12-point
 * Gauss–Legendre quadrature taking over where a closed form would cancel badly (λ → 0):
 * relative error below 1e-12 in either branch. Readings and errata: ./README.md.
 */
import type { DeterioratingDpParams } from './params.ts';

/** Which pricing rule sets s in a cycle. */
export type PricingRule = 'printed' | 'optimal';

/** ψ(x) = (1 − e^(−x))/x, with ψ(0) = 1; accurate for every real x. */
export function psi(x: number): number {
  if (x === 0) return 1;
  if (Math.abs(x) < 1e-5) return 1 - x / 2 + (x * x) / 6 - (x * x * x) / 24;
  return -Math.expm1(-x) / x;
}

/** φ(x, d) = ∫_0^d e^(−x·τ) dτ = d·ψ(x·d); any real x, d ≥ 0. */
export function phi(x: number, d: number): number {
  return d * psi(x * d);
}

/** (e^x − 1 − x)/x, with value 0 at x = 0; accurate for every real x. */
function expm1MinusXOverX(x: number): number {
  if (Math.abs(x) < 1e-3) return x / 2 + (x * x) / 6 + (x * x * x) / 24 + (x * x * x * x) / 120;
  return (Math.expm1(x) - x) / x;
}

// 12-point Gauss–Legendre nodes and weights on [−1, 1].
const GL_X = [
  -0.9815606342467192, -0.9041172563704749, -0.7699026741943047, -0.5873179542866175, -0.3678314989981802, -0.1252334085114689,
  0.1252334085114689, 0.3678314989981802, 0.5873179542866175, 0.7699026741943047, 0.9041172563704749, 0.9815606342467192,
];
const GL_W = [
  0.0471753363865118, 0.1069393259953184, 0.1600783285433462, 0.2031674267230659, 0.2334925365383548, 0.2491470458134028,
  0.2491470458134028, 0.2334925365383548, 0.2031674267230659, 0.1600783285433462, 0.1069393259953184, 0.0471753363865118,
];

/**
 * ∫_0^d f(τ) dτ by composite 12-point Gauss–Legendre on `panels` equal panels. For the smooth
 * exponential integrands here, panels are chosen so that the exponent changes by at most 2
 * across a panel, which bounds the error far below 1e-12 relative.
 */
export function gaussLegendre(f: (t: number) => number, d: number, panels: number): number {
  const w = d / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = (p + 0.5) * w;
    let s = 0;
    for (let n = 0; n < 12; n++) s += GL_W[n]! * f(mid + 0.5 * w * GL_X[n]!);
    sum += 0.5 * w * s;
  }
  return sum;
}

/** Cancellation guard: the closed forms of G1, G2 lose about log10(1/(λ·min(d, 1/R))) digits. */
function closedFormSafe(R: number, lam: number, d: number): boolean {
  const scale = R > 0 ? Math.min(d, 1 / R) : d;
  return lam * scale >= 1e-3;
}

/**
 * G1(d) = ∫_0^d e^(−R·τ)·(1 − e^(−λ·τ))/λ dτ: the discounted integral of I1/(P − D) over the
 * production phase, measured from the cycle start (Sabahno eq. 8, second term:
 * ∫_i^j e^(−Rt)·e^(−λt)·∫_i^t e^(λu) du dt = e^(−R·i)·G1(j − i)). Closed form
 * [φ(R, d) − φ(R + λ, d)]/λ; quadrature when that would cancel. Domain R, λ ≥ 0, d ≥ 0.
 */
export function g1(R: number, lam: number, d: number): number {
  if (d <= 0) return 0;
  if (closedFormSafe(R, lam, d)) return (phi(R, d) - phi(R + lam, d)) / lam;
  const panels = Math.max(1, Math.ceil(((R + lam) * d) / 2));
  return gaussLegendre((t) => Math.exp(-R * t) * t * psi(lam * t), d, panels);
}

/**
 * G2(d) = ∫_0^d e^(−R·τ)·(e^(λ·(d − τ)) − 1)/λ dτ: the discounted integral of I2/D over the
 * depletion phase, from its start j (Sabahno eq. 8, third term:
 * ∫_j^k e^(−Rt)·e^(−λt)·∫_t^k e^(λu) du dt = e^(−R·j)·G2(k − j)). Closed form
 * [e^(λd)·φ(R + λ, d) − φ(R, d)]/λ; quadrature when that would cancel. Domain R, λ ≥ 0, d ≥ 0.
 */
export function g2(R: number, lam: number, d: number): number {
  if (d <= 0) return 0;
  if (closedFormSafe(R, lam, d)) return (Math.exp(lam * d) * phi(R + lam, d) - phi(R, d)) / lam;
  const panels = Math.max(1, Math.ceil(((R + lam) * d) / 2));
  return gaussLegendre((t) => Math.exp(-R * t) * (d - t) * psi(-lam * (d - t)), d, panels);
}

/**
 * Production phase length j − i from Sabahno eq. (4):
 *   j = ln[(D/P)·(e^(λk) − e^(λi)) + e^(λi)]/λ  ⇔  j − i = ln(1 + (D/P)·(e^(λ(k−i)) − 1))/λ,
 * written with log1p/expm1; λ = 0 gives the limit (D/P)·(k − i) (no deterioration).
 */
export function productionLength(demand: number, productionRate: number, lam: number, cycleLength: number): number {
  const ratio = demand / productionRate;
  if (lam * cycleLength < 1e-8) return ratio * cycleLength * (1 + (lam * cycleLength * (1 - ratio)) / 2);
  return Math.log1p(ratio * Math.expm1(lam * cycleLength)) / lam;
}

/** Which equation gave the reorder point, or why there is none. */
export type ReorderRule = 'eq6' | 'eq7' | 'lead time not acceptable' | 'last cycle';

/** Everything the model says about one cycle. Times are absolute (0 = start of the horizon). */
export interface CycleSolution {
  /** i: cycle start [time] */
  start: number;
  /** k: cycle end [time] */
  end: number;
  pricing: PricingRule;
  /** s*: selling price [currency per unit] */
  price: number;
  /** D(s*) = a − b·s* [units per time] */
  demandRate: number;
  /** j*: end of production, eq. (4) [time] */
  productionEnd: number;
  /** W(i, s*, j*, k): present worth of the cycle profit, eq. (8) [currency at time 0] */
  profit: number;
  /** present worth of revenue s·D·∫_i^k e^(−Ru) du */
  revenue: number;
  /** present worth of holding cost (both phases) */
  holdingCostPw: number;
  /** present worth of purchase cost c·P·∫_i^j e^(−Ru) du */
  purchaseCostPw: number;
  /** present worth of ordering cost A·e^(−R(i − L)) */
  orderingCostPw: number;
  /** Imax, eq. (3) [units] */
  maxInventory: number;
  /** Q from eq. (5) with the correct inner kernel e^(λ(u − t)); equals P·(j − i) [units] */
  orderQuantity: number;
  /** Q from eq. (5) exactly as printed (inner kernel e^(λ(u − i)) in the production-phase term) [units] */
  orderQuantityPrinted: number;
  /** reorder point, by the conditions printed with eqs. (6)/(7) [units], or null */
  reorderPoint: number | null;
  reorderRule: ReorderRule;
  /** the reorder point the algorithm's Step 4 would print (it swaps (6) and (7)) */
  reorderPointStep4: number | null;
  reorderRuleStep4: ReorderRule;
  /** eq. (6) value D·(e^(λL) − 1)/λ, whatever the rule (null for the last cycle) */
  reorderPointEq6: number | null;
  /** eq. (7) value (P − D)·(1 − e^(−λ(k − L − i)))/λ, null when k − L < i or last cycle */
  reorderPointEq7: number | null;
  /** fixed-point iterations used */
  iterations: number;
  /** final |s − g(s)| of the fixed point */
  residual: number;
}

/** Intermediate integrals of a cycle at a given price. */
interface CycleState {
  demand: number;
  prodLen: number;
  /** ∫_i^k e^(−Ru) du */
  discRevenue: number;
  /** ∫_i^j e^(−Rt) e^(−λt) ∫_i^t e^(λu) du dt */
  h1: number;
  /** ∫_j^k e^(−Rt) e^(−λt) ∫_t^k e^(λu) du dt */
  h2: number;
}

function stateAt(p: DeterioratingDpParams, i: number, k: number, s: number): CycleState {
  const a = p.demandIntercept;
  const b = p.demandSlope;
  const P = p.productionRate;
  const R = p.netDiscountRate;
  const lam = p.deteriorationRate;
  const demand = a - b * s;
  if (!(demand > 0)) throw new RangeError(`deteriorating-dp: demand D(s) = a − b·s must be > 0, got ${demand} at price s = ${s} in cycle [${i}, ${k}] (price above a/b = ${a / b})`);
  if (!(P > demand)) throw new RangeError(`deteriorating-dp: production rate P = ${P} must exceed demand D(s) = ${demand} at price s = ${s} in cycle [${i}, ${k}] (rule P > D(s))`);
  const len = k - i;
  const prodLen = productionLength(demand, P, lam, len);
  const ei = Math.exp(-R * i);
  const discRevenue = ei * phi(R, len);
  const h1 = ei * g1(R, lam, prodLen);
  const h2 = ei * Math.exp(-R * prodLen) * g2(R, lam, len - prodLen);
  return { demand, prodLen, discRevenue, h1, h2 };
}

/**
 * The price update of the fixed point. Rule (9) as printed:
 *   s = [a·∫_i^k e^(−Ru) du + b·h·(H2 − H1)] / (2b·∫_i^k e^(−Ru) du)
 * with H1, H2 the holding integrals of eq. (8) at the current j. The profit-maximising price
 * (dW/ds = 0 with j = j(s) from eq. 4) adds the purchase-cost term of eq. (8) that (9) leaves out:
 *   + c·b·e^(−R·j)·e^(−λ(j − i))·(e^(λ(k − i)) − 1)/λ  in the numerator
 * (the holding terms' j-derivatives cancel because I1(j) = I2(j) = Imax). See README.md.
 */
function priceUpdate(p: DeterioratingDpParams, i: number, k: number, st: CycleState, pricing: PricingRule): number {
  const a = p.demandIntercept;
  const b = p.demandSlope;
  let num = a * st.discRevenue + b * p.holdingCost * (st.h2 - st.h1);
  if (pricing === 'optimal') {
    const len = k - i;
    const j = i + st.prodLen;
    num += p.unitCost * b * Math.exp(-p.netDiscountRate * j) * Math.exp(-p.deteriorationRate * st.prodLen) * len * psi(-p.deteriorationRate * len);
  }
  return num / (2 * b * st.discRevenue);
}

/** Options of the cycle solve. */
export interface CycleOptions {
  pricing?: PricingRule;
  /** relative tolerance of the fixed point |g(s) − s| ≤ tol·s (default 1e-13) */
  tolerance?: number;
  /** iteration cap (default 100); exceeding it throws */
  maxIterations?: number;
}

/** Solve the price/production-end fixed point of cycle [i, k]; returns s*, iterations and residual. */
export function solvePrice(p: DeterioratingDpParams, i: number, k: number, opts: CycleOptions = {}): { price: number; iterations: number; residual: number } {
  const pricing = opts.pricing ?? 'printed';
  const tol = opts.tolerance ?? 1e-13;
  const maxIt = opts.maxIterations ?? 100;
  if (!(k > i)) throw new RangeError(`deteriorating-dp: a cycle [i, k] needs k > i, got [${i}, ${k}]`);
  const g = (s: number) => priceUpdate(p, i, k, stateAt(p, i, k, s), pricing);
  // admissible prices: D(s) = a − b·s in (0, P); a step leaving them is pulled back halfway
  // towards the bound, so an infeasible iterate never stops a solve whose root is admissible
  const lo = (p.demandIntercept - p.productionRate) / p.demandSlope;
  const hi = p.demandIntercept / p.demandSlope;
  const admit = (prev: number, next: number) => (next > lo && next < hi ? next : next >= hi ? (prev + hi) / 2 : (prev + lo) / 2);
  // Secant iteration on F(s) = g(s) − s, started from the static monopoly price a/(2b) when it is
  // admissible (else from the middle of the admissible interval); a plain fixed-point step
  // replaces any secant step that is not finite.
  let s0 = p.demandIntercept / (2 * p.demandSlope);
  if (!(s0 > lo && s0 < hi)) s0 = (Math.max(lo, 0) + hi) / 2;
  let f0 = g(s0) - s0;
  let s1 = admit(s0, s0 + f0);
  let it = 1;
  for (; it <= maxIt; it++) {
    const f1 = g(s1) - s1;
    if (Math.abs(f1) <= tol * Math.abs(s1) || f1 === 0) {
      stateAt(p, i, k, s1); // the root itself must be admissible (throws naming the rule)
      return { price: s1, iterations: it, residual: Math.abs(f1) };
    }
    let s2 = f1 !== f0 ? s1 - (f1 * (s1 - s0)) / (f1 - f0) : s1 + f1;
    if (!Number.isFinite(s2)) s2 = s1 + f1;
    s0 = s1;
    f0 = f1;
    s1 = admit(s0, s2);
  }
  // iterates pressed against a bound: the fixed point lies outside the admissible prices
  const width = hi - lo;
  if (s1 - lo < 1e-6 * width) {
    throw new RangeError(`deteriorating-dp: no admissible price in cycle [${i}, ${k}] (${pricing} pricing): the fixed point of (4) and the pricing rule is pushed to D(s) → P; production rate P = ${p.productionRate} must exceed demand D(s) (rule P > D(s))`);
  }
  if (hi - s1 < 1e-6 * width) {
    throw new RangeError(`deteriorating-dp: no admissible price in cycle [${i}, ${k}] (${pricing} pricing): the fixed point of (4) and the pricing rule is pushed to s → a/b = ${hi}; demand D(s) = a − b·s must be > 0`);
  }
  throw new Error(`deteriorating-dp: the price/production-end fixed point of cycle [${i}, ${k}] (${pricing} pricing) did not converge in ${maxIt} iterations`);
}

/**
 * Evaluate cycle [i, k] at a given price s (not necessarily optimal): j from eq. (4), W from
 * eq. (8), Imax (3), Q (5), reorder point (6)/(7). The ordering cost is A·e^(−R(i − L)) as printed.
 */
export function evaluateCycle(p: DeterioratingDpParams, i: number, k: number, s: number, pricing: PricingRule = 'printed', iterations = 0, residual = 0): CycleSolution {
  const st = stateAt(p, i, k, s);
  const P = p.productionRate;
  const R = p.netDiscountRate;
  const lam = p.deteriorationRate;
  const h = p.holdingCost;
  const L = p.leadTime;
  const D = st.demand;
  const len = k - i;
  const d1 = st.prodLen;
  const d2 = len - d1;
  const j = i + d1;
  const revenue = s * D * st.discRevenue;
  const holdingCostPw = h * (P - D) * st.h1 + h * D * st.h2;
  const purchaseCostPw = p.unitCost * P * Math.exp(-R * i) * phi(R, d1);
  const orderingCostPw = p.orderingCost * Math.exp(-R * (i - L));
  const profit = revenue - holdingCostPw - purchaseCostPw - orderingCostPw;
  // eq. (3): Imax = (P − D)·e^(−λj)·∫_i^j e^(λu) du = (P − D)·(1 − e^(−λ(j − i)))/λ
  const maxInventory = (P - D) * phi(lam, d1);
  // eq. (5): Q = D(k − i) + λ∫_i^j I1 dt + λ∫_j^k I2 dt; the deterioration integrals in closed form
  const phase2Loss = D * d2 * expm1MinusXOverX(lam * d2); // D·[(e^(λd2) − 1)/λ − d2]
  const phase1LossCorrect = (P - D) * d1 * -expm1MinusXOverX(-lam * d1); // (P − D)·[d1 − (1 − e^(−λd1))/λ]
  const phase1LossPrinted = (P - D) * d1 * expm1MinusXOverX(lam * d1); // (P − D)·[(e^(λd1) − 1)/λ − d1]
  const orderQuantity = D * len + phase1LossCorrect + phase2Loss;
  const orderQuantityPrinted = D * len + phase1LossPrinted + phase2Loss;
  // reorder points (6) and (7)
  const last = k >= p.horizon - 1e-9 * Math.max(1, p.horizon);
  const eq6 = last ? null : D * L * psi(-lam * L); // ∫_{k−L}^k D·e^(λ(u − (k − L))) du
  const eq7 = last || k - L < i ? null : (P - D) * phi(lam, k - L - i); // ∫_i^{k−L} (P − D)·e^(λ(u − (k − L))) du
  let rule: ReorderRule;
  let ruleStep4: ReorderRule;
  if (last) {
    rule = 'last cycle';
    ruleStep4 = 'last cycle';
  } else if (L > len) {
    rule = 'lead time not acceptable';
    ruleStep4 = 'lead time not acceptable';
  } else if (L <= d2) {
    rule = 'eq6';
    ruleStep4 = 'eq7';
  } else {
    rule = 'eq7';
    ruleStep4 = 'eq6';
  }
  const pick = (r: ReorderRule) => (r === 'eq6' ? eq6 : r === 'eq7' ? eq7 : null);
  return {
    start: i,
    end: k,
    pricing,
    price: s,
    demandRate: D,
    productionEnd: j,
    profit,
    revenue,
    holdingCostPw,
    purchaseCostPw,
    orderingCostPw,
    maxInventory,
    orderQuantity,
    orderQuantityPrinted,
    reorderPoint: pick(rule),
    reorderRule: rule,
    reorderPointStep4: pick(ruleStep4),
    reorderRuleStep4: ruleStep4,
    reorderPointEq6: eq6,
    reorderPointEq7: eq7,
    iterations,
    residual,
  };
}

/** Solve cycle [i, k] completely: the fixed point of (4) and the pricing rule, then every output. */
export function solveCycle(p: DeterioratingDpParams, i: number, k: number, opts: CycleOptions = {}): CycleSolution {
  const pricing = opts.pricing ?? 'printed';
  const { price, iterations, residual } = solvePrice(p, i, k, opts);
  return evaluateCycle(p, i, k, price, pricing, iterations, residual);
}

/** Only W of cycle [i, k] (the DP's inner call): same numbers as solveCycle(...).profit, less work. */
export function cycleProfit(p: DeterioratingDpParams, i: number, k: number, pricing: PricingRule = 'printed'): number {
  const { price } = solvePrice(p, i, k, { pricing });
  return profitAtPrice(p, i, k, price);
}

/** W(i, s, j(s), k) of eq. (8) at a given price s, with j from eq. (4). */
export function profitAtPrice(p: DeterioratingDpParams, i: number, k: number, s: number): number {
  const st = stateAt(p, i, k, s);
  const D = st.demand;
  const R = p.netDiscountRate;
  return (
    s * D * st.discRevenue -
    p.holdingCost * ((p.productionRate - D) * st.h1 + D * st.h2) -
    p.unitCost * p.productionRate * Math.exp(-R * i) * phi(R, st.prodLen) -
    p.orderingCost * Math.exp(-R * (i - p.leadTime))
  );
}
