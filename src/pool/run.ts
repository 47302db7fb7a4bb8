/**
 * Parallel replications on a piscina worker pool.
 *
 * Replications are cut into fixed ranges [from, to) that depend only on the replication count
 * and the chunk size, never on the thread count; rows come back per replication and are put
 * in replication order, so 1 or N threads give bit-identical rows. threads = 1 runs inline
 * in this thread (no worker start-up cost) through the same runRange.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { appendRange, assertCheckpointFile, dropTornTail, newRunId, readCheckpointRun, specHash, startCheckpoint, type CheckpointHeader } from './checkpoint.ts';
import { acquireCheckpointLock, type CheckpointLock } from './lock.ts';
import { coreCount, maxThreads, THREADS_PER_CORE } from './estimate.ts';
import type { KernelDef, Row } from '../sim/kernel.ts';
import { loadKernel, runRange, type RangeTask } from './worker.ts';

export interface ReplicationRun<S = unknown, R extends Row = Row> {
  /** the kernel (src/sim/kernel.ts); a name string is the deprecated form, accepted for 'sim.inventory' and 'pool.selftest' */
  kernel: KernelDef<S, R> | string;
  /** the scenario's spec, validated once here by the kernel's validator */
  spec: unknown;
  seed: number | string;
  scenario: string;
  replications: number;
  threads: number;
  /** replications per task (default: ⌈replications/16⌉; a function of the run, never of the thread count) */
  chunkSize?: number;
  /** called after each finished range with (replications done, total) */
  onProgress?: (done: number, total: number) => void;
  /**
   * JSON-lines checkpoint file (./checkpoint.ts): every finished range is appended at once, so an
   * interrupted or failed run loses no finished replication. Without `resume` the file is started afresh.
   */
  checkpoint?: string;
  /** with `checkpoint`: read the finished ranges back and run only the missing ones */
  resume?: boolean;
  /** times a failed range (an exception or a crashed worker) is retried before the run fails (default 1) */
  retries?: number;
  /** abort: unstarted ranges are skipped, running ones cancelled; finished ones stay in the checkpoint */
  signal?: AbortSignal;
  /** the worker pool to run on (threads > 1); without one, a shared pool closed by closePool() */
  pool?: WorkerPool;
}

/** Thrown when a run stops early (abort or a range that kept failing); what finished is in the checkpoint. */
export class RunIncompleteError extends Error {
  constructor(
    message: string,
    readonly finished: number,
    readonly total: number,
    readonly checkpoint: string | undefined,
  ) {
    super(message);
    this.name = 'RunIncompleteError';
  }
}

/** Running from the TypeScript sources (development, tests) rather than the compiled package. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');
/** Workers of the sources load tsx's loader (by absolute URL); the compiled package needs nothing. */
const WORKER_EXEC_ARGV = FROM_SOURCES ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
const workerUrl = new URL(FROM_SOURCES ? './worker.ts' : './worker.js', import.meta.url).href;

/**
 * A pool of worker threads, owned and closed by whoever creates it:
 *   const pool = new WorkerPool(2); try { await runReplications({ ..., threads: 2, pool }); } finally { await pool.close(); }
 */
export class WorkerPool {
  private piscina: Piscina | null;
  constructor(readonly threads: number) {
    if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`threads must be a positive integer, got ${threads}`);
    if (threads > maxThreads()) throw new RangeError(`threads must be at most ${maxThreads()} (${THREADS_PER_CORE} × the ${coreCount()} cores of this machine), got ${threads}`);
    // Workers get a young generation as large as the main thread's: with Node's smaller worker default, the
    // kernels' short-lived numbers cost ~19 % more scavenging per simulated day (speed-up 1.68 → 1.99 on the bench).
    this.piscina = new Piscina({ filename: workerUrl, execArgv: WORKER_EXEC_ARGV, resourceLimits: { maxYoungGenerationSizeMb: 64 }, minThreads: threads, maxThreads: threads, idleTimeout: 1000 });
  }
  /** Run one task on a worker. */
  run(task: RangeTask, signal?: AbortSignal): Promise<Row[]> {
    if (this.piscina === null) throw new Error('the worker pool is closed');
    return this.piscina.run(task, signal ? { signal } : {}) as Promise<Row[]>;
  }
  /** Stop the workers (idempotent). */
  async close(): Promise<void> {
    const p = this.piscina;
    this.piscina = null;
    if (p !== null) await p.destroy();
  }
}

