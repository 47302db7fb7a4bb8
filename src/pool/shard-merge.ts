/**
 * Merging shard files (./shard.ts, format in ./checkpoint.ts): check that they belong to one run
 * (same command, code version, seed, spec hash and shard count), that every chunk of every
 * replication run is there exactly once (naming any gap with the shard that should have computed
 * it, any overlap, any foreign file), then serve each run's rows, chunks in index order, to the
 * command re-run under a router (ShardServer), so the output is rendered by the same code from
 * the same rows as on one machine. A partial merge (some of the shards) writes a shard file
 * listing all its shards, which a later merge accepts like any other: merges can form a tree.
 */
import { writeFileSync } from 'node:fs';
import { InputError } from '../core/validate.ts';
import type { Row } from '../sim/kernel.ts';
import { newRunId, readShardFile, shardFileText, type ShardCall, type ShardChunk, type ShardFileContent, type ShardHeader } from './checkpoint.ts';
import type { ReplicationRun } from './run.ts';
import { callOf, callOffset, chunkSizeOf, shardChunkRange, shardOfChunk } from './shard.ts';
import { withRouter, type RunRouter } from './shard-context.ts';

/** Shard files read and checked together. */
export interface ShardSet {
  /** the run's header, with `shards` = every shard the files hold */
  header: ShardHeader;
  files: ShardFileContent[];
  calls: Map<string, ShardCall>;
  chunks: Map<string, Map<number, ShardChunk>>;
}

const AGREE = ['command', 'codeVersion', 'seed', 'specHash', 'shardCount'] as const;

function read(path: string): ShardFileContent {
  try {
    return readShardFile(path);
  } catch (e) {
    throw new InputError(`merge: ${(e as Error).message}`);
  }
}

/** The files of the largest group of agreeing headers; any other file is foreign (named with the field that differs). */
function checkHeaders(files: ShardFileContent[]): void {
  const sig = (f: ShardFileContent): string => JSON.stringify(AGREE.map((k) => f.header[k]));
  const groups = new Map<string, ShardFileContent[]>();
  for (const f of files) groups.set(sig(f), [...(groups.get(sig(f)) ?? []), f]);
  const ref = [...groups.values()].sort((a, b) => b.length - a.length)[0]![0]!;
  for (const f of files) {
    const k = AGREE.find((key) => f.header[key] !== ref.header[key]);
    if (k === undefined) continue;
    throw new InputError(`merge: ${f.path} is not a shard of the same run as ${ref.path}: its ${k} is ${JSON.stringify(f.header[k])}, not ${JSON.stringify(ref.header[k])}${k === 'codeVersion' ? ' (shards must run the same code)' : k === 'specHash' ? ' (another command, spec or options)' : ''}`);
  }
}

/** Each shard in at most one file. */
function checkShardOwners(files: ShardFileContent[]): Map<number, ShardFileContent> {
  const owner = new Map<number, ShardFileContent>();
  const n = files[0]!.header.shardCount;
  for (const f of files) {
    for (const s of f.header.shards) {
      if (s < 1 || s > n) throw new InputError(`merge: ${f.path} claims shard ${s} of ${n}`);
      const prev = owner.get(s);
      if (prev !== undefined) throw new InputError(`merge: shard ${s}/${n} is given twice: in ${prev.path} and in ${f.path} (each shard's chunks must be merged exactly once)`);
      owner.set(s, f);
    }
  }
  return owner;
}

/** Union of the calls and chunks of the files; a chunk in two files is an overlap. */
function unite(files: ShardFileContent[]): { calls: Map<string, ShardCall>; chunks: Map<string, Map<number, ShardChunk>> } {
  const calls = new Map<string, ShardCall>();
  const chunks = new Map<string, Map<number, ShardChunk>>();
  const from = new Map<string, string>();
  for (const f of files) {
    for (const [k, c] of f.calls) if (!calls.has(k)) calls.set(k, c);
    for (const [k, byIndex] of f.chunks) {
      let m = chunks.get(k);
      if (m === undefined) chunks.set(k, (m = new Map()));
      for (const [i, ch] of byIndex) {
        const where = `${k}#${i}`;
        if (m.has(i)) throw new InputError(`merge: chunk ${i} of scenario '${calls.get(k)!.scenario}' is in both ${from.get(where)} and ${f.path} (overlapping shards)`);
        m.set(i, ch);
        from.set(where, f.path);
      }
    }
  }
  return { calls, chunks };
}

