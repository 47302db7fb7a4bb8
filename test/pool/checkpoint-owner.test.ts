/**
 * Checkpoints with an owner: a lock file so a second run cannot write the same checkpoint (the
 * reported case: seeds 7 and 8 on one checkpoint file), a stale lock (dead owner) taken over, a
 * run id in the header checked on resume, and foreign or truncated files refused.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closePool, runReplications, WorkerPool } from '../../src/pool/run.ts';
import { maxThreads } from '../../src/pool/estimate.ts';

const dir = mkdtempSync(join(tmpdir(), 'invlab-cp-owner-'));
afterAll(async () => {
  await closePool();
  rmSync(dir, { recursive: true, force: true });
});

const st = { kernel: 'pool.selftest', spec: { draws: 20_000 }, scenario: 'owner', replications: 40, chunkSize: 1, threads: 1 };

/** Wait until a file exists (the first run has taken its lock). */
async function until(path: string): Promise<void> {
  for (let i = 0; i < 10_000 && !existsSync(path); i++) await new Promise((r) => setImmediate(r));
}

describe('checkpoint owner lock', () => {
  it('a second run (seed 8) on the checkpoint of a running one (seed 7) is refused; the first is unharmed', async () => {
    const cp = join(dir, 'shared.jsonl');
    const first = runReplications({ ...st, seed: 7, checkpoint: cp, signal: new AbortController().signal });
    await until(`${cp}.lock`);
    await expect(runReplications({ ...st, seed: 8, checkpoint: cp })).rejects.toThrow(new RegExp(`checkpoint .*shared\\.jsonl is in use by another run \\(process ${process.pid} on host .*; lock file .*shared\\.jsonl\\.lock\\)`));
    await expect(runReplications({ ...st, seed: 8, checkpoint: cp, resume: true })).rejects.toThrow(/is in use by another run/);
    const rows = await first;
    expect(existsSync(`${cp}.lock`)).toBe(false); // released at the end
    expect(rows).toEqual(await runReplications({ ...st, seed: 7 }));
    // the file holds one header and the 40 ranges of seed 7 only: resuming it reproduces the run
    const lines = readFileSync(cp, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; seed?: number; run?: string; runId?: string });
    expect(lines.filter((l) => l.type === 'header')).toHaveLength(1);
    expect(lines[0]!.seed).toBe(7);
    expect(lines.slice(1).every((l) => l.run === lines[0]!.runId)).toBe(true);
    expect(await runReplications({ ...st, seed: 7, checkpoint: cp, resume: true })).toEqual(rows);
  });

  it('a stale lock (its process is gone) is taken over; a lock of another host is not', async () => {
    const cp = join(dir, 'stale.jsonl');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(`${cp}.lock`, JSON.stringify({ pid: dead, host: hostname(), started: '2020-01-01T00:00:00.000Z' }));
    const small = { ...st, spec: { draws: 10 }, seed: 1, checkpoint: cp };
    expect(await runReplications(small)).toHaveLength(40);
    expect(existsSync(`${cp}.lock`)).toBe(false);
    writeFileSync(`${cp}.lock`, JSON.stringify({ pid: 1, host: 'elsewhere.example', started: '2020-01-01T00:00:00.000Z' }));
    await expect(runReplications(small)).rejects.toThrow(/in use by another run \(process 1 on host elsewhere\.example, started 2020-01-01.*if that run is gone, delete .*stale\.jsonl\.lock/);
    rmSync(`${cp}.lock`);
  });
});

describe('checkpoint run id and foreign files', () => {
  const small = { ...st, spec: { draws: 10 }, replications: 6, seed: 3 };

  it('a file that is not a checkpoint is neither overwritten nor resumed', async () => {
    const cp = join(dir, 'orders.csv');
    writeFileSync(cp, 'date,sku,quantity\n2011-01-04,A,3\n');
    for (const resume of [false, true]) await expect(runReplications({ ...small, checkpoint: cp, resume })).rejects.toThrow(/orders\.csv is not an invlab checkpoint .*refusing to overwrite or resume it/);
    expect(readFileSync(cp, 'utf8')).toBe('date,sku,quantity\n2011-01-04,A,3\n');
    expect(existsSync(`${cp}.lock`)).toBe(false);
  });

  it('rows appended by another run (another run id) or a second header are refused on resume', async () => {
    const cp = join(dir, 'mixed.jsonl');
    await runReplications({ ...small, checkpoint: cp });
    const text = readFileSync(cp, 'utf8');
    const header = JSON.parse(text.split('\n')[0]!) as { runId: string; format: string };
    expect(header.format).toBe('invlab-checkpoint');
    expect(header.runId).toMatch(/^[0-9a-f-]{36}$/);
    const ranges = text.trim().split('\n').slice(1);
    writeFileSync(cp, [text.split('\n')[0], ranges[0], ranges[1]!.replace(header.runId, 'another-run'), ''].join('\n'));
    await expect(runReplications({ ...small, checkpoint: cp, resume: true })).rejects.toThrow(/line 3 was written by another run \(run id "another-run", the header's is/);
    writeFileSync(cp, `${text}${text.split('\n')[0]}\n`);
    await expect(runReplications({ ...small, checkpoint: cp, resume: true })).rejects.toThrow(/a second header on line 8 \(two runs wrote this file\)/);
  });

  it('a file truncated in the middle (a cut line followed by more) is refused with a clear message', async () => {
    const cp = join(dir, 'truncated.jsonl');
    await runReplications({ ...small, checkpoint: cp });
    const lines = readFileSync(cp, 'utf8').trim().split('\n');
    writeFileSync(cp, [lines[0], lines[1]!.slice(0, 30), lines[2], ''].join('\n'));
    await expect(runReplications({ ...small, checkpoint: cp, resume: true })).rejects.toThrow(/line 2 is not valid JSON \(the file is truncated or corrupt\)/);
    appendFileSync(cp, ''); // unchanged by the refused resume
    expect(readFileSync(cp, 'utf8').split('\n')[1]).toBe(lines[1]!.slice(0, 30));
  });
});

describe('thread cap', () => {
  it(`refuses more than 4 × the cores (${maxThreads()} here)`, () => {
    expect(() => new WorkerPool(maxThreads() + 1)).toThrow(/threads must be at most \d+ \(4 × the \d+ cores of this machine\)/);
  });
});
