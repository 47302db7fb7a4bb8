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
