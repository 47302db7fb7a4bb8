/**
 * The main job: run every experiment (or those named with --only) and write results/.
 *   tsx experiments/run-all.ts [--profile full|quick] [--only id1,id2] [--out results] [--threads N] [--seed S]
 * results/README.md indexes every experiment found in the results folder, so a partial run
 * keeps the index whole.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/io/files.ts';
import { runAndWrite, type Profile } from './framework.ts';
import { experiments } from './index.ts';

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'full' },
    only: { type: 'string' },
    out: { type: 'string', default: 'results' },
    threads: { type: 'string' },
    seed: { type: 'string' },
  },
});

const profile = values.profile as Profile;
if (profile !== 'full' && profile !== 'quick') throw new RangeError(`--profile must be 'full' or 'quick', got '${values.profile}'`);
const outDir = resolve(values.out!);
const threads = values.threads ? Number(values.threads) : availableParallelism();
if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`--threads must be a positive integer, got '${values.threads}'`);
if (values.seed !== undefined && !Number.isSafeInteger(Number(values.seed))) throw new RangeError(`--seed must be an integer, got '${values.seed}'`);
const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null;
if (only) {
  for (const id of only) if (!experiments.some((e) => e.id === id)) throw new RangeError(`--only: unknown experiment '${id}' (known: ${experiments.map((e) => e.id).join(', ')})`);
}

let failed = 0;
for (const exp of experiments) {
  if (only && !only.has(exp.id)) continue;
  const seed = values.seed ? Number(values.seed) : exp.seed;
  process.stderr.write(`▶ ${exp.id} (${profile}) …\n`);
  try {
    const { meta, output } = await runAndWrite(exp, { profile, seed, threads }, outDir);
    process.stderr.write(`✔ ${exp.id} in ${meta.wallSeconds} s: ${output.headline}\n`);
    if (output.checksPassed === false) {
      failed++;
      process.stderr.write(`✖ ${exp.id}: a check against published numbers failed (see results/${exp.id}/README.md)\n`);
    }
  } catch (err) {
    failed++;
    process.stderr.write(`✖ ${exp.id} failed: ${(err as Error).stack ?? String(err)}\n`);
  }
}

writeIndex(outDir);
if (failed > 0) {
  process.stderr.write(`${failed} experiment(s) failed or missed a published number\n`);
  process.exitCode = 1;
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
    'Written by the main job (`npm run reproduce`); each folder holds the CSV tables, SVG figures, a page and `result.json` with the spec, seed, version and timings of its run. ✔ / ✖: every check against the published numbers passed / did not.',
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
