/**
 * Cost functions of Shah's model: the paper's criterion E[cost/T] (eq. 3.6) and the
 * long-run cost per unit time of the repeating cycle process E[cycle cost]/E[T]
 * (renewal-reward). Pure functions; see README.md for derivations, errata and conventions.
 *
 * Notation (paper → code): n lot size [units]; k priceCutLevel [units]; C0 orderingCost;
 * C unitCost; C1 holdingCostAboveK; C2 holdingCostAtOrBelowK [currency per unit per time];
 * θ meanInterarrivalTime [time]. Stock level j (= units on hand) is held during one
 * inter-arrival time; it costs C1·j per unit time while j > k and C2·j while j ≤ k (eq. 3.3).
 */
import type { StockPriceParams } from './params.ts';
import { checkLotSize } from './params.ts';

/**
 * Effective price-cut level for a lot of n units: min(n, k). When n ≤ k the stock starts at or
 * below k, so every unit is held at C2 from the start (README, "n ≤ k"). For n ≥ k it is k.
 */
export function effectiveCutLevel(n: number, k: number): number {
  return Math.min(n, k);
}

/**
 * Sums of stock levels over one cycle, split by cost rate (eq. 3.3 with E(t_i) = θ):
 *   levelsAboveK = (k+1) + … + n = (n − k')(n + k' + 1)/2,
 *   levelsAtOrBelowK = 1 + … + k' = k'(k' + 1)/2,   with k' = min(n, k).
 * Domain: n integer ≥ 1. Units: unit-levels (each weighted by one mean inter-arrival time θ).
 */
export function levelSums(n: number, k: number): { levelsAboveK: number; levelsAtOrBelowK: number } {
  const kk = effectiveCutLevel(n, k);
  return { levelsAboveK: ((n - kk) * (n + kk + 1)) / 2, levelsAtOrBelowK: (kk * (kk + 1)) / 2 };
}

/**
 * Holding-cost weight per cycle divided by θ: C1·(n − k')(n + k' + 1)/2 + C2·k'(k' + 1)/2
 * [currency per time per cycle, i.e. the expected cycle holding cost is θ times this].
 * Eq. (3.3) in expectation; k' = min(n, k).
 */
export function holdingWeight(p: StockPriceParams, n: number): number {
  const s = levelSums(n, p.priceCutLevel);
  return p.holdingCostAboveK * s.levelsAboveK + p.holdingCostAtOrBelowK * s.levelsAtOrBelowK;
}

/**
 * Expected cost of one cycle [currency]: E[R] = C0 + n·C + θ·(C1·(n − k')(n + k' + 1)/2 + C2·k'(k' + 1)/2).
 * Eqs. (3.1) + (3.2) + E[(3.3)] with E(t_i) = θ. Domain: n integer ≥ 1.
 */
export function expectedCycleCost(p: StockPriceParams, n: number): number {
  checkLotSize(n);
  return p.orderingCost + n * p.unitCost + p.meanInterarrivalTime * holdingWeight(p, n);
}

/** Expected cycle length [time]: E[T] = n·θ (Section 2: T is a sum of n Exp(mean θ) gaps). Domain: n ≥ 1. */
export function expectedCycleLength(p: StockPriceParams, n: number): number {
  checkLotSize(n);
  return n * p.meanInterarrivalTime;
}

/**
 * Long-run cost per unit time of the repeating cycle process [currency per time], by the
 * renewal-reward theorem: g(n) = E[R]/E[T]
 *   = C/θ + C0/(n·θ) + (C1·(n − k')(n + k' + 1)/2 + C2·k'(k' + 1)/2)/n,
 * which for n ≥ k is C/θ + C1·(n + 1)/2 + (C0/θ + (C2 − C1)·k(k + 1)/2)/n.
 * Not in the paper (README, "Long-run criterion"). Domain: n integer ≥ 1 (finite at n = 1).
 */
export function longRunCostPerUnitTime(p: StockPriceParams, n: number): number {
  return expectedCycleCost(p, n) / expectedCycleLength(p, n);
}

/**
 * The paper's criterion, eq. (3.6) [currency per time]: E(TC(n)) = E[cycle cost / T]
 *   = (C0 + n·C)/(θ·(n − 1)) + C1·(n − k')(n + k' + 1)/(2n) + C2·k'(k' + 1)/(2n),
 * using E(1/T) = 1/(θ(n − 1)) (3.5) and E(t_i/T) = 1/n (3.4). k' = min(n, k): equal to the
 * printed (3.6) for n ≥ k (README, "n ≤ k"). n = 1 gives +Infinity (E(1/T) diverges for
 * T ~ Exp, the paper's argument after (3.5)). Domain: n integer ≥ 1.
 */
