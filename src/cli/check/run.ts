/**
 * Running the checks of a check file: each check's scenario on the pool, then its verdict
 * (./verdicts.ts). A check that cannot run (bad file, unknown metric) is an input error; the
 * caller turns it into exit code 3.
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { estimateMean, estimatePairedDifference } from '../../core/stats.ts';
import { InputError } from '../../core/validate.ts';
import { summarizeRows } from '../../sim/metrics.ts';
import { WorkerPool } from '../../pool/run.ts';
import type { Row } from '../../sim/kernel.ts';
import { runExperimentCheck } from './experiment.ts';
import type { Check, Scenario } from './schema.ts';
import { paramsOf, resolveIn, rowsHash, runScenario, simSpecOf, solveModel, specHashOf, type RunContext } from './scenario.ts';
import { analyticVerdict, boundVerdict, equivalenceVerdict, performanceVerdict, publishedVerdict, type Status, type Verdict } from './verdicts.ts';

export interface CheckResult extends Partial<Omit<Verdict, 'status' | 'message'>> {
  name: string;
  kind: Check['kind'];
  status: Status;
  message: string;
  metric?: string;
  seed?: number | string;
  replications?: number;
  seconds: number;
  /** where the expectation comes from (the check's `source`) */
  source?: string;
  /** 1-based line of the check in its file (for annotations) */
  line?: number;
  file?: string;
}

/** What --update-baseline would record: new hashes (in the check file) and baseline files. */
export interface BaselineUpdate {
  check: string;
  sha256?: string;
  baselineFile?: string;
  baseline?: BaselineFile;
}

export const BASELINE_FORMAT = 'invlab-check-baseline';

/** A baseline results file of an `equivalence` check. */
export interface BaselineFile {
  format: typeof BASELINE_FORMAT;
  version: 1;
  metric: string;
  seed: number | string;
  scenario: string;
  specHash: string;
  replications: number;
  /** the metric in each replication, in replication order */
  values: number[];
}

interface Ctx extends RunContext {
  dir: string;
  where: string;
  update: BaselineUpdate[] | undefined;
}

function metricValues(rows: readonly Row[], metric: string, where: string): number[] {
  const known = Object.keys(rows[0] ?? {});
  if (!known.includes(metric)) throw new InputError(`${where}.metric: unknown metric '${metric}'; the run's metrics: ${known.join(', ')}`);
  return rows.map((r) => r[metric]!);
}

async function simulate(s: Scenario, key: string, ctx: Ctx): Promise<{ rows: Row[]; specHash: string }> {
  const spec = await simSpecOf(s, ctx.dir, `${ctx.where}.scenario`);
  return { rows: await runScenario(spec, s, key, ctx), specHash: specHashOf(spec) };
}

async function runExact(c: Extract<Check, { kind: 'exact' }>, ctx: Ctx): Promise<Omit<CheckResult, 'seconds' | 'name' | 'kind'>> {
  const spec = await simSpecOf(c.scenario, ctx.dir, `${ctx.where}.scenario`);
  const hashes: [number, string][] = [];
  for (const t of c.threads ?? [ctx.threads]) {
    const pool = t > 1 && ctx.pool?.threads === t ? ctx.pool : undefined;
    const own = t > 1 && pool === undefined ? new WorkerPool(t) : undefined;
    try {
      hashes.push([t, rowsHash(await runScenario(spec, c.scenario, `check/${c.name}`, { threads: t, pool: pool ?? own }))]);
    } finally {
      await own?.close();
    }
  }
  const actual = hashes[0]![1];
  const split = hashes.filter(([, h]) => h !== actual);
  if (ctx.update && split.length === 0) ctx.update.push({ check: c.name, sha256: actual });
  const short = (h: string) => h.slice(0, 12);
  const threads = hashes.length > 1 ? ` on ${hashes.map(([t]) => t).join(', ')} threads` : '';
  if (split.length > 0) return { status: 'fail', message: `thread identity broken: ${hashes.map(([t, h]) => `${t} thread(s) ${short(h)}`).join(', ')}` };
  if (c.sha256 === '') return { status: 'inconclusive', message: `no recorded hash; rows hash ${short(actual)}${threads} (record it with --update-baseline)` };
  if (actual === c.sha256) return { status: 'pass', message: `rows hash ${short(actual)} as recorded${threads}` };
  return { status: 'fail', message: `rows hash ${short(actual)}${threads} differs from the recorded ${short(c.sha256)}: the seeded results changed (if reviewed, record with --update-baseline)` };
}

async function runAnalytic(c: Extract<Check, { kind: 'analytic' | 'bound' }>, ctx: Ctx) {
  const { rows } = await simulate(c.scenario, `check/${c.name}`, ctx);
  metricValues(rows, c.metric, ctx.where);
  const est = summarizeRows(rows)[c.metric]!;
  if (c.kind === 'analytic') return analyticVerdict(est.mean, est.se, c.expected, c.k ?? 4);
  const side = c.atLeast !== undefined ? 'atLeast' : 'atMost';
  return boundVerdict(est.mean, est.se, est.n, (c.atLeast ?? c.atMost)!, side, c.confidence ?? 0.95);
}

function readBaseline(path: string, where: string): BaselineFile | undefined {
  if (!existsSync(path)) return undefined;
  let b: BaselineFile;
  try {
    b = JSON.parse(readFileSync(path, 'utf8')) as BaselineFile;
  } catch (e) {
    // a damaged or unreadable baseline is bad input (exit 3), not an internal error
    throw new InputError(`${where}.baseline ${path}: cannot read it as JSON (${(e as Error).message})`);
  }
  if (b?.format !== BASELINE_FORMAT || b.version !== 1 || !Array.isArray(b.values)) throw new InputError(`${where}.baseline ${path}: not an invlab check baseline (format ${BASELINE_FORMAT}, version 1)`);
  return b;
}

