/**
 * Shards: one run spread over several processes or machines, each computing a contiguous set of
 * whole chunks, merged into output byte-identical to a one-machine run (`invlab merge`).
 *
 * The unit of determinism is the chunk: a runReplications call's replications are cut into fixed
 * ranges of `chunkSize` (a function of the run only, never of the shard count or threads), and a
 * replication's row depends only on (seed, scenario, replication). Shard i of N (1-based, like
 * `--shard 3/7`) computes a contiguous range of about C/N chunks of every call of C chunks (the
 * ranges rotated by the call's key, so that many calls of few chunks spread over all shards: see
 * shardChunkRange), and appends each finished chunk to its shard file (the checkpoint format, ./checkpoint.ts), so a killed
 * shard resumes. The merge checks that the headers agree and that every chunk of every call is
 * there exactly once, then re-runs the command with a router that serves each call's rows from
 * the files instead of computing them: the same code renders the output from the same rows.
 *
 * The index comes from `--shard i/N` or, with `--shard auto`, from the scheduler's environment:
 * Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX, 0-based; N from --shard-count or INVLAB_SHARD_COUNT),
 * Slurm job arrays (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN, N = SLURM_ARRAY_TASK_COUNT) and AWS
 * Batch array jobs (AWS_BATCH_JOB_ARRAY_INDEX, 0-based; N from --shard-count or INVLAB_SHARD_COUNT).
 * INVLAB_SHARD may hold what --shard would.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { InputError } from '../core/validate.ts';
import type { Row } from '../sim/kernel.ts';
import {
  appendShardCall,
  appendShardChunk,
  appendShardEnd,
  assertCheckpointFile,
  dropTornTail,
  newRunId,
  readShardFile,
  SHARD_FORMAT,
  specHash,
  startShardFile,
  type ShardCall,
  type ShardChunk,
  type ShardHeader,
} from './checkpoint.ts';
import { acquireCheckpointLock, lockPath, type CheckpointLock } from './lock.ts';
import { defaultChunkSize, runReplications, type ReplicationRun } from './run.ts';
import { withRouter, type RunRouter } from './shard-context.ts';

/** Shard `index` (1-based) of `count`, and where that came from (for messages). */
export interface Shard {
  index: number;
  count: number;
  source: string;
  /** the index came from a scheduler (--shard auto), which runs one attempt of a task at a time */
  scheduled?: boolean;
}

type Env = Record<string, string | undefined>;

function positiveInt(text: string | undefined, what: string, min = 1): number {
  const t = (text ?? '').trim();
  const v = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(v) || v < min) throw new InputError(`${what} must be an integer ≥ ${min}, got '${text ?? ''}'`);
  return v;
}

/** The shard count of --shard-count, or INVLAB_SHARD_COUNT, for schedulers that do not set it. */
function givenCount(countText: string | undefined, env: Env, scheduler: string): number {
  if (countText !== undefined) return positiveInt(countText, '--shard-count');
  if (env.INVLAB_SHARD_COUNT !== undefined) return positiveInt(env.INVLAB_SHARD_COUNT, 'INVLAB_SHARD_COUNT');
  throw new InputError(`--shard auto: ${scheduler} does not tell the number of shards: give --shard-count <N> or set INVLAB_SHARD_COUNT (the array size / completions)`);
}

/** Slurm: the task's place in a contiguous array (any start, any step). */
function slurmShard(env: Env, countText: string | undefined): Shard {
  const id = positiveInt(env.SLURM_ARRAY_TASK_ID, 'SLURM_ARRAY_TASK_ID', 0);
  const min = positiveInt(env.SLURM_ARRAY_TASK_MIN ?? '0', 'SLURM_ARRAY_TASK_MIN', 0);
  const step = positiveInt(env.SLURM_ARRAY_TASK_STEP ?? '1', 'SLURM_ARRAY_TASK_STEP');
  const count = positiveInt(env.SLURM_ARRAY_TASK_COUNT, 'SLURM_ARRAY_TASK_COUNT');
  if (env.SLURM_ARRAY_TASK_MAX !== undefined) {
    const max = positiveInt(env.SLURM_ARRAY_TASK_MAX, 'SLURM_ARRAY_TASK_MAX', 0);
    if ((max - min) / step + 1 !== count) throw new InputError(`--shard auto: the Slurm array is not a contiguous range (SLURM_ARRAY_TASK_MIN=${min}, MAX=${max}, STEP=${step}, COUNT=${count}): submit it as --array=<first>-<last>`);
  }
  if ((id - min) % step !== 0 || id < min) throw new InputError(`--shard auto: SLURM_ARRAY_TASK_ID=${id} is not in the array ${min}…(step ${step})`);
  if (countText !== undefined && positiveInt(countText, '--shard-count') !== count) throw new InputError(`--shard-count ${countText} disagrees with SLURM_ARRAY_TASK_COUNT=${count}`);
  return { index: (id - min) / step + 1, count, source: `Slurm array task ${id} (SLURM_ARRAY_TASK_MIN=${min}, SLURM_ARRAY_TASK_COUNT=${count})` };
}