export function paperExpectedCost(p: StockPriceParams, n: number): number {
  checkLotSize(n);
  if (n === 1) return Number.POSITIVE_INFINITY;
  return (p.orderingCost + n * p.unitCost) / (p.meanInterarrivalTime * (n - 1)) + holdingWeight(p, n) / n;
}

/**
 * Eq. (3.6) exactly as printed, also for n < k: (C0 + nC)/(θ(n − 1)) + C1(n − k)(n + k + 1)/(2n) + C2·k(k + 1)/(2n).
 * For n < k it charges C2 for levels the lot never reaches and a negative C1 term, so it is
 * not the expected cost there; kept to show the difference (README, "n ≤ k"). Domain: n ≥ 1.
 */
export function paperExpectedCostAsPrinted(p: StockPriceParams, n: number): number {
  checkLotSize(n);
  if (n === 1) return Number.POSITIVE_INFINITY;
  const k = p.priceCutLevel;
  return (
    (p.orderingCost + n * p.unitCost) / (p.meanInterarrivalTime * (n - 1)) +
    (p.holdingCostAboveK * (n - k) * (n + k + 1)) / (2 * n) +
    (p.holdingCostAtOrBelowK * k * (k + 1)) / (2 * n)
  );
}

/**
 * The printed forward difference of (3.6) (equation after 3.6), valid for n ≥ max(k, 2):
 *   E(TC(n+1)) − E(TC(n)) = C1(n² + n + k² + k)/(2n(n+1)) − C2·k(k+1)/(2n(n+1)) − (C0 + C)/(θ·n(n−1)).
 * [currency per time].
 */
export function paperCostDifference(p: StockPriceParams, n: number): number {
  checkLotSize(n);
  const k = p.priceCutLevel;
  const K = k * (k + 1);
  return (
    (p.holdingCostAboveK * (n * n + n + K)) / (2 * n * (n + 1)) -
    (p.holdingCostAtOrBelowK * K) / (2 * n * (n + 1)) -
    (p.orderingCost + p.unitCost) / (p.meanInterarrivalTime * n * (n - 1))
  );
}

/**
 * The optimality condition (3.7) at n (valid for n ≥ max(k, 2)):
 *   2(C0 + C)/θ ≤ (n − 1)/(n + 1) · (C1(n² + n + k² + k) − C2·k(k + 1)).
 * Returns both sides [currency per time] and whether it holds (then E(TC(n)) ≤ E(TC(n+1))).
 */
export function condition37(p: StockPriceParams, n: number): { lhs: number; rhs: number; holds: boolean } {
  checkLotSize(n);
  const k = p.priceCutLevel;
  const K = k * (k + 1);
  const lhs = (2 * (p.orderingCost + p.unitCost)) / p.meanInterarrivalTime;
  const rhs = ((n - 1) / (n + 1)) * (p.holdingCostAboveK * (n * n + n + K) - p.holdingCostAtOrBelowK * K);
  return { lhs, rhs, holds: lhs <= rhs };
}

/**
 * Gap between the two criteria at n [currency per time]: E[R/T] − E[R]/E[T]
 * = (C0 + n·C)/(θ·n·(n − 1)) for n ≥ 2 (the holding parts agree because E(t_i/T) = E(t_i)/E(T) = 1/n;
 * only the fixed part (C0 + nC)·E(1/T) differs from (C0 + nC)/E(T)). README, "Why they differ".
 */
export function criteriaGap(p: StockPriceParams, n: number): number {
  checkLotSize(n);
  if (n === 1) return Number.POSITIVE_INFINITY;
  return (p.orderingCost + n * p.unitCost) / (p.meanInterarrivalTime * n * (n - 1));
}

/** Cost components per unit time at n, for tables: long-run split and the paper's split. */
export interface CostBreakdown {
  n: number;
  /** C0/(nθ) [currency per time] */
  orderingPerTime: number;
  /** C/θ [currency per time]: units bought per unit time (one per customer) times C */
  purchasePerTime: number;
  /** (C1·levelsAboveK + C2·levelsAtOrBelowK)/n [currency per time]; same in both criteria */
  holdingPerTime: number;
  longRun: number;
  /** (C0 + nC)/(θ(n − 1)) [currency per time]: the paper's fixed part */
  paperFixedPart: number;
  paper: number;
}

export function costBreakdown(p: StockPriceParams, n: number): CostBreakdown {
  checkLotSize(n);
  const holdingPerTime = holdingWeight(p, n) / n;
  const paperFixedPart = n === 1 ? Number.POSITIVE_INFINITY : (p.orderingCost + n * p.unitCost) / (p.meanInterarrivalTime * (n - 1));
  return {
    n,
    orderingPerTime: p.orderingCost / (n * p.meanInterarrivalTime),
    purchasePerTime: p.unitCost / p.meanInterarrivalTime,
    holdingPerTime,
    longRun: longRunCostPerUnitTime(p, n),
    paperFixedPart,
    paper: paperExpectedCost(p, n),
  };
}
