/**
 * The cycle-process simulator (src/models/stock-price-cubic/sim) against the exact criteria, with
 * tolerances from the standard error (4 se), fixed seeds; and thread-count independence.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { estimateMean } from '../../../src/core/stats.ts';
import { longRunCostPerUnitTime, PAPER_EXAMPLE, paperExpectedCost, type StockPriceParams } from '../../../src/models/stock-price-cubic/index.ts';
import { closePool, runReplications } from '../../../src/pool/run.ts';
import { simulateCycles, stockPriceCyclesKernel, validateCycleSpec } from '../../../src/models/stock-price-cubic/sim/index.ts';
import { RandomStream } from '../../../src/rng/stream.ts';
import { expectClose, expectWithinSe } from '../../helpers/close.ts';

afterAll(closePool);

async function simulate(params: StockPriceParams, lots: number[], replications: number, customers: number, scenario: string, threads = 1): Promise<Record<string, number>[]> {
  return runReplications({ kernel: stockPriceCyclesKernel, spec: { params, lots, customers }, seed: 20261121, scenario, replications, threads });
}

describe('simulated cycle process', () => {
  it('paper example: total cost / total time agrees with E[cycle cost]/E[T] within 4 se, and the mean of cost/T with (3.6)', async () => {
    const lots = [3, 10, 25, 39, 60];
    const rows = await simulate(PAPER_EXAMPLE, lots, 100, 20000, 'test/example');
    for (const n of lots) {
      const lr = estimateMean(rows.map((r) => r[`longRun_${n}`]!));
      expectWithinSe(lr.mean, lr.se, longRunCostPerUnitTime(PAPER_EXAMPLE, n), 4, `long-run cost at n = ${n}, renewal-reward E[R]/E[T]`);
      const pc = estimateMean(rows.map((r) => r[`meanCostOverT_${n}`]!));
      expectWithinSe(pc.mean, pc.se, paperExpectedCost(PAPER_EXAMPLE, n), 4, `mean of cost/T at n = ${n}, eq. (3.6)`);
      // and the shop's cost is NOT the paper's (3.6): more than 10 se away at every lot
      expect(Math.abs(lr.mean - paperExpectedCost(PAPER_EXAMPLE, n)) / lr.se).toBeGreaterThan(10);
    }
  });
  it('lots at and below k (every unit at C2), and a parameter set with C2 < C1: long-run cost within 4 se', async () => {
    const cases: [StockPriceParams, number[]][] = [
      [{ ...PAPER_EXAMPLE, priceCutLevel: 12 }, [4, 12, 13]],
      [{ orderingCost: 300, unitCost: 50, holdingCostAboveK: 20, holdingCostAtOrBelowK: 8, meanInterarrivalTime: 0.7, priceCutLevel: 3 }, [2, 3, 8]],
    ];
    for (const [i, [p, lots]] of cases.entries()) {
      const rows = await simulate(p, lots, 60, 12000, `test/case-${i}`);
      for (const n of lots) {
        const lr = estimateMean(rows.map((r) => r[`longRun_${n}`]!));
        expectWithinSe(lr.mean, lr.se, longRunCostPerUnitTime(p, n), 4, `case ${i}, long-run cost at n = ${n}`);
        const h = estimateMean(rows.map((r) => r[`holdingPerTime_${n}`]!));
        expect(h.mean).toBeGreaterThan(0);
      }
    }
  });
  it('1 and 2 threads give bit-identical rows', async () => {
    const a = await simulate(PAPER_EXAMPLE, [25, 39], 12, 2000, 'test/threads', 1);
    const b = await simulate(PAPER_EXAMPLE, [25, 39], 12, 2000, 'test/threads', 2);
    expect(b).toEqual(a);
  });
  it('common random numbers: every lot in a replication uses the same customer path', () => {
    const s1 = simulateCycles(PAPER_EXAMPLE, 10, 3, new RandomStream(['x']));
    const s2 = simulateCycles(PAPER_EXAMPLE, 30, 1, new RandomStream(['x']));
    // same 30 customers: same total time (sum of the same inter-arrival times)
    expectClose(s1.totalTime, s2.totalTime, 1e-12, 'same customer path');
    expect(s1.customers).toBe(30);
  });
});

describe('kernel spec errors', () => {
  const ctx = { seed: 1, scenario: 's', replication: 0 };
  it('names the field and the rule', () => {
    expect(() => stockPriceCyclesKernel(null, ctx)).toThrow(/spec must be an object \{params, lots, customers\}/);
    expect(() => validateCycleSpec({ params: PAPER_EXAMPLE, lots: [], customers: 10 })).toThrow(/spec.lots must be a non-empty array/);
    expect(() => validateCycleSpec({ params: PAPER_EXAMPLE, lots: [0], customers: 10 })).toThrow(/spec.lots: every lot size must be an integer ≥ 1, got 0/);
    expect(() => validateCycleSpec({ params: PAPER_EXAMPLE, lots: [5], customers: 1.5 })).toThrow(/spec.customers must be an integer ≥ 1, got 1.5/);
    expect(() => validateCycleSpec({ params: PAPER_EXAMPLE, lots: [50], customers: 10 })).toThrow(/spec.customers \(10\) must be at least the largest lot size \(50\)/);
    expect(() => validateCycleSpec({ params: { ...PAPER_EXAMPLE, meanInterarrivalTime: 0 }, lots: [5], customers: 10 })).toThrow(/meanInterarrivalTime \(θ\) must be a finite number > 0/);
  });
});
