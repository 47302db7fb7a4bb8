/**
 * Worker-thread entry for the piscina pool: runs a range of replications of a kernel, found by
 * its module URL and export name (src/sim/kernel.ts). The spec was validated once by the
 * caller; the worker runs it as given.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { MessagePort } from 'node:worker_threads';
import type { KernelDef, Row } from '../sim/kernel.ts';

export interface RangeTask {
  /** URL of the module exporting the kernel, and the export's name */
  module: string;
  exportName: string;
  spec: unknown;
  seed: number | string;
  scenario: string;
  from: number;
  to: number;
}

const loaded = new Map<string, KernelDef<unknown>>();

/**
 * Import a kernel's module. Compiled JavaScript imports natively. Running from TypeScript
 * sources (development, tests), a worker's dynamic import() does not reach tsx's ESM hooks on
 * Node 20 (ERR_UNKNOWN_FILE_EXTENSION, observed), while tsx's require hook does: the module is
 * then loaded through require.
 */
async function importModule(url: string): Promise<Record<string, unknown>> {
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION' || !url.endsWith('.ts')) throw e;
    return createRequire(import.meta.url)(fileURLToPath(url)) as Record<string, unknown>;
  }
}

/** The kernel a task names (imported once per worker). */
export async function loadKernel(module: string, exportName: string): Promise<KernelDef<unknown>> {
  const key = `${module}#${exportName}`;
  let k = loaded.get(key);
  if (k === undefined) {
    const mod = await importModule(module);
    const found = mod[exportName] as KernelDef<unknown> | undefined;
    if (typeof found !== 'function' || typeof found.run !== 'function') throw new TypeError(`${module} does not export a kernel named '${exportName}'`);
    k = found;
    loaded.set(key, k);
  }
  return k;
}

/** Run replications [from, to) of a validated spec in this thread, in order. */
export function runRange<S>(kernel: KernelDef<S>, spec: S, seed: number | string, scenario: string, from: number, to: number): Row[] {
  const rows: Row[] = [];
  for (let r = from; r < to; r++) rows.push(kernel.run(spec, { seed, scenario, replication: r }));
  return rows;
}

/**
 * A task definition (src/pool/run.ts runTasks): a plain function of a payload, exported as
 * `exportName` from the module at `module`, e.g. one chunk of a portfolio backtest.
 */
export interface TaskDef<P, R> {
  readonly module: string;
  readonly exportName: string;
  /** stable name, for messages */
  readonly taskName: string;
  run(payload: P): R;
}

/** A task message: which task definition, and its payload. */
export interface PayloadTask {
  module: string;
  exportName: string;
  payload: unknown;
}

const loadedTasks = new Map<string, TaskDef<unknown, unknown>>();

/** The task definition a message names (imported once per worker). */
export async function loadTaskDef(module: string, exportName: string): Promise<TaskDef<unknown, unknown>> {
  const key = `${module}#${exportName}`;
  let t = loadedTasks.get(key);
  if (t === undefined) {
    const found = (await importModule(module))[exportName] as TaskDef<unknown, unknown> | undefined;
    if (found === null || typeof found !== 'object' || typeof found.run !== 'function') throw new TypeError(`${module} does not export a task named '${exportName}'`);
    t = found;
    loadedTasks.set(key, t);
  }
  return t;
}

/**
 * A claiming task: the worker takes item after item of a shared list (Atomics.add on a shared
 * counter, so the calling thread and every worker share one queue and none waits for another to
 * hand out work) until none is left or the run is stopped, and posts each item's result (or its
 * error) on `port` as soon as it is done, then `{ end: true }`. Items are ranges of replications
 * of a kernel ('range') or payloads of a task definition ('payload').
 */
export interface ClaimTask {
  claim: 'range' | 'payload';
  module: string;
  exportName: string;
  /** 'range': the validated spec, seed and scenario; items are [from, to) */
  spec?: unknown;
  seed?: number | string;
  scenario?: string;
  items: readonly unknown[];
  /** Int32Array view: [0] next item to claim, [1] non-zero when the run stops */
  control: SharedArrayBuffer;
  port: MessagePort;
}

/** A message on a claiming task's port. */
export type ClaimMessage = { j: number; result: unknown } | { j: number; error: string } | { end: true };

/** Claim the next item of `n` (−1: none left, or the run was stopped). */
export function claimItem(control: Int32Array, n: number): number {
  if (Atomics.load(control, 1) !== 0) return -1;
  const j = Atomics.add(control, 0, 1);
  return j < n ? j : -1;
}

async function runClaims(task: ClaimTask): Promise<number> {
  const control = new Int32Array(task.control);
  const n = task.items.length;
  let run: (item: unknown) => unknown;
  if (task.claim === 'payload') {
    const def = await loadTaskDef(task.module, task.exportName);
    run = (item) => def.run(item);
  } else {
    const kernel = await loadKernel(task.module, task.exportName);
    run = (item) => runRange(kernel, task.spec, task.seed!, task.scenario!, (item as [number, number])[0], (item as [number, number])[1]);
  }
  let count = 0;
  for (let j = claimItem(control, n); j >= 0; j = claimItem(control, n), count++) {
    let message: ClaimMessage;
    try {
      message = { j, result: run(task.items[j]) };
    } catch (e) {
      message = { j, error: (e as Error).message };
    }
    task.port.postMessage(message);
  }
  task.port.postMessage({ end: true } satisfies ClaimMessage);
  task.port.close();
  return count;
}

/**
 * A warm-up task (WorkerPool.prepare): import a kernel's module and, given a (small) validated
 * spec, run one replication of it under the scenario 'pool.warm' and discard the row, so the
 * worker's first real item starts with the module loaded and the kernel compiled. Streams are keyed
 * by (seed, scenario, replication, process), so it draws nothing any run uses.
 */
export interface WarmTask {
  warm: true;
  module: string;
  exportName: string;
  spec?: unknown;
}

async function warmUp(task: WarmTask): Promise<boolean> {
  const kernel = await loadKernel(task.module, task.exportName);
  if (task.spec !== undefined) kernel.run(task.spec, { seed: 0, scenario: 'pool.warm', replication: 0 });
  return true;
}

export default async function runTask(task: RangeTask | PayloadTask | ClaimTask | WarmTask): Promise<unknown> {
  if ('warm' in task) return warmUp(task);
  if ('claim' in task) return runClaims(task);
  if ('payload' in task) return (await loadTaskDef(task.module, task.exportName)).run(task.payload);
  const kernel = await loadKernel(task.module, task.exportName);
  return runRange(kernel, task.spec, task.seed, task.scenario, task.from, task.to);
}
