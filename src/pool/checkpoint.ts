/**
 * Checkpoint files for replication runs: JSON lines, one header line identifying the run, then
 * one line per finished replication range with its rows, appended (and flushed) as soon as the
 * range finishes. A run interrupted by Ctrl-C or a crashed worker therefore loses no finished
 * range; `resume` reads the file back and runs only the missing ranges. A torn last line (a
 * crash during the write) is ignored. Numbers round-trip exactly (JSON's shortest
 * representation of a double); NaN and ±Infinity are written as strings.
 *
 * Ownership: the header carries a random run id and every range line repeats it, so rows of
 * another run appended to the file are detected on resume; a run holds the lock file
 * `<checkpoint>.lock` (./lock.ts) while it writes, so a second run cannot start on the same file.
 * A file that is not a checkpoint (its first line is not a checkpoint header) is never
 * overwritten or resumed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, readSync, truncateSync, writeFileSync } from 'node:fs';

export interface CheckpointHeader {
  type: 'header';
  kernel: string;
  seed: number | string;
  scenario: string;
  replications: number;
  chunkSize: number;
  /** SHA-256 of the JSON of the spec */
  specHash: string;
  /** 'invlab-checkpoint' (absent in files of earlier versions) */
  format?: string;
  /** random id of the run that started the file; repeated on every range line */
  runId?: string;
}

export const CHECKPOINT_FORMAT = 'invlab-checkpoint';

/** A new run id. */
export function newRunId(): string {
  return randomUUID();
}

export type Row = Record<string, number>;

export function specHash(spec: unknown): string {
  return createHash('sha256').update(JSON.stringify(spec) ?? 'undefined').digest('hex');
}

function encodeRow(r: Row): Record<string, number | string> {
  const o: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(r)) o[k] = Number.isFinite(v) ? v : String(v);
  return o;
}
function decodeRow(o: Record<string, number | string>): Row {
  const r: Row = {};
  for (const [k, v] of Object.entries(o)) r[k] = typeof v === 'number' ? v : Number(v);
  return r;
}

/**
 * Refuse a file that exists, is not empty and does not begin like a checkpoint header (a data
 * file given to --checkpoint by mistake, or another program's file): it is neither overwritten
 * nor resumed. A header torn by a crash (a prefix of one) still counts as a checkpoint.
 */
export function assertCheckpointFile(path: string): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(64);
  let n: number;
  try {
    n = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  const head = buf.subarray(0, n).toString('utf8').trimStart();
  if (head === '') return;
  const sig = '{"type":"header"';
  const ok = head.length >= sig.length ? head.startsWith(sig) : sig.startsWith(head);
  if (!ok) throw new RangeError(`checkpoint ${path} is not an invlab checkpoint (its first line is not a checkpoint header); refusing to overwrite or resume it: choose another --checkpoint file`);
}

/** Start a fresh checkpoint file (overwrites; see assertCheckpointFile). */
export function startCheckpoint(path: string, header: CheckpointHeader): void {
  writeFileSync(path, `${JSON.stringify({ ...header, format: CHECKPOINT_FORMAT })}\n`);
}

/**
 * Before appending to a checkpoint being resumed: cut a torn last line (text after the last
 * newline, left by a crash during a write), so the next range starts on a line of its own
 * instead of being glued to the torn text (which would lose it and make the file unreadable).
 */
export function dropTornTail(path: string): void {
  if (!existsSync(path)) return;
  const buf = readFileSync(path);
  if (buf.length === 0 || buf[buf.length - 1] === 0x0a) return;
  truncateSync(path, buf.lastIndexOf(0x0a) + 1);
}

/** Append one finished range (tagged with the run id of the file's header). */
export function appendRange(path: string, from: number, to: number, rows: Row[], runId?: string): void {
  const line = runId === undefined ? { type: 'range', from, to, rows: rows.map(encodeRow) } : { type: 'range', run: runId, from, to, rows: rows.map(encodeRow) };
  appendFileSync(path, `${JSON.stringify(line)}\n`);
}

/**
 * Read a checkpoint for resuming: checks that it belongs to the same run (kernel, seed,
 * scenario, replications, chunk size, spec) and returns the finished ranges by their start.
 * A missing file gives no finished ranges.
 */