/** `--shard auto`: the index set by Kubernetes, Slurm or AWS Batch. */
function schedulerShard(env: Env, countText: string | undefined): Shard {
  const found: Shard[] = [];
  if (env.JOB_COMPLETION_INDEX !== undefined) {
    const i = positiveInt(env.JOB_COMPLETION_INDEX, 'JOB_COMPLETION_INDEX', 0);
    found.push({ index: i + 1, count: givenCount(countText, env, 'a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)'), source: `Kubernetes JOB_COMPLETION_INDEX=${i}` });
  }
  if (env.SLURM_ARRAY_TASK_ID !== undefined) found.push(slurmShard(env, countText));
  if (env.AWS_BATCH_JOB_ARRAY_INDEX !== undefined) {
    const i = positiveInt(env.AWS_BATCH_JOB_ARRAY_INDEX, 'AWS_BATCH_JOB_ARRAY_INDEX', 0);
    found.push({ index: i + 1, count: givenCount(countText, env, 'an AWS Batch array job (AWS_BATCH_JOB_ARRAY_INDEX)'), source: `AWS Batch AWS_BATCH_JOB_ARRAY_INDEX=${i}` });
  }
  if (found.length === 0) throw new InputError('--shard auto: no scheduler index in the environment (JOB_COMPLETION_INDEX of a Kubernetes Indexed Job, SLURM_ARRAY_TASK_ID of a Slurm array, AWS_BATCH_JOB_ARRAY_INDEX of an AWS Batch array job); give --shard <i>/<N>');
  if (found.length > 1) throw new InputError(`--shard auto: the indexes of several schedulers are set (${found.map((f) => f.source).join('; ')}); give --shard <i>/<N>`);
  return { ...found[0]!, scheduled: true };
}

/**
 * The shard of `--shard` (`i/N`, 1-based: 1 ≤ i ≤ N; or `auto`) and `--shard-count`; INVLAB_SHARD
 * stands for --shard. Undefined when the run is not sharded.
 */
