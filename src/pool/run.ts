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
import { existsSync } from 'node:fs';
import { appendRange, assertCheckpointFile, dropTornTail, newRunId, readCheckpointRun, specHash, startCheckpoint, type CheckpointHeader } from './checkpoint.ts';
import { acquireCheckpointLock, type CheckpointLock } from './lock.ts';
import { routeRun } from './shard-context.ts';
import { coreCount, maxThreads, THREADS_PER_CORE } from './estimate.ts';
import type { KernelDef, Row } from '../sim/kernel.ts';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { claimItem, loadKernel, runRange, type ClaimMessage, type ClaimTask, type PayloadTask, type RangeTask, type TaskDef, type WarmTask } from './worker.ts';

export type { TaskDef } from './worker.ts';

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
  /** run only these chunks (indices into replicationRanges(replications, chunkSize)): a shard's (./shard.ts); the result holds their rows only, in chunk order */
  chunks?: readonly number[];
  /** called once per finished chunk with its index, range and rows (./shard.ts appends it to the shard file) */
  onChunk?: (index: number, from: number, to: number, rows: Row[]) => void;
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
 * A pool for runs on `threads` threads, owned and closed by whoever creates it:
 *   const pool = new WorkerPool(2); try { await runReplications({ ..., threads: 2, pool }); } finally { await pool.close(); }
 *
 * The calling thread is one of the `threads`: the pool starts threads − 1 worker threads (at
 * least one), and runs share their items between the workers and the calling thread through one
 * shared counter (./worker.ts, ClaimTask). So a 2-thread run starts one worker, not two, and the
 * caller computes while that worker is still loading (through the TypeScript loader when running
 * from the sources, ~0.4 s of CPU per worker) instead of waiting idle for two.
 */