async function runEquivalence(c: Extract<Check, { kind: 'equivalence' }>, ctx: Ctx): Promise<Verdict | Omit<CheckResult, 'seconds' | 'name' | 'kind'>> {
  const key = c.scenario.scenario ?? `check/${c.name}`;
  const { rows, specHash } = await simulate(c.scenario, `check/${c.name}`, ctx);
  const values = metricValues(rows, c.metric, ctx.where);
  const path = resolveIn(ctx.dir, c.baseline);
  const fresh: BaselineFile = { format: BASELINE_FORMAT, version: 1, metric: c.metric, seed: c.scenario.seed, scenario: key, specHash, replications: values.length, values };
  if (ctx.update) ctx.update.push({ check: c.name, baselineFile: path, baseline: fresh });
  const base = readBaseline(path, ctx.where);
  if (base === undefined) return { status: 'inconclusive', message: `no baseline file ${c.baseline} (record it with --update-baseline)` };
  if (base.metric !== c.metric) throw new InputError(`${ctx.where}.baseline ${c.baseline}: records metric '${base.metric}', the check asks for '${c.metric}'`);
  const alpha = c.alpha ?? 0.05;
  const paired = base.seed === fresh.seed && base.scenario === key && base.replications === values.length;
  const baseMean = estimateMean(base.values).mean;
  if (paired) {
    const d = estimatePairedDifference(values, base.values);
    const v = equivalenceVerdict(d.mean, d.se, d.n - 1, c.margin, alpha, baseMean, values.length);
    return { ...v, message: `${v.message} (paired on common random numbers)` };
  }
  const a = estimateMean(values);
  const b = estimateMean(base.values);
  const se = Math.sqrt(a.se ** 2 + b.se ** 2);
  const df = se ** 4 / (a.se ** 4 / (a.n - 1) + b.se ** 4 / (b.n - 1));
  return equivalenceVerdict(a.mean - b.mean, se, df, c.margin, alpha, b.mean, values.length);
}

/** The value at a dotted path (a.b[0].c or a.b.0.c) of a solution. */
export function valueAt(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const k of path.replace(/\[(\d+)\]/g, '.$1').split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

async function runPublished(c: Extract<Check, { kind: 'published' }>, ctx: Ctx): Promise<Verdict> {
  const result = await solveModel(c.model, paramsOf(c.params, ctx.dir, `${ctx.where}.params`), c.options);
  const v = valueAt(result, c.output);
  if (typeof v !== 'number') throw new InputError(`${ctx.where}.output: '${c.output}' of the ${c.model} solution is ${v === undefined ? 'missing' : `not a number (${JSON.stringify(v).slice(0, 40)})`}`);
  return publishedVerdict(v, c.printed);
}

async function runPerformance(c: Extract<Check, { kind: 'performance' }>, ctx: Ctx): Promise<Verdict> {
  const spec = await simSpecOf(c.scenario, ctx.dir, `${ctx.where}.scenario`);
  const ref = await simSpecOf(c.reference, ctx.dir, `${ctx.where}.reference`);
  const inline = { threads: 1 };
  const time = async (sp: typeof spec, s: Scenario, key: string): Promise<number> => {
    const t0 = performance.now();
    await runScenario(sp, s, key, inline);
    return (performance.now() - t0) / 1000;
  };
  await time(spec, c.scenario, `check/${c.name}`);
  await time(ref, c.reference, `check/${c.name}/reference`);
  const times: number[] = [];
  const refTimes: number[] = [];
  for (let i = 0; i < (c.samples ?? 7); i++) {
    times.push(await time(spec, c.scenario, `check/${c.name}`));
    refTimes.push(await time(ref, c.reference, `check/${c.name}/reference`));
  }
  return performanceVerdict(times, refTimes, c.factor, c.alpha ?? 0.05);
}

async function evaluate(c: Check, ctx: Ctx): Promise<Omit<CheckResult, 'seconds' | 'name' | 'kind'>> {
  switch (c.kind) {
    case 'exact':
      return runExact(c, ctx);
    case 'analytic':
    case 'bound':
      return runAnalytic(c, ctx);
    case 'equivalence':
      return runEquivalence(c, ctx);
    case 'published':
      return runPublished(c, ctx);
    case 'performance':
      return runPerformance(c, ctx);
    case 'experiment':
      return runExperimentCheck(c, resolveIn(ctx.dir, c.module), ctx.where, ctx, ctx.update ? (sha256) => ctx.update!.push({ check: c.name, sha256 }) : undefined);
  }
}

/** Run one check; `where` names it in errors (e.g. "invlab.check.json: checks[3]"). */
export async function runCheck(c: Check, where: string, dir: string, run: RunContext, update?: BaselineUpdate[]): Promise<CheckResult> {
  const t0 = performance.now();
  const v = await evaluate(c, { ...run, dir, where, update });
  const out: CheckResult = { name: c.name, kind: c.kind, ...v, seconds: (performance.now() - t0) / 1000 };
  if ('metric' in c) out.metric = c.metric;
  if (c.source !== undefined) out.source = c.source;
  if ('scenario' in c) {
    out.seed = c.scenario.seed;
    out.replications = c.scenario.replications;
  }
  return out;
}
