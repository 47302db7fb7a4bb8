/**
 * `invlab check [file…]`: statistical regression checks (check file format: src/cli/check/schema.ts,
 * JSON Schema invlab.check.schema.json). Runs every check of every file (default
 * ./invlab.check.json) on a worker pool, prints a table and a last line `N passed, N failed`
 * (`, N inconclusive` when any).
 *
 *   invlab check [file…] [--json] [--junit FILE] [--strict] [--threads N] [--only NAME] [--update-baseline]
 *
 * Exit codes (of this command; set through ../exit-code.ts): 0 pass, 1 regression (a check failed), 2 inconclusive under --strict, 3 bad input
 * (unreadable or invalid check file, unknown metric, missing file), 4 internal error.
 * With GITHUB_ACTIONS=true: error annotations at each failed check's line (on stdout after the
 * table; on stderr with --json, so that stdout is one JSON document) and a Markdown summary
 * appended to $GITHUB_STEP_SUMMARY.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../core/validate.ts';
import { setExitCode } from '../exit-code.ts';
import { readJsonFile } from '../../io/json-input.ts';
import { coreCount, maxThreads } from '../../pool/estimate.ts';
import { WorkerPool } from '../../pool/run.ts';
import type { Row } from '../../sim/kernel.ts';
import { checkLines, githubAnnotations, jsonReport, junitXml, resultTable, stepSummary } from '../check/report.ts';
import { runCheck, type BaselineUpdate, type CheckResult } from '../check/run.ts';
import { parseCheckFile, type CheckFile } from '../check/schema.ts';
import { isYamlPath, readYamlCheckFile, withYamlHash } from '../check/yaml.ts';

export interface CheckOptions {
  json?: boolean;
  junit?: string;
  strict?: boolean;
  threads?: string;
  only?: string[];
  updateBaseline?: boolean;
  shard?: string;
  shardCount?: string;
  checkpoint?: string;
  resume?: boolean;
}

export const EXIT = { pass: 0, regression: 1, inconclusive: 2, badInput: 3, internal: 4 } as const;

interface LoadedFile {
  path: string;
  shown: string;
  doc: CheckFile;
  /** the 1-based line of each check, by name (for annotations) */
  lines: Map<string, number>;
}

function loadFile(path: string): LoadedFile {
  const shown = relative(process.cwd(), path) || path;
  if (isYamlPath(path)) {
    const { value, lines } = readYamlCheckFile(path, shown);
    return { path, shown, doc: parseCheckFile(value, shown), lines };
  }
  const value = readJsonFile(path, 'check file');
  const doc = parseCheckFile(value, shown);
  return { path, shown, doc, lines: checkLines(readFileSync(path, 'utf8'), doc.checks.map((c) => c.name)) };
}

function threadsOf(text: string | undefined): number {
  if (text === undefined) return Math.min(2, coreCount());
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > maxThreads()) throw new InputError(`--threads must be an integer from 1 to ${maxThreads()}, got '${text}'`);
  return n;
}

/** Run every check of the files; results in file order. */
export async function runCheckFiles(paths: readonly string[], o: CheckOptions, updates?: BaselineUpdate[]): Promise<CheckResult[]> {
  const files = paths.map((p) => loadFile(resolve(p)));
  const names = files.flatMap((f) => f.doc.checks.map((c) => c.name));
  const unknown = (o.only ?? []).filter((n) => !names.includes(n));
  if (unknown.length > 0) throw new InputError(`--only: no check named ${unknown.map((n) => `'${n}'`).join(', ')}; checks: ${names.join(', ')}`);
  const threads = threadsOf(o.threads);
  const pool = threads > 1 ? new WorkerPool(threads) : undefined;
  const results: CheckResult[] = [];
  const cache = new Map<string, Row[]>();
  try {
    for (const f of files) {
      const lines = f.lines;
      for (const [i, c] of f.doc.checks.entries()) {
        if (o.only && !o.only.includes(c.name)) continue;
        const r = await runCheck(c, `${f.shown}: checks[${i}] '${c.name}'`, dirname(f.path), pool ? { threads, pool, cache } : { threads: 1, cache }, updates);
        r.file = f.shown;
        const line = lines.get(c.name);
        if (line !== undefined) r.line = line;
        results.push(r);
      }
    }
  } finally {
    await pool?.close();
  }
  return results;
}

/**
 * The check file's text with a check's "sha256" replaced (the first after its "name" line), so
 * that --update-baseline changes one line and keeps the file's layout.
 */