export function readCheckpoint(path: string, expected: CheckpointHeader): Map<number, { to: number; rows: Row[] }> {
  return readCheckpointRun(path, expected).done;
}

type CheckpointLine = { type?: string; run?: string; from?: number; to?: number; rows?: Record<string, number | string>[] } & Partial<CheckpointHeader>;

/** Check a header line against the expected run. */
function checkHeader(path: string, header: CheckpointHeader, expected: CheckpointHeader): void {
  if (header.format !== undefined && header.format !== CHECKPOINT_FORMAT) throw new RangeError(`checkpoint ${path} is not an invlab checkpoint (format ${JSON.stringify(header.format)})`);
  for (const k of ['kernel', 'seed', 'scenario', 'replications', 'chunkSize', 'specHash'] as const) {
    if (header[k] !== expected[k]) throw new RangeError(`checkpoint ${path} belongs to a different run: ${k} is ${JSON.stringify(header[k])}, this run has ${JSON.stringify(expected[k])} (delete it or drop --resume)`);
  }
}

/**
 * readCheckpoint, and the run id of the file's header. A range line whose run id differs from
 * the header's (rows another run appended to the file) is refused, as is a second header.
 */
export function readCheckpointRun(path: string, expected: CheckpointHeader): { runId: string | undefined; done: Map<number, { to: number; rows: Row[] }> } {
  const done = new Map<number, { to: number; rows: Row[] }>();
  if (!existsSync(path)) return { runId: undefined, done };
  assertCheckpointFile(path);
  const lines = readFileSync(path, 'utf8').split('\n');
  let header: CheckpointHeader | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let obj: CheckpointLine;
    try {
      obj = JSON.parse(line);
    } catch {
      if (i >= lines.length - 2) return; // torn last line
      throw new RangeError(`checkpoint ${path}: line ${i + 1} is not valid JSON (the file is truncated or corrupt); delete it and rerun without --resume`);
    }
    if (obj.type === 'header') {
      if (header !== null) throw new RangeError(`checkpoint ${path}: a second header on line ${i + 1} (two runs wrote this file); delete it and rerun without --resume`);
      header = obj as CheckpointHeader;
      checkHeader(path, header, expected);
    } else if (obj.type === 'range') {
      if (header === null) throw new RangeError(`checkpoint ${path}: range before the header on line ${i + 1}`);
      const own = (header as CheckpointHeader).runId;
      if (own !== undefined && obj.run !== own) throw new RangeError(`checkpoint ${path}: line ${i + 1} was written by another run (run id ${JSON.stringify(obj.run ?? null)}, the header's is ${JSON.stringify(own)}); the file is corrupt: delete it and rerun without --resume`);
      if (typeof obj.from !== 'number' || typeof obj.to !== 'number' || !Array.isArray(obj.rows) || obj.rows.length !== obj.to - obj.from) throw new RangeError(`checkpoint ${path}: malformed range on line ${i + 1} (the file is truncated or corrupt); delete it and rerun without --resume`);
      done.set(obj.from, { to: obj.to, rows: obj.rows.map(decodeRow) });
    }
  });
  if (header === null && done.size > 0) throw new RangeError(`checkpoint ${path} has no header`);
  return { runId: (header as CheckpointHeader | null)?.runId, done };
}

/*
 * Shard files: the checkpoint format of one shard of a run (`--shard i/N`, ./shard.ts). One header
 * line identifies the run and the shard; a command may make several replication runs ("calls"),
 * each announced by a call line (its kernel, seed, scenario, replications, chunk size, number of
 * chunks and spec hash) before its chunk lines; one line per finished chunk; an end line when the
 * shard finished. Every line after the header repeats the header's run id.
 *
 *   {"type":"header","format":"invlab-shard","formatVersion":1,"command":"simulate","codeVersion":…,"seed":1,
 *    "specHash":…,"spec":{…what merge needs to render the output…},"shardCount":7,"shards":[3],"runId":…}
 *   {"type":"call","run":…,"call":<key>,"kernel":…,"seed":…,"scenario":…,"replications":…,"chunkSize":…,"chunks":…,"specHash":…}
 *   {"type":"chunk","run":…,"call":<key>,"index":4,"from":40,"to":50,"rows":[…]}
 *   {"type":"end","run":…}
 *
 * A partial merge (a merge of some of the shards, for merging in a tree) writes the same format
 * with all its shards listed in "shards".
 */

