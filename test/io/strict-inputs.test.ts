/** Strict parsing of numbers, dates, text encodings and JSON documents (src/core, src/io). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError, nearestName, parseDecimal } from '../../src/core/validate.ts';
import { parseWithSchema } from '../../src/core/schema.ts';
import { decodeUtf8, isoDayNumber, MAX_INPUT_MAGNITUDE } from '../../src/io/common-csv.ts';
import { parseOrdersCsv } from '../../src/io/orders-csv.ts';
import { parseDemandSpec, parseSimulateSpec, simulateSpecJsonSchema } from '../../src/io/schemas.ts';
import { jsonOption, readJsonFile } from '../../src/io/json-input.ts';

describe('parseDecimal: plain decimal numbers only', () => {
  it.each([
    ['12', 12],
    ['-3.5', -3.5],
    ['+4', 4],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
  ])('%s → %d', (t, x) => expect(parseDecimal(t)).toBe(x));
  it.each(['0x10', '0b11', '0o7', '', ' ', '12abc', '1 2', 'Infinity', 'NaN', '1e400', '1_000', '--1', 'e3'])('%j → NaN', (t) => expect(parseDecimal(t)).toBeNaN());
});

describe('isoDayNumber: strict YYYY-MM-DD with a year in 1900–2200', () => {
  it('reads valid dates and well-formed times', () => {
    expect(isoDayNumber('1970-01-02')).toBe(1);
    expect(isoDayNumber('2011-05-02T10:00:00Z')).toBe(isoDayNumber('2011-05-02'));
    expect(isoDayNumber('2011-05-02 10:00')).toBe(isoDayNumber('2011-05-02'));
    expect(isoDayNumber('1900-01-01')).toBe(Date.UTC(1900, 0, 1) / 86_400_000);
    expect(isoDayNumber('2200-12-31')).toBe(Date.UTC(2200, 11, 31) / 86_400_000);
  });
  it.each(['0000-01-01', '0011-05-02', '1899-12-31', '2201-01-01', '2011-05-02 garbage', '2011-05-02T', '2011-02-29', '2011-5-2', '2011-05-02x'])('rejects %j', (s) => expect(isoDayNumber(s)).toBeNaN());
});

describe('UTF-8 input', () => {
  it('names the byte offset of the first invalid byte', () => {
    expect(() => decodeUtf8(new Uint8Array([0x61, 0x62, 0xc3, 0x28]), 'f.csv')).toThrow(/f\.csv: not valid UTF-8 text \(byte offset 2: 0xc3\)/);
    expect(() => decodeUtf8(new Uint8Array([0x61, 0xe2, 0x82]), 'f.csv')).toThrow(/byte offset 1/);
    expect(decodeUtf8(new Uint8Array(Buffer.from('SKU é ✓', 'utf8')), 'f.csv')).toBe('SKU é ✓');
  });
  it('two SKUs differing only in a bad byte are not merged: the file is refused', () => {
    const bytes = Buffer.concat([Buffer.from('date,sku,quantity\n2011-01-03,A'), Buffer.from([0xe9]), Buffer.from(',1\n2011-01-03,A'), Buffer.from([0xe8]), Buffer.from(',1\n')]);
    expect(() => parseOrdersCsv(decodeUtf8(bytes, 'f.csv'), 'f.csv')).toThrow(InputError);
  });
});

describe('overflow at the boundary', () => {
  it('quantities whose squares would overflow are refused naming file, row, column and the limit', () => {
    expect(() => parseOrdersCsv('date,sku,quantity\n2011-01-03,A,5\n2011-01-04,A,1.5e154\n', 'o.csv')).toThrow(new RegExp(`o\\.csv: row 3, column 'quantity': must be at most ${MAX_INPUT_MAGNITUDE} in magnitude`));
    const ok = parseOrdersCsv(`date,sku,quantity\n2011-01-03,A,${MAX_INPUT_MAGNITUDE}\n2011-01-04,A,${MAX_INPUT_MAGNITUDE}\n`, 'o.csv');
    expect(Number.isFinite(ok.sumSquares[0]!)).toBe(true);
  });
});

describe('schemas: unknown keys with suggestions, wrong types with the JSON path', () => {
  it('nearestName suggests close names only', () => {
    expect(nearestName('replication', ['replications', 'seed'])).toBe('replications');
    expect(nearestName('holdng', ['holding', 'shortage'])).toBe('holding');
    expect(nearestName('zzz', ['holding', 'shortage'])).toBeUndefined();
  });
  it('messages name the source and the path', () => {
    expect(() => parseSimulateSpec({ costs: { holding: '1' } }, 's.json')).toThrow(/s\.json: costs\.holding must be a number, got the string "1"/);
    expect(() => parseSimulateSpec({ demand: { kind: 'poisson', mean: 1, means: 2 } }, 's.json')).toThrow(/unknown key 'means' in demand; did you mean 'mean'\?/);
    expect(() => parseSimulateSpec([], 's.json')).toThrow(/s\.json: the value must be an object, got an array/);
    expect(() => parseSimulateSpec({ shortage: 'lost' }, 's.json')).toThrow(/shortage must be one of "backorder", "lostSales", got the string "lost"/);
    expect(() => parseSimulateSpec({ replications: 1.5 }, 's.json')).toThrow(/replications must be a whole number, got 1\.5/);
    expect(() => parseDemandSpec({ kind: 'empirical', values: [1, 'x'] }, '--demand')).toThrow(/--demand: values\[1\] must be a number, got the string "x"/);
    expect(() => parseWithSchema(z.strictObject({ a: z.number() }), { b: 1 }, 'x')).toThrow(InputError);
  });
  // after a schema change, regenerate with:
  // npx tsx -e "import('./src/io/schemas.ts').then((m) => require('node:fs').writeFileSync('src/io/simulate-spec.schema.json', JSON.stringify(m.simulateSpecJsonSchema(), null, 2) + '\\n'))"
  it('the published JSON Schema of a --spec file is the one the reader uses', () => {
    const published = JSON.parse(readFileSync(new URL('../../src/io/simulate-spec.schema.json', import.meta.url), 'utf8'));
    expect(published).toEqual(simulateSpecJsonSchema());
  });
  it('JSON options: inline text, @file, errors name the option', () => {
    expect(jsonOption('--demand', '{"kind":"poisson","mean":2}')).toEqual({ kind: 'poisson', mean: 2 });
    expect(() => jsonOption('--demand', '{kind:1}')).toThrow(/--demand: not valid JSON .*; give JSON text or @file/);
    expect(() => jsonOption('--demand', '@/nonexistent/d.json')).toThrow(/--demand \/nonexistent\/d\.json: cannot read file \(ENOENT: no such file\)/);
    expect(() => readJsonFile('/nonexistent/p.json', '--params')).toThrow(InputError);
  });
});
