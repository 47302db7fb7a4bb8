/**
 * `invlab check --shard i/N` and the check part of `invlab merge`.
 *
 * check's chunk is one check (in the files' order, after --only): a check's result depends only on
 * the check and the files it reads, so shard i of N runs its contiguous checks, each appended to
 * its shard file as it finishes (v8-serialized result), and the merge reports the results in
 * check order with the same table, JSON, JUnit file and exit code as one run. What is never
 * reproducible — the seconds each check took, and the verdicts of performance checks, which time
 * the machine they run on — is as measured by the shard that ran the check.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { InputError } from '../../core/validate.ts';
import { parseShard, runChunkedShard, shardFilePath } from '../../pool/shard.ts';
import type { ShardSet } from '../../pool/shard-merge.ts';
import type { CheckResult } from '../check/run.ts';
import { setExitCode } from '../exit-code.ts';
import { checkNames, emit, exitStatus, runCheckFiles, type CheckOptions } from './check.ts';

/** What the merge needs: the check files (with their hashes), the options that shape the report, the checks in order. */
interface CheckShardSpec {
  files: { path: string; sha256: string }[];
  options: CheckOptions;
  checks: string[];
}

const RUN_ONLY = new Set(['shard', 'shardCount', 'checkpoint', 'resume', 'threads']);

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Run one shard of the checks when --shard (or INVLAB_SHARD) asks for it; false when the run is not sharded. */
export async function checkShardAction(paths: string[], o: CheckOptions): Promise<boolean> {
  const shard = parseShard(o.shard, o.shardCount);
  if (shard === undefined) return false;
  if (o.updateBaseline) throw new InputError('--update-baseline records baselines in the check files: run it without --shard');
  const checks = checkNames(paths).filter((n) => o.only === undefined || o.only.includes(n));
  const twice = checks.filter((n, i) => checks.indexOf(n) !== i);
  if (twice.length > 0) throw new InputError(`--shard: check name(s) ${[...new Set(twice)].join(', ')} appear in more than one file; sharding runs checks by name, so names must be unique`);
  const options = Object.fromEntries(Object.entries(o).filter(([k]) => !RUN_ONLY.has(k))) as CheckOptions;
  const spec: CheckShardSpec = { files: paths.map((p) => ({ path: p, sha256: sha(p) })), options, checks };
  const specHash = createHash('sha256').update(JSON.stringify(spec)).digest('hex');
  const file = shardFilePath(o.checkpoint, shard);
  const work = { kernel: 'check', seed: 0, scenario: 'check', units: checks.length, chunkSize: 1, specHash };
  await runChunkedShard(file, { command: 'check', seed: 0, spec }, shard, o.resume === true, work, async (todo, done) => {
    for (const k of todo) {
      const [r] = await runCheckFiles(paths, { ...o, only: [checks[k]!] });
      done(k, k, k + 1, serialize(r).toString('base64'));
    }
  });
  process.stderr.write(`invlab check: shard ${shard.index}/${shard.count} (${shard.source}) of ${checks.length} checks written to ${file}; merge all shards with \`invlab merge <files…>\`\n`);
  return true;
}

/** The report of merged check shards (and the exit code of one run). */
export async function mergeCheck(set: ShardSet): Promise<string> {
  const spec = set.header.spec as CheckShardSpec;
  for (const f of spec.files) {
    let now: string;
    try {
      now = sha(f.path);
    } catch {
      throw new InputError(`merge: check file ${f.path} is not readable here: merge where the shards read their check files`);
    }
    if (now !== f.sha256) throw new InputError(`merge: check file ${f.path} changed since the shards ran`);
  }
  const results: CheckResult[] = [];
  for (const byIndex of set.chunks.values()) for (const [i, ch] of byIndex) results[i] = deserialize(Buffer.from(ch.data ?? '', 'base64')) as CheckResult;
  let text = '';
  emit(results, spec.files.map((f) => f.path), spec.options, (t) => (text += t));
  setExitCode(exitStatus(results, spec.options.strict ?? false));
  return text;
}