export function parseShard(text: string | undefined, countText: string | undefined, env: Env = process.env): Shard | undefined {
  const t = (text ?? env.INVLAB_SHARD)?.trim();
  const flag = text !== undefined ? '--shard' : 'INVLAB_SHARD';
  if (t === undefined || t === '') {
    if (countText !== undefined) throw new InputError('--shard-count needs --shard auto (or --shard <i>/<N>)');
    return undefined;
  }
  if (t === 'auto') return schedulerShard(env, countText);
  const m = /^(\d+)\/(\d+)$/.exec(t);
  if (m === null) throw new InputError(`${flag} must be <i>/<N> with 1 ≤ i ≤ N (1-based: --shard 1/4 … --shard 4/4) or 'auto', got '${t}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new InputError(`${flag} ${t}: i must be from 1 to N (1-based: the first shard of 4 is 1/4, the last 4/4)`);
  if (countText !== undefined && positiveInt(countText, '--shard-count') !== count) throw new InputError(`--shard-count ${countText} disagrees with ${flag} ${t}`);
  return { index, count, source: `${flag} ${t}` };
}

/**
 * The rotation of a run's chunks over the shards, from the run's key: a command making many runs
 * of fewer chunks than shards (one per SKU, say) spreads them over all shards, not the first few.
 */
export function callOffset(callKey: string, count: number): number {
  return Number.parseInt(callKey.slice(0, 8), 16) % count;
}

/**
 * The chunks [first, end) of shard `index` (1-based) of `count`, for a run of `chunks` chunks
 * rotated by `offset`: the shard at position p = (index − 1 − offset) mod count gets chunks
 * ⌊chunks·p/count⌋ … ⌊chunks·(p+1)/count⌋ − 1 (contiguous; every chunk in exactly one shard).
 */
export function shardChunkRange(chunks: number, index: number, count: number, offset = 0): [number, number] {
  const p = (((index - 1 - offset) % count) + count) % count;
  return [Math.floor((chunks * p) / count), Math.floor((chunks * (p + 1)) / count)];
}

/** The shard (1-based) that computes chunk `chunk` of a run of `chunks` chunks rotated by `offset`. */
export function shardOfChunk(chunk: number, chunks: number, count: number, offset = 0): number {
  let p = 0;
  while (p < count - 1 && chunk >= Math.floor((chunks * (p + 1)) / count)) p++;
  return ((p + offset) % count) + 1;
}

/** A shard file path: `{i}` and `{n}` in `template` become the index (1-based) and the count. */
export function shardFilePath(template: string | undefined, shard: Shard): string {
  return (template ?? 'shard-{i}-of-{n}.jsonl').replaceAll('{i}', String(shard.index)).replaceAll('{n}', String(shard.count));
}

let codeHashes = new Map<string, string>();

/**
 * The code version written in shard headers: the package version and a hash of the code that
 * runs (every .ts/.js/.json/.sql file under src/ — or dist/ in the package — and `extraDirs`):
 * shards of different code must not be merged, even at the same version number. INVLAB_CODE_VERSION,
 * when set, stands for the hash (a build id: an image tag or commit; also for tests run in a tree
 * being edited).
 */
export function codeVersion(extraDirs: readonly string[] = []): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const stamp = process.env.INVLAB_CODE_VERSION?.trim();
  if (stamp) return `${pkg.version}+${stamp}`;
  const codeDir = new URL('..', import.meta.url).pathname;
  const key = [codeDir, ...extraDirs].join('\n');
  const hit = codeHashes.get(key);
  if (hit !== undefined) return hit;
  const h = createHash('sha256');
  for (const dir of [codeDir, ...extraDirs]) {
    if (!existsSync(dir)) continue;
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.(ts|js|json|sql)$/.test(f) && !f.includes('node_modules')).sort();
    for (const f of files) h.update(`${relative(dir, join(dir, f))}\0`).update(readFileSync(join(dir, f))).update('\0');
  }
  const v = `${pkg.version}+${h.digest('hex').slice(0, 16)}`;
  codeHashes = new Map(codeHashes).set(key, v);
  return v;
}

/** The key of a replication run: equal keys give equal rows. */
export function callOf(run: ReplicationRun, chunkSize: number): ShardCall {
  const kernel = typeof run.kernel === 'string' ? run.kernel : run.kernel.kernelName;
  const sh = specHash(run.spec);
  const call = createHash('sha256').update(JSON.stringify([kernel, run.seed, run.scenario, run.replications, chunkSize, sh])).digest('hex').slice(0, 32);
  return { type: 'call', call, kernel, seed: run.seed, scenario: run.scenario, replications: run.replications, chunkSize, chunks: Math.ceil(run.replications / chunkSize), specHash: sh };
}

export function chunkSizeOf(run: ReplicationRun): number {
  return run.chunkSize ?? defaultChunkSize(run.replications);
}

/** What identifies the run of a shard file (the header without shard and run id). */
export interface ShardRunId {
  command: string;
  seed: number | string;
  spec: unknown;
  /** directories of code besides src/ that the command runs (experiments/) */
  codeDirs?: string[];
}

/** An open shard file being written by a shard. */
export interface ShardWriter {
  path: string;
  header: ShardHeader;
  /** chunks already in the file (resume), by call key */
  done: Map<string, Map<number, ShardChunk>>;
  /** calls already announced in the file */
  announced: Set<string>;
  lock: CheckpointLock;
}

/** The header fields that must agree between a resumed file and this run (and between shards). */
const RUN_FIELDS = ['command', 'codeVersion', 'seed', 'specHash', 'shardCount'] as const;

/**
 * Open the shard file: start it afresh, or with `resume` continue it (its header must be this
 * run's and this shard's). The file is locked while the shard writes (./lock.ts).
 */
export function openShardFile(path: string, id: ShardRunId, shard: Shard, resume: boolean): ShardWriter {
  assertCheckpointFile(path);
  const header: ShardHeader = { type: 'header', format: SHARD_FORMAT, formatVersion: 1, command: id.command, codeVersion: codeVersion(id.codeDirs), seed: id.seed, specHash: specHash(id.spec), spec: id.spec, shardCount: shard.count, shards: [shard.index], runId: newRunId() };
  const lock = lockShardFile(path, shard);
  try {
    const w: ShardWriter = { path, header, done: new Map(), announced: new Set(), lock };
    const old = resume && existsSync(path) && readFileSync(path, 'utf8').trim() !== '' ? readShardFile(path) : undefined;
    if (old === undefined) {
      startShardFile(path, header);
      return w;
    }
    for (const k of RUN_FIELDS) {
      if (old.header[k] !== header[k]) throw new InputError(`--resume: shard file ${path} belongs to a different run: ${k} is ${JSON.stringify(old.header[k])}, this run has ${JSON.stringify(header[k])} (delete it or drop --resume)`);
    }
    if (old.header.shards.join() !== String(shard.index)) throw new InputError(`--resume: shard file ${path} holds shard(s) ${old.header.shards.join(', ')} of ${old.header.shardCount}, this is shard ${shard.index}/${shard.count}`);
    dropTornTail(path);
    return { ...w, header: old.header, done: old.chunks, announced: new Set(old.calls.keys()) };
  } catch (e) {
    lock.release();
    throw e;
  }
}

/**
 * Lock the shard file (./lock.ts). A scheduler runs one attempt of an array task at a time, so
 * under --shard auto a lock left by an earlier attempt of the task (killed, or on another node,
 * where it cannot be checked) is taken over, with a note; --shard i/N started by hand keeps the
 * lock's protection against a second run on the same file.
 */
function lockShardFile(path: string, shard: Shard): CheckpointLock {
  try {
    return acquireCheckpointLock(path);
  } catch (e) {
    if (!shard.scheduled) throw e;
    process.stderr.write(`invlab: ${shard.source}: taking over the lock of an earlier attempt of this task (${(e as Error).message})\n`);
    rmSync(lockPath(path), { force: true });
    return acquireCheckpointLock(path);
  }
}

/**
 * The structure of a spec (keys and strings, numbers and numeric arrays blanked): runs of one
 * kernel with specs of one structure give rows with the same metrics, so one sample row serves them.
 */
function specStructure(spec: unknown): string {
  return JSON.stringify(spec, (_k, v: unknown) => (typeof v === 'number' ? 0 : ArrayBuffer.isView(v) || (Array.isArray(v) && v.every((x) => typeof x === 'number')) ? [] : v)) ?? '';
}

/** Copies of one row standing in for the chunks another shard computes (see ShardRunner). */
function filler(row: Row, n: number): Row[] {
  return Array.from({ length: n }, () => ({ ...row }));
}

/**
 * The router of a shard: each runReplications call computes the shard's chunks (those not in the
 * file already) and appends them to the shard file. The call returns a full-length result so the
 * command can go on to its next call: the shard's rows where it has them, and elsewhere copies of
 * one of its rows (or of replication 0, computed for the purpose when the shard owns no chunk of
 * the call). What a shard renders from them is thrown away; only the file counts.
 */
export class ShardRunner implements RunRouter {
  /** a row of each kernel and spec structure, standing in for chunks of runs the shard owns none of */
  private readonly samples = new Map<string, Row>();
  constructor(
    readonly writer: ShardWriter,
    readonly shard: Shard,
  ) {}

  async route(run: ReplicationRun): Promise<Row[]> {
    const chunkSize = chunkSizeOf(run);
    const call = callOf(run, chunkSize);
    const w = this.writer;
    if (!w.announced.has(call.call)) {
      appendShardCall(w.path, { ...call, run: w.header.runId });
      w.announced.add(call.call);
    }
    let have = w.done.get(call.call);
    if (have === undefined) w.done.set(call.call, (have = new Map()));
    const [first, end] = shardChunkRange(call.chunks, this.shard.index, this.shard.count, callOffset(call.call, this.shard.count));
    const todo: number[] = [];
    for (let i = first; i < end; i++) if (!have.has(i)) todo.push(i);
    const { checkpoint: _c, resume: _r, ...plain } = run;
    const got = have;
    if (todo.length > 0) {
      await runReplications({
        ...plain,
        chunkSize,
        chunks: todo,
        onChunk: (i, from, to, rows) => {
          const ch = { from, to, rows };
          appendShardChunk(w.path, w.header.runId, call.call, i, ch);
          got.set(i, ch);
        },
      });
    }
    return this.fullResult(run, plain, call, have, [first, end]);
  }

  private async fullResult(run: ReplicationRun, plain: ReplicationRun, call: ShardCall, have: Map<number, ShardChunk>, [first, end]: [number, number]): Promise<Row[]> {
    const shape = `${call.kernel}|${specStructure(run.spec)}`;
    let sample = first < end ? have.get(first)!.rows[0]! : this.samples.get(shape);
    sample ??= (await runReplications({ ...plain, replications: 1, chunkSize: 1, chunks: [0], onProgress: undefined }))[0]!;
    if (!this.samples.has(shape)) this.samples.set(shape, sample);
    const out: Row[] = [];
    for (let i = 0; i < call.chunks; i++) {
      const from = i * call.chunkSize;
      const n = Math.min(run.replications, from + call.chunkSize) - from;
      const own = have.get(i);
      out.push(...(own !== undefined ? own.rows : filler(sample, n)));
    }
    return out;
  }

  /** Mark the shard finished and release the file. */
  finish(): void {
    appendShardEnd(this.writer.path, this.writer.header.runId);
    this.writer.lock.release();
  }
}

/**
 * Run `body` (a command's computation) as shard `shard` writing `path`: every runReplications
 * call inside it computes only the shard's chunks. The file gets its end line when `body` returns.
 */
export async function runAsShard<T>(path: string, id: ShardRunId, shard: Shard, resume: boolean, body: () => Promise<T>): Promise<T> {
  const runner = new ShardRunner(openShardFile(path, id, shard, resume), shard);
  let ok = false;
  try {
    const r = await withRouter(runner, body);
    ok = true;
    return r;
  } finally {
    if (ok) runner.finish();
    else runner.writer.lock.release();
  }
}

/** A unit of chunked work that is not a runReplications call (e.g. validate's chunks of SKUs). */
export interface ChunkedWork {
  /** stable name of the work, like a kernel's */
  kernel: string;
  seed: number | string;
  scenario: string;
  /** units of work (SKUs, …) and units per chunk */
  units: number;
  chunkSize: number;
  /** hash of everything the work's result depends on */
  specHash: string;
}

/** The call line of chunked work: its key (from everything that defines it) and its chunk count. */
function chunkedWorkCall(work: ChunkedWork): ShardCall {
  const chunks = Math.ceil(work.units / work.chunkSize);
  const key = createHash('sha256').update(JSON.stringify([work.kernel, work.seed, work.scenario, work.units, work.chunkSize, work.specHash])).digest('hex').slice(0, 32);
  return { type: 'call', call: key, kernel: work.kernel, seed: work.seed, scenario: work.scenario, replications: work.units, chunkSize: work.chunkSize, chunks, specHash: work.specHash };
}

/**
 * The chunks [first, end) of chunked work that shard `shard` computes (runChunkedShard hands it
 * these, minus those already done): known before the shard file is opened, so the caller can
 * prepare only its share (validate plans only the SKUs of these chunks).
 */
export function chunkedShardRange(work: ChunkedWork, shard: Shard): [number, number] {
  const call = chunkedWorkCall(work);
  return shardChunkRange(call.chunks, shard.index, shard.count, callOffset(call.call, shard.count));
}

/**
 * Run shard `shard` of chunked work the caller computes: `compute(todo, done)` runs the chunk
 * indices `todo` (the shard's, minus those already in the file when resuming) and calls
 * `done(index, from, to, data)` as each finishes (data: the chunk's result, serialized by the
 * caller); each is appended to the shard file at once. The file gets its end line at the end.
 */
export async function runChunkedShard(path: string, id: ShardRunId, shard: Shard, resume: boolean, work: ChunkedWork, compute: (todo: number[], done: (index: number, from: number, to: number, data: string) => void) => Promise<void>): Promise<void> {
  const w = openShardFile(path, id, shard, resume);
  try {
    const call = chunkedWorkCall(work);
    if (!w.announced.has(call.call)) appendShardCall(w.path, { ...call, run: w.header.runId });
    const have = w.done.get(call.call) ?? new Map<number, ShardChunk>();
    const [first, end] = chunkedShardRange(work, shard);
    const todo: number[] = [];
    for (let i = first; i < end; i++) if (!have.has(i)) todo.push(i);
    await compute(todo, (index, from, to, data) => appendShardChunk(w.path, w.header.runId, call.call, index, { from, to, rows: [], data }));
    appendShardEnd(w.path, w.header.runId);
  } finally {
    w.lock.release();
  }
}
