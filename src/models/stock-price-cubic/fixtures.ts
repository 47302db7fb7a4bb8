/**
 * The paper's instance as named fixtures: the example of Shah, "A Discrete Inventory Model When
 * Sale Price varies with Stock Level", Section 5, and every intermediate it prints (the C++
 * program of Appendix 2 prints with `cout`, 6 significant digits).
 */
import type { StockPriceParams } from './params.ts';

/** The paper's example (Section 5): C0 = 7500, C = 10000, C1 = 500, C2 = 750, θ = 0.05, k = 5. */
export const PAPER_EXAMPLE: Readonly<StockPriceParams> = Object.freeze({
  orderingCost: 7500,
  unitCost: 10000,
  holdingCostAboveK: 500,
  holdingCostAtOrBelowK: 750,
  meanInterarrivalTime: 0.05,
  priceCutLevel: 5,
});

/**
 * What Section 5 prints for the example: Steps 2-8 of the algorithm (p, q, s1, s2, d1, m1, m2,
 * n0, n* = round(n0 + 0.5)) and the expected total cost E(TC(n*)) = Rs. 219307, each to 6
 * significant digits (integers exactly).
 */
export const PAPER_EXAMPLE_PRINTED = Object.freeze({
  p: -1416,
  q: -1385,
  s1: 21.7256,
  s2: 0.0460287,
  d1: 1.46716,
  m1: 0.0675316,
  m2: 0.501071,
  n0: 38.1096,
  nStar: 39,
  expectedCost: 219307,
} as const);

/**
 * Half a unit in the last printed digit of a value printed with 6 significant digits (integers:
 * 0.5): the tolerance of a comparison with PAPER_EXAMPLE_PRINTED.
 */
export function printedTolerance(printed: number): number {
  if (Number.isInteger(printed)) return 0.5;
  const exponent = Math.floor(Math.log10(Math.abs(printed)));
  return 0.5 * 10 ** (exponent - 5);
}
