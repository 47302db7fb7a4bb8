/**
 * Resource limits of replication runs: the thread cap, and an estimate of a run's time and
 * memory from a short pilot (a few replications of a reduced spec, timed in this thread),
 * printed before a long run starts so that a run of hours or of more memory than the machine
 * has is refused before it begins (the CLI's --force runs it anyway).
 */
import { availableParallelism, totalmem } from 'node:os';
import type { KernelDef, Row } from '../sim/kernel.ts';

/** Worker threads beyond this many per core only add memory (about 60 MB each) and no speed. */
export const THREADS_PER_CORE = 4;

export function coreCount(): number {
  return availableParallelism();
}

/** The largest accepted thread count: THREADS_PER_CORE × the cores of this machine. */
export function maxThreads(): number {
  return THREADS_PER_CORE * coreCount();
}

/** Approximate memory of one worker thread (V8 isolate with a 64 MB young generation, measured ~50-70 MB). */
export const WORKER_BYTES = 64 * 2 ** 20;

export interface RunEstimate {
  /** wall time, seconds */
  seconds: number;
  /** peak resident memory, bytes */
  bytes: number;
  /** the pilot it is based on, for the message */
  basis: string;
}

export interface PilotRun<S> {
  kernel: KernelDef<S>;
  /** a validated spec that runs like the real one, only shorter (e.g. fewer periods), and its size */
  pilot: { spec: S; size: number };
  /** the real replication's size (time per replication is taken as proportional to it) */
  size: number;
  replications: number;
  threads: number;
  seed: number | string;
  scenario: string;
  /**
   * what the run keeps: 'kept' (default): every replication's row until the run ends (memory
   * grows with the replication count); 'summary': rows reduced into block summaries as they
   * arrive (SummaryAccumulator, at most SUMMARY_BLOCKS blocks: memory independent of it)
   */
  rows?: 'kept' | 'summary';
  /** rows kept per replication with rows 'kept' (e.g. 2 when a compared policy's rows are kept too) */
  rowsPerReplication?: number;
  /** bytes held per finished replication until the run ends (overrides the estimate from the pilot's row) */
  bytesPerReplication?: number;
  /**
   * the process's resident memory without the pool's workers (default: the resident set size
   * when the estimate is made). Give it, measured before the pool was started, when the pool
   * is already loading its workers during the pilot: their memory is counted by poolBytes.
   */
  residentBytes?: number;
}

/**
 * Memory of a pool of `threads` threads beyond the process's own: a WorkerPool runs threads − 1
 * worker threads and the calling thread (whose memory is the process's), so
 * (threads − 1) × WORKER_BYTES; nothing for one thread (no pool).
 */
export function poolBytes(threads: number): number {
  return threads > 1 ? (threads - 1) * WORKER_BYTES : 0;
}

/** Blocks a summarised run holds at most (src/sim/metrics.ts summaryBlockSize: about 1000). */
export const SUMMARY_BLOCKS = 1024;
/** Numbers per metric in a block summary (SummaryAccumulator.toRow: 5, ratio metrics 13). */
const BLOCK_NUMBERS_PER_METRIC = 13;

/** Bytes of a row object of `keys` numbers in V8 (header plus a property and a boxed double each, measured ~40 B). */
export function rowBytes(keys: number): number {
  return 96 + 40 * keys;
}

/**
 * Bytes the run holds beyond the process and its workers: the rows, or, for a summarised run,
 * its block summaries (at most SUMMARY_BLOCKS rows of 13 numbers per metric: a constant).
 */
export function heldBytes<S>(p: PilotRun<S>, rowKeys: number): number {
  if (p.rows === 'summary') return Math.min(SUMMARY_BLOCKS, p.replications) * rowBytes(BLOCK_NUMBERS_PER_METRIC * rowKeys);
  const perReplication = p.bytesPerReplication ?? rowBytes(rowKeys) * (p.rowsPerReplication ?? 1);
  return perReplication * p.replications;
}

/**
 * Seconds per pilot replication: replications for 120 ms untimed first (the JIT compiler's
 * warm-up: short pilots otherwise overestimate a long run many times), then at least 2 and
 * 60 ms timed (at most 1000).
 */
function timePilot<S>(p: PilotRun<S>): { perReplication: number; n: number; row: Row } {
  const one = (r: number): Row => p.kernel.run(p.pilot.spec, { seed: p.seed, scenario: `${p.scenario}#pilot`, replication: r });
  const seconds = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;
  const w0 = process.hrtime.bigint();
  let row = one(0);
  for (let r = 1; r < 1000 && seconds(w0) < 0.12; r++) row = one(r);
  const t0 = process.hrtime.bigint();
  let n = 0;
  let elapsed = 0;
  while (n < 1000 && (n < 2 || elapsed < 0.06)) {
    row = one(n);
    n++;
    elapsed = seconds(t0);
  }
  return { perReplication: elapsed / n, n, row };
}

/** Time the pilot and scale it to the whole run (time proportional to size × replications). */
export function estimateRun<S>(p: PilotRun<S>): RunEstimate {
  const t = timePilot(p);
  const perReplication = t.perReplication * Math.max(1, p.size / p.pilot.size);
  const parallel = Math.max(1, Math.min(p.threads, coreCount()));
  const seconds = (perReplication * p.replications) / parallel + (p.threads > 1 ? 0.5 : 0);
  const bytes = (p.residentBytes ?? process.memoryUsage().rss) + poolBytes(p.threads) + heldBytes(p, Object.keys(t.row).length);
  return { seconds, bytes, basis: `pilot: ${t.n} replications of ${p.pilot.size} periods, ${(perReplication * 1000).toPrecision(3)} ms per replication × ${p.replications} replications on ${parallel} core(s)` };
}

/** "3.2 s", "4 min 10 s", "2.5 h". */
export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${(s / 3600).toFixed(1)} h`;
}

export function formatBytes(b: number): string {
  return b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(1)} GB` : `${Math.round(b / 2 ** 20)} MB`;
}

/** Limits above which a run is refused unless forced. */
export const LIMITS = { seconds: 3600, memoryFraction: 0.75 };

/** Why an estimated run exceeds the limits (null: within them). */
export function overLimit(e: RunEstimate): string | null {
  const mem = LIMITS.memoryFraction * totalmem();
  if (e.bytes > mem) return `needs about ${formatBytes(e.bytes)}, more than ${Math.round(LIMITS.memoryFraction * 100)} % of this machine's ${formatBytes(totalmem())}`;
  if (e.seconds > LIMITS.seconds) return `would take about ${formatSeconds(e.seconds)}, more than the ${formatSeconds(LIMITS.seconds)} limit`;
  return null;
}
