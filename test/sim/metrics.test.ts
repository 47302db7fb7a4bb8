/** Summaries of replication rows: ratio of sums, no interval with its reason, accumulator = rows (bit for bit). */
import { describe, expect, it } from 'vitest';
import { runReplications } from '../../src/pool/run.ts';
import { inventoryKernel, inventorySummaryKernel, type InventorySimSpec } from '../../src/sim/inventory.ts';
import { SummaryAccumulator, summarizeRows, summaryBlockSize } from '../../src/sim/metrics.ts';
import { expectClose } from '../helpers/close.ts';

const sim: InventorySimSpec = { demand: { kind: 'poisson', mean: 2 }, leadTime: { kind: 'constant', value: 3 }, policy: { kind: 'sQ', reorderPoint: 8, lotSize: 10, multiples: 'multiples' }, horizon: 15, warmup: 50 };

describe('summarizeRows', () => {
  it('fill rate is Σ filled / Σ demanded over replications; the replication mean stays available', () => {
    const rows = [
      { fillRate: 1, filledUnits: 2, demandUnits: 2 },
      { fillRate: 0.5, filledUnits: 10, demandUnits: 20 },
      { fillRate: NaN, filledUnits: 0, demandUnits: 0 },
    ];
    const e = summarizeRows(rows);
    expectClose(e.fillRate!.mean, 12 / 22, 1e-15, 'ratio of sums (hand)');
    expect(e.fillRate!.n).toBe(3);
    expectClose(summarizeRows(rows, 0.95, 'replicationMean').fillRate!.mean, 0.75, 1e-15, 'mean of the two defined ratios (hand)');
    expect(e.demandUnits).toBeUndefined();
  });
  it('no zero-width interval: equal replications and n < 2 give no interval and the reason', () => {
    const same = [1, 2, 3].map(() => ({ readyRate: 1, readyPeriods: 10, periods: 10, averageOnHand: 4 }));
    const e = summarizeRows(same);
    expect(e.readyRate!.halfWidth).toBeNaN();
    expect(e.readyRate!.note).toMatch(/same ratio/);
    expect(e.averageOnHand!.note).toMatch(/every replication gave 4/);
    expect(summarizeRows([same[0]!]).averageOnHand!.note).toMatch(/one replication/);
  });
  it('cycle service with no stock-out at all: a Wilson interval on the pooled cycles', () => {
    const rows = [1, 2, 3].map(() => ({ cycleServiceLevel: 1, cycles: 5, stockoutCycles: 0 }));
    const e = summarizeRows(rows).cycleServiceLevel!;
    expect(e.estimator).toBe('wilson');
    expect(e.high).toBe(1);
    expect(e.low).toBeLessThan(1);
  });
  it('the block summaries of kernel sim.inventory.summary equal summarizeRows bit for bit', async () => {
    for (const n of [7, 2500]) {
      const rows = await runReplications({ kernel: inventoryKernel, spec: sim, seed: 3, scenario: 'acc', replications: n, threads: 1 });
      const B = summaryBlockSize(n);
      const blocks = await runReplications({ kernel: inventorySummaryKernel, spec: { sim, replications: n, blockSize: B }, seed: 3, scenario: 'acc', replications: Math.ceil(n / B), threads: 1 });
      const acc = new SummaryAccumulator(B);
      for (const b of blocks) acc.mergeRow(b, b.replications!);
      expect(JSON.stringify(acc.summarize())).toBe(JSON.stringify(summarizeRows(rows)));
      expect(acc.summarize().fillRate!.n).toBe(n);
    }
  });
});
