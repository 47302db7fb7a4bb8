/**
 * Optimal lot sizes of Shah's model under both criteria:
 * - 'paper': minimise E(TC(n)) = E[cycle cost / T] (eq. 3.6) by Viète's root of the cubic
 *   (3.8), with a closed form for lots n ≤ k and an integer-search fallback;
 * - 'long-run': minimise E[cycle cost]/E[T] (renewal-reward) by its closed form, checked
 *   against integer search.
 * Pure functions; README.md explains the branches (n ≤ k, n ≥ k) and the fallbacks.
 */
import { condition37, criteriaGap, longRunCostPerUnitTime, paperExpectedCost } from './cost.ts';
import { cubicPQ, paperAlgorithm, type PaperAlgorithm } from './cubic.ts';
import { assertParams, type StockPriceParams } from './params.ts';

export type Criterion = 'paper' | 'long-run';

/** Result of an integer search. */
export interface IntegerSearch {
  /** the smallest minimiser */
  n: number;
  cost: number;
  /** the last n evaluated (the search stops when a lower bound exceeds the best cost) */
  searchedUpTo: number;
}

/**
 * Lower bound on both criteria for n ≥ max(k, 1) [currency per time]:
 *   C/θ + C1·(n + 1)/2 − max(0, C1 − C2)·k(k + 1)/(2n).
 * (Purchase part ≥ C/θ in both; holding part = C1(n + 1)/2 + (C2 − C1)k(k + 1)/(2n) for n ≥ k.)
 * Non-decreasing in n, so a search may stop at the first n ≥ k where it exceeds the best cost.
 */
export function costLowerBound(p: StockPriceParams, n: number): number {
  const k = p.priceCutLevel;
  return p.unitCost / p.meanInterarrivalTime + (p.holdingCostAboveK * (n + 1)) / 2 - (Math.max(0, p.holdingCostAboveK - p.holdingCostAtOrBelowK) * k * (k + 1)) / (2 * n);
}

/**
 * Brute-force minimiser of a cost over the integers n ≥ from (smallest minimiser on ties),
 * stopping at the first n ≥ max(k, from) whose lower bound exceeds the best cost found.
 * Needs C1 > 0 (otherwise the cost may decrease for ever). maxN guards against runaway loops.
 */
export function integerSearch(p: StockPriceParams, cost: (n: number) => number, from: number, maxN = 1e8): IntegerSearch {
  if (!(p.holdingCostAboveK > 0)) throw new RangeError(`holdingCostAboveK (C1) must be > 0 to optimise n (with C1 = 0 the cost decreases in n for ever), got ${p.holdingCostAboveK}`);
  let best = from;
  let bestCost = cost(from);
  let n = from;
  for (;;) {
    n += 1;
    if (n > maxN) throw new RangeError(`integer search passed n = ${maxN} without converging; check the parameters`);
    if (n >= p.priceCutLevel && costLowerBound(p, n) > bestCost) break;
    const c = cost(n);
    if (c < bestCost) {
      bestCost = c;
      best = n;
    }
  }
  return { n: best, cost: bestCost, searchedUpTo: n };
}

/** Brute-force minimiser of the paper's (3.6) over n ≥ 2 (n = 1 has infinite cost). */
export function bruteForcePaper(params: StockPriceParams): IntegerSearch {
  const p = assertParams(params);
  return integerSearch(p, (n) => paperExpectedCost(p, n), 2);
}

/** Brute-force minimiser of E[cycle cost]/E[T] over n ≥ 1. */
export function bruteForceLongRun(params: StockPriceParams): IntegerSearch {
  const p = assertParams(params);
  return integerSearch(p, (n) => longRunCostPerUnitTime(p, n), 1);
}

/** Smallest integer n ≥ from with n·(n + shift) ≥ target (shift ∈ {−1, +1}); exact integer check after a closed-form start. */
function smallestWithProduct(target: number, shift: number, from: number): number {
  if (!(target > 0)) return from;
  // root of n² + shift·n − target = 0
  let n = Math.max(from, Math.ceil((-shift + Math.sqrt(1 + 4 * target)) / 2));
  while (n > from && (n - 1) * (n - 1 + shift) >= target) n -= 1;
  while (n * (n + shift) < target) n += 1;
  return n;
}

