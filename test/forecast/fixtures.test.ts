/**
 * Forecasters against R's forecast package (test/fixtures/forecast/generate.R → reference.csv):
 * each forecaster is updated one observation at a time over the series, and after every prefix
 * of n observations its forecasts for h = 1..7 must equal the reference within the reference's
 * printed precision (10 significant digits).
 */
import { describe, it } from 'vitest';
import { createForecaster, type ForecasterSpec } from '../../src/forecast/spec.ts';
import { expectClose } from '../helpers/close.ts';
import { fixtureRows, fixtureSeries } from '../helpers/forecast-fixtures.ts';

const csv = fixtureRows;
const series = fixtureSeries('series.csv');
const reference = csv('reference.csv').map(([s, m, n, h, f]) => ({ series: s!, method: m!, n: Number(n), h: Number(h), forecast: Number(f) }));

const SPECS: Record<string, ForecasterSpec> = {
  naive: { method: 'naive' },
  movingAverage5: { method: 'movingAverage', window: 5 },
  'ses0.2': { method: 'ses', alpha: 0.2 },
  'holt0.3_0.1': { method: 'holt', alpha: 0.3, beta: 0.1 },
  'holtDamped0.3_0.1_0.9': { method: 'holt', alpha: 0.3, beta: 0.1, phi: 0.9 },
  seasonalNaive7: { method: 'seasonalNaive', period: 7 },
  'croston0.1': { method: 'croston', alpha: 0.1 },
  'regression2024-01-29': { method: 'regression', start: '2024-01-29' },
  regressionWeekly: { method: 'regression' },
};

/** half a unit in the 10th significant digit of x (the reference's printed precision) */
const printedTol = (x: number): number => 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(x) || 1)) - 9) * (1 + 1e-6) + 1e-12;

describe('forecasters match forecast 8.20 (R) after every prefix', () => {
  for (const [method, spec] of Object.entries(SPECS)) {
    it(method, () => {
      let checked = 0;
      for (const [name, y] of series) {
        const rows = reference.filter((r) => r.method === method && r.series === name);
        const byN = new Map<number, typeof rows>();
        for (const r of rows) byN.set(r.n, [...(byN.get(r.n) ?? []), r]);
        const f = createForecaster(spec);
        for (let n = 1; n <= y.length; n++) {
          f.update(y[n - 1]!);
          for (const r of byN.get(n) ?? []) {
            expectClose(f.forecast(r.h), r.forecast, printedTol(r.forecast), `${method} on ${name}, n = ${n}, h = ${r.h}`);
            checked++;
          }
          const rs = byN.get(n);
          if (rs !== undefined && rs.length === 7) {
            const sum = rs.reduce((a, r) => a + r.forecast, 0);
            expectClose(f.cumulative(7), sum, rs.reduce((a, r) => a + printedTol(r.forecast), 0), `${method} cumulative(7) on ${name}, n = ${n}`);
          }
        }
      }
      if (checked < 100) throw new Error(`${method}: only ${checked} reference values checked`);
    });
  }
});