export function withHash(text: string, name: string, sha256: string): string {
  const at = text.search(new RegExp(`"name"\\s*:\\s*${JSON.stringify(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  if (at < 0) return text;
  const rest = text.slice(at).replace(/"sha256"\s*:\s*"[0-9a-f]*"/, `"sha256": "${sha256}"`);
  return text.slice(0, at) + rest;
}

/** Write what --update-baseline recorded: hashes into the check files, baseline files. */
function writeUpdates(paths: readonly string[], updates: readonly BaselineUpdate[]): string[] {
  const done: string[] = [];
  for (const p of paths.map((x) => resolve(x))) {
    const before = readFileSync(p, 'utf8');
    let text = before;
    for (const u of updates) if (u.sha256 !== undefined) text = (isYamlPath(p) ? withYamlHash : withHash)(text, u.check, u.sha256);
    if (text !== before) {
      writeFileSync(p, text);
      done.push(`new hashes in ${relative(process.cwd(), p)}`);
    }
  }
  for (const u of updates) {
    if (u.baselineFile === undefined) continue;
    writeFileSync(u.baselineFile, `${JSON.stringify(u.baseline)}\n`);
    done.push(`${u.check}: baseline ${relative(process.cwd(), u.baselineFile)}`);
  }
  return done;
}

/** The check names of the files, in run order (for --shard: one check per chunk). */
export function checkNames(paths: readonly string[]): string[] {
  return paths.flatMap((p) => loadFile(resolve(p)).doc.checks.map((c) => c.name));
}

export function emit(results: readonly CheckResult[], files: readonly string[], o: CheckOptions, write: (text: string) => void = (t) => process.stdout.write(t)): void {
  write(o.json ? `${JSON.stringify(jsonReport(results, files), null, 2)}\n` : `${resultTable(results)}\n`);
  if (o.junit !== undefined) writeFileSync(o.junit, junitXml(results));
  if (process.env.GITHUB_ACTIONS === 'true') {
    // the runner reads workflow commands from stdout and stderr alike; with --json, stdout stays
    // one JSON document (for jq and the like), so the annotations go to stderr
    const annotations = githubAnnotations(results);
    if (o.json) process.stderr.write(annotations);
    else write(annotations);
    const summary = process.env.GITHUB_STEP_SUMMARY;
    if (summary) appendFileSync(summary, stepSummary(results));
  }
}

/** The exit status of a run's results. */
export function exitStatus(results: readonly CheckResult[], strict: boolean): number {
  if (results.some((r) => r.status === 'fail')) return EXIT.regression;
  if (strict && results.some((r) => r.status === 'inconclusive')) return EXIT.inconclusive;
  return EXIT.pass;
}

export async function checkAction(files: string[], o: CheckOptions): Promise<void> {
  const paths = files.length > 0 ? files : ['invlab.check.json'];
  const updates: BaselineUpdate[] | undefined = o.updateBaseline ? [] : undefined;
  let status: number;
  try {
    if (o.shard !== undefined || o.shardCount !== undefined || process.env.INVLAB_SHARD !== undefined) {
      // --shard: ./check-shard.ts runs this shard's checks into its shard file; `invlab merge` reports
      if (await (await import('./check-shard.ts')).checkShardAction(paths, o)) return setExitCode(EXIT.pass);
    }
    const results = await runCheckFiles(paths, o, updates);
    emit(results, paths, o);
    if (updates) for (const line of writeUpdates(paths, updates)) process.stderr.write(`invlab check: recorded ${line}\n`);
    // after --update-baseline the recorded kinds hold by construction; the others still count
    status = exitStatus(updates ? results.filter((r) => r.kind !== 'exact' && r.kind !== 'equivalence') : results, o.strict ?? false);
  } catch (e) {
    // as src/cli/main.ts: validation errors (InputError, and the RangeError/TypeError of the models' validators) are bad input
    const input = e instanceof InputError || e instanceof RangeError || e instanceof TypeError || ['InputError', 'PolicyFileError', 'UsageError'].includes((e as Error).name);
    process.stderr.write(`invlab check: ${input ? '' : 'internal error: '}${(e as Error).message}\n`);
    if (!input && process.env.INVLAB_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    status = input ? EXIT.badInput : EXIT.internal;
  }
  setExitCode(status);
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('Run statistical regression checks (invlab.check.json, or YAML with the same schema: *.yaml, *.yml): exact hashes, analytic values, bounds, equivalence to a baseline, published numbers, performance, experiment outputs (e.g. the headline figures of a quick profile). Exit 0 pass, 1 regression, 2 inconclusive (--strict), 3 bad input, 4 internal error.')
    .argument('[files...]', 'check files, JSON or YAML (.yaml, .yml) (default: invlab.check.json)')
    .option('--json', 'print the versioned JSON report')
    .option('--junit <file>', 'write JUnit XML (one test case per check)')
    .option('--strict', 'exit 2 when a check is inconclusive')
    .option('--threads <n>', 'worker threads (results do not depend on it; default min(2, cores))')
    .option('--only <name...>', 'run only the named checks')
    .option('--update-baseline', 'record new expectations (exact hashes, equivalence baselines) after a reviewed change')
    .option('--shard <i/N|auto>', 'run only shard i of N (1-based: 1/4 … 4/4) of the checks (one check per chunk) into the shard file (--checkpoint, default shard-{i}-of-{n}.jsonl); `invlab merge <files…>` reports them as one run would (and sets the exit code). auto: the index set by a Kubernetes Indexed Job, a Slurm array or an AWS Batch array job (also INVLAB_SHARD)')
    .option('--shard-count <N>', 'with --shard auto on Kubernetes or AWS Batch: the number of shards (or INVLAB_SHARD_COUNT)')
    .option('--checkpoint <file>', 'with --shard: the shard file ({i}, {n} are replaced by the index and count)')
    .option('--resume', 'with --shard: continue a shard that was stopped, running only its missing checks')
    .action(checkAction);
}
