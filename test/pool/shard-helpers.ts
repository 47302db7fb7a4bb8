/**
 * Helpers of the shard tests: run invlab (or the experiments runner) as separate processes, the
 * way a scheduler starts the tasks of an array job, each given its index as that scheduler does.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';

export const CLI = join(import.meta.dirname, '../../bin/invlab.js');
export const RUN_ALL = join(import.meta.dirname, '../../experiments/run-all.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Shards and merge must run the same code; the tests pin the code version, because the hash of
 * the sources would change if the tree were edited while they run.
 */
export const CODE = 'shard-test';

export interface Proc {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Run `invlab <args>` (or, with `runAll`, the experiments runner) in a separate process in `cwd`. */
export function proc(cwd: string, args: string[], env: Record<string, string> = {}, runAll = false): Promise<Proc> {
  return new Promise((resolve) => {
    const argv = runAll ? ['--import', TSX, RUN_ALL, ...args] : [CLI, ...args];
    const child = spawn(process.execPath, argv, { cwd, env: { ...process.env, INVLAB_CODE_VERSION: CODE, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => resolve({ code, signal, out, err }));
  });
}

/** How each scheduler tells task k (0-based) of n its index: the variables it sets, the flags of its task. */
export const SCHEDULERS: Record<string, (k: number, n: number) => { env: Record<string, string>; flags: string[] }> = {
  plain: (k, n) => ({ env: {}, flags: ['--shard', `${k + 1}/${n}`] }),
  kubernetes: (k, n) => ({ env: { JOB_COMPLETION_INDEX: String(k), INVLAB_SHARD_COUNT: String(n) }, flags: ['--shard', 'auto'] }),
  // an array submitted as --array=1-n: task ids 1…n
  slurm: (k, n) => ({ env: { SLURM_ARRAY_TASK_ID: String(k + 1), SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: String(n), SLURM_ARRAY_TASK_COUNT: String(n), SLURM_ARRAY_JOB_ID: '4242' }, flags: ['--shard', 'auto'] }),
  awsBatch: (k, n) => ({ env: { AWS_BATCH_JOB_ARRAY_INDEX: String(k) }, flags: ['--shard', 'auto', '--shard-count', String(n)] }),
};

/** The N of each test and the scheduler that starts its tasks. */
export const SPLITS: [number, string][] = [
  [1, 'plain'],
  [2, 'kubernetes'],
  [3, 'slurm'],
  [7, 'awsBatch'],
];

/** Run the n shards of `args` concurrently, as `scheduler` would; their files (in `dir`). `errs` receives each shard's stderr, in shard order. */
export async function runShards(dir: string, args: string[], n: number, scheduler: string, tag: string, runAll = false, errs: string[] = []): Promise<string[]> {
  const files = Array.from({ length: n }, (_, k) => join(dir, `${tag}-${k + 1}-of-${n}.jsonl`));
  const runs = await Promise.all(
    files.map((_, k) => {
      const { env, flags } = SCHEDULERS[scheduler]!(k, n);
      return proc(dir, [...args, ...flags, '--checkpoint', join(dir, `${tag}-{i}-of-{n}.jsonl`)], env, runAll);
    }),
  );
  errs.push(...runs.map((r) => r.err));
  for (const r of runs) {
    expect(r.err).toMatch(/shard \d+\/\d+ .*(written )?to /);
    expect(r.code).toBe(0);
    expect(r.out).toBe(''); // a shard prints no output: the merge does
  }
  for (const f of files) expect(existsSync(f)).toBe(true);
  return files;
}

/** Pin the code version in this process too (for in-process merges); returns the restore function. */
export function pinCodeVersion(): () => void {
  const saved = process.env.INVLAB_CODE_VERSION;
  process.env.INVLAB_CODE_VERSION = CODE;
  return () => {
    if (saved === undefined) delete process.env.INVLAB_CODE_VERSION;
    else process.env.INVLAB_CODE_VERSION = saved;
  };
}

/**
 * A scratch directory for the tests of one file (or describe block): created now, with the code
 * version pinned while they run (pinCodeVersion), restored and removed after them.
 */
export function shardScratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let restore: () => void = () => {};
  beforeAll(() => {
    restore = pinCodeVersion();
  });
  afterAll(() => {
    restore();
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
