/**
 * Seeded random parameter sets (streams from src/rng, keyed by this test): the solvers against
 * brute-force minimisers, and the cost formulas against independent level-by-level sums.
 */
import { describe, expect, it } from 'vitest';
import {
  bruteForceLongRun,
  bruteForcePaper,
  criteriaGap,
  expectedCycleCost,
  longRunCostPerUnitTime,
  paperExpectedCost,
  paperExpectedCostAsPrinted,
  solveLongRun,
  solvePaper,
  type StockPriceParams,
} from '../../../src/models/stock-price-cubic/index.ts';
import { RandomStream } from '../../../src/rng/stream.ts';
import { expectRelClose } from '../../helpers/close.ts';

/** Random parameters: C0, C uniform on [0, 20000], C1 on [1, 1000], C2 = C1·r, θ log-uniform on [0.002, 2], k integer 0..40. */
function randomParams(s: RandomStream, ratioLow: number, ratioHigh: number): StockPriceParams {
  const C1 = 1 + 999 * s.uniform();
  return {
    orderingCost: 20000 * s.uniform(),
    unitCost: 20000 * s.uniform(),
    holdingCostAboveK: C1,
    holdingCostAtOrBelowK: C1 * (ratioLow + (ratioHigh - ratioLow) * s.uniform()),
    meanInterarrivalTime: Math.exp(Math.log(0.002) + (Math.log(2) - Math.log(0.002)) * s.uniform()),
    priceCutLevel: s.int(41),
  };
}

/** Independent expected cycle cost: C0 + nC + θ·Σ_j rate(j)·j, rate = C1 above k, C2 at or below (eq. 3.3, E(t_i) = θ). */
function cycleCostByLevels(p: StockPriceParams, n: number): number {
  let h = 0;
  for (let j = 1; j <= n; j++) h += (j > p.priceCutLevel ? p.holdingCostAboveK : p.holdingCostAtOrBelowK) * j;
  return p.orderingCost + n * p.unitCost + p.meanInterarrivalTime * h;
}

describe('solvers equal brute-force minimisers on 400 seeded random parameter sets (C2 ≥ C1, the paper\'s assumption)', () => {
  const stream = new RandomStream(['test', 'stock-price-cubic', 'random-params', 'C2>=C1']);
  const sets = Array.from({ length: 400 }, () => randomParams(stream, 1, 6));
  it("paper criterion: the solver's n* (Viète on lots ≥ k) = the brute-force minimiser of (3.6)", () => {
    const methods: Record<string, number> = {};
    for (const p of sets) {
      const s = solvePaper(p);
      const b = bruteForcePaper(p);
      if (s.nStar !== b.n) expect.fail(`params ${JSON.stringify(p)}: solver n* = ${s.nStar} (${s.method}), brute force ${b.n}`);
      methods[s.method] = (methods[s.method] ?? 0) + 1;
      if (s.method === 'viete') {
        // Viète's own answer: ceil(n0), also Step 8's round(n0 + 0.5) (n0 is never an integer here)
        expect(s.algorithm.nCeil).toBe(b.n);
        expect(s.algorithm.nStep8).toBe(b.n);
      }
    }
    // the draw must exercise Viète's path on most sets (so the test is about Viète)
    expect(methods.viete ?? 0).toBeGreaterThan(300);
  });
  it('long-run criterion: the closed-form n* = the brute-force minimiser of E[cycle cost]/E[T]', () => {
    for (const p of sets) {
      const s = solveLongRun(p);
      const b = bruteForceLongRun(p);
      if (s.nStar !== b.n) expect.fail(`params ${JSON.stringify(p)}: closed form n* = ${s.nStar}, brute force ${b.n}`);
    }
  });
  it("the paper's n* is never below the long-run n* when C2 ≥ C1 and both lots are ≥ k", () => {
    for (const p of sets) {
      const a = solvePaper(p).nStar;
      const b = solveLongRun(p).nStar;
      if (a >= p.priceCutLevel && b >= p.priceCutLevel) expect(a).toBeGreaterThanOrEqual(b);
    }
  });
});

describe('C2 < C1 (outside the paper\'s assumption): integer search, still equal to brute force', () => {
  const stream = new RandomStream(['test', 'stock-price-cubic', 'random-params', 'C2<C1']);
  it('100 sets', () => {
    for (let i = 0; i < 100; i++) {
      const p = randomParams(stream, 0, 1);
      const s = solvePaper(p);
      expect(s.method).toBe('integer-search');
      expect(s.nStar).toBe(bruteForcePaper(p).n);
      expect(solveLongRun(p).nStar).toBe(bruteForceLongRun(p).n);
    }
  });
});

describe('cost formulas against independent sums', () => {
  const stream = new RandomStream(['test', 'stock-price-cubic', 'random-params', 'formulas']);
  it('E[cycle cost] = C0 + nC + θ·Σ level costs; g = E[R]/(nθ); (3.6) − g = (C0 + nC)/(θn(n − 1)); printed (3.6) = ours for n ≥ k', () => {
    for (let i = 0; i < 200; i++) {
      const p = randomParams(stream, 0.5, 4);
      for (const n of [1, 2, 3, p.priceCutLevel, p.priceCutLevel + 1, 17, 60]) {
        if (n < 1) continue;
        const R = cycleCostByLevels(p, n);
        expectRelClose(expectedCycleCost(p, n), R, 1e-12, 'level-by-level sum');
        expectRelClose(longRunCostPerUnitTime(p, n), R / (n * p.meanInterarrivalTime), 1e-12, 'renewal-reward ratio');
        if (n >= 2) {
          expectRelClose(paperExpectedCost(p, n) - longRunCostPerUnitTime(p, n), criteriaGap(p, n), 1e-7, 'criteria gap');
          if (n >= p.priceCutLevel) expectRelClose(paperExpectedCostAsPrinted(p, n), paperExpectedCost(p, n), 1e-12, 'printed (3.6) for n ≥ k');
        } else {
          expect(paperExpectedCost(p, n)).toBe(Number.POSITIVE_INFINITY);
        }
      }
    }
  });
});