let sharedPool: WorkerPool | null = null;

function defaultPool(threads: number): WorkerPool {
  if (sharedPool && sharedPool.threads === threads) return sharedPool;
  if (sharedPool) void sharedPool.close();
  sharedPool = new WorkerPool(threads);
  return sharedPool;
}

/** Close the shared pool used by runs that were given no pool (call at the end of such a program). */
export async function closePool(): Promise<void> {
  if (sharedPool) {
    const p = sharedPool;
    sharedPool = null;
    await p.close();
  }
}

/** The generic kernels that may still be named by string (deprecated; pass the kernel itself). */
const NAMED_KERNELS: Record<string, [string, string]> = {
  'sim.inventory': ['../sim/inventory.ts', 'inventoryKernel'],
  'pool.selftest': ['./selftest.ts', 'selftestKernel'],
};

async function resolveKernel<S, R extends Row>(k: KernelDef<S, R> | string): Promise<KernelDef<S, R>> {
  if (typeof k !== 'string') return k;
  const entry = NAMED_KERNELS[k];
  if (entry === undefined) throw new RangeError(`unknown simulation kernel '${k}'; pass the kernel object (named kernels: ${Object.keys(NAMED_KERNELS).join(', ')})`);
  const ext = FROM_SOURCES ? '.ts' : '.js';
  return (await loadKernel(new URL(entry[0].replace(/\.ts$/, ext), import.meta.url).href, entry[1])) as unknown as KernelDef<S, R>;
}

/** Fixed replication ranges: a function of (replications, chunkSize) only. */
export function replicationRanges(replications: number, chunkSize: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let from = 0; from < replications; from += chunkSize) ranges.push([from, Math.min(replications, from + chunkSize)]);
  return ranges;
}

/** The state of one run: its ranges, the rows of those finished, and the checkpoint. */
interface RunState {
  ranges: [number, number][];
  out: Row[][];
  done: number;
  failures: string[];
  retries: number;
  /** run id written on every range line of the checkpoint */
  runId?: string;
  finish(i: number, from: number, to: number, rows: Row[]): void;
}

/**
 * Take the checkpoint's lock, then restore its finished ranges (resume) or start it afresh.
 * Returns the lock (released by the caller when the run ends).
 */
function openCheckpoint(run: ReplicationRun, kernelName: string, chunk: number, st: RunState): CheckpointLock | undefined {
  const cp = run.checkpoint;
  if (cp === undefined) return undefined;
  const lock = acquireCheckpointLock(cp);
  try {
    restoreCheckpoint(run, cp, kernelName, chunk, st);
  } catch (e) {
    lock.release();
    throw e;
  }
  return lock;
}

function restoreCheckpoint(run: ReplicationRun, cp: string, kernelName: string, chunk: number, st: RunState): void {
  const header: CheckpointHeader = { type: 'header', kernel: kernelName, seed: run.seed, scenario: run.scenario, replications: run.replications, chunkSize: chunk, specHash: specHash(run.spec) };
  assertCheckpointFile(cp);
  const read = run.resume ? readCheckpointRun(cp, header) : { runId: undefined, done: new Map<number, { to: number; rows: Row[] }>() };
  const finished = read.done;
  // a checkpoint with no finished range is started afresh (its header may be torn or missing)
  if (!run.resume || !existsSync(cp) || finished.size === 0) {
    st.runId = newRunId();
    startCheckpoint(cp, { ...header, runId: st.runId });
  } else {
    if (read.runId !== undefined) st.runId = read.runId;
    dropTornTail(cp);
  }
  st.ranges.forEach(([from, to], i) => {
    const f = finished.get(from);
    if (f && f.to === to) {
      st.out[i] = f.rows;
      st.done += to - from;
    }
  });
  if (st.done > 0) run.onProgress?.(st.done, run.replications);
}

