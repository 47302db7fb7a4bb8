/**
 * The forward DP of Sabahno (2008), Section III: equal to brute force over all 2^(N − 1)
 * partitions on random small instances; finer grids and continuous boundaries never lose
 * profit; the lead-time rule; plan reconstruction.
 */
import { describe, expect, it } from 'vitest';
import { bestSinglePrice, bruteForce, dpAtPrice, equalCycles, gridBoundaries, planProfit, refineBoundaries, SABAHNO_EXAMPLE, solveDp, type DeterioratingDpParams } from '../../../src/models/deteriorating-dp/index.ts';
import { RandomStream } from '../../../src/rng/stream.ts';
import { expectMatchesPrinted, expectRelClose } from '../../helpers/close.ts';

/** A random instance around the paper's example (seeded), feasible for both pricing rules. */
function randomInstance(r: RandomStream): DeterioratingDpParams {
  const a = 20 + 80 * r.uniform();
  return {
    demandIntercept: a,
    demandSlope: 0.3 + 2 * r.uniform(),
    netDiscountRate: r.uniform() < 0.2 ? 0 : 0.3 * r.uniform(),
    deteriorationRate: r.uniform() < 0.2 ? 0 : 0.4 * r.uniform(),
    holdingCost: 2 * r.uniform(),
    unitCost: 10 * r.uniform(),
    orderingCost: 300 * r.uniform(),
    horizon: [4, 6, 8, 10][r.int(4)]!,
    productionRate: a * (0.6 + 2 * r.uniform()),
    leadTime: 1.5 * r.uniform(),
  };
}

describe('DP equals brute force', () => {
  it('on 40 random small instances (H/step up to 12 intervals), both pricings and both lead-time rules', () => {
    const r = new RandomStream([2008, 'deteriorating-dp-test', 'random-instances']);
    let compared = 0;
    let infeasible = 0;
    for (let n = 0; n < 40; n++) {
      const p = randomInstance(r);
      const step = [0.5, 1, 2][r.int(3)]!;
      const b = gridBoundaries(p.horizon, step);
      if (b.length - 1 > 12) continue;
      for (const pricing of ['printed', 'optimal'] as const) {
        for (const leadTimeRule of ['flag', 'exclude'] as const) {
          let dp;
          try {
            dp = solveDp(p, { step, pricing, leadTimeRule });
          } catch (e) {
            // an infeasible instance must fail the same way in brute force
            expect(() => bruteForce(p, b, pricing, leadTimeRule)).toThrow();
            expect((e as Error).message).toMatch(/deteriorating-dp/);
            infeasible++;
            continue;
          }
          compared++;
          const bf = bruteForce(p, b, pricing, leadTimeRule);
          expectRelClose(dp.totalProfit, bf.totalProfit, 1e-12, `instance ${n} ${pricing} ${leadTimeRule}`);
          expect(bf.partitions).toBe(2 ** (b.length - 2));
          expectRelClose(planProfit(p, bf.boundaries, pricing), bf.totalProfit, 1e-12, 'brute-force plan profit');
        }
      }
    }
    // the comparison is not vacuous: most random instances are feasible
    expect(compared).toBeGreaterThan(3 * infeasible);
    expect(compared).toBeGreaterThanOrEqual(80);
  });
  it('brute force on the paper example enumerates 512 partitions and picks the paper plan', () => {
    const bf = bruteForce(SABAHNO_EXAMPLE, gridBoundaries(10, 1));
    expect(bf.partitions).toBe(512);
    expect(bf.boundaries).toEqual([0, 3, 6, 8, 10]);
  });
});

describe('grids, continuous boundaries, baselines', () => {
  it('a finer nested grid never loses profit, and continuous refinement never loses against its start', () => {
    const p = SABAHNO_EXAMPLE;
    const t1 = solveDp(p, { step: 1 }).totalProfit;
    const t05 = solveDp(p, { step: 0.5 }).totalProfit;
    const t025 = solveDp(p, { step: 0.25 });
    expect(t05).toBeGreaterThanOrEqual(t1);
    expect(t025.totalProfit).toBeGreaterThanOrEqual(t05);
    const start = t025.plan.map((c) => c.start).concat([10]);
    const c = refineBoundaries(p, start);
    expect(c.totalProfit).toBeGreaterThanOrEqual(t025.totalProfit - 1e-9);
    expectRelClose(planProfit(p, c.boundaries), c.totalProfit, 1e-12, 'refined profit');
  });
  it('explicit unequal boundaries work and equal the step grid where they coincide', () => {
    const p = SABAHNO_EXAMPLE;
    const a = solveDp(p, { boundaries: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    const b = solveDp(p, { step: 1 });
    expect(a.totalProfit).toBe(b.totalProfit);
    const u = solveDp(p, { boundaries: [0, 2.5, 3, 5, 7.5, 10] });
    expect(u.plan.map((x) => x.end)).toContain(10);
  });
  it('baselines: equal cycles, one price, a single cycle', () => {
    const p = SABAHNO_EXAMPLE;
    const eq = equalCycles(p, 10);
    // one cycle [0, 10]: W of Table I row [0,10] (printed 1.9297e+003), here to 4 decimals; tolerance half a unit of the 4th decimal
    expectMatchesPrinted(eq[0]!.totalProfit, 1929.6934, 4, 'single cycle [0, 10], Table I W');
    const dp = solveDp(p);
    // equal cycles of 2 and 5 lie on the integer grid, so the DP is at least as good
    expect(dp.totalProfit).toBeGreaterThanOrEqual(eq[4]!.totalProfit);
    expect(dp.totalProfit).toBeGreaterThanOrEqual(eq[1]!.totalProfit);
    const one = bestSinglePrice(p, 1);
    // the best common price dominates every fixed price tried, e.g. rule (9)'s price of the 3-cycle
    expect(one.totalProfit).toBeGreaterThanOrEqual(dpAtPrice(p, 27.9491, gridBoundaries(10, 1)).totalProfit);
    expect(one.totalProfit).toBeLessThanOrEqual(solveDp(p, { pricing: 'optimal' }).totalProfit + 1e-9);
  });
});

describe('lead time', () => {
  it("'flag' keeps the paper plan and reports 'lead time not acceptable' for a cycle shorter than L; 'exclude' avoids such cycles", () => {
    const p = { ...SABAHNO_EXAMPLE, leadTime: 2.5 };
    const flag = solveDp(p, { leadTimeRule: 'flag' });
    expect(flag.leadTimeNotAcceptable).toBeGreaterThan(0);
    const bad = flag.plan.find((c) => c.reorderRule === 'lead time not acceptable')!;
    expect(bad.reorderPoint).toBeNull();
    expect(bad.end - bad.start).toBeLessThan(2.5);
    const ex = solveDp(p, { leadTimeRule: 'exclude' });
    expect(ex.leadTimeNotAcceptable).toBe(0);
    expect(ex.totalProfit).toBeLessThanOrEqual(flag.totalProfit);
    for (const c of ex.plan.slice(0, -1)) expect(c.end - c.start).toBeGreaterThanOrEqual(2.5);
  });
  it('uses eq. (7) when k − j < L ≤ k − i', () => {
    const c = solveDp({ ...SABAHNO_EXAMPLE, leadTime: 2.5 }).plan[0]!;
    expect(c.reorderRule).toBe('eq7');
    expect(c.reorderPoint).toBe(c.reorderPointEq7);
    expect(c.reorderRuleStep4).toBe('eq6');
  });
});