export type PaperMethod = 'viete' | 'below-k-closed-form' | 'integer-search';

/** The paper's criterion solved, with every intermediate. */
export interface PaperSolution {
  criterion: 'paper';
  /** Steps 2-8 of the paper's algorithm (p, q, s1, s2, d1, m1, m2, n0, n1, n2, nStep8, nCeil) */
  algorithm: PaperAlgorithm;
  /** the printed cubic's p (with +2(C0 + C)/θ) and where it would send Viète (README, erratum 1) */
  printedCubic: { p: number; q: number; vieteInDomain: boolean; reason: string | null };
  /** minimiser on lots n ≥ max(k, 2), where (3.6)-(3.8) hold: max(ceil(n0), k, 2); null if Viète is out of its domain */
  upperBranch: { n: number; cost: number } | null;
  /** minimiser on lots 2 ≤ n ≤ k (every unit at C2): smallest n with n(n − 1) ≥ 2(C0 + C)/(θ·C2), at most k; null if k < 2 */
  lowerBranch: { n: number; cost: number } | null;
  /** the optimal lot */
  nStar: number;
  method: PaperMethod;
  /** E(TC(n*)) by (3.6) [currency per time] */
  expectedCost: number;
  /** (3.7) evaluated at n* (holds ⟺ E(TC(n*)) ≤ E(TC(n* + 1)) when n* ≥ max(k, 2)) */
  condition37AtNStar: { lhs: number; rhs: number; holds: boolean };
  notes: string[];
}

/**
 * Optimal lot under the paper's criterion (3.6).
 * - C2 ≥ C1 (the paper's assumption): on n ≥ max(k, 2), (3.6) is convex and its minimiser is
 *   max(ceil(n0), k, 2) with n0 Viète's root (3.8); on 2 ≤ n ≤ k (every unit at C2) the
 *   cost (C0 + nC)/(θ(n − 1)) + C2(n + 1)/2 is convex with minimiser the smallest n with
 *   n(n − 1) ≥ 2(C0 + C)/(θ·C2) (at most k). n* is the cheaper of the two (smaller n on ties).
 *   If Viète leaves its domain (|m1| > 1), n* comes from integer search.
 * - C2 < C1: (3.6) need not be convex; integer search over all n ≥ 2.
 * Throws RangeError when C1 = 0 (no finite optimum).
 */
