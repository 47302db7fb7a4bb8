/**
 * The main job: run every experiment (or those named with --only) and write results/.
 *   tsx experiments/run-all.ts [--profile full|quick] [--only id1,id2] [--out results] [--threads N] [--seed S]
 *   tsx experiments/run-all.ts --from results/<id>/spec.json [--out dir]   (re-run one folder from its spec)
 *   tsx experiments/run-all.ts … --shard i/N|auto [--shard-count N] [--checkpoint shard-{i}.jsonl] [--resume]
 *   tsx experiments/run-all.ts --merge shard-files… [--out dir]
 * Sharded (src/pool/shard.ts), each process computes only its chunks of every replication run
 * the experiments make and writes them to its shard file (no results); --merge checks the shard
 * files and runs the experiments again with those runs served from the files, writing the
 * results one process would write (tables and figures byte-identical; the run line of README.md
 * and result.json's meta say when, with how many threads and how long). Only experiments whose
 * sequence of runs does not depend on simulated results can be sharded (docs/scale.md); the
 * merge refuses the others, naming the run no shard computed.
 * Experiments are loaded one at a time, when they run. Progress inside each experiment: a bar
 * on a terminal, a line every 10 s otherwise. results/README.md indexes every experiment found
 * in the results folder, so a partial run keeps the index whole; results/report.html is the whole
 * study in one self-contained file (`invlab report`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/io/files.ts';
import { progressReporter } from '../src/io/progress.ts';
import { WorkerPool } from '../src/pool/run.ts';
import { codeVersion, parseShard, runAsShard, shardFilePath, type Shard } from '../src/pool/shard.ts';
import { readShardSet, serveShards, type ShardSet } from '../src/pool/shard-merge.ts';
import { packageVersion, runAndWrite, type Profile, type RunSpec } from './framework.ts';
import { experiments, findExperiment } from './index.ts';

const { values, positionals } = parseArgs({
  options: {
    profile: { type: 'string', default: 'full' },
    only: { type: 'string' },
    out: { type: 'string', default: 'results' },
    threads: { type: 'string' },
    seed: { type: 'string' },
    from: { type: 'string' },
    shard: { type: 'string' },
    'shard-count': { type: 'string' },
    checkpoint: { type: 'string' },
    resume: { type: 'boolean' },
    merge: { type: 'boolean' },
  },
  allowPositionals: true,
});

/** One run to do: an experiment id, its profile label, seed and (for --from) its spec. */
interface Job {
  id: string;
  profile: Profile | 'custom';
  seed?: number;
  spec?: object;
}

function parseJobs(): Job[] {
  if (values.from !== undefined) {
    const rs = JSON.parse(readFileSync(values.from, 'utf8')) as RunSpec<object>;
    if (typeof rs.experiment !== 'string' || typeof rs.spec !== 'object' || rs.spec === null) throw new RangeError(`--from ${values.from}: not a spec.json written by the main job (needs 'experiment' and 'spec')`);
    findExperiment(rs.experiment);
    return [{ id: rs.experiment, profile: rs.profile ?? 'custom', seed: rs.seed, spec: rs.spec }];
  }
  const profile = values.profile as Profile;
  if (profile !== 'full' && profile !== 'quick') throw new RangeError(`--profile must be 'full' or 'quick', got '${values.profile}'`);
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : null;
  if (only) for (const id of only) findExperiment(id);
  return experiments.filter((e) => only === null || only.includes(e.id)).map((e) => ({ id: e.id, profile }));
}

const outDir = resolve(values.out!);
const threads = values.threads ? Number(values.threads) : availableParallelism();
if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`--threads must be a positive integer, got '${values.threads}'`);
if (values.seed !== undefined && !Number.isSafeInteger(Number(values.seed))) throw new RangeError(`--seed must be an integer, got '${values.seed}'`);
/** The experiments' code is part of a shard's code version. */
const CODE_DIRS = [new URL('.', import.meta.url).pathname];
const { shard, merged } = shardOptions();
const jobs = merged ? merged.jobs : parseJobs();

/** --shard / --merge; bad values and refused shard files end the run with the message and exit code 2. */
function shardOptions(): { shard?: Shard; merged?: { set: ShardSet; jobs: Job[] } } {
  try {
    const sh = parseShard(values.shard, values['shard-count']);
    if (values.resume && sh === undefined) throw new RangeError('--resume continues a shard: give --shard');
    return { ...(sh ? { shard: sh } : {}), ...(values.merge ? { merged: readMerge(sh) } : {}) };
  } catch (e) {
    process.stderr.write(`run-all: ${(e as Error).message}\n`);
    process.exit(2);
  }
}

/** The shard files of --merge, checked (every shard, every chunk, one run, this code); their jobs. */
function readMerge(sh: Shard | undefined): { set: ShardSet; jobs: Job[] } {
  if (sh !== undefined || values.from !== undefined || values.only !== undefined || values.seed !== undefined) throw new RangeError('--merge takes shard files only (the run is defined by their headers): drop --shard, --from, --only and --seed');
  const set = readShardSet(positionals);
  if (set.header.command !== 'experiments') throw new RangeError(`${positionals[0]}: shards of 'invlab ${set.header.command}': merge them with \`invlab merge\``);
  const here = codeVersion(CODE_DIRS);
  if (set.header.codeVersion !== here) throw new RangeError(`the shards were computed by invlab ${set.header.codeVersion}, this is ${here}: merge with the code that ran the shards`);
  return { set, jobs: (set.header.spec as { jobs: Job[] }).jobs };
}

