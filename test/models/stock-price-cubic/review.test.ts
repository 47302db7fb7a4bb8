/**
 * Review checks of Shah's model that the other files do not make:
 * - the paper's claim after (3.8) that n1 and n2 are "always negative" fails when
 *   (C2 − C1)k(k + 1) > 2(C0 + C)/θ (n1 then lies in (0, 1)); the optimum is unaffected because
 *   the cubic has exactly one root above 1 whenever C2 ≥ C1 (README, "Domain of Viète's formula");
 * - one simulated cycle recomputed by hand from the same random draws (eq. 3.3 level by level);
 * - the paired (common random numbers) difference of the simulated long-run cost between the
 *   paper's n* = 39 and the long-run n* = 25 agrees with g(39) − g(25) within 4 standard errors.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { estimateMean, estimatePairedDifference } from '../../../src/core/stats.ts';
import { bruteForcePaper, cubicPQ, cubicValue, PAPER_EXAMPLE, paperAlgorithm, solvePaper, type StockPriceParams } from '../../../src/models/stock-price-cubic/index.ts';
import { closePool, runReplications } from '../../../src/pool/run.ts';
import { RandomStream } from '../../../src/rng/stream.ts';
import { simulateCycles, stockPriceCyclesKernel } from '../../../src/models/stock-price-cubic/sim/index.ts';
import { expectClose, expectWithinSe } from '../../helpers/close.ts';

afterAll(closePool);

describe("the paper's remark that n1 and n2 are always negative (after 3.8)", () => {
  // C0 = 0.5, C = 0, C1 = 1, C2 = 10, θ = 1, k = 5: 2(C0 + C)/θ = 1, (C2 − C1)k(k + 1) = 270 > 1.
  // Hand computation: p = (1·29 − 10·30 − 1)/1 = −272, q = (10·30 − 1·30 − 1)/1 = 269;
  // the cubic is q = 269 > 0 at n = 0 and 1 + p + q = −2 < 0 at n = 1, so a root lies in (0, 1).
  const p: StockPriceParams = { orderingCost: 0.5, unitCost: 0, holdingCostAboveK: 1, holdingCostAtOrBelowK: 10, meanInterarrivalTime: 1, priceCutLevel: 5 };
  it('fails: n1 lies in (0, 1) when (C2 − C1)k(k + 1) > 2(C0 + C)/θ', () => {
    const a = paperAlgorithm(p);
    expect(a.p).toBe(-272);
    expect(a.q).toBe(269);
    expect(a.inDomain).toBe(true);
    expect(a.n1).toBeGreaterThan(0);
    expect(a.n1).toBeLessThan(1);
    expect(a.n2).toBeLessThan(0);
    expectClose(cubicValue(cubicPQ(p), a.n1), 0, 1e-9, 'n1 is a root');
  });
  it('but the optimum is unaffected: n0 is the only root above 1 and the solver equals brute force', () => {
    const a = paperAlgorithm(p);
    expect(a.n0).toBeGreaterThan(1);
    const s = solvePaper(p);
    expect(s.nStar).toBe(bruteForcePaper(p).n);
  });
  it('with C2 ≥ C1, n1 < 1 < n0 on 300 seeded random parameter sets (cubic ≥ 0 at n = −1, < 0 at n = 1)', () => {
    const st = new RandomStream(['test', 'stock-price-cubic', 'review', 'roots']);
    let positiveN1 = 0;
    for (let i = 0; i < 300; i++) {
      const C1 = 0.1 + 10 * st.uniform();
      const q: StockPriceParams = {
        orderingCost: 100 * st.uniform() ** 3,
        unitCost: 10 * st.uniform() ** 3,
        holdingCostAboveK: C1,
        holdingCostAtOrBelowK: C1 * (1 + 20 * st.uniform()),
        meanInterarrivalTime: 0.01 + 5 * st.uniform(),
        priceCutLevel: st.int(30),
      };
      const a = paperAlgorithm(q);
      if (!a.inDomain) continue; // rounding at m1 = ±1 only (k = 0); the solver then searches
      expect(a.n1).toBeLessThan(1);
      expect(a.n0).toBeGreaterThan(1);
      if (a.n1 > 0) positiveN1++;
    }
    // the draw must contain counter-examples to the paper's remark, or this test says nothing
    expect(positiveN1).toBeGreaterThan(20);
  });
});

describe('one simulated cycle by hand', () => {
  it('cost = C0 + nC + Σ rate(level)·level·gap with the same draws (eq. 3.1-3.3), T = Σ gaps', () => {
    const p: StockPriceParams = { orderingCost: 10, unitCost: 2, holdingCostAboveK: 1, holdingCostAtOrBelowK: 5, meanInterarrivalTime: 0.5, priceCutLevel: 2 };
    const r = simulateCycles(p, 4, 1, new RandomStream(['test', 'stock-price-cubic', 'hand']));
    const s = new RandomStream(['test', 'stock-price-cubic', 'hand']);
    const gaps = [0, 1, 2, 3].map(() => 0.5 * -Math.log(s.uniformOpen()));
    // levels 4 and 3 are above k = 2 (C1 = 1); levels 2 and 1 are at or below k (C2 = 5)
    const holding = 1 * 4 * gaps[0]! + 1 * 3 * gaps[1]! + 5 * 2 * gaps[2]! + 5 * 1 * gaps[3]!;
    const T = gaps[0]! + gaps[1]! + gaps[2]! + gaps[3]!;
    expectClose(r.totalHoldingCost, holding, 1e-12, 'hand sum');
    expectClose(r.totalTime, T, 1e-12, 'hand sum');
    expectClose(r.totalCost, 10 + 4 * 2 + holding, 1e-12, 'C0 + nC + holding');
    expectClose(r.sumCostOverT, (18 + holding) / T, 1e-12, 'cost/T of the cycle');
  });
});

describe("what the paper's n* costs, simulated with common random numbers", () => {
  it('long-run cost at n = 39 minus at n = 25 = g(39) − g(25) = 1292.31 within 4 SE; pairing shrinks the SE', async () => {
    const rows = await runReplications({ kernel: stockPriceCyclesKernel, spec: { params: { ...PAPER_EXAMPLE }, lots: [25, 39], customers: 20000 }, seed: 'test-003', scenario: 'stock-price-cubic/review/paired', replications: 40, threads: 1 });
    const a = rows.map((r) => r.longRun_39!);
    const b = rows.map((r) => r.longRun_25!);
    const d = estimatePairedDifference(a, b);
    // g(39) − g(25) = (210000 + 153750/39) − 212650 = 1292.3077 (hand computation, README)
    expectWithinSe(d.mean, d.se, 210000 + 153750 / 39 - 212650, 4, 'paired difference of simulated long-run costs');
    expect(d.se).toBeLessThan(estimateMean(a).se / 5);
    expect(d.low).toBeGreaterThan(0);
  });
});