export function solvePaper(params: StockPriceParams): PaperSolution {
  const p = assertParams(params);
  if (!(p.holdingCostAboveK > 0)) throw new RangeError(`holdingCostAboveK (C1) must be > 0 to optimise n (with C1 = 0 the cost decreases in n for ever), got ${p.holdingCostAboveK}`);
  const k = p.priceCutLevel;
  const notes: string[] = [];
  const algorithm = paperAlgorithm(p);
  const printed = cubicPQ(p, 'printed');
  const printedViete = printed.p < 0 ? null : `printed p = ${printed.p} ≥ 0: sqrt(−p/3) is not real`;
  const printedCubic = { p: printed.p, q: printed.q, vieteInDomain: printedViete === null && paperAlgorithmInDomain(printed), reason: printedViete };
  if (printedCubic.reason === null && !printedCubic.vieteInDomain) printedCubic.reason = 'arccos argument outside [−1, 1]';

  const Q = (2 * (p.orderingCost + p.unitCost)) / p.meanInterarrivalTime;
  let lowerBranch: { n: number; cost: number } | null = null;
  if (k >= 2) {
    const nLow = p.holdingCostAtOrBelowK > 0 ? Math.min(k, smallestWithProduct(Q / p.holdingCostAtOrBelowK, -1, 2)) : k;
    lowerBranch = { n: nLow, cost: paperExpectedCost(p, nLow) };
  }
  let upperBranch: { n: number; cost: number } | null = null;
  let nStar: number;
  let method: PaperMethod;
  if (p.holdingCostAtOrBelowK < p.holdingCostAboveK) {
    notes.push('C2 < C1: (3.6) need not be convex, so n* comes from integer search over all n ≥ 2');
    if (algorithm.inDomain) {
      const nU = Math.max(algorithm.nCeil!, k, 2);
      upperBranch = { n: nU, cost: paperExpectedCost(p, nU) };
    }
    const s = integerSearch(p, (n) => paperExpectedCost(p, n), 2);
    nStar = s.n;
    method = 'integer-search';
  } else if (!algorithm.inDomain) {
    notes.push(`Viète's formula is out of its domain (${algorithm.outOfDomainReason}); n* comes from integer search`);
    const s = integerSearch(p, (n) => paperExpectedCost(p, n), 2);
    nStar = s.n;
    method = 'integer-search';
  } else {
    const nU = Math.max(algorithm.nCeil!, k, 2);
    upperBranch = { n: nU, cost: paperExpectedCost(p, nU) };
    if (algorithm.nCeil! < k) notes.push(`ceil(n0) = ${algorithm.nCeil} < k = ${k}: the cubic's root lies where (3.6)-(3.8) do not apply (lots ≤ k hold every unit at C2)`);
    if (algorithm.nStep8 !== algorithm.nCeil) notes.push(`n0 = ${algorithm.n0} is an integer: Step 8's round(n0 + 0.5) = ${algorithm.nStep8} is the larger of two equal-cost lots; n* takes the smaller`);
    if (lowerBranch !== null && (lowerBranch.cost < upperBranch.cost || (lowerBranch.cost === upperBranch.cost && lowerBranch.n < upperBranch.n))) {
      nStar = lowerBranch.n;
      method = 'below-k-closed-form';
      if (algorithm.nCeil! >= k) notes.push(`a lot of ${lowerBranch.n} ≤ k units (every unit at C2) is cheaper than Viète's ${upperBranch.n}`);
    } else {
      nStar = upperBranch.n;
      method = algorithm.nCeil! >= Math.max(k, 2) ? 'viete' : 'below-k-closed-form';
    }
  }
  return {
    criterion: 'paper',
    algorithm,
    printedCubic,
    upperBranch,
    lowerBranch,
    nStar,
    method,
    expectedCost: paperExpectedCost(p, nStar),
    condition37AtNStar: condition37(p, nStar),
    notes,
  };
}

function paperAlgorithmInDomain(c: { p: number; q: number }): boolean {
  if (!(c.p < 0)) return false;
  const m1 = ((3 * c.q) / (2 * c.p)) * Math.sqrt(-3 / c.p);
  return m1 >= -1 && m1 <= 1;
}

/** The long-run criterion solved. */
export interface LongRunSolution {
  criterion: 'long-run';
  /** A = C0/θ + (C2 − C1)·k(k + 1)/2 [currency per time · units]: for n ≥ k, g(n) = C/θ + C1(n + 1)/2 + A/n */
  A: number;
  /** continuous minimiser of g on n ≥ k: sqrt(2A/C1) (EOQ form); NaN when A ≤ 0 */
  nContinuous: number;
  /** minimiser on n ≥ max(k, 1): smallest n ≥ max(k, 1) with n(n + 1) ≥ 2A/C1 */
  upperBranch: { n: number; cost: number };
  /** minimiser on 1 ≤ n ≤ k (every unit at C2): smallest n with n(n + 1) ≥ 2·C0/(θ·C2), at most k; null if k = 0 */
  lowerBranch: { n: number; cost: number } | null;
  nStar: number;
  method: 'closed-form';
  /** g(n*) = E[cycle cost]/E[T] [currency per time] */
  cost: number;
  notes: string[];
}

/**
 * Optimal lot under the long-run criterion g(n) = E[cycle cost]/E[T] (renewal-reward; README).
 * For n ≥ k: g(n) = C/θ + C1(n + 1)/2 + A/n with A = C0/θ + (C2 − C1)k(k + 1)/2, and
 * g(n + 1) − g(n) = C1/2 − A/(n(n + 1)), so the minimiser on n ≥ max(k, 1) is the smallest such n
 * with n(n + 1) ≥ 2A/C1, i.e. ceil((−1 + sqrt(1 + 8A/C1))/2) (or max(k, 1) if that is larger).
 * For 1 ≤ n ≤ k: g(n) = C/θ + C0/(nθ) + C2(n + 1)/2, minimiser the smallest n with n(n + 1) ≥ 2C0/(θ·C2).
 * n* is the cheaper of the two (smaller n on ties). Holds for any C2 ≥ 0; needs C1 > 0.
 */