export class WorkerPool {
  private piscina: Piscina | null;
  /** worker threads started (threads − 1, at least 1) */
  readonly workers: number;
  constructor(readonly threads: number) {
    if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`threads must be a positive integer, got ${threads}`);
    if (threads > maxThreads()) throw new RangeError(`threads must be at most ${maxThreads()} (${THREADS_PER_CORE} × the ${coreCount()} cores of this machine), got ${threads}`);
    this.workers = Math.max(1, threads - 1);
    // Workers get a young generation as large as the main thread's (64 MB), for kernels that allocate
    // short-lived objects; the inventory engine allocates nothing per day (src/sim/README.md, Performance).
    this.piscina = new Piscina({ filename: workerUrl, execArgv: WORKER_EXEC_ARGV, resourceLimits: { maxYoungGenerationSizeMb: 64 }, minThreads: this.workers, maxThreads: this.workers, idleTimeout: 1000 });
  }
  /** Start a claiming task (./worker.ts) on a worker; resolves when it ends, rejects if its worker dies. */
  runClaim(task: ClaimTask): Promise<unknown> {
    if (this.piscina === null) throw new Error('the worker pool is closed');
    return this.piscina.run(task, { transferList: [task.port] } as Parameters<Piscina['run']>[1]) as Promise<unknown>;
  }
  /**
   * Warm the workers for a kernel before its run (./worker.ts WarmTask): each imports the kernel's
   * module and, given a small validated spec, runs one throwaway replication of it, while this
   * thread does its own preparation (reading inputs, the run estimate's pilot). Without it a
   * worker's first item waited for the import (~0.09 s from the compiled package) and ran cold
   * (~0.1 s more), and with few long items the run ended that much later. Best effort: a failure
   * here is ignored (the run's own task reports it). A run waits for the warm-up to end before it
   * hands the workers their task (piscina queues a task behind a running one and dispatches it
   * from this thread's event loop, which is busy while this thread computes an item).
   */
  prepare(kernel: KernelDef<unknown>, spec?: unknown): void {
    if (this.piscina === null) return;
    for (let w = 0; w < this.workers; w++) {
      const task: WarmTask = { warm: true, module: kernel.module, exportName: kernel.exportName, ...(spec === undefined ? {} : { spec }) };
      this.warming.push((this.piscina.run(task) as Promise<unknown>).catch(() => undefined));
    }
  }
  private warming: Promise<unknown>[] = [];
  /** Resolves when the warm-up tasks (prepare) have ended. */
  async ready(): Promise<void> {
    const w = this.warming;
    this.warming = [];
    if (w.length > 0) await Promise.all(w);
  }
  /** Run one range of replications on a worker. */
  run(task: RangeTask, signal?: AbortSignal): Promise<Row[]> {
    return this.runAny(task, signal) as Promise<Row[]>;
  }
  /** Run one task of a task definition (runTasks) on a worker. */
  runPayload(task: PayloadTask, signal?: AbortSignal): Promise<unknown> {
    return this.runAny(task, signal);
  }
  private runAny(task: RangeTask | PayloadTask, signal?: AbortSignal): Promise<unknown> {
    if (this.piscina === null) throw new Error('the worker pool is closed');
    return this.piscina.run(task, signal ? { signal } : {}) as Promise<unknown>;
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

/** The default chunk size: ⌈replications/16⌉ (a function of the run only, never of threads or shards). */
export function defaultChunkSize(replications: number): number {
  return Math.max(1, Math.ceil(replications / 16));
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

/** What a claimed run needs: the items' count, the worker task, and the calling thread's share. */
interface ClaimedRun<R> {
  n: number;
  /** the claiming task for a worker (items and everything they need), given the shared control and its port */
  task(control: SharedArrayBuffer, port: MessagePort): ClaimTask;
  /** run item j in this thread (throws on failure) */
  inline(j: number): R;
  /** item j finished (called once per item, in this thread) */
  done(j: number, result: R): void;
  signal?: AbortSignal;
}

/** Yield to the event loop (worker results, abort signals) between items of this thread. */
const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The calling thread computes one item per turn of the event loop, across all runs in flight: a
 * FIFO token that only a single pending setImmediate hands on (to the longest-waiting run), so
 * between any two items the event loop polls, and a worker's finished task is answered and the
 * next one dispatched (piscina dispatches from this thread's event loop). Measured with 100 runs in
 * flight (pool.selftest, 4 items each, 2 threads): when a run that found the token free took it at
 * once, every run's own setImmediate, all queued before the same check phase, computed an item in
 * that one phase: a round of 100 items with no poll, and the worker waited 5.2 s for its second
 * task (it did 3 of 400 items).
 */
const inlineWaiters: (() => void)[] = [];
let inlineHeld = false;
let handoffPending = false;
function scheduleHandoff(): void {
  handoffPending = true;
  setImmediate(() => {
    handoffPending = false;
    const next = inlineWaiters.shift();
    if (next === undefined) return;
    inlineHeld = true;
    next();
  });
}
function acquireInline(): Promise<void> {
  return new Promise<void>((resolve) => {
    inlineWaiters.push(resolve);
    if (!inlineHeld && !handoffPending) scheduleHandoff();
  });
}
function releaseInline(): void {
  inlineHeld = false;
  if (inlineWaiters.length > 0 && !handoffPending) scheduleHandoff();
}

/**
 * Run n items on the calling thread and the pool's workers, all claiming from one shared
 * counter. Returns the items that did not finish, with the error of their last attempt (an item
 * whose worker died mid-way has the worker's error); items never started (a stopped run) are not
 * in it. The caller decides what to retry.
 */
async function runClaimed<R>(pool: WorkerPool, c: ClaimedRun<R>): Promise<Map<number, string>> {
  const control = new Int32Array(new SharedArrayBuffer(8));
  const finished = new Uint8Array(c.n);
  const failed = new Map<number, string>();
  const stop = (): void => void Atomics.store(control, 1, 1);
  if (c.signal?.aborted) stop();
  c.signal?.addEventListener('abort', stop, { once: true });
  const finish = (j: number, r: R): void => {
    if (finished[j]) return;
    finished[j] = 1;
    failed.delete(j);
    c.done(j, r);
  };
  const launch = (): Promise<string | undefined> => {
    const { port1, port2 } = new MessageChannel();
    const ended = new Promise<void>((resolve) => {
      port1.on('message', (m: ClaimMessage) => {
        if ('end' in m) resolve();
        else if ('error' in m) failed.set(m.j, m.error);
        else finish(m.j, m.result as R);
      });
    });
    const task = pool.runClaim(c.task(control.buffer as SharedArrayBuffer, port2));
    // a worker that dies sends no end: its error stands for the item it was running
    return Promise.race([ended.then(() => undefined), task.then(() => ended.then(() => undefined), (e: Error) => e.message)]).finally(() => port1.close());
  };
  await pool.ready();
  const workers = Array.from({ length: pool.workers }, launch);
  // one turn of the event loop first, so the pool hands the workers their task before this thread
  // starts computing (otherwise a run of 2 items ran both here, one after the other)
  await nextTurn();
  for (;;) {
    await acquireInline();
    const j = claimItem(control, c.n);
    if (j < 0) {
      releaseInline();
      break;
    }
    try {
      finish(j, c.inline(j));
    } catch (e) {
      failed.set(j, (e as Error).message);
    }
    releaseInline();
    await nextTurn();
  }
  const deaths = (await Promise.all(workers)).filter((e): e is string => e !== undefined);
  c.signal?.removeEventListener('abort', stop);
  // items claimed by a worker that died before reporting them
  const claimed = Math.min(c.n, Atomics.load(control, 0));
  for (let j = 0; j < claimed; j++) if (!finished[j] && !failed.has(j)) failed.set(j, deaths[0] ?? 'its worker stopped');
  return failed;
}

/**
 * Run the missing ranges on the calling thread and the pool's workers (runClaimed); a range that
 * failed (an exception, or its worker died) is retried in this thread up to `retries` times.
 */
async function runOnPool(pool: WorkerPool, kernel: KernelDef<unknown>, spec: unknown, run: ReplicationRun, todo: (readonly [number, number, number])[], st: RunState): Promise<void> {
  const failed = await runClaimed<Row[]>(pool, {
    n: todo.length,
    task: (control, port) => ({ claim: 'range', module: kernel.module, exportName: kernel.exportName, spec, seed: run.seed, scenario: run.scenario, items: todo.map(([, from, to]) => [from, to]), control, port }),
    inline: (j) => runRange(kernel, spec, run.seed, run.scenario, todo[j]![1], todo[j]![2]),
    done: (j, rows) => st.finish(todo[j]![0], todo[j]![1], todo[j]![2], rows),
    ...(run.signal ? { signal: run.signal } : {}),
  });
  for (const [j, first] of [...failed].sort((a, b) => a[0] - b[0])) {
    const [i, from, to] = todo[j]!;
    let message = first;
    for (let attempt = 2; attempt <= st.retries + 1 && !run.signal?.aborted; attempt++) {
      try {
        st.finish(i, from, to, runRange(kernel, spec, run.seed, run.scenario, from, to));
        message = '';
        break;
      } catch (e) {
        message = (e as Error).message;
      }
    }
    if (message !== '' && !run.signal?.aborted) st.failures.push(`replications ${from}–${to - 1}: ${message}`);
  }
}

/**
 * Run all replications; rows in replication order. The spec is validated once, here, by the
 * kernel's validator (errors name the field); workers receive the validated spec.
 */
export async function runReplications<S, R extends Row>(run: ReplicationRun<S, R>): Promise<R[]> {
  const routed = routeRun(run as ReplicationRun); // under --shard or invlab merge (./shard-context.ts)
  if (routed !== undefined) return routed as Promise<R[]>;
  const { replications, threads } = run;
  if (!(Number.isInteger(replications) && replications >= 1)) throw new RangeError(`replications must be a positive integer, got ${replications}`);
  if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  const chunk = run.chunkSize ?? defaultChunkSize(replications);
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
      run.onChunk?.(i, from, to, rows);
      st.done += to - from;
      run.onProgress?.(st.done, replications);
    },
  };
  const lock = openCheckpoint(run as ReplicationRun, kernel.kernelName, chunk, st);
  try {
    const only = run.chunks === undefined ? undefined : new Set(run.chunks);
    const todo = st.ranges.map((r, i) => [i, r[0], r[1]] as const).filter(([i]) => st.out[i] === undefined && (only === undefined || only.has(i)));
    if (threads === 1) await runInline(kernel, spec, run as ReplicationRun, todo, st);
    else await runOnPool(run.pool ?? defaultPool(threads), kernel as KernelDef<unknown>, spec, run as ReplicationRun, todo, st);
  } finally {
    lock?.release();
  }
  const wanted = run.chunks === undefined ? replications : run.chunks.reduce((n, i) => n + (st.ranges[i]![1] - st.ranges[i]![0]), 0);
  if (st.done < wanted) {
    const saved = cp !== undefined ? `; the ${st.done} finished replications are saved in ${cp}, rerun with resume (--resume) to run the rest` : '';
    const why = st.failures.length > 0 ? `failed after ${st.retries + 1} attempt(s): ${st.failures.join('; ')}` : 'interrupted';
    throw new RunIncompleteError(`run ${why}; ${st.done} of ${replications} replications finished${saved}`, st.done, replications, cp);
  }
  return st.out.flat() as R[];
}

/** Independent tasks of one task definition: each payload runs once, results in payload order. */
export interface TaskRun<P, R> {
  task: TaskDef<P, R>;
  payloads: readonly P[];
  threads: number;
  /** the worker pool to run on (threads > 1); without one, the shared pool closed by closePool() */
  pool?: WorkerPool;
  /** called as each task finishes, with its position in `payloads` and its result */
  onResult?: (k: number, result: R) => void;
  signal?: AbortSignal;
}

/**
 * Run every payload of a task definition, on `threads` worker threads (1: in this thread, yielding
 * to the event loop between tasks), results in payload order whatever the thread count. A failing
 * task fails the run (its error names the task and the payload's position).
 */
export async function runTasks<P, R>(run: TaskRun<P, R>): Promise<R[]> {
  const { task, payloads, threads } = run;
  if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  const out = new Array<R>(payloads.length);
  const fail = (k: number, e: unknown): never => {
    throw new Error(`${task.taskName} task ${k + 1} of ${payloads.length} failed: ${(e as Error).message}`, { cause: e });
  };
  if (threads === 1) {
    for (let k = 0; k < payloads.length; k++) {
      if (k > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (run.signal?.aborted) throw new RunIncompleteError('run interrupted', k, payloads.length, undefined);
      try {
        out[k] = task.run(payloads[k]!);
      } catch (e) {
        fail(k, e);
      }
      run.onResult?.(k, out[k]!);
    }
    return out;
  }
  const failed = await runClaimed<R>(run.pool ?? defaultPool(threads), {
    n: payloads.length,
    task: (control, port) => ({ claim: 'payload', module: task.module, exportName: task.exportName, items: payloads, control, port }),
    inline: (k) => task.run(payloads[k]!),
    done: (k, r) => {
      out[k] = r;
      run.onResult?.(k, r);
    },
    ...(run.signal ? { signal: run.signal } : {}),
  });
  const first = [...failed].sort((a, b) => a[0] - b[0])[0];
  if (first !== undefined) fail(first[0], new Error(first[1]));
  if (run.signal?.aborted) throw new RunIncompleteError('run interrupted', out.filter((r) => r !== undefined).length, payloads.length, undefined);
  return out;
}
