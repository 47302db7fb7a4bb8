/**
 * `experiment` checks of `invlab check`: an experiment (experiments/*.ts, or a user's module of
 * the same shape) is loaded by path at run time, run once per check run and profile with its own
 * seed, and one value of its output is compared with the check's expectation. The module is
 * imported dynamically (a path in the check file, as a kernel is named by module), so the CLI
 * has no static dependency on the experiments.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../core/validate.ts';
import type { WorkerPool } from '../../pool/run.ts';
import type { Check } from './schema.ts';
import { publishedVerdict, type Status, type Verdict } from './verdicts.ts';

/** The shape of an experiment (experiments/framework.ts) that a check needs. */
interface ExperimentLike {
  id: string;
  seed: number;
  profiles: Record<string, object>;
  run(spec: object, ctx: { profile: string; seed: number; threads: number; pool?: WorkerPool }): Promise<Record<string, unknown>>;
}

type ExperimentCheck = Extract<Check, { kind: 'experiment' }>;

/** Outputs already computed in this check run (keyed by module, export and profile). */
const outputs = new WeakMap<object, Map<string, Promise<{ output: Record<string, unknown>; id: string }>>>();

/** The value at a dotted path (a.b[0].c or a.b.0.c). */
function valueAt(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const k of path.replace(/\[(\d+)\]/g, '.$1').split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

async function loadExperiment(path: string, name: string, where: string): Promise<ExperimentLike> {
  if (!existsSync(path)) throw new InputError(`${where}.module: no file ${path}`);
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const exp = mod[name] as Partial<ExperimentLike> | undefined;
  if (!exp || typeof exp.run !== 'function' || typeof exp.profiles !== 'object' || typeof exp.seed !== 'number') {
    throw new InputError(`${where}.export: ${path} has no experiment '${name}' (an object with id, seed, profiles and run); exports: ${Object.keys(mod).join(', ')}`);
  }
  return exp as ExperimentLike;
}

/** The experiment's output for this check run (run once, shared by the checks that read it). */
function outputOf(c: ExperimentCheck, path: string, where: string, run: { threads: number; pool?: WorkerPool; cache?: object }): Promise<{ output: Record<string, unknown>; id: string }> {
  const session = run.cache ?? {};
  let byKey = outputs.get(session);
  if (!byKey) outputs.set(session, (byKey = new Map()));
  const profile = c.profile ?? 'quick';
  const key = `${path}\u0000${c.export}\u0000${profile}`;
  let p = byKey.get(key);
  if (!p) {
    p = (async () => {
      const exp = await loadExperiment(path, c.export, where);
      const spec = exp.profiles[profile];
      if (spec === undefined) throw new InputError(`${where}.profile: experiment '${exp.id}' has no profile '${profile}'`);
      const ctx = { profile, seed: exp.seed, threads: run.threads, ...(run.pool ? { pool: run.pool } : {}) };
      return { output: await exp.run(spec, ctx), id: exp.id };
    })();
    byKey.set(key, p);
  }
  return p;
}

const g = (x: number): string => Number(x.toPrecision(6)).toString();

/** A deterministic comparison (no sampling error): pass or fail. */
function deterministic(status: boolean, actual: number, expected: number, message: string): Verdict {
  return { status: status ? 'pass' : 'fail', actual, expected, difference: actual - expected, tolerance: 0, message };
}

/**
 * Run an experiment check. `update` receives the new hash of a sha256 check (--update-baseline).
 */
export async function runExperimentCheck(c: ExperimentCheck, path: string, where: string, run: { threads: number; pool?: WorkerPool; cache?: object }, update?: (sha256: string) => void): Promise<Verdict | { status: Status; message: string }> {
  const { output, id } = await outputOf(c, path, where, run);
  const v = valueAt(output, c.output);
  const what = `${id} (${c.profile ?? 'quick'} profile) ${c.output}`;
  if (c.sha256 !== undefined) {
    if (v === undefined) throw new InputError(`${where}.output: '${c.output}' of experiment ${id} is missing`);
    const hash = createHash('sha256').update(JSON.stringify(v)).digest('hex');
    update?.(hash);
    if (c.sha256 === '') return { status: 'inconclusive', message: `${what}: no recorded hash; hash ${hash.slice(0, 12)} (record it with --update-baseline)` };
    return hash === c.sha256 ? { status: 'pass', message: `${what}: hash ${hash.slice(0, 12)} as recorded` } : { status: 'fail', message: `${what}: hash ${hash.slice(0, 12)} differs from the recorded ${c.sha256.slice(0, 12)}: the experiment's output changed (if reviewed, record with --update-baseline)` };
  }
  if (typeof c.equals === 'boolean') {
    if (typeof v !== 'boolean') throw new InputError(`${where}.output: '${c.output}' of experiment ${id} is ${v === undefined ? 'missing' : `not a boolean (${JSON.stringify(v).slice(0, 40)})`}`);
    return deterministic(v === c.equals, Number(v), Number(c.equals), `${what} is ${v}${v === c.equals ? ' as expected' : `, expected ${c.equals}`}`);
  }
  if (typeof v !== 'number') throw new InputError(`${where}.output: '${c.output}' of experiment ${id} is ${v === undefined ? 'missing' : `not a number (${JSON.stringify(v).slice(0, 40)})`}`);
  if (c.printed !== undefined) {
    const r = publishedVerdict(v, c.printed);
    return { ...r, message: `${what}: ${r.message}` };
  }
  if (c.atLeast !== undefined) return deterministic(v >= c.atLeast, v, c.atLeast, `${what} = ${g(v)} ${v >= c.atLeast ? '≥' : '<'} ${c.atLeast}`);
  if (c.atMost !== undefined) return deterministic(v <= c.atMost, v, c.atMost, `${what} = ${g(v)} ${v <= c.atMost ? '≤' : '>'} ${c.atMost}`);
  return deterministic(v === c.equals, v, c.equals as number, `${what} = ${v} ${v === c.equals ? '=' : '≠'} ${c.equals}`);
}
