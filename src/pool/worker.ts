/**
 * Worker-thread entry for the piscina pool: runs a range of replications of a kernel, found by
 * its module URL and export name (src/sim/kernel.ts). The spec was validated once by the
 * caller; the worker runs it as given.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
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

export default async function runTask(task: RangeTask): Promise<Row[]> {
  const kernel = await loadKernel(task.module, task.exportName);
  return runRange(kernel, task.spec, task.seed, task.scenario, task.from, task.to);
}