export function solveLongRun(params: StockPriceParams): LongRunSolution {
  const p = assertParams(params);
  if (!(p.holdingCostAboveK > 0)) throw new RangeError(`holdingCostAboveK (C1) must be > 0 to optimise n (with C1 = 0 the cost decreases in n for ever), got ${p.holdingCostAboveK}`);
  const k = p.priceCutLevel;
  const C1 = p.holdingCostAboveK;
  const A = p.orderingCost / p.meanInterarrivalTime + ((p.holdingCostAtOrBelowK - C1) * k * (k + 1)) / 2;
  const notes: string[] = [];
  const nU = smallestWithProduct((2 * A) / C1, 1, Math.max(k, 1));
  const upperBranch = { n: nU, cost: longRunCostPerUnitTime(p, nU) };
  let lowerBranch: { n: number; cost: number } | null = null;
  if (k >= 1) {
    const nL = p.holdingCostAtOrBelowK > 0 ? Math.min(k, smallestWithProduct((2 * p.orderingCost) / (p.meanInterarrivalTime * p.holdingCostAtOrBelowK), 1, 1)) : k;
    lowerBranch = { n: nL, cost: longRunCostPerUnitTime(p, nL) };
  }
  let nStar = upperBranch.n;
  if (lowerBranch !== null && (lowerBranch.cost < upperBranch.cost || (lowerBranch.cost === upperBranch.cost && lowerBranch.n < upperBranch.n))) {
    nStar = lowerBranch.n;
    if (lowerBranch.n < upperBranch.n) notes.push(`a lot of ${lowerBranch.n} ≤ k units (every unit at C2) is cheaper than the best lot above k`);
  }
  if (nStar === 1) notes.push('n* = 1 is finite in the long run (the paper\'s infinite E(TC(1)) comes from E(1/T) = ∞, not from the cost the shop pays)');
  return { criterion: 'long-run', A, nContinuous: A > 0 ? Math.sqrt((2 * A) / C1) : Number.NaN, upperBranch, lowerBranch, nStar, method: 'closed-form', cost: longRunCostPerUnitTime(p, nStar), notes };
}

/** Both criteria side by side, with the price of choosing n by the paper's criterion. */
export interface CriteriaComparison {
  paper: PaperSolution;
  longRun: LongRunSolution;
  /** the long-run cost per unit time of each choice [currency per time] */
  longRunCostAtPaperN: number;
  longRunCostAtLongRunN: number;
  /** g(n*_paper) − g(n*_longRun) ≥ 0: extra cost per unit time of using the paper's n* */
  excessCostOfPaperN: number;
  /** the same as a fraction of g(n*_longRun) */
  excessCostOfPaperNRelative: number;
  /** E(TC) (3.6) at the long-run optimum [currency per time] */
  paperCostAtLongRunN: number;
  /** E[R/T] − E[R]/E[T] at the paper's n* */
  criteriaGapAtPaperN: number;
}

export function compareCriteria(params: StockPriceParams): CriteriaComparison {
  const p = assertParams(params);
  const paper = solvePaper(p);
  const longRun = solveLongRun(p);
  const a = longRunCostPerUnitTime(p, paper.nStar);
  const b = longRunCostPerUnitTime(p, longRun.nStar);
  return {
    paper,
    longRun,
    longRunCostAtPaperN: a,
    longRunCostAtLongRunN: b,
    excessCostOfPaperN: a - b,
    excessCostOfPaperNRelative: (a - b) / b,
    paperCostAtLongRunN: paperExpectedCost(p, longRun.nStar),
    criteriaGapAtPaperN: criteriaGap(p, paper.nStar),
  };
}

/** Solve by one criterion. */
export function solve(params: StockPriceParams, criterion: Criterion): PaperSolution | LongRunSolution {
  if (criterion === 'paper') return solvePaper(params);
  if (criterion === 'long-run') return solveLongRun(params);
  throw new RangeError(`criterion must be 'paper' or 'long-run', got '${String(criterion)}'`);
}
