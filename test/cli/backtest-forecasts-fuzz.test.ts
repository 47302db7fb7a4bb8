/**
 * Property-based test (fast-check, seeded globally) of the forecasts reader used by `invlab
 * backtest --forecasts` (src/io/forecasts-csv.ts): whatever the text, it returns forecasts whose
 * numbers are all finite with quantiles ≥ 0 and non-decreasing in the level, or throws the
 * project's input error naming the file. Never another error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/validate.ts';
import { parseForecastsCsv } from '../../src/io/forecasts-csv.ts';

const cell = fc.oneof(
  fc.constantFrom('', ' ', '0', '1', '-1', '3.5', '1e3', '0x10', 'NaN', 'Infinity', '1e400', '-0', '.5', '1.5', '10001', '2011-01-03', '2011-02-29', '0000-01-01', 'A', '"q, 1"'),
  fc.string({ maxLength: 6 }),
  fc.double().map(String),
);
const valid = {
  sku: fc.constantFrom('A', 'B', '"C,1"'),
  origin: fc.integer({ min: 0, max: 20 }).map((d) => new Date(Date.UTC(2011, 0, 3 + d)).toISOString().slice(0, 10)),
  horizon: fc.integer({ min: 1, max: 5 }).map(String),
  point: fc.double({ min: -5, max: 100, noNaN: true }).map((x) => x.toPrecision(5)),
  q: fc.integer({ min: 0, max: 40 }).map(String),
  method: fc.constantFrom('ses', 'naive'),
};
type Kind = keyof typeof valid;

function csv(columns: [string, Kind][]): fc.Arbitrary<string> {
  const row = fc.tuple(...columns.map(([, k]) => fc.oneof({ arbitrary: valid[k], weight: 15 }, { arbitrary: cell, weight: 1 })));
  return fc.array(row, { maxLength: 12 }).map((rows) => [columns.map(([n]) => n).join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
}

function check(text: string, method?: string): void {
  let t;
  try {
    t = parseForecastsCsv(text, 'f.csv', {}, method);
  } catch (e) {
    const err = e as Error;
    if (!(err instanceof InputError)) throw new Error(`not an input error: ${err.name}: ${err.message}`);
    expect(err.message.startsWith('f.csv:'), err.message).toBe(true);
    return;
  }
  for (const s of t.bySku.values()) {
    for (const o of s.origins.values()) {
      o.point.forEach((x) => expect(Number.isFinite(x)).toBe(true));
      o.point.forEach((_, h) => {
        for (let i = 0; i < t.levels.length; i++) {
          const q = o.quantiles[i]![h]!;
          expect(Number.isFinite(q) && q >= 0).toBe(true);
          if (i > 0) expect(q).toBeGreaterThanOrEqual(o.quantiles[i - 1]![h]!);
        }
      });
    }
  }
}

describe('fuzz: the forecasts reader gives finite, ordered forecasts or an input error naming the file', () => {
  it('with quantile columns', () => {
    fc.assert(fc.property(csv([['sku', 'sku'], ['origin', 'origin'], ['horizon', 'horizon'], ['point', 'point'], ['q0.9', 'q'], ['q0.95', 'q']]), (t) => check(t)), { numRuns: 300 });
  });
  it('with a method column, one method chosen', () => {
    fc.assert(fc.property(csv([['method', 'method'], ['sku', 'sku'], ['origin', 'origin'], ['horizon', 'horizon'], ['point', 'point']]), (t) => check(t, 'ses')), { numRuns: 200 });
  });
});
