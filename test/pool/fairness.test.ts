/**
 * Work sharing with many runs in flight (src/pool/run.ts, runClaimed): an experiment that starts a
 * run per SKU at once must still keep the worker busy. Before the calling thread computed one item
 * per event-loop turn, every run's own setImmediate computed an item in one check phase, the
 * worker's finished task was not answered for a whole round, and the worker did 3 of 400 items
 * (100 runs × 4 items). The bound below (a tenth of the items) is far from both that and an even
 * split (a half), so a loaded machine does not make it fail.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runReplications, WorkerPool } from '../../src/pool/run.ts';
import { threadKernel } from '../helpers/thread-kernel.ts';

const pool = new WorkerPool(2);
afterAll(() => pool.close());

describe('many runs in flight', () => {
  it('the worker computes a fair share of the items of 60 concurrent runs of 3 items', async () => {
    const runs = await Promise.all(Array.from({ length: 60 }, (_, k) => runReplications({ kernel: threadKernel, spec: { work: 400_000 }, seed: 1, scenario: `run-${k}`, replications: 3, chunkSize: 1, threads: 2, pool })));
    const rows = runs.flat();
    const byWorker = rows.filter((r) => r.worker === 1).length;
    expect(rows.length).toBe(180);
    expect(byWorker, `the worker computed ${byWorker} of ${rows.length} items`).toBeGreaterThanOrEqual(18);
  });
});
