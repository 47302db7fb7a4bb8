/**
 * Pool guarantees (issue 3 §5): bit-identical rows for 1, 2 and 3 threads; a run interrupted
 * (abort, as on Ctrl-C) or hit by a crashed worker loses no finished range and resumes from its
 * checkpoint to exactly the rows of an uninterrupted run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closePool, runReplications, RunIncompleteError, WorkerPool } from '../../src/pool/run.ts';
import { inventoryKernel, type InventorySimSpec } from '../../src/sim/inventory.ts';

const dir = mkdtempSync(join(tmpdir(), 'invlab-pool-'));
afterAll(async () => {
  await closePool();
  rmSync(dir, { recursive: true, force: true });
});

/** Exact equality of rows, NaN included (Object.is on every value). */
function expectBitIdentical(a: Record<string, number>[], b: Record<string, number>[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((r, i) => {
    expect(Object.keys(r)).toEqual(Object.keys(b[i]!));
    for (const k of Object.keys(r)) if (!Object.is(r[k], b[i]![k])) expect.fail(`replication ${i}, ${k}: ${r[k]} vs ${b[i]![k]}`);
  });
}

const spec: InventorySimSpec = {
  demand: { kind: 'compoundPoisson', ordersPerPeriod: 3, orderSize: { kind: 'gamma', mean: 4, sd: 3 } },
  leadTime: { kind: 'normal', mean: 4, sd: 2 },
  policy: { kind: 'sQ', reorderPoint: 50, lotSize: 40, multiples: 'one' },
  horizon: 3000,
  warmup: 100,
  customerLeadTime: { requested: { kind: 'uniformInteger', min: 0, max: 3 }, committed: 2 },
};
const base = { kernel: 'sim.inventory', spec, seed: 77, scenario: 'pool-determinism', replications: 13, chunkSize: 2 };

describe('thread-count independence', () => {
  it('1, 2 and 3 threads give bit-identical rows in replication order', async () => {
    const one = await runReplications({ ...base, threads: 1 });
    const two = await runReplications({ ...base, threads: 2 });
    const three = await runReplications({ ...base, threads: 3 });
    expectBitIdentical(one, two);
    expectBitIdentical(one, three);
    expect(new Set(one.map((r) => r.demandPerPeriod)).size).toBe(13); // replications differ
  });
});

describe('warm-up (WorkerPool.prepare)', () => {
  it('a warmed pool gives the same rows; a warm-up that fails is ignored and the run still completes', async () => {
    const one = await runReplications({ ...base, threads: 1 });
    const pool = new WorkerPool(2);
    try {
      pool.prepare(inventoryKernel, inventoryKernel.validate({ ...spec, horizon: 500 }));
      expectBitIdentical(one, await runReplications({ ...base, threads: 2, pool }));
      pool.prepare({ ...inventoryKernel, exportName: 'noSuchKernel' } as unknown as typeof inventoryKernel, spec);
      await pool.ready(); // the failed warm-up resolved (ignored)
      expectBitIdentical(one, await runReplications({ ...base, threads: 2, pool }));
    } finally {
      await pool.close();
    }
  });
});

describe('checkpoints and resume', () => {
  it('an aborted run (Ctrl-C) keeps its finished ranges and resumes to the uninterrupted rows', async () => {
    const cp = join(dir, 'abort.jsonl');
    const reference = await runReplications({ ...base, threads: 1 });
    const ac = new AbortController();
    let progress = 0;
    await expect(
      runReplications({
        ...base,
        threads: 1,
        checkpoint: cp,
        signal: ac.signal,
        onProgress: (d) => {
          progress = d;
          if (d >= 6) ac.abort();
        },
      }),
    ).rejects.toThrow(RunIncompleteError);
    expect(progress).toBe(6);
    expect(readFileSync(cp, 'utf8').trim().split('\n').length).toBe(1 + 3); // header + 3 ranges of 2
    let firstReport = -1;
    const resumed = await runReplications({ ...base, threads: 2, checkpoint: cp, resume: true, onProgress: (d) => (firstReport < 0 ? (firstReport = d) : 0) });
    expect(firstReport).toBe(6); // the 6 saved replications were not rerun
    expectBitIdentical(resumed, reference);
  });

  it('a crashed worker fails its range after the retries; the rest is saved; resume completes it identically', async () => {
    const cp = join(dir, 'crash.jsonl');
    const st = { kernel: 'pool.selftest', spec: { draws: 2000, failAt: [5] }, seed: 3, scenario: 'crash', replications: 10, chunkSize: 2 };
    await closePool();
    process.env.INVLAB_POOL_FAULT = 'exit';
    let err: unknown;
    try {
      await runReplications({ ...st, threads: 2, checkpoint: cp, retries: 1 });
    } catch (e) {
      err = e;
    } finally {
      delete process.env.INVLAB_POOL_FAULT;
      await closePool(); // new workers start without the fault variable
    }
    expect(err).toBeInstanceOf(RunIncompleteError);
    expect((err as RunIncompleteError).finished).toBe(8);
    expect((err as Error).message).toMatch(/replications 4–5: .*8 of 10 replications finished.*--resume/s);
    const resumed = await runReplications({ ...st, threads: 2, checkpoint: cp, resume: true });
    const reference = await runReplications({ ...st, threads: 1 });
    expectBitIdentical(resumed, reference);
    expect(resumed.map((r) => r.replication)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('inline: a throwing kernel is retried, then reported; a torn last line is ignored on resume', async () => {
    const cp = join(dir, 'inline.jsonl');
    const st = { kernel: 'pool.selftest', spec: { draws: 10, failAt: [3] }, seed: 4, scenario: 'inline', replications: 6, chunkSize: 1, threads: 1 };
    process.env.INVLAB_POOL_FAULT = 'throw';
    try {
      await expect(runReplications({ ...st, checkpoint: cp })).rejects.toThrow(/injected fault at replication 3; 3 of 6 replications finished/);
    } finally {
      delete process.env.INVLAB_POOL_FAULT;
    }
    const { appendFileSync } = await import('node:fs');
    appendFileSync(cp, '{"type":"range","from":3,"to":4,"ro'); // a write cut off by a crash
    const resumed = await runReplications({ ...st, checkpoint: cp, resume: true });
    expectBitIdentical(resumed, await runReplications(st));
  });

  it('a resume after a torn last line drops it before appending, so a second interruption still resumes', async () => {
    // Without dropping the torn text, the next appended range is glued to it on one invalid line
    // in the middle of the file: that range is lost and every later --resume is refused.
    const cp = join(dir, 'torn-twice.jsonl');
    const st = { kernel: 'pool.selftest', spec: { draws: 10 }, seed: 8, scenario: 'torn-twice', replications: 6, chunkSize: 1, threads: 1 };
    const stopAfter = async (n: number, resume: boolean): Promise<void> => {
      const ac = new AbortController();
      await expect(runReplications({ ...st, checkpoint: cp, resume, signal: ac.signal, onProgress: (d) => (d >= n ? ac.abort() : undefined) })).rejects.toThrow(RunIncompleteError);
    };
    await stopAfter(2, false);
    const { appendFileSync } = await import('node:fs');
    appendFileSync(cp, '{"type":"range","from":2,"to":3,"ro'); // a write cut off by a crash
    await stopAfter(4, true); // resumes, finishes ranges 2 and 3, interrupted again
    let firstReport = -1;
    const resumed = await runReplications({ ...st, checkpoint: cp, resume: true, onProgress: (d) => (firstReport < 0 ? (firstReport = d) : 0) });
    expect(firstReport).toBe(4); // the 4 saved replications were not rerun
    expectBitIdentical(resumed, await runReplications(st));
  });

  it('a resume of a checkpoint holding no finished range (a header torn by a crash) starts it afresh', async () => {
    // Otherwise the ranges are appended to a file without a header and every later --resume is
    // refused ('range before the header').
    const cp = join(dir, 'torn-header.jsonl');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(cp, '{"type":"header","kernel":"pool.sel'); // the first write cut off by a crash
    const st = { kernel: 'pool.selftest', spec: { draws: 10 }, seed: 9, scenario: 'torn-header', replications: 4, chunkSize: 1, threads: 1 };
    const ac = new AbortController();
    await expect(runReplications({ ...st, checkpoint: cp, resume: true, signal: ac.signal, onProgress: (d) => (d >= 2 ? ac.abort() : undefined) })).rejects.toThrow(RunIncompleteError);
    const resumed = await runReplications({ ...st, checkpoint: cp, resume: true });
    expectBitIdentical(resumed, await runReplications(st));
  });

  it('refuses to resume a checkpoint of a different run', async () => {
    const cp = join(dir, 'other.jsonl');
    const st = { kernel: 'pool.selftest', spec: { draws: 10 }, seed: 5, scenario: 'x', replications: 4, threads: 1, checkpoint: cp };
    await runReplications(st);
    await expect(runReplications({ ...st, seed: 6, resume: true })).rejects.toThrow(/belongs to a different run: seed/);
    await expect(runReplications({ ...st, spec: { draws: 11 }, resume: true })).rejects.toThrow(/specHash/);
  });
});