export const SHARD_FORMAT = 'invlab-shard';

export interface ShardHeader {
  type: 'header';
  format: typeof SHARD_FORMAT;
  formatVersion: 1;
  /** what made the file: 'simulate', 'validate', 'check', 'experiments' */
  command: string;
  /** the invlab version and a hash of the code that ran (./shard.ts codeVersion) */
  codeVersion: string;
  seed: number | string;
  /** SHA-256 of the JSON of `spec` */
  specHash: string;
  /** everything `invlab merge` needs to render the output of the whole run */
  spec: unknown;
  /** N of `--shard i/N` */
  shardCount: number;
  /** the shards (1-based) whose chunks the file holds: one, or several for a partial merge */
  shards: number[];
  runId: string;
}

/** One replication run (a runReplications call) of the command. */
export interface ShardCall {
  type: 'call';
  run?: string;
  /** the call's key: a hash of kernel, seed, scenario, replications, chunk size and spec */
  call: string;
  kernel: string;
  seed: number | string;
  scenario: string;
  replications: number;
  chunkSize: number;
  /** number of chunks of the call: ⌈replications / chunkSize⌉ */
  chunks: number;
  specHash: string;
}

export interface ShardChunk {
  from: number;
  to: number;
  /** the chunk's replication rows (none for a chunk of other work, which has `data`) */
  rows: Row[];
  /** a chunk's result that is not replication rows (e.g. a chunk of SKUs of validate): v8.serialize, base64 — exact for NaN, undefined, Maps */
  data?: string;
}

/** A shard file read back. */
export interface ShardFileContent {
  path: string;
  header: ShardHeader;
  /** the calls, in the order the file announces them */
  calls: Map<string, ShardCall>;
  /** finished chunks by call key, then chunk index */
  chunks: Map<string, Map<number, ShardChunk>>;
  /** the file has its end line (the shard finished) */
  ended: boolean;
}

/** Start a shard file (overwrites; check it with assertCheckpointFile first). */
export function startShardFile(path: string, header: ShardHeader): void {
  writeFileSync(path, `${JSON.stringify(header)}\n`);
}

export function appendShardCall(path: string, call: ShardCall): void {
  appendFileSync(path, `${JSON.stringify(call)}\n`);
}

export function appendShardChunk(path: string, runId: string, call: string, index: number, chunk: ShardChunk): void {
  appendFileSync(path, `${JSON.stringify(chunkLine(runId, call, index, chunk))}\n`);
}

export function appendShardEnd(path: string, runId: string): void {
  appendFileSync(path, `${JSON.stringify({ type: 'end', run: runId })}\n`);
}

function chunkLine(runId: string, call: string, index: number, ch: ShardChunk): Record<string, unknown> {
  const line: Record<string, unknown> = { type: 'chunk', run: runId, call, index, from: ch.from, to: ch.to, rows: ch.rows.map(encodeRow) };
  if (ch.data !== undefined) line.data = ch.data;
  return line;
}

/** The whole file as text, in the shard format: for writing a partial merge at once. */
export function shardFileText(header: ShardHeader, calls: Iterable<ShardCall>, chunks: Map<string, Map<number, ShardChunk>>, ended: boolean): string {
  const out: string[] = [JSON.stringify(header)];
  for (const c of calls) {
    out.push(JSON.stringify({ ...c, run: header.runId }));
    const byIndex = chunks.get(c.call) ?? new Map<number, ShardChunk>();
    for (const i of [...byIndex.keys()].sort((a, b) => a - b)) {
      out.push(JSON.stringify(chunkLine(header.runId, c.call, i, byIndex.get(i)!)));
    }
  }
  if (ended) out.push(JSON.stringify({ type: 'end', run: header.runId }));
  return `${out.join('\n')}\n`;
}

type ShardLine = { type?: string; run?: string; call?: string; index?: number; from?: number; to?: number; rows?: Record<string, number | string>[]; data?: unknown } & Record<string, unknown>;

