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
import { readFileSync } from 'node:fs';
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

/**
 * Scan a CSV text: `onHeader` receives the header names and returns the indices of the columns
 * it needs; `onRow` receives those columns' values (trimmed) and the row number.
 * Empty lines are skipped. A record with too few fields is an error naming the row.
 */
export function scanCsv(text: string, file: string, onHeader: (header: string[]) => number[], onRow: (values: string[], row: number) => void): void {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let nextQuote = text.indexOf('"');
  let pos = 0;
  let row = 0;
  let needed: number[] | null = null;
  let maxNeeded = -1;
  const values: string[] = [];
  let fieldsAt = new Int32Array(0);
  const len = text.length;
  while (pos < len) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = len;
    let lineEnd = end;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    row++;
    if (nextQuote >= 0 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
    if (nextQuote >= 0 && nextQuote < end) {
      // a line with a quote: parsed by itself (a quoted field may continue on the next lines)
      const rec = parseQuotedRecord(text, pos, file, row);
      if (needed === null) {
        needed = onHeader(rec.fields.map((h) => h.trim()));
        maxNeeded = needed.length ? Math.max(...needed) : -1;
        values.length = needed.length;
        fieldsAt = new Int32Array(2 * (maxNeeded + 1));
      } else {
        for (let j = 0; j < needed.length; j++) {
          const c = needed[j]!;
          if (c >= rec.fields.length) throw new InputError(`${file}: row ${row}: too few fields (${rec.fields.length}); the header has more columns`);
          values[j] = rec.fields[c]!;
        }
        onRow(values, row);
      }
      row += rec.lines - 1;
      pos = rec.next;
      continue;
    }
    if (lineEnd > pos) {
      if (needed === null) {
        needed = onHeader(text.slice(pos, lineEnd).split(',').map((h) => h.trim()));
        maxNeeded = needed.length ? Math.max(...needed) : -1;
        values.length = needed.length;
        fieldsAt = new Int32Array(2 * (maxNeeded + 1));
      } else {
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
          if (c >= col) throw new InputError(`${file}: row ${row}: too few fields (${col}); the header has more columns`);
          values[j] = text.slice(fieldsAt[2 * c]!, fieldsAt[2 * c + 1]!).trim();
        }
        onRow(values, row);
      }
    }
    pos = end + 1;
  }
  if (needed === null) throw new InputError(`${file}: empty file (no header row)`);
}

/** Skip spaces and tabs from i. */
function skipBlanks(text: string, i: number): number {
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

/** A quoted field starting at the quote at i: its value ("" is a quote) and the index after the closing quote. */
function quotedField(text: string, i: number, file: string, row: number): { value: string; end: number } {
  let value = '';
  let from = i + 1;
  for (;;) {
    const q = text.indexOf('"', from);
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
function parseQuotedRecord(text: string, pos: number, file: string, row: number): { fields: string[]; next: number; lines: number } {
  const fields: string[] = [];
  const len = text.length;
  let lines = 1;
  let i = pos;
  for (;;) {
    i = skipBlanks(text, i);
    if (text.charCodeAt(i) === 34) {
      const f = quotedField(text, i, file, row);
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
