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

export type Profile = 'quick' | 'full';

export interface ExperimentContext {
  /** 'quick' for tests and CI (seconds), 'full' for the main job (publication-grade) */
  profile: Profile;
  /** master seed; streams derive from (seed, experiment id, scenario, replication, process) */
  seed: number;
  /** worker threads an experiment may use */
  threads: number;
  /** progress callback for long runs (done, total units of work) */
  progress?: (done: number, total: number, label?: string) => void;
}

export interface ExperimentOutput {
  /** one sentence: the finding, with its number(s); shown in results/README.md */
  headline: string;
  /** the parameters that define this run (replications, grids, ...) besides seed and profile */
  spec: Record<string, unknown>;
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

export interface Experiment {
  id: string;
  title: string;
  /** the seed paper(s) behind it, e.g. '001' */
  seeds: string[];
  /** default master seed */
  seed: number;
  run(ctx: ExperimentContext): Promise<ExperimentOutput>;
}

export interface RunMetadata {
  id: string;
  title: string;
  profile: Profile;
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
export async function runAndWrite(exp: Experiment, ctx: ExperimentContext, resultsDir: string): Promise<{ meta: RunMetadata; output: ExperimentOutput }> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const output = await exp.run(ctx);
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
    `Spec: \`${JSON.stringify(output.spec)}\``,
    `Tables: ${Object.keys(output.tables).map((n) => `[${n}.csv](${n}.csv)`).join(', ') || 'none'}.`,
    '',
  ].join('\n');
  writeFileAtomic(join(dir, 'README.md'), page);
  // Tables up to INLINE_ROWS rows are inlined in result.json; longer ones are only referenced (their CSV holds them).
  const tables = Object.fromEntries(
    Object.entries(output.tables).map(([name, rows]) => [name, rows.length <= INLINE_ROWS ? rows : { file: `${name}.csv`, rows: rows.length }]),
  );
  writeJsonAtomic(join(dir, 'result.json'), { meta, headline: output.headline, checksPassed: output.checksPassed ?? null, spec: output.spec, data: output.data ?? null, tables });
  return { meta, output };
}