/**
 * Run the missing ranges in this thread, each retried up to `retries` times. Between ranges it
 * yields to the event loop, so a Ctrl-C handler can abort the run after the current range.
 */
async function runInline<S>(kernel: KernelDef<S>, spec: S, run: ReplicationRun, todo: (readonly [number, number, number])[], st: RunState): Promise<void> {
  for (const [i, from, to] of todo) {
    if (run.signal) await new Promise<void>((resolve) => setImmediate(resolve));
    if (run.signal?.aborted) break;
    for (let attempt = 1; ; attempt++) {
      try {
        st.finish(i, from, to, runRange(kernel, spec, run.seed, run.scenario, from, to));
        break;
      } catch (e) {
        if (attempt > st.retries) {
          st.failures.push(`replications ${from}–${to - 1}: ${(e as Error).message}`);
          return;
        }
      }
    }
  }
}

/** Run the missing ranges on the pool's workers, each retried up to `retries` times. */
async function runOnPool(pool: WorkerPool, kernel: KernelDef<unknown>, spec: unknown, run: ReplicationRun, todo: (readonly [number, number, number])[], st: RunState): Promise<void> {
  // every queued task listens to the abort signal
  if (run.signal) setMaxListeners(todo.length + 10, run.signal);
  const one = async ([i, from, to]: readonly [number, number, number]): Promise<void> => {
    const task: RangeTask = { module: kernel.module, exportName: kernel.exportName, spec, seed: run.seed, scenario: run.scenario, from, to };
    for (let attempt = 1; ; attempt++) {
      if (run.signal?.aborted) return;
      try {
        st.finish(i, from, to, await pool.run(task, run.signal));
        return;
      } catch (e) {
        if (run.signal?.aborted) return;
        if (attempt > st.retries) {
          st.failures.push(`replications ${from}–${to - 1}: ${(e as Error).message}`);
          return;
        }
      }
    }
  };
  await Promise.allSettled(todo.map(one));
}

/**
 * Run all replications; rows in replication order. The spec is validated once, here, by the
 * kernel's validator (errors name the field); workers receive the validated spec.
 */
export async function runReplications<S, R extends Row>(run: ReplicationRun<S, R>): Promise<R[]> {
  const { replications, threads } = run;
  if (!(Number.isInteger(replications) && replications >= 1)) throw new RangeError(`replications must be a positive integer, got ${replications}`);
  if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  const chunk = run.chunkSize ?? Math.max(1, Math.ceil(replications / 16));
  if (!(Number.isInteger(chunk) && chunk >= 1)) throw new RangeError(`chunkSize must be a positive integer, got ${chunk}`);
  const kernel = await resolveKernel(run.kernel);
  const spec = kernel.validate(run.spec);
  const cp = run.checkpoint;
  const st: RunState = {
    ranges: replicationRanges(replications, chunk),
    out: [],
    done: 0,
    failures: [],
    retries: run.retries ?? 1,
    finish(i, from, to, rows) {
      st.out[i] = rows;
      if (cp !== undefined) appendRange(cp, from, to, rows, st.runId);
      st.done += to - from;
      run.onProgress?.(st.done, replications);
    },
  };
  const lock = openCheckpoint(run as ReplicationRun, kernel.kernelName, chunk, st);
  try {
    const todo = st.ranges.map((r, i) => [i, r[0], r[1]] as const).filter(([i]) => st.out[i] === undefined);
    if (threads === 1) await runInline(kernel, spec, run as ReplicationRun, todo, st);
    else await runOnPool(run.pool ?? defaultPool(threads), kernel as KernelDef<unknown>, spec, run as ReplicationRun, todo, st);
  } finally {
    lock?.release();
  }
  if (st.done < replications) {
    const saved = cp !== undefined ? `; the ${st.done} finished replications are saved in ${cp}, rerun with resume (--resume) to run the rest` : '';
    const why = st.failures.length > 0 ? `failed after ${st.retries + 1} attempt(s): ${st.failures.join('; ')}` : 'interrupted';
    throw new RunIncompleteError(`run ${why}; ${st.done} of ${replications} replications finished${saved}`, st.done, replications, cp);
  }
  return st.out.flat() as R[];
}
