/**
 * The run estimate (src/pool/estimate.ts): a summarised run (rows reduced into block summaries as
 * they arrive, O(1) memory in the replication count) is estimated at the same memory whatever the
 * replication count; a run that keeps its rows grows by one row per replication (two with a
 * compared policy).
 */
import { describe, expect, it } from 'vitest';
import { estimateRun, heldBytes, poolBytes, rowBytes, SUMMARY_BLOCKS, WORKER_BYTES, type PilotRun } from '../../src/pool/estimate.ts';
import { checkSimSpec, inventoryKernel, type InventorySimSpec } from '../../src/sim/inventory.ts';

const sim = checkSimSpec({ demand: { kind: 'poisson', mean: 2 }, leadTime: { kind: 'constant', value: 3 }, policy: { kind: 'sQ', reorderPoint: 8, lotSize: 10, multiples: 'multiples' }, horizon: 10, warmup: 0 });
const pilot = (replications: number, extra: Partial<PilotRun<InventorySimSpec>> = {}): PilotRun<InventorySimSpec> => ({ kernel: inventoryKernel, pilot: { spec: sim, size: 10 }, size: 10, replications, threads: 1, seed: 1, scenario: 'estimate-test', ...extra });

describe('run estimate: memory', () => {
  it('a summarised run holds at most SUMMARY_BLOCKS block summaries, whatever the replication count', () => {
    const keys = 30;
    const a = heldBytes(pilot(1e4, { rows: 'summary' }), keys);
    const b = heldBytes(pilot(1e9, { rows: 'summary' }), keys);
    expect(b).toBe(a);
    expect(a).toBe(SUMMARY_BLOCKS * rowBytes(13 * keys));
    expect(a).toBeLessThan(32 * 2 ** 20); // ~16 MB: not the 1.2 TB 10^9 kept rows would take
    expect(heldBytes(pilot(1e9), keys)).toBe(1e9 * rowBytes(keys));
    expect(heldBytes(pilot(1e6, { rows: 'kept', rowsPerReplication: 2 }), keys)).toBe(2e6 * rowBytes(keys));
  });

  it('estimateRun: 10^9 summarised replications need about the memory of 10^3 (the pilot is the same)', () => {
    const small = estimateRun(pilot(1e3, { rows: 'summary' }));
    const huge = estimateRun(pilot(1e9, { rows: 'summary' }));
    // both are the process's resident memory at the time plus the same block allowance: within 64 MB of each other (RSS moves between the two calls)
    expect(Math.abs(huge.bytes - small.bytes)).toBeLessThan(64 * 2 ** 20);
    expect(huge.seconds).toBeGreaterThan(small.seconds);
    const kept = estimateRun(pilot(1e9));
    expect(kept.bytes - huge.bytes).toBeGreaterThan(1e9 * 96);
  });

  it('a pool of n threads counts n − 1 workers (the calling thread computes too; its memory is the process\'s)', () => {
    expect(poolBytes(1)).toBe(0);
    expect(poolBytes(2)).toBe(WORKER_BYTES);
    expect(poolBytes(4)).toBe(3 * WORKER_BYTES);
    // with the process's own memory given (as the CLI measures it before starting the pool), the estimate is exact in the thread count
    const bytes = (threads: number): number => estimateRun(pilot(100, { threads, residentBytes: 200 * 2 ** 20, rows: 'summary' })).bytes;
    expect(bytes(2) - bytes(1)).toBe(WORKER_BYTES);
    expect(bytes(3) - bytes(1)).toBe(2 * WORKER_BYTES);
  });
});
