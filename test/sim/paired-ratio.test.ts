/**
 * Paired differences of ratio metrics on common random numbers (src/sim/metrics.ts
 * pairedDifferences): the difference of two ratios of sums with a delta-method interval over
 * replications (src/core/stats.ts ratioDifferenceEstimate), checked against a hand-computed case
 * and, at a fixed seed, for coverage of the exact long-run difference within 3 binomial
 * standard errors of 0.95.
 */
import { describe, expect, it } from 'vitest';
import { runReplications } from '../../src/pool/run.ts';
import { exactSQPoisson } from '../../src/sim/exact.ts';
import { inventoryKernel, type InventorySimSpec } from '../../src/sim/inventory.ts';
import { pairedDifferences } from '../../src/sim/metrics.ts';
import { expectClose } from '../helpers/close.ts';

describe('pairedDifferences of ratio metrics', () => {
  it('is the difference of the ratios of sums with the delta-method interval (hand-computed)', () => {
    // policy a fills 8/10, 9/12, 7/8; policy b fills 6/10, 9/12, 5/8 on the same demand
    const a = [[8, 10], [9, 12], [7, 8]].map(([f, d]) => ({ fillRate: f! / d!, filledUnits: f!, demandUnits: d! }));
    const b = [[6, 10], [9, 12], [5, 8]].map(([f, d]) => ({ fillRate: f! / d!, filledUnits: f!, demandUnits: d! }));
    const e = pairedDifferences(a, b).fillRate!;
    // Ra = 24/30 = 0.8, Rb = 20/30; D = 2/15
    expectClose(e.mean, 0.8 - 20 / 30, 1e-15, 'Σ filled / Σ demand of a minus that of b (hand)');
    // z_i = (ya − Ra·xa)/x̄a − (yb − Rb·xb)/x̄b with x̄a = x̄b = 10: 1/15, −0.16, 0.09333…
    // s² = (1/225 + 0.0256 + 0.0087111…)/2 = 0.0193777…, se = s/√3 = 0.0803695…, t(0.975, 2) = 4.3026527…
    expectClose(e.se, 0.08036951697788944, 1e-12, 'delta-method standard error (hand, 12 digits)');
    expectClose(e.halfWidth, 0.3458021216135617, 1e-9, 'half-width t(0.975, 2)·se (hand, t from scipy)');
    expect(e.estimator).toBe('ratioOfSums');
    // the mean of per-replication differences of ratios is another quantity: (0.2 + 0 + 0.25)/3
    expectClose(pairedDifferences(a, b, 0.95, 'replicationMean').fillRate!.mean, 0.15, 1e-15, 'replication mean of differences (hand)');
  });

  it('says why there is no interval: one replication, no demand', () => {
    const one = [{ fillRate: 1, filledUnits: 3, demandUnits: 3 }];
    expect(pairedDifferences(one, one).fillRate!.note).toMatch(/one replication/);
    const none = [1, 2].map(() => ({ fillRate: NaN, filledUnits: 0, demandUnits: 0 }));
    expect(pairedDifferences(none, none).fillRate!.note).toMatch(/not measurable/);
  });

  it('covers the exact long-run difference of (s, Q) policies on common random numbers (fixed seed, 3 binomial SE); the mean of per-replication differences does not for fill rate', async () => {
    // 100 short replications (10 periods after the fixed rule's 90 warm-up periods): where ratio-of-means and mean-of-ratios part
    const base = { demand: { kind: 'poisson', mean: 2 }, leadTime: { kind: 'constant', value: 3 }, horizon: 10, warmup: 90 } as const;
    const specA: InventorySimSpec = { ...base, policy: { kind: 'sQ', reorderPoint: 10, lotSize: 10, multiples: 'multiples' } };
    const specB: InventorySimSpec = { ...base, policy: { kind: 'sQ', reorderPoint: 8, lotSize: 10, multiples: 'multiples' } };
    const ea = exactSQPoisson(2, 3, 10, 10);
    const eb = exactSQPoisson(2, 3, 8, 10);
    const runs = 200;
    const metrics = ['fillRate', 'readyRate', 'cycleServiceLevel'] as const;
    const covered = { fillRate: 0, readyRate: 0, cycleServiceLevel: 0 };
    let oldFill = 0;
    const inside = (e: { low: number; high: number } | undefined, x: number): boolean => e !== undefined && e.low <= x && x <= e.high;
    for (let k = 0; k < runs; k++) {
      const scenario = `paired-coverage/${k}`;
      const ra = await runReplications({ kernel: inventoryKernel, spec: specA, seed: 11, scenario, replications: 100, threads: 1 });
      const rb = await runReplications({ kernel: inventoryKernel, spec: specB, seed: 11, scenario, replications: 100, threads: 1 });
      const d = pairedDifferences(ra, rb);
      for (const m of metrics) if (inside(d[m], ea[m] - eb[m])) covered[m]++;
      if (inside(pairedDifferences(ra, rb, 0.95, 'replicationMean').fillRate, ea.fillRate - eb.fillRate)) oldFill++;
    }
    const tol = 3 * Math.sqrt((0.95 * 0.05) / runs);
    for (const m of metrics) expectClose(covered[m] / runs, 0.95, tol, `coverage of the paired ${m} difference over ${runs} macro-runs (3 binomial SE)`);
    expect(oldFill / runs).toBeLessThan(0.95 - tol);
  }, 60_000);
});
