/**
 * Shared pieces of the CSV readers (orders, lead times): an input error that names file, row,
 * column and rule; a record scanner; ISO date parsing.
 *
 * Rows are numbered as lines of the file: the header is row 1, the first record row 2.
 * Parsing: lines without a double quote are scanned directly (a plain comma split is exactly
 * RFC 4180 there, and it is about four times faster than a general parser, which matters for
 * 10^6-line histories); a line with a quote is parsed by itself, quote-aware (a quoted field may
 * span lines), so one quoted field does not slow the rest of the file (time and memory stay
 * linear whatever the quoting).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { InputError, parseDecimal } from '../core/validate.ts';

/** Bad input data: printed without a stack trace, exit code 2 (src/cli/main.ts). */
export { InputError } from '../core/validate.ts';

/**
 * The largest magnitude a number read from a data file may have. Quantities, lead times and
 * their sums of squares stay finite far beyond any real history (10^15 squared is 10^30; summed
 * over 10^9 lines, 10^39), so a value above it is rejected at the boundary, naming file, row and
 * column, instead of becoming an Infinity in a result.
 */
export const MAX_INPUT_MAGNITUDE = 1e15;

/** The calendar years a date in a data file may have (a year outside is a typo, e.g. 0011). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/** "file: row R, column 'c': rule (got 'v')". */
export function cellError(file: string, row: number, column: string, rule: string, value?: string): InputError {
  const got = value === undefined ? '' : ` (got '${value.length > 40 ? `${value.slice(0, 40)}…` : value}')`;
  return new InputError(`${file}: row ${row}, column '${column}': ${rule}${got}`);
}

/**
 * Read a whole text file as UTF-8, naming it in the error if it cannot be read or is not valid
 * UTF-8 (the byte offset of the first bad byte is named: a replacement character could merge
 * two SKUs silently).
 */
export function readTextFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return decodeUtf8(bytes, path);
}