/** Run one job; returns false when it failed or missed a published number. */
async function runJob(job: Job, pool: WorkerPool | undefined): Promise<boolean> {
  const exp = await findExperiment(job.id).load();
  const seed = values.seed ? Number(values.seed) : (job.seed ?? exp.seed);
  process.stderr.write(`▶ ${exp.id} (${job.profile}) …\n`);
  const progress = progressReporter(exp.id, { lines: true, unit: 'steps' });
  try {
    const ctx = { profile: job.profile, seed, threads, pool, progress: progress.update };
    const write = (): ReturnType<typeof runAndWrite> => runAndWrite(exp, ctx, outDir, job.spec);
    const { meta, output } = merged ? await serveShards(merged.set, write) : await write();
    progress.stop();
    process.stderr.write(`✔ ${exp.id} in ${meta.wallSeconds} s: ${output.headline}\n`);
    if (output.checksPassed === false) {
      process.stderr.write(`✖ ${exp.id}: a check against published numbers failed (see ${join(values.out!, exp.id, 'README.md')})\n`);
      return false;
    }
    return true;
  } catch (err) {
    progress.stop();
    process.stderr.write(`✖ ${exp.id} failed: ${(err as Error).stack ?? String(err)}\n`);
    return false;
  }
}

const pool = threads > 1 ? new WorkerPool(threads) : undefined;
let failed = 0;
try {
  if (shard !== undefined) await runShard(shard);
  else for (const job of jobs) if (!(await runJob(job, pool))) failed++;
} finally {
  await pool?.close();
}
if (shard === undefined) await finish();

/**
 * One shard: every job's experiment runs with only this shard's chunks of its replication runs
 * computed (into the shard file); what it renders is not written.
 */
async function runShard(sh: Shard): Promise<void> {
  const resolved: Job[] = [];
  for (const job of jobs) {
    const exp = await findExperiment(job.id).load();
    resolved.push({ id: job.id, profile: job.profile, seed: values.seed ? Number(values.seed) : (job.seed ?? exp.seed), spec: job.spec ?? exp.profiles[job.profile as Profile] });
  }
  const file = shardFilePath(values.checkpoint, sh);
  await runAsShard(file, { command: 'experiments', seed: resolved[0]?.seed ?? 0, spec: { jobs: resolved }, codeDirs: CODE_DIRS }, sh, values.resume === true, async () => {
    for (const job of resolved) {
      const exp = await findExperiment(job.id).load();
      process.stderr.write(`▶ ${exp.id} (${job.profile}), shard ${sh.index}/${sh.count} …\n`);
      await exp.run(job.spec!, { profile: job.profile, seed: job.seed!, threads, pool });
    }
  });
  process.stderr.write(`wrote shard ${sh.index}/${sh.count} (${sh.source}) to ${file}; merge all shards with: npx tsx experiments/run-all.ts --merge <files…> --out <dir>\n`);
}

/** The results index and the report (after a run or a merge). */
async function finish(): Promise<void> {
  writeIndex(outDir);
  // loaded here: a shard writes no report
  const { buildReport } = await import('../src/io/report.ts');
  writeFileAtomic(join(outDir, 'report.html'), buildReport(outDir, { version: packageVersion(), date: new Date().toISOString().slice(0, 10) }));
  process.stderr.write(`wrote ${join(values.out!, 'report.html')}\n`);
  if (failed > 0) {
    process.stderr.write(`${failed} experiment(s) failed or missed a published number\n`);
    process.exitCode = 1;
  }
}

function writeIndex(dir: string): void {
  const rows: string[] = [];
  const order = new Map(experiments.map((e, i) => [e.id, i]));
  const ids = existsSync(dir) ? readdirSync(dir).filter((d) => existsSync(join(dir, d, 'result.json'))) : [];
  ids.sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a.localeCompare(b));
  for (const id of ids) {
    const r = JSON.parse(readFileSync(join(dir, id, 'result.json'), 'utf8')) as { meta: { title: string; profile: string; wallSeconds: number }; headline: string; checksPassed: boolean | null };
    const check = r.checksPassed === null ? '' : r.checksPassed ? ' ✔' : ' ✖';
    rows.push(`| [${id}](${id}/README.md) | ${r.meta.title} | ${r.headline.replace(/\|/g, '\\|')}${check} | ${r.meta.profile}, ${r.meta.wallSeconds} s |`);
  }
  const text = [
    '# invlab results',
    '',
    'Written by the main job (`npm run reproduce`); each folder holds the CSV tables, SVG figures, a page, `spec.json` (the spec that made it: `npx tsx experiments/run-all.ts --from results/<id>/spec.json` re-runs it) and `result.json` with the spec, seed, version and timings of its run. ✔ / ✖: every check against the published numbers passed / did not.',
    '',
    '| experiment | question | headline finding | run |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    'Data credits: order transactions from Chen, D. (2015), *Online Retail* [Dataset], UCI Machine Learning Repository, https://doi.org/10.24432/C5BW33 (CC BY 4.0); lead times from U.S. Agency for International Development, *Supply Chain Shipment Pricing Data* (SCMS Delivery History Dataset).',
    '',
  ].join('\n');
  writeFileAtomic(join(dir, 'README.md'), text);
}
