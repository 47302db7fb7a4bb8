/**
 * A check's scenario → the simulator's spec (src/sim/inventory.ts) and its run on the pool.
 * Files named in a scenario (policy file, model parameters, demand history) are read relative
 * to the check file's folder.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../../core/validate.ts';
import { readDailyDemandCsv, skuHistory } from '../../io/daily-demand-csv.ts';
import { readJsonFile } from '../../io/json-input.ts';
import { readPolicyDocument } from '../../policy/file.ts';
import type { InventoryPolicy } from '../../policy/types.ts';
import type { DemandSpec } from '../../dist/demand.ts';
import type { LeadTimeSpec } from '../../dist/lead-time.ts';
import { checkSimSpec, inventoryKernel, type InventorySimSpec } from '../../sim/inventory.ts';
import type { Row } from '../../sim/kernel.ts';
import { runReplications, WorkerPool } from '../../pool/run.ts';
import { findModel } from '../models/all.ts';
import type { Scenario } from './schema.ts';

/** A path of the check file, resolved against its folder. */
export function resolveIn(dir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dir, path);
}

/** Parameters given inline or as a file path. */
export function paramsOf(params: string | Record<string, unknown>, dir: string, what: string): unknown {
  return typeof params === 'string' ? readJsonFile(resolveIn(dir, params), what) : params;
}

/** The solution of a model (what `invlab solve <id> --json` prints as its result). */
export async function solveModel(id: string, params: unknown, options: Record<string, string> = {}): Promise<unknown> {
  const entry = findModel(id);
  return (await entry.solve(params, options)).result;
}

async function policyOf(s: Scenario, dir: string, where: string): Promise<InventoryPolicy> {
  if (s.model !== undefined) {
    const result = (await solveModel(s.model.id, paramsOf(s.model.params, dir, `${where}.model.params`), s.model.options)) as { policy?: InventoryPolicy };
    if (result?.policy === undefined) throw new InputError(`${where}.model: the solution of '${s.model.id}' carries no policy; give a policy instead`);
    return result.policy;
  }
  const doc = typeof s.policy === 'string' ? readJsonFile(resolveIn(dir, s.policy), `${where}.policy`) : s.policy;
  const all = readPolicyDocument(doc, `${where}.policy`);
  if (s.sku !== undefined) {
    const hit = all.find((p) => p.sku === s.sku);
    if (hit === undefined) throw new InputError(`${where}.sku: no policy for '${s.sku}' (policies for ${all.map((p) => p.sku ?? '(no sku)').join(', ')})`);
    return hit.policy;
  }
  if (all.length !== 1) throw new InputError(`${where}.policy holds ${all.length} policies: choose one with "sku"`);
  return all[0]!.policy;
}

function demandOf(s: Scenario, dir: string): { demand: DemandSpec; length?: number } {
  if (s.demand !== undefined) return { demand: s.demand as DemandSpec };
  const h = s.history!;
  const hist = skuHistory(readDailyDemandCsv(resolveIn(dir, h.file)), h.sku, h.days ?? 'calendar');
  const demand: DemandSpec = { kind: 'replay', history: hist.quantities, mode: h.replay ?? 'inOrder' };
  if (h.blockLength !== undefined) demand.blockLength = h.blockLength;
  return { demand, length: hist.quantities.length };
}

/** The simulator's spec of a scenario (files read, model solved), checked by the kernel's validator. */
export async function simSpecOf(s: Scenario, dir: string, where: string): Promise<InventorySimSpec> {
  const { demand, length } = demandOf(s, dir);
  const warmup = s.warmup ?? 0;
  const horizon = s.horizon ?? Math.max(1, (length ?? 1) - warmup);
  const spec: InventorySimSpec = { demand, leadTime: s.leadTime as LeadTimeSpec, policy: await policyOf(s, dir, where), horizon, warmup };
  if (s.shortage !== undefined) spec.shortage = s.shortage;
  if (s.costs !== undefined) spec.costs = s.costs;
  if (s.initialOnHand !== undefined) spec.initialOnHand = s.initialOnHand;
  if (s.generator !== undefined) spec.generator = s.generator;
  try {
    return checkSimSpec(spec);
  } catch (e) {
    throw new InputError(`${where}: ${(e as Error).message}`);
  }
}

/** Where runs go: a pool of `threads` workers (threads > 1) or inline. */
export interface RunContext {
  threads: number;
  pool?: WorkerPool;
  /** rows of runs already made in this session, by (spec, seed, key, replications): checks sharing a scenario simulate it once */
  cache?: Map<string, Row[]>;
}

/** The rows of a scenario's run, in replication order. */
export async function runScenario(spec: InventorySimSpec, s: Scenario, key: string, ctx: RunContext, replications = s.replications): Promise<Row[]> {
  const run = { kernel: inventoryKernel, spec, seed: s.seed, scenario: s.scenario ?? key, replications, threads: ctx.threads };
  const id = JSON.stringify([spec, run.seed, run.scenario, replications]);
  const hit = ctx.cache?.get(id);
  if (hit !== undefined) return hit;
  const rows = await (ctx.threads > 1 && ctx.pool !== undefined ? runReplications({ ...run, pool: ctx.pool }) : runReplications({ ...run, threads: 1 }));
  ctx.cache?.set(id, rows);
  return rows;
}

/** SHA-256 (hex) of rows: their JSON, numbers as JavaScript prints them (shortest round-trip). */
export function rowsHash(rows: readonly Row[]): string {
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

/** SHA-256 of a scenario's simulator spec (equal hashes + seeds + keys ⇒ common random numbers). */
export function specHashOf(spec: InventorySimSpec): string {
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 16);
}
