/**
 * What an experiment is, and how its results are written.
 *
 * An experiment answers one question (a paper's table, a validation, a comparison). It is a
 * pure-ish async function of a context (profile, seed, threads) returning tables, figures and
 * a Markdown page; this module writes them into results/<id>/ atomically, with the metadata
 * every result must carry (spec, seed, version, Node version, threads, wall time).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv, type Row } from '../src/io/csv-write.ts';
import { writeFileAtomic, writeJsonAtomic } from '../src/io/files.ts';
import type { WorkerPool } from '../src/pool/run.ts';

export type Profile = 'quick' | 'full';

export interface ExperimentContext {
  /** which profile's spec is running: 'quick' for tests and CI (seconds), 'full' for the main job; 'custom' for a spec given by file */
  profile: Profile | 'custom';
  /** master seed; streams derive from (seed, experiment id, scenario, replication, process) */
  seed: number;
  /** worker threads an experiment may use */
  threads: number;
  /** progress callback for long runs (done, total units of work) */
  progress?: (done: number, total: number, label?: string) => void;
  /** the worker pool (threads > 1), owned by the caller */
  pool?: WorkerPool;
}

export interface ExperimentOutput {
  /** one sentence: the finding, with its number(s); shown in results/README.md */
  headline: string;
  /** @deprecated the input spec is written by the harness; an experiment returns nothing here */
  spec?: Record<string, unknown>;
  /** named tables, each written as <name>.csv */
  tables: Record<string, Row[]>;
  /** the body of results/<id>/README.md (the harness adds title and metadata) */
  markdown: string;
  /** named SVG figures, each written as <name>.svg; reference them in markdown as ![..](<name>.svg) */
  figures?: Record<string, string>;
  /** any further structured numbers, written into result.json */
  data?: unknown;
  /** did every check the experiment makes against published numbers pass? */
  checksPassed?: boolean;
}

/**
 * An experiment takes its spec as input: `profiles` holds the quick and full specs as data,
 * `run(spec, ctx)` computes from the spec alone (plus seed and threads), and the harness writes
 * the spec into results/<id>/spec.json, from which `run-all --from <spec.json>` re-runs it.
 */
export interface Experiment<S extends object = Record<string, unknown>> {
  id: string;
  title: string;
  /** the paper(s) behind it, e.g. ['Katircioglu, Brown & Asghar (2007)'] */
  seeds: string[];
  /** default master seed */
  seed: number;
  /** the spec of each profile (plain JSON) */
  profiles: Record<Profile, S>;
  run(spec: S, ctx: ExperimentContext): Promise<ExperimentOutput>;
}

/** What results/<id>/spec.json holds: everything that defines the run. */
export interface RunSpec<S = unknown> {
  experiment: string;
  profile: Profile | 'custom';
  seed: number;
  spec: S;
}

export interface RunMetadata {
  id: string;
  title: string;
  profile: Profile | 'custom';
  seed: number;
  threads: number;
  invlabVersion: string;
  node: string;
  startedAt: string;
  wallSeconds: number;
}

/** Tables longer than this are written to CSV only, not repeated inline in result.json. */
const INLINE_ROWS = 1000;

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Run one experiment and write results/<id>/ (CSV per table, SVG per figure, README.md, result.json). */
export async function runAndWrite<S extends object>(exp: Experiment<S>, ctx: ExperimentContext, resultsDir: string, spec: S = exp.profiles[ctx.profile as Profile]): Promise<{ meta: RunMetadata; output: ExperimentOutput }> {
  if (spec === undefined) throw new RangeError(`experiment ${exp.id}: no spec for profile '${ctx.profile}'`);
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const output = await exp.run(spec, ctx);
  const wallSeconds = (performance.now() - t0) / 1000;
  const meta: RunMetadata = {
    id: exp.id,
    title: exp.title,
    profile: ctx.profile,
    seed: ctx.seed,
    threads: ctx.threads,
    invlabVersion: packageVersion(),
    node: process.version,
    startedAt,
    wallSeconds: Math.round(wallSeconds * 1000) / 1000,
  };
  const dir = join(resultsDir, exp.id);
  for (const [name, rows] of Object.entries(output.tables)) writeFileAtomic(join(dir, `${name}.csv`), toCsv(rows));
  for (const [name, svg] of Object.entries(output.figures ?? {})) writeFileAtomic(join(dir, `${name}.svg`), svg);
  const page = [
    `# ${exp.title}`,
    '',
    `> ${output.headline}`,
    '',
    output.markdown.trim(),
    '',
    '---',
    `Run: profile \`${meta.profile}\`, seed ${meta.seed}, ${meta.threads} thread(s), invlab ${meta.invlabVersion}, Node ${meta.node}, ${meta.wallSeconds} s, started ${meta.startedAt}.`,
    `Spec: [spec.json](spec.json) (re-run with \`npx tsx experiments/run-all.ts --from results/${exp.id}/spec.json\`): \`${JSON.stringify(spec)}\``,
    `Tables: ${Object.keys(output.tables).map((n) => `[${n}.csv](${n}.csv)`).join(', ') || 'none'}.`,
    '',
  ].join('\n');
  writeFileAtomic(join(dir, 'README.md'), page);
  // Tables up to INLINE_ROWS rows are inlined in result.json; longer ones are only referenced (their CSV holds them).
  const tables = Object.fromEntries(
    Object.entries(output.tables).map(([name, rows]) => [name, rows.length <= INLINE_ROWS ? rows : { file: `${name}.csv`, rows: rows.length }]),
  );
  const runSpec: RunSpec<S> = { experiment: exp.id, profile: ctx.profile, seed: ctx.seed, spec };
  writeJsonAtomic(join(dir, 'spec.json'), runSpec);
  writeJsonAtomic(join(dir, 'result.json'), { meta, headline: output.headline, checksPassed: output.checksPassed ?? null, spec, data: output.data ?? null, tables });
  return { meta, output };
}
