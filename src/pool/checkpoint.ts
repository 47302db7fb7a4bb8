/**
 * Checkpoint files for replication runs: JSON lines, one header line identifying the run, then
 * one line per finished replication range with its rows, appended (and flushed) as soon as the
 * range finishes. A run interrupted by Ctrl-C or a crashed worker therefore loses no finished
 * range; `resume` reads the file back and runs only the missing ranges. A torn last line (a
 * crash during the write) is ignored. Numbers round-trip exactly (JSON's shortest
 * representation of a double); NaN and ±Infinity are written as strings.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';

export interface CheckpointHeader {
  type: 'header';
  kernel: string;
  seed: number | string;
  scenario: string;
  replications: number;
  chunkSize: number;
  /** SHA-256 of the JSON of the spec */
  specHash: string;
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

/** Start a fresh checkpoint file (overwrites). */
export function startCheckpoint(path: string, header: CheckpointHeader): void {
  writeFileSync(path, `${JSON.stringify(header)}\n`);
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

/** Append one finished range. */
export function appendRange(path: string, from: number, to: number, rows: Row[]): void {
  appendFileSync(path, `${JSON.stringify({ type: 'range', from, to, rows: rows.map(encodeRow) })}\n`);
}

/**
 * Read a checkpoint for resuming: checks that it belongs to the same run (kernel, seed,
 * scenario, replications, chunk size, spec) and returns the finished ranges by their start.
 * A missing file gives no finished ranges.
 */
export function readCheckpoint(path: string, expected: CheckpointHeader): Map<number, { to: number; rows: Row[] }> {
  const done = new Map<number, { to: number; rows: Row[] }>();
  if (!existsSync(path)) return done;
  const lines = readFileSync(path, 'utf8').split('\n');
  let header: CheckpointHeader | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let obj: { type?: string; from?: number; to?: number; rows?: Record<string, number | string>[] } & Partial<CheckpointHeader>;
    try {
      obj = JSON.parse(line);
    } catch {
      if (i >= lines.length - 2) return; // torn last line
      throw new RangeError(`checkpoint ${path}: line ${i + 1} is not valid JSON`);
    }
    if (obj.type === 'header') {
      header = obj as CheckpointHeader;
      for (const k of ['kernel', 'seed', 'scenario', 'replications', 'chunkSize', 'specHash'] as const) {
        if (header[k] !== expected[k]) throw new RangeError(`checkpoint ${path} belongs to a different run: ${k} is ${JSON.stringify(header[k])}, this run has ${JSON.stringify(expected[k])} (delete it or drop --resume)`);
      }
    } else if (obj.type === 'range') {
      if (header === null) throw new RangeError(`checkpoint ${path}: range before the header on line ${i + 1}`);
      if (typeof obj.from !== 'number' || typeof obj.to !== 'number' || !Array.isArray(obj.rows) || obj.rows.length !== obj.to - obj.from) throw new RangeError(`checkpoint ${path}: malformed range on line ${i + 1}`);
      done.set(obj.from, { to: obj.to, rows: obj.rows.map(decodeRow) });
    }
  });
  if (header === null && done.size > 0) throw new RangeError(`checkpoint ${path} has no header`);
  return done;
}
