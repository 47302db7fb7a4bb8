/**
 * Shared pieces of the CSV readers (orders, lead times): an input error that names file, row,
 * column and rule; a record scanner; ISO date parsing.
 *
 * Rows are numbered as lines of the file: the header is row 1, the first record row 2.
 * Parsing: files without a double quote are scanned directly (a plain comma split is exactly
 * RFC 4180 there, and it is about four times faster than a general parser, which matters for
 * 10^6-line histories); files with quotes go through csv-parse.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** Bad input data: printed without a stack trace, exit code 2 (src/cli/main.ts). */
export class InputError extends Error {
  override name = 'InputError';
}

/** "file: row R, column 'c': rule (got 'v')". */
export function cellError(file: string, row: number, column: string, rule: string, value?: string): InputError {
  const got = value === undefined ? '' : ` (got '${value.length > 40 ? `${value.slice(0, 40)}…` : value}')`;
  return new InputError(`${file}: row ${row}, column '${column}': ${rule}${got}`);
}

/** Read a whole text file, naming it in the error if it cannot be read. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`${path}: cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/**
 * Scan a CSV text: `onHeader` receives the header names and returns the indices of the columns
 * it needs; `onRow` receives those columns' values (trimmed) and the row number.
 * Empty lines are skipped. A record with too few fields is an error naming the row.
 */
export function scanCsv(text: string, file: string, onHeader: (header: string[]) => number[], onRow: (values: string[], row: number) => void): void {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('"')) {
    scanWithCsvParse(text, file, onHeader, onRow);
    return;
  }
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

function scanWithCsvParse(text: string, file: string, onHeader: (header: string[]) => number[], onRow: (values: string[], row: number) => void): void {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    throw new InputError(`${file}: not valid CSV (${(e as Error).message})`);
  }
  if (records.length === 0) throw new InputError(`${file}: empty file (no header row)`);
  const needed = onHeader(records[0]!.record);
  const values: string[] = new Array<string>(needed.length);
  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i]!;
    for (let j = 0; j < needed.length; j++) {
      const c = needed[j]!;
      if (c >= record.length) throw new InputError(`${file}: row ${info.lines}: too few fields (${record.length}); the header has more columns`);
      values[j] = record[c]!;
    }
    onRow(values, info.lines);
  }
}

/** Index of a named column in a header, or an error naming the file and the missing column. */
export function requireColumn(header: string[], name: string, file: string, what: string): number {
  const i = header.indexOf(name);
  if (i < 0) throw new InputError(`${file}: missing column '${name}' (${what}); the header has: ${header.join(', ')}`);
  return i;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Day number (days since 1970-01-01, UTC) of an ISO date 'YYYY-MM-DD' (a time part after 'T'
 * or a space is ignored), or NaN when the text is not a valid calendar date.
 */
export function isoDayNumber(s: string): number {
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  if (s.length > 10 && s[10] !== 'T' && s[10] !== ' ') return NaN;
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
  if (m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]!) return NaN;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return NaN;
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** ISO date text of a day number. */
export function dayNumberToIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
