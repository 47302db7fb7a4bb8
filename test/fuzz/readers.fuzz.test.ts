/**
 * Property-based tests (fast-check) of every CSV reader: whatever the text, a reader returns a
 * result whose numbers are all finite, or throws the project's input error naming the file
 * (and, for a bad cell, the row and column). Never another error, never NaN or Infinity.
 */
import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/validate.ts';
import { decodeUtf8, isoDayNumber } from '../../src/io/common-csv.ts';
import { parseOrdersCsv } from '../../src/io/orders-csv.ts';
import { parseDailyDemandCsv } from '../../src/io/daily-demand-csv.ts';
import { parseLeadTimesCsv } from '../../src/io/lead-times-csv.ts';
import { parsePairsCsv } from '../../src/io/pairs-csv.ts';
import { parseSkuClassesCsv } from '../../src/io/sku-classes-csv.ts';
import { firstNonFinite } from '../../src/io/files.ts';

const RUNS = 300;

/** Cells a hostile or careless export contains. */
const cell = fc.oneof(
  fc.constantFrom('', ' ', '0', '1', '-1', '3.5', '1e3', '0x10', '0b11', '1_000', '12abc', 'NaN', 'Infinity', '-Infinity', '1e308', '1e400', '-0', '+4', '.5', '5.', '1e15', '1.0000000001e15', '9007199254740993'),
  fc.constantFrom('2011-01-03', '2011-01-04', '0000-01-01', '0011-05-02', '2011-05-02 garbage', '2011-05-02T10:00:00Z', '2011-02-29', '2012-02-29', '1899-12-31', '2201-01-01', '02/05/2011', '2011-1-3'),
  fc.constantFrom('A', 'B', 'sku', '"quoted, comma"', '"a ""b"""', 'é', '\uFEFF', '\u0000', 'x'.repeat(50)),
  fc.string({ maxLength: 8 }),
  fc.double().map(String),
  fc.integer({ min: -5, max: 1000 }).map(String),
);

/** Valid cells by column kind (most rows are valid, so the success path is exercised too). */
const VALID: Record<string, fc.Arbitrary<string>> = {
  date: fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.UTC(2011, 0, 3 + d)).toISOString().slice(0, 10)),
  sku: fc.constantFrom('A', 'B', 'C', '"D,1"'),
  qty: fc.oneof(fc.integer({ min: 1, max: 500 }).map(String), fc.double({ min: 0.01, max: 1e6, noNaN: true }).map((x) => x.toPrecision(6))),
  flag: fc.constantFrom('0', '1'),
  id: fc.integer({ min: 1, max: 30 }).map(String),
  text: fc.constantFrom('x', 'y', 'smooth', 'lumpy'),
};

/**
 * A CSV text for columns [name, kind]: usually the right header and mostly valid rows, sometimes
 * a shuffled, doubled or short header, nasty cells, short or long rows, blank lines, CRLF.
 */
function csvText(columns: [string, keyof typeof VALID][]): fc.Arbitrary<string> {
  const names = columns.map(([n]) => n);
  const messyHeader = fc.subarray([...names, ...names.slice(0, 1), 'extra'], { minLength: 0 }).chain((h) => fc.shuffledSubarray(h, { minLength: h.length, maxLength: h.length }));
  const header = fc.oneof({ arbitrary: fc.constant(names), weight: 8 }, { arbitrary: messyHeader, weight: 2 });
  const goodRow = fc.tuple(...columns.map(([, k]) => fc.oneof({ arbitrary: VALID[k]!, weight: 19 }, { arbitrary: cell, weight: 1 })));
  const row = fc.oneof({ arbitrary: goodRow, weight: 9 }, { arbitrary: fc.array(cell, { maxLength: names.length + 2 }), weight: 1 });
  const eol = fc.constantFrom('\n', '\r\n');
  return fc.tuple(header, fc.array(row, { maxLength: 12 }), eol, fc.boolean()).map(([h, rows, nl, blank]) => [h.join(','), ...rows.map((r) => r.join(',')), ...(blank ? [''] : [])].join(nl) + nl);
}

/** Run a reader: its result must be finite; an error must be the project's input error naming the file. */
const outcomes = { ok: 0, refused: 0 };

function check(read: () => unknown, file: string): void {
  let result: unknown;
  try {
    result = read();
    outcomes.ok++;
  } catch (e) {
    outcomes.refused++;
    const err = e as Error;
    const isInput = err instanceof InputError || err.name === 'InputError';
    if (!isInput) throw new Error(`not an input error: ${err.name}: ${err.message}\n${err.stack}`);
    expect(err.message.startsWith(`${file}:`), err.message).toBe(true);
    return;
  }
  const bad = firstNonFinite(toPlain(result));
  expect(bad, `non-finite number at ${bad}`).toBeUndefined();
}

