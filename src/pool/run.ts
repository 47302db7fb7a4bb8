/**
 * Parallel replications on a piscina worker pool.
 *
 * Replications are cut into fixed ranges [from, to) that depend only on the replication count
 * and the chunk size, never on the thread count; rows come back per replication and are put
 * in replication order, so 1 or N threads give bit-identical rows. threads = 1 runs inline
 * in this thread (no worker start-up cost) through the same runRange.
 */
import { Piscina } from 'piscina';
import { runRange } from './kernels.ts';
import type { RangeTask } from './worker.ts';

export interface ReplicationRun {
  kernel: string;
  spec: unknown;
  seed: number | string;
  scenario: string;
  replications: number;
  threads: number;
  /** replications per task (default: about 4 tasks per thread, at least 1) */
  chunkSize?: number;
  /** called after each finished range with (replications done, total) */
  onProgress?: (done: number, total: number) => void;
}

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url).href;

let sharedPool: { pool: Piscina; threads: number } | null = null;

function getPool(threads: number): Piscina {
  if (sharedPool && sharedPool.threads === threads) return sharedPool.pool;
  if (sharedPool) void sharedPool.pool.destroy();
  const pool = new Piscina({ filename: workerUrl, execArgv: ['--import', 'tsx'], minThreads: threads, maxThreads: threads, idleTimeout: 1000 });
  sharedPool = { pool, threads };
  return pool;
}

/** Close the shared pool (call at the end of a program that used threads > 1). */
export async function closePool(): Promise<void> {
  if (sharedPool) {
    const p = sharedPool.pool;
    sharedPool = null;
    await p.destroy();
  }
}

/** Fixed replication ranges: a function of (replications, chunkSize) only. */
export function replicationRanges(replications: number, chunkSize: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let from = 0; from < replications; from += chunkSize) ranges.push([from, Math.min(replications, from + chunkSize)]);
  return ranges;
}

/** Run all replications; rows in replication order. */
export async function runReplications(run: ReplicationRun): Promise<Record<string, number>[]> {
  const { replications, threads } = run;
  if (!(Number.isInteger(replications) && replications >= 1)) throw new RangeError(`replications must be a positive integer, got ${replications}`);
  if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  const chunk = run.chunkSize ?? Math.max(1, Math.ceil(replications / 16));
  const ranges = replicationRanges(replications, chunk);
  const out: Record<string, number>[][] = new Array(ranges.length);
  let done = 0;
  if (threads === 1) {
    ranges.forEach(([from, to], i) => {
      out[i] = runRange(run.kernel, run.spec, run.seed, run.scenario, from, to);
      done += to - from;
      run.onProgress?.(done, replications);
    });
  } else {
    const pool = getPool(threads);
    await Promise.all(
      ranges.map(async ([from, to], i) => {
        const task: RangeTask = { kernel: run.kernel, spec: run.spec, seed: run.seed, scenario: run.scenario, from, to };
        out[i] = (await pool.run(task)) as Record<string, number>[];
        done += to - from;
        run.onProgress?.(done, replications);
      }),
    );
  }
  return out.flat();
}
