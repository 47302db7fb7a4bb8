/**
 * CSV files are read in chunks (src/io/common-csv.ts readUtf8Chunks + the record scanner): the
 * order, daily-demand and lead-time readers give the same result, or the same error, from a file
 * read in chunks of any size as from its whole text (chunk sizes down to 1 byte cut every
 * multi-byte character, quoted field, CR LF and record). A duplicated header name in a column no
 * reader uses is a warning naming file and column; a used one stays an error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/rng/stream.ts';
import { csvReading, decodeUtf8, inputWarnings } from '../../src/io/common-csv.ts';
import { parseOrdersCsv, readOrdersCsv } from '../../src/io/orders-csv.ts';
import { parseDailyDemandCsv, readDailyDemandCsv } from '../../src/io/daily-demand-csv.ts';
import { parseLeadTimesCsv, readLeadTimesCsv } from '../../src/io/lead-times-csv.ts';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'invlab-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The value or the error message of f(). */
function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Reader pairs: from a file (streamed) and from text. */
const READERS = {
  orders: { file: (p: string) => readOrdersCsv(p, { orderId: 'order_id' }), text: (t: string, p: string) => parseOrdersCsv(t, p, { orderId: 'order_id' }) },
  daily: { file: (p: string) => readDailyDemandCsv(p), text: (t: string, p: string) => parseDailyDemandCsv(t, p) },
  leadTimes: { file: (p: string) => readLeadTimesCsv(p, { key: 'sku' }), text: (t: string, p: string) => parseLeadTimesCsv(t, p, { key: 'sku' }) },
};

const ORDERS = [
  'date,sku,quantity,order_id\n2011-01-04,A,3,o1\n2011-01-05,"B,1",4,o2\r\n2011-01-05,"say ""hi""",2,o3\n',
  '\ufeffdate,sku,quantity,order_id\r\n2011-01-04,Crème,3,o1\r\n2011-01-05,€uro,4,o2\r\n2011-01-06,𝄞clef,5,"o\n3"\r\n',
  'date,sku,quantity,order_id\n2011-01-04,A,3,o1\n\n2011-01-05,A,1,o2\n2011-01-05,B,2,o3',
  'date,sku,quantity,order_id\n2011-01-04,A,3,o1\n2011-01-05,"A,3,o2\n', // unclosed quote
  'date,sku,quantity,order_id\n2011-01-04,A,3,o1\n2011-01-05,A"B,3,o2\n',
  'date,sku,quantity,order_id\n2011-01-04,"A"x,3,o1\n',
  'date,sku,quantity,order_id\n2011-01-04,A,0x10,o1\n',
  'date,sku,quantity,order_id\n2011-01-04,A\n',
  'date,sku,quantity,order_id\n2011-01-04,é,3,o1\n2011-01-05,',
  '',
  'date,sku,sku,quantity,order_id\n2011-01-04,A,A,3,o1\n',
];
const DAILY = ['date,sku,quantity\n2011-01-04,A,3\n2011-01-05,A,0\n2011-01-04,"B",1\n', 'date,sku,quantity\n2011-01-04,A,-1\n'];
const LEAD = ['sku,lead_time_days\nA,3\nA,4\n"B",7\r\n', 'sku,lead_time_days\nA,x\n'];

/** Random order files with quoted, multi-byte and CR LF lines (fixed seed). */
function randomOrders(seed: number): string {
  const g = new RandomStream([seed, 'csv-streaming']);
  const names = ['A', 'Bé', '"C,1"', '€', '𝄞', '"x ""y"""'];
  const lines = ['date,sku,quantity,order_id'];
  for (let i = 0; i < 60; i++) lines.push(`2011-0${1 + g.int(9)}-1${g.int(10)},${names[g.int(names.length)]},${1 + g.int(20)},${g.int(3) === 0 ? `"o${i}\n"` : `o${i}`}${g.int(4) === 0 ? '\r' : ''}`);
  return lines.join('\n') + (g.int(2) === 0 ? '\n' : '');
}