/** Ranges of consecutive numbers, e.g. [1,2,3,7] → '1–3, 7'. */
function ranges(xs: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j]! + 1) j++;
    out.push(i === j ? `${xs[i]}` : `${xs[i]}–${xs[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

/** A full merge: every shard present and finished, every chunk of every call there. */
function checkComplete(set: ShardSet, owner: Map<number, ShardFileContent>): void {
  const n = set.header.shardCount;
  const missing = Array.from({ length: n }, (_, k) => k + 1).filter((s) => !owner.has(s));
  if (missing.length > 0) {
    const own = (c: ShardCall): number[] => range(...shardChunkRange(c.chunks, missing[0]!, n, callOffset(c.call, n)));
    const c = [...set.calls.values()].find((x) => own(x).length > 0);
    const what = c === undefined ? '' : `; e.g. shard ${missing[0]} computes chunks ${ranges(own(c))} (of ${c.chunks}) of scenario '${c.scenario}'`;
    throw new InputError(`merge: shard(s) ${ranges(missing)} of ${n} missing: no file given holds them${what}`);
  }
  for (const f of set.files) {
    if (!f.ended) throw new InputError(`merge: ${f.path} (shard ${f.header.shards.join(', ')}/${n}) did not finish (no end line): resume it with the same command and --resume, then merge`);
  }
  for (const [k, c] of set.calls) {
    const have = set.chunks.get(k) ?? new Map<number, ShardChunk>();
    const gap = range(0, c.chunks).filter((i) => !have.has(i));
    if (gap.length === 0) continue;
    const shards = [...new Set(gap.map((i) => shardOfChunk(i, c.chunks, n, callOffset(c.call, n))))];
    const skipped = shards.map((s) => owner.get(s)!).find((f) => f.ended && !f.calls.has(k));
    if (skipped !== undefined) {
      throw new InputError(`merge: shard ${skipped.header.shards.join(', ')}/${n} (${skipped.path}) finished without making the run of scenario '${c.scenario}' (kernel ${c.kernel}) that another shard made: the ${set.header.command === 'experiments' ? 'experiment' : 'command'}'s sequence of runs depends on simulated results, so it cannot be sharded; run it on one machine`);
    }
    throw new InputError(`merge: chunk(s) ${ranges(gap)} (of ${c.chunks}) of scenario '${c.scenario}' (kernel ${c.kernel}) are missing; shard(s) ${shards.map((s) => `${s}/${n} (${owner.get(s)!.path})`).join(', ')} should have computed them`);
  }
}

function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a) }, (_, k) => a + k);
}

/**
 * Read and check shard files. `partial`: a subset of the shards may be given (for a partial
 * merge); otherwise every shard must be there, finished, with every chunk.
 */
export function readShardSet(paths: readonly string[], partial = false): ShardSet {
  if (paths.length === 0) throw new InputError('merge: give the shard files to merge');
  const files = paths.map(read);
  checkHeaders(files);
  const owner = checkShardOwners(files);
  const { calls, chunks } = unite(files);
  const header: ShardHeader = { ...files[0]!.header, shards: [...owner.keys()].sort((a, b) => a - b) };
  const set: ShardSet = { header, files, calls, chunks };
  if (!partial) checkComplete(set, owner);
  return set;
}

/** Write the union of some shards as one shard file (a node of a merge tree). */
export function writePartialMerge(set: ShardSet, out: string): void {
  const header: ShardHeader = { ...set.header, runId: newRunId() };
  writeFileSync(out, shardFileText(header, set.calls.values(), set.chunks, set.files.every((f) => f.ended)));
}

/** Serves each replication run's rows from merged shards, in chunk order. */
export class ShardServer implements RunRouter {
  private readonly rows = new Map<string, Row[]>();
  readonly used = new Set<string>();
  constructor(private readonly set: ShardSet) {}

  route(run: ReplicationRun): Promise<Row[]> {
    const call = callOf(run, chunkSizeOf(run));
    const c = this.set.calls.get(call.call);
    if (c === undefined) {
      return Promise.reject(new InputError(`merge: the ${this.set.header.command} run asked for a replication run no shard computed (kernel ${call.kernel}, scenario '${call.scenario}', ${call.replications} replications): its sequence of runs depends on the results, so it cannot be sharded; run it on one machine`));
    }
    let rows = this.rows.get(c.call);
    if (rows === undefined) {
      const byIndex = this.set.chunks.get(c.call)!;
      rows = range(0, c.chunks).flatMap((i) => byIndex.get(i)!.rows);
      this.rows.set(c.call, rows);
    }
    this.used.add(c.call);
    run.onProgress?.(run.replications, run.replications);
    return Promise.resolve(rows.map((r) => ({ ...r })));
  }
}

/** Run `body` (the command's computation) with its replication runs served from `set`. */
export function serveShards<T>(set: ShardSet, body: () => Promise<T>): Promise<T> {
  return withRouter(new ShardServer(set), body);
}