/** Typed arrays and maps as plain arrays/objects (for the finiteness walk). */
function toPlain(x: unknown): unknown {
  if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>);
  if (x instanceof Map) return Object.fromEntries([...x.entries()].map(([k, v]) => [String(k), toPlain(v)]));
  if (Array.isArray(x)) return x.map(toPlain);
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, toPlain(v)]));
  return x;
}

describe('fuzz: CSV readers give a finite result or an input error naming the file', () => {
  it('orders', () => {
    fc.assert(fc.property(csvText([['date', 'date'], ['sku', 'sku'], ['quantity', 'qty']]), (t) => check(() => parseOrdersCsv(t, 'f.csv'), 'f.csv')), { numRuns: RUNS });
  });
  it('orders with an order-id and a supplier column', () => {
    fc.assert(fc.property(csvText([['date', 'date'], ['sku', 'sku'], ['quantity', 'qty'], ['order_id', 'id'], ['supplier', 'text']]), (t) => check(() => parseOrdersCsv(t, 'f.csv', { orderId: 'order_id', supplier: 'supplier' }), 'f.csv')), { numRuns: RUNS / 2 });
  });
  it('daily demand', () => {
    fc.assert(fc.property(csvText([['date', 'date'], ['sku', 'sku'], ['quantity', 'qty'], ['is_trading_day', 'flag']]), (t) => check(() => parseDailyDemandCsv(t, 'f.csv'), 'f.csv')), { numRuns: RUNS });
  });
  it('lead times (pooled, keyed, components)', () => {
    fc.assert(fc.property(csvText([['lead_time_days', 'qty'], ['sku', 'sku']]), (t) => check(() => parseLeadTimesCsv(t, 'f.csv'), 'f.csv')), { numRuns: RUNS / 2 });
    fc.assert(fc.property(csvText([['lead_time_days', 'qty'], ['sku', 'sku']]), (t) => check(() => parseLeadTimesCsv(t, 'f.csv', { key: 'sku' }), 'f.csv')), { numRuns: RUNS / 2 });
    fc.assert(fc.property(csvText([['op', 'qty'], ['tr', 'qty'], ['order_id', 'id']]), (t) => check(() => parseLeadTimesCsv(t, 'f.csv', { orderProcessing: 'op', transportation: 'tr', dedupe: 'order_id' }), 'f.csv')), { numRuns: RUNS / 2 });
  });
  it('pairs (cycle and daily layouts)', () => {
    fc.assert(fc.property(csvText([['lead_time', 'qty'], ['average_daily_demand', 'qty']]), (t) => check(() => parsePairsCsv(t, 'f.csv'), 'f.csv')), { numRuns: RUNS / 2 });
    fc.assert(fc.property(csvText([['cycle', 'sku'], ['lead_time', 'flag'], ['demand', 'qty']]), (t) => check(() => parsePairsCsv(t, 'f.csv'), 'f.csv')), { numRuns: RUNS / 2 });
  });
  it('SKU classes', () => {
    fc.assert(fc.property(csvText([['sku', 'id'], ['class', 'text'], ['pattern', 'text']]), (t) => check(() => parseSkuClassesCsv(t, 'f.csv'), 'f.csv')), { numRuns: RUNS / 2 });
  });
  it('exercised both outcomes (accepted and refused inputs)', () => {
    expect(outcomes.ok).toBeGreaterThan(100);
    expect(outcomes.refused).toBeGreaterThan(100);
  });
  it('any bytes: UTF-8 text, or an error naming the offset of the first invalid byte', () => {
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))), fc.tuple(fc.string({ maxLength: 10 }), fc.integer({ min: 0x80, max: 0xff })).map(([s, b]) => new Uint8Array([...Buffer.from(s, 'utf8'), b])));
    fc.assert(
      fc.property(bytes, (b) => {
        try {
          decodeUtf8(b, 'f.csv');
          expect(isUtf8(b)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          const at = Number(/byte offset (\d+)/.exec((e as Error).message)![1]);
          expect(isUtf8(b.subarray(0, at))).toBe(true);
          expect(at).toBeLessThan(b.length);
        }
      }),
      { numRuns: RUNS },
    );
  });
  it('dates: a valid day number only for YYYY-MM-DD in 1900–2200 that round-trips', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 14 }), fc.date({ min: new Date(-70000000000000), max: new Date(9000000000000), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))), (s) => {
        const d = isoDayNumber(s);
        if (Number.isNaN(d)) return;
        const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
        expect(s.slice(0, 10)).toBe(iso);
        expect(Number(iso.slice(0, 4))).toBeGreaterThanOrEqual(1900);
        expect(Number(iso.slice(0, 4))).toBeLessThanOrEqual(2200);
      }),
      { numRuns: RUNS },
    );
  });
});