/** Bytes as UTF-8 text, or an InputError naming `source` and the offset of the first invalid byte. */
export function decodeUtf8(bytes: Uint8Array, source: string): string {
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    throw new InputError(`${source}: not valid UTF-8 text (byte offset ${at}: 0x${bytes[at]!.toString(16).padStart(2, '0')}); save the file as UTF-8`);
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  const dec = new TextDecoder('utf-8', { fatal: true });
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    try {
      dec.decode(b.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return b.length;
}

/**
 * A number cell: a plain decimal (no hexadecimal, no trailing text, not empty) of magnitude at
 * most MAX_INPUT_MAGNITUDE; otherwise an InputError naming file, row, column and the rule.
 */
export function numberCell(text: string, file: string, row: number, column: string, what = 'a number'): number {
  const x = parseDecimal(text);
  if (Number.isNaN(x)) throw cellError(file, row, column, `must be ${what}`, text);
  if (Math.abs(x) > MAX_INPUT_MAGNITUDE) throw cellError(file, row, column, `must be at most ${MAX_INPUT_MAGNITUDE} in magnitude (larger values overflow sums and squares)`, text);
  return x;
}

/** A CSV source: its text, or a file read in chunks (streamed: memory bounded by the chunk, not the file). */
export type CsvInput = string | { path: string };

/** Bytes read per chunk when a CSV file is streamed (4 MiB; settable, e.g. tiny in tests to cross every boundary). */
export const csvReading = { chunkBytes: 4 * 2 ** 20 };

/**
 * Where warnings about input files go (default: stderr, "invlab: warning: …"); replace `emit`
 * to collect them (tests, library callers).
 */
export const inputWarnings = { emit: (message: string): void => void process.stderr.write(`invlab: warning: ${message}\n`) };

/**
 * Scan a CSV text or file: `onHeader` receives the header names and returns the indices of the
 * columns it needs; `onRow` receives those columns' values (trimmed) and the row number.
 * Empty lines are skipped. A record with too few fields is an error naming the row. A header
 * name that appears more than once in a column nobody reads gives a warning naming the file and
 * the column (a used one is an error: requireColumn). A file ({ path }) is read in chunks of
 * csvReading.chunkBytes, with the same results and errors as its whole text.
 */
export function scanCsv(input: CsvInput, file: string, onHeader: (header: string[]) => number[], onRow: (values: string[], row: number) => void): void {
  const scanner = new CsvScanner(file, onHeader, onRow);
  if (typeof input === 'string') scanner.feed(input, true);
  else readUtf8Chunks(input.path, (text, final) => scanner.feed(text, final));
  if (!scanner.sawHeader) throw new InputError(`${file}: empty file (no header row)`);
}

/** A quoted record that continues past the end of a chunk (read more, then parse it again). */
const INCOMPLETE = Symbol('incomplete record');

/** The record scanner over successive pieces of a text (see scanCsv); state carries across pieces. */
class CsvScanner {
  private needed: number[] | null = null;
  private maxNeeded = -1;
  private readonly values: string[] = [];
  private fieldsAt = new Int32Array(0);
  private row = 0;
  private carry = '';
  private first = true;
  constructor(
    private readonly file: string,
    private readonly onHeader: (header: string[]) => number[],
    private readonly onRow: (values: string[], row: number) => void,
  ) {}
  get sawHeader(): boolean {
    return this.needed !== null;
  }
  /** The next piece of text; `final` for the last one. Complete records are scanned, the rest is kept. */
  feed(piece: string, final: boolean): void {
    let text = this.carry.length > 0 ? this.carry + piece : piece;
    if (this.first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    this.carry = '';
    let pos = 0;
    let nextQuote = text.indexOf('"');
    const len = text.length;
    while (pos < len) {
      let end = text.indexOf('\n', pos);
      if (end < 0) {
        if (!final) break;
        end = len;
      }
      if (nextQuote >= 0 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      if (nextQuote >= 0 && nextQuote < end) {
        // a line with a quote: parsed by itself (a quoted field may continue on the next lines)
        const rec = parseQuotedRecord(text, pos, this.file, this.row + 1, final);
        if (rec === INCOMPLETE) break;
        this.row++;
        this.record(rec.fields);
        this.row += rec.lines - 1;
        pos = rec.next;
        continue;
      }
      this.row++;
      let lineEnd = end;
      if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
      if (lineEnd > pos) this.plainLine(text, pos, lineEnd);
      pos = end + 1;
    }
    if (pos < len) this.carry = text.slice(pos);
  }
  private header(names: string[]): void {
    const needed = this.onHeader(names);
    this.needed = needed;
    this.maxNeeded = needed.length ? Math.max(...needed) : -1;
    this.values.length = needed.length;
    this.fieldsAt = new Int32Array(2 * (this.maxNeeded + 1));
    warnUnusedDuplicates(names, needed, this.file);
  }
  private record(fields: string[]): void {
    if (this.needed === null) return this.header(fields.map((h) => h.trim()));
    const { needed, values } = this;
    for (let j = 0; j < needed.length; j++) {
      const c = needed[j]!;
      if (c >= fields.length) throw new InputError(`${this.file}: row ${this.row}: too few fields (${fields.length}); the header has more columns`);
      values[j] = fields[c]!;
    }
    this.onRow(values, this.row);
  }
  /** A line without a quote: a plain comma split (exactly RFC 4180 there). */
  private plainLine(text: string, pos: number, lineEnd: number): void {
    if (this.needed === null) return this.header(text.slice(pos, lineEnd).split(',').map((h) => h.trim()));
    const { needed, values, fieldsAt, maxNeeded } = this;
    let col = 0;
    let start = pos;
    while (col <= maxNeeded) {
      let comma = text.indexOf(',', start);
      if (comma < 0 || comma > lineEnd) comma = lineEnd;
      fieldsAt[2 * col] = start;
      fieldsAt[2 * col + 1] = comma;
      col++;
      if (comma >= lineEnd) break;
      start = comma + 1;
    }
    for (let j = 0; j < needed.length; j++) {
      const c = needed[j]!;
      if (c >= col) throw new InputError(`${this.file}: row ${this.row}: too few fields (${col}); the header has more columns`);
      values[j] = text.slice(fieldsAt[2 * c]!, fieldsAt[2 * c + 1]!).trim();
    }
    this.onRow(values, this.row);
  }
}

/** A warning for each header name that appears more than once where none of its columns is read. */
function warnUnusedDuplicates(names: string[], needed: number[], file: string): void {
  const at = new Map<string, number[]>();
  names.forEach((n, i) => at.set(n, [...(at.get(n) ?? []), i]));
  for (const [name, cols] of at) {
    if (cols.length < 2 || cols.some((c) => needed.includes(c))) continue;
    inputWarnings.emit(`${file}: row 1: column '${name === '' ? '(empty name)' : name}' appears ${cols.length} times in the header (columns ${cols.map((c) => c + 1).join(', ')}); it is not used, so the file is read, but check the export`);
  }
}

/**
 * Read a file in chunks of csvReading.chunkBytes as UTF-8 text: `onText(text, final)` per chunk (a
 * multi-byte character cut by a chunk boundary is completed from the next chunk). The same
 * errors as readTextFile: a file that cannot be read, and invalid UTF-8 with the byte offset of
 * the first bad byte in the file.
 */
export function readUtf8Chunks(path: string, onText: (text: string, final: boolean) => void): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputError(`${path}: cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const chunk = Math.max(1, Math.floor(csvReading.chunkBytes));
    const buf = Buffer.alloc(chunk + 4);
    let held = 0; // bytes of an incomplete character kept at the start of buf
    let base = 0; // file offset of buf[0]
    for (;;) {
      let got: number;
      try {
        got = readSync(fd, buf, held, chunk, null);
      } catch (e) {
        throw new InputError(`${path}: cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      const n = held + got;
      const final = got === 0;
      const cut = final ? n : completeUtf8Length(buf, n);
      onText(decodeUtf8At(buf.subarray(0, cut), path, base), final);
      if (final) return;
      buf.copy(buf, 0, cut, n);
      held = n - cut;
      base += cut;
    }
  } finally {
    closeSync(fd);
  }
}

/** Length of the bytes b[0 … n) without a multi-byte character that the next chunk completes. */
function completeUtf8Length(b: Uint8Array, n: number): number {
  for (let i = n - 1; i >= Math.max(0, n - 3); i--) {
    const c = b[i]!;
    if (c < 0x80) return n;
    if (c >= 0xc0) return i + (c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2) > n ? i : n;
  }
  return n;
}

/** decodeUtf8 of a piece that starts at file offset `base` (the offset in the error is the file's). */
function decodeUtf8At(bytes: Uint8Array, source: string, base: number): string {
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const at = firstInvalidUtf8(bytes);
  throw new InputError(`${source}: not valid UTF-8 text (byte offset ${base + at}: 0x${bytes[at]!.toString(16).padStart(2, '0')}); save the file as UTF-8`);
}

/** Skip spaces and tabs from i. */
function skipBlanks(text: string, i: number): number {
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

/** A quoted field starting at the quote at i: its value ("" is a quote) and the index after the closing quote. */
function quotedField(text: string, i: number, file: string, row: number, final = true): { value: string; end: number } | typeof INCOMPLETE {
  let value = '';
  let from = i + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0 && !final) return INCOMPLETE;
    if (q + 1 === text.length && !final) return INCOMPLETE; // "" split by the chunk boundary?
    if (q < 0) throw new InputError(`${file}: row ${row}: not valid CSV (a quoted field is not closed before the end of the file)`);
    if (text.charCodeAt(q + 1) === 34) {
      value += text.slice(from, q + 1);
      from = q + 2;
      continue;
    }
    return { value: value + text.slice(from, q), end: q + 1 };
  }
}

/**
 * One record from `pos` (RFC 4180: a field in double quotes may hold commas, newlines and
 * doubled quotes; fields are trimmed outside the quotes): its fields, the index after it and
 * the number of lines it spans.
 */
function parseQuotedRecord(text: string, pos: number, file: string, row: number, final = true): { fields: string[]; next: number; lines: number } | typeof INCOMPLETE {
  const fields: string[] = [];
  const len = text.length;
  let lines = 1;
  let i = pos;
  for (;;) {
    i = skipBlanks(text, i);
    if (text.charCodeAt(i) === 34) {
      const f = quotedField(text, i, file, row, final);
      if (f === INCOMPLETE) return INCOMPLETE;
      for (let k = f.value.indexOf('\n'); k >= 0; k = f.value.indexOf('\n', k + 1)) lines++;
      fields.push(f.value);
      i = skipBlanks(text, f.end);
      const c = text.charCodeAt(i);
      if (i < len && c !== 44 && c !== 10 && c !== 13) throw new InputError(`${file}: row ${row + lines - 1}: not valid CSV (text after the closing quote of field ${fields.length})`);
    } else {
      let j = i;
      for (let c = text.charCodeAt(j); j < len && c !== 44 && c !== 10 && c !== 13; c = text.charCodeAt(++j)) {
        if (c === 34) throw new InputError(`${file}: row ${row + lines - 1}: not valid CSV (a quote inside the unquoted field ${fields.length + 1}; quote the whole field and double the quote)`);
      }
      fields.push(text.slice(i, j).trim());
      i = j;
    }
    if (i < len && text.charCodeAt(i) === 44) {
      i++;
      continue;
    }
    if (!final && i + 1 >= len) return INCOMPLETE; // the record's end (CR LF, or more fields) may be in the next chunk
    if (text.charCodeAt(i) === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
    return { fields, next: i, lines };
  }
}

/** Index of a named column in a header, or an error naming the file and the missing column. */
export function requireColumn(header: string[], name: string, file: string, what: string): number {
  const i = header.indexOf(name);
  if (i < 0) throw new InputError(`${file}: missing column '${name}' (${what}); the header has: ${header.join(', ')}`);
  const again = header.indexOf(name, i + 1);
  if (again >= 0) throw new InputError(`${file}: row 1: column '${name}' appears twice in the header (columns ${i + 1} and ${again + 1}); which one is meant is ambiguous`);
  return i;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A time of day after an ISO date: 'T' or a space, hh:mm[:ss[.fff]], an optional zone. */
const TIME_PART = /^[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?$/;

/**
 * Day number (days since 1970-01-01, UTC) of an ISO date 'YYYY-MM-DD' with a year in
 * [MIN_YEAR, MAX_YEAR] (a well-formed time part after 'T' or a space is ignored), or NaN when
 * the text is not such a calendar date ('2011-05-02 garbage', '0000-01-01', '2011-5-2').
 */
export function isoDayNumber(s: string): number {
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  if (s.length > 10 && !TIME_PART.test(s.slice(10))) return NaN;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    y = y * 10 + c;
  }
  const m1 = s.charCodeAt(5) - 48;
  const m2 = s.charCodeAt(6) - 48;
  const d1 = s.charCodeAt(8) - 48;
  const d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NaN;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (y < MIN_YEAR || y > MAX_YEAR) return NaN;
  if (m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]!) return NaN;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return NaN;
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** ISO date text of a day number. */
export function dayNumberToIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The rule a date cell broke (isoDayNumber gave NaN), as error messages state it. */
export function dateRule(text: string): string {
  const y = /^(\d{4})-\d\d-\d\d$/.exec(text);
  if (y && (Number(y[1]) < MIN_YEAR || Number(y[1]) > MAX_YEAR)) return `must be a date with a year in ${MIN_YEAR}–${MAX_YEAR}`;
  return 'must be an ISO date YYYY-MM-DD';
}