function checkShardHeader(path: string, h: ShardLine): ShardHeader {
  if (h.format !== SHARD_FORMAT) throw new RangeError(`${path} is not an invlab shard file (its header has format ${JSON.stringify(h.format ?? null)}; shard files are written by --shard)`);
  if (h.formatVersion !== 1) throw new RangeError(`${path}: shard format version ${JSON.stringify(h.formatVersion)} is not supported (this invlab reads version 1)`);
  const shards = h.shards as unknown;
  const ok = typeof h.command === 'string' && typeof h.codeVersion === 'string' && typeof h.specHash === 'string' && typeof h.runId === 'string' && Number.isInteger(h.shardCount) && Array.isArray(shards) && shards.every((s) => Number.isInteger(s));
  if (!ok) throw new RangeError(`${path}: malformed shard header (the file is corrupt)`);
  return h as unknown as ShardHeader;
}

/** Add one call or chunk line to what was read (refusing lines of another run and repeated chunks). */
function addShardLine(path: string, n: number, obj: ShardLine, c: ShardFileContent): void {
  const where = `${path}: line ${n}`;
  if (obj.run !== c.header.runId) throw new RangeError(`${where} was written by another run (run id ${JSON.stringify(obj.run ?? null)}, the header's is ${JSON.stringify(c.header.runId)}); the file is corrupt`);
  if (obj.type === 'end') {
    c.ended = true;
  } else if (obj.type === 'call') {
    if (typeof obj.call !== 'string' || !Number.isInteger(obj.chunks) || !Number.isInteger(obj.chunkSize)) throw new RangeError(`${where}: malformed call line (the file is corrupt)`);
    if (!c.calls.has(obj.call)) c.calls.set(obj.call, obj as unknown as ShardCall);
  } else if (obj.type === 'chunk') {
    const call = typeof obj.call === 'string' ? c.calls.get(obj.call) : undefined;
    if (call === undefined) throw new RangeError(`${where}: a chunk of a call the file does not announce (the file is corrupt)`);
    const i = obj.index;
    const data = typeof obj.data === 'string' ? obj.data : undefined;
    if (!Number.isInteger(i) || typeof obj.from !== 'number' || typeof obj.to !== 'number' || !Array.isArray(obj.rows) || (data === undefined && obj.rows.length !== obj.to - obj.from)) throw new RangeError(`${where}: malformed chunk line (the file is corrupt)`);
    let m = c.chunks.get(call.call);
    if (m === undefined) c.chunks.set(call.call, (m = new Map()));
    if (m.has(i!)) throw new RangeError(`${where}: chunk ${i} of scenario '${call.scenario}' appears twice in the file (the file is corrupt)`);
    m.set(i!, data === undefined ? { from: obj.from, to: obj.to, rows: obj.rows.map(decodeRow) } : { from: obj.from, to: obj.to, rows: [], data });
  }
}

/** Read a shard file (a torn last line, left by a killed shard, is ignored). */
export function readShardFile(path: string): ShardFileContent {
  if (!existsSync(path)) throw new RangeError(`shard file ${path} does not exist`);
  const lines = readFileSync(path, 'utf8').split('\n');
  let content: ShardFileContent | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let obj: ShardLine;
    try {
      obj = JSON.parse(line) as ShardLine;
    } catch {
      if (i >= lines.length - 2 && content !== null) return; // torn last line
      throw new RangeError(i === 0 ? `${path} is not an invlab shard file (its first line is not JSON)` : `${path}: line ${i + 1} is not valid JSON (the file is truncated or corrupt)`);
    }
    if (obj.type === 'header') {
      if (content !== null) throw new RangeError(`${path}: a second header on line ${i + 1} (two runs wrote this file)`);
      content = { path, header: checkShardHeader(path, obj), calls: new Map(), chunks: new Map(), ended: false };
    } else {
      if (content === null) throw new RangeError(`${path} is not an invlab shard file (its first line is not a shard header)`);
      addShardLine(path, i + 1, obj, content);
    }
  });
  if (content === null) throw new RangeError(`${path} is empty: not an invlab shard file`);
  return content;
}
