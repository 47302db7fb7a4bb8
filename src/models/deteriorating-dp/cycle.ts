/**
 * One production cycle [i, k] of Sabahno (2008) solved: production end j (eq. 4), price s
 * (eq. 9, or the price that truly maximises eq. 8) as a joint fixed point, present-worth profit
 * W (eq. 8), maximum inventory (eq. 3), order quantity (eq. 5) and reorder point (eq. 6 / 7).
 * The equations themselves are in ./formulas.ts. Pure, no I/O. Readings and errata: ./README.md.
 */
import { g1, g2, maxInventory, orderQuantities, phi, productionLength, psi, reorderPointEq6, reorderPointEq7 } from './formulas.ts';
import type { DeterioratingDpParams } from './params.ts';

/** Which pricing rule sets s in a cycle. */
export type PricingRule = 'printed' | 'optimal';

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
  /** final |s − g(s)| of the fixed point (0 at the boundary solution) */
  residual: number;
  /**
   * 'interior': s* solves the fixed point inside the admissible prices; 'no sales': optimal
   * pricing only, W(s) rises all the way to s → a/b (the cycle loses money at every price, no
   * interior optimum), so the solution is the boundary s* = a/b, D = 0, j = i: nothing is
   * produced or sold and W is the ordering cost's present worth alone (README, "No interior optimum").
   */
  solution: 'interior' | 'no sales';
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

/** The boundary price a/b of the 'no sales' solution (D = 0), as one double. */
export function noSalesPrice(p: DeterioratingDpParams): number {
  return p.demandIntercept / p.demandSlope;
}

function stateAt(p: DeterioratingDpParams, i: number, k: number, s: number): CycleState {
  const a = p.demandIntercept;
  const b = p.demandSlope;
  const P = p.productionRate;
  const R = p.netDiscountRate;
  const lam = p.deteriorationRate;
  // exactly s = a/b: the 'no sales' boundary of optimal pricing (D = 0, nothing produced)
  const atBoundary = s === noSalesPrice(p);
  const demand = atBoundary ? 0 : a - b * s;
  if (!(demand > 0) && !atBoundary) throw new RangeError(`deteriorating-dp: demand D(s) = a − b·s must be > 0, got ${demand} at price s = ${s} in cycle [${i}, ${k}] (price above a/b = ${a / b})`);
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

/**
 * Optimal pricing has no interior optimum in (lo, hi) when dW/ds > 0 throughout, i.e. g(s) > s
 * (dW/ds = 2b·∫e^(−Ru)du·(g(s) − s)) at every point of a 256-point grid of the admissible prices
 * and just below a/b.
 */
function risesToMaxPrice(g: (s: number) => number, lo: number, hi: number): boolean {
  const from = Math.max(lo, 0);
  for (let m = 1; m <= 256; m++) {
    const s = m === 256 ? hi - 1e-9 * (hi - from) : from + ((hi - from) * m) / 256;
    if (!(s > lo && s < hi)) continue;
    if (!(g(s) - s > 0)) return false;
  }
  return true;
}

/** The result of the price solve: s*, iterations, residual and whether s* is interior. */
export interface PriceSolution {
  price: number;
  iterations: number;
  residual: number;
  solution: CycleSolution['solution'];
}

/**
 * Solve the price/production-end fixed point of cycle [i, k]; returns s*, iterations and residual.
 * With optimal pricing and no interior optimum (W rises to s → a/b) it returns the boundary
 * s* = a/b with solution 'no sales' (solveCycle, cycleProfit and so solveDp all see the same);
 * the printed rule (9) is not a maximisation and keeps its errors.
 */
export function solvePrice(p: DeterioratingDpParams, i: number, k: number, opts: CycleOptions = {}): PriceSolution {
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
      return { price: s1, iterations: it, residual: Math.abs(f1), solution: 'interior' };
    }
    let s2 = f1 !== f0 ? s1 - (f1 * (s1 - s0)) / (f1 - f0) : s1 + f1;
    if (!Number.isFinite(s2)) s2 = s1 + f1;
    s0 = s1;
    f0 = f1;
    s1 = admit(s0, s2);
  }
  if (pricing === 'optimal' && risesToMaxPrice(g, lo, hi)) return { price: noSalesPrice(p), iterations: maxIt, residual: 0, solution: 'no sales' };
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