describe('streamed CSV reading', () => {
  const cases: [keyof typeof READERS, string | Buffer][] = [
    ...ORDERS.map((t): [keyof typeof READERS, string] => ['orders', t]),
    ...[1, 2, 3].map((s): [keyof typeof READERS, string] => ['orders', randomOrders(s)]),
    ...DAILY.map((t): [keyof typeof READERS, string] => ['daily', t]),
    ...LEAD.map((t): [keyof typeof READERS, string] => ['leadTimes', t]),
    // invalid UTF-8: a lone continuation byte, and a character cut by the end of the file
    ['orders', Buffer.concat([Buffer.from('date,sku,quantity,order_id\n2011-01-04,A'), Buffer.from([0x80]), Buffer.from(',3,o1\n')])],
    ['orders', Buffer.concat([Buffer.from('date,sku,quantity,order_id\n2011-01-04,A,3,o1\n2011-01-05,B'), Buffer.from([0xe2, 0x82])])],
  ];
  it('gives the same result or error as the whole text, for chunks of 1 byte to 4 MiB', () => {
    const saved = csvReading.chunkBytes;
    const warned: string[] = [];
    const emit = inputWarnings.emit;
    inputWarnings.emit = (m) => void warned.push(m);
    try {
      cases.forEach(([reader, content], i) => {
        const path = join(dir, `case-${i}.csv`);
        writeFileSync(path, content);
        const bytes = Buffer.from(content);
        const whole = outcome(() => READERS[reader].text(decodeUtf8(bytes, path), path));
        if (i < 3 || (i >= ORDERS.length && i < ORDERS.length + 3)) expect(whole, `case ${i} reads`).toHaveProperty('value');
        for (const chunk of [1, 2, 3, 5, 7, 11, 64, 4 * 2 ** 20]) {
          csvReading.chunkBytes = chunk;
          expect(outcome(() => READERS[reader].file(path)), `case ${i} (${reader}), chunks of ${chunk} bytes`).toEqual(whole);
        }
      });
    } finally {
      csvReading.chunkBytes = saved;
      inputWarnings.emit = emit;
    }
  });

  it('names the byte offset of the first invalid byte in the file, whatever the chunk size', () => {
    const path = join(dir, 'bad-utf8.csv');
    writeFileSync(path, Buffer.concat([Buffer.from('date,sku,quantity\n2011-01-04,Aé'), Buffer.from([0xff]), Buffer.from(',3\n')]));
    const saved = csvReading.chunkBytes;
    try {
      for (const chunk of [1, 4, 4 * 2 ** 20]) {
        csvReading.chunkBytes = chunk;
        expect(() => readOrdersCsv(path)).toThrow(/bad-utf8\.csv: not valid UTF-8 text \(byte offset 32: 0xff\)/);
      }
    } finally {
      csvReading.chunkBytes = saved;
    }
  });

  it('a missing file is named', () => {
    expect(() => readOrdersCsv(join(dir, 'nope.csv'))).toThrow(/nope\.csv: cannot read file \(ENOENT\)/);
  });
});

describe('duplicated header names', () => {
  it('an unused duplicate is a warning naming file and column; a used one is an error', () => {
    const warned: string[] = [];
    const emit = inputWarnings.emit;
    inputWarnings.emit = (m) => void warned.push(m);
    try {
      const r = parseOrdersCsv('date,sku,quantity,note,note\n2011-01-04,A,3,x,y\n', 'dup.csv');
      expect(r.skus).toEqual(['A']);
      expect(warned).toEqual(["dup.csv: row 1: column 'note' appears 2 times in the header (columns 4, 5); it is not used, so the file is read, but check the export"]);
      expect(() => parseOrdersCsv('date,sku,sku,quantity\n2011-01-04,A,A,3\n', 'dup.csv')).toThrow(/dup\.csv: row 1: column 'sku' appears twice in the header \(columns 2 and 3\)/);
    } finally {
      inputWarnings.emit = emit;
    }
  });

  it('through the CLI the warning goes to stderr and the run succeeds', async () => {
    const path = join(dir, 'dup-orders.csv');
    const lines = ['date,sku,quantity,comment,comment'];
    for (let d = 1; d <= 28; d++) lines.push(`2011-02-${String(d).padStart(2, '0')},A,${1 + (d % 4)},,`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    const r = await runCli(['policy', '--orders', path, '--lead-time-mean', '5', '--target', '0.9']);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`invlab: warning: ${path}: row 1: column 'comment' appears 2 times in the header (columns 4, 5)`);
  });
});
