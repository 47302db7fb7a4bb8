/**
 * The CSV scanner's quoting path: a line with a quote is parsed by itself (RFC 4180, as csv-parse
 * reads it), so one quoted field in a large file leaves the rest on the fast path and reading
 * stays linear in time and memory.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { scanCsv } from '../../src/io/common-csv.ts';

/** Every record (all columns) as scanCsv gives it, with its row number. */
function scanAll(text: string): { header: string[]; rows: [number, string[]][] } {
  let header: string[] = [];
  const rows: [number, string[]][] = [];
  scanCsv(text, 'f.csv', (h) => ((header = h), h.map((_, i) => i)), (v, row) => rows.push([row, [...v]]));
  return { header, rows };
}

/** The same records read by csv-parse (the reader used before for files with quotes). */
function csvParseAll(text: string): string[][] {
  return parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
}

const CASES: [string, string][] = [
  ['a quoted comma', 'date,sku,quantity\n2011-01-04,"A,1",3\n2011-01-05,B,4\n'],
  ['doubled quotes', 'date,sku,quantity\n2011-01-04,"say ""hi""",3\n'],
  ['a quoted header and CRLF', '"date","sku","quantity"\r\n2011-01-04,A,3\r\n2011-01-05,"B",4\r\n'],
  ['blanks around a quoted field', 'date,sku,quantity\n2011-01-04,  "A B"  ,3\n'],
  ['an empty quoted field and a last line without newline', 'date,sku,quantity\n2011-01-04,"",3\n2011-01-05,C,"5"'],
  ['a quoted field spanning lines', 'date,sku,quantity\n2011-01-04,"two\nlines",3\n2011-01-05,D,6\n'],
  ['empty lines between', 'date,sku,quantity\n\n2011-01-04,"E",3\n\n2011-01-05,F,7\n'],
];

describe('CSV quoting path', () => {
  for (const [what, text] of CASES) {
    it(`reads ${what} as csv-parse does`, () => {
      const { header, rows } = scanAll(text);
      const ref = csvParseAll(text);
      expect([header, ...rows.map((r) => r[1])]).toEqual(ref);
    });
  }

  it('numbers rows as lines of the file (a record spanning lines counts them all)', () => {
    const { rows } = scanAll(CASES[5]![1]);
    expect(rows.map((r) => r[0])).toEqual([2, 4]);
    expect(scanAll(CASES[6]![1]).rows.map((r) => r[0])).toEqual([3, 5]);
  });

  it('rejects malformed quoting with the row', () => {
    expect(() => scanAll('date,sku,quantity\n2011-01-04,"A,3\n')).toThrow(/f\.csv: row 2: not valid CSV \(a quoted field is not closed/);
    expect(() => scanAll('date,sku,quantity\n2011-01-04,A,3\n2011-01-04,A"B,3\n')).toThrow(/f\.csv: row 3: not valid CSV \(a quote inside the unquoted field 2/);
    expect(() => scanAll('date,sku,quantity\n2011-01-04,"A"x,3\n')).toThrow(/f\.csv: row 2: not valid CSV \(text after the closing quote of field 2\)/);
    expect(() => scanAll('date,sku,quantity\n2011-01-04,"A"\n')).toThrow(/f\.csv: row 2: too few fields \(2\)/);
  });

  it('one quoted field in a large file costs about what the file costs without it (linear)', () => {
    const lines = ['date,sku,quantity'];
    for (let i = 0; i < 300_000; i++) lines.push(`2011-01-${String(1 + (i % 28)).padStart(2, '0')},SKU${i % 997},${1 + (i % 50)}`);
    const plain = `${lines.join('\n')}\n`;
    lines[150_000] = '2011-01-05,"SKU, QUOTED",3';
    const quoted = `${lines.join('\n')}\n`;
    const time = (text: string): number => {
      const t = performance.now();
      let n = 0;
      scanCsv(text, 'big.csv', () => [0, 1, 2], () => n++);
      expect(n).toBe(300_000);
      return performance.now() - t;
    };
    time(plain); // warm-up
    const tPlain = Math.min(time(plain), time(plain));
    const tQuoted = Math.min(time(quoted), time(quoted));
    // csv-parse on the whole file was ~20× slower than the direct scan
    expect(tQuoted).toBeLessThan(3 * tPlain + 100);
  });
});