/** The reorder point of a cycle by the conditions printed with eqs. (6)/(7), and by Step 4 (which swaps them). */
interface ReorderPoints {
  eq6: number | null;
  eq7: number | null;
  rule: ReorderRule;
  ruleStep4: ReorderRule;
}

/**
 * Eqs. (6)/(7) for cycle [i, k] with demand D and production length d1 = j − i: (6) when
 * L ≤ k − j, (7) when k − j < L ≤ k − i, none when L > k − i ("lead time not acceptable") or in
 * the last cycle (k = H). Step 4 of the algorithm as printed swaps (6) and (7).
 */
function reorderPoints(p: DeterioratingDpParams, i: number, k: number, D: number, d1: number): ReorderPoints {
  const L = p.leadTime;
  const lam = p.deteriorationRate;
  const len = k - i;
  const d2 = len - d1;
  const last = k >= p.horizon - 1e-9 * Math.max(1, p.horizon);
  const eq6 = last ? null : reorderPointEq6(D, lam, L);
  const eq7 = last || k - L < i ? null : reorderPointEq7(p.productionRate, D, lam, k - L - i);
  if (last) return { eq6, eq7, rule: 'last cycle', ruleStep4: 'last cycle' };
  if (L > len) return { eq6, eq7, rule: 'lead time not acceptable', ruleStep4: 'lead time not acceptable' };
  if (L <= d2) return { eq6, eq7, rule: 'eq6', ruleStep4: 'eq7' };
  return { eq6, eq7, rule: 'eq7', ruleStep4: 'eq6' };
}

/**
 * Evaluate cycle [i, k] at a given price s (not necessarily optimal): j from eq. (4), W from
 * eq. (8), Imax (3), Q (5), reorder point (6)/(7). The ordering cost is A·e^(−R(i − L)) as printed.
 */
export function evaluateCycle(p: DeterioratingDpParams, i: number, k: number, s: number, pricing: PricingRule = 'printed', iterations = 0, residual = 0): CycleSolution {
  const solution: CycleSolution['solution'] = s === noSalesPrice(p) ? 'no sales' : 'interior';
  const st = stateAt(p, i, k, s);
  const P = p.productionRate;
  const R = p.netDiscountRate;
  const D = st.demand;
  const d1 = st.prodLen;
  const revenue = s * D * st.discRevenue;
  const holdingCostPw = p.holdingCost * (P - D) * st.h1 + p.holdingCost * D * st.h2;
  const purchaseCostPw = p.unitCost * P * Math.exp(-R * i) * phi(R, d1);
  const orderingCostPw = p.orderingCost * Math.exp(-R * (i - p.leadTime));
  const q = orderQuantities(P, D, p.deteriorationRate, k - i, d1);
  const rop = reorderPoints(p, i, k, D, d1);
  const pick = (r: ReorderRule) => (r === 'eq6' ? rop.eq6 : r === 'eq7' ? rop.eq7 : null);
  return {
    start: i,
    end: k,
    pricing,
    price: s,
    demandRate: D,
    productionEnd: i + d1,
    profit: revenue - holdingCostPw - purchaseCostPw - orderingCostPw,
    revenue,
    holdingCostPw,
    purchaseCostPw,
    orderingCostPw,
    maxInventory: maxInventory(P, D, p.deteriorationRate, d1),
    orderQuantity: q.correct,
    orderQuantityPrinted: q.printed,
    reorderPoint: pick(rop.rule),
    reorderRule: rop.rule,
    reorderPointStep4: pick(rop.ruleStep4),
    reorderRuleStep4: rop.ruleStep4,
    reorderPointEq6: rop.eq6,
    reorderPointEq7: rop.eq7,
    iterations,
    residual,
    solution,
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
