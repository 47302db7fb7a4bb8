/**
 * Croston with optimised smoothing (src/forecast/croston-opt.ts). R's forecast::croston has a
 * fixed α, so it checks the fixed part (in-sample forecasts and their MSE at α = 0.05 … 1,
 * test/fixtures/forecast/croston.R → croston-reference.csv, 15 significant digits); the optima
 * are derived by hand below, and checked against a fine grid.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CrostonForecaster } from '../../src/forecast/croston.ts';
import { CrostonOptForecaster, crostonCost, crostonInSample, optimiseCroston } from '../../src/forecast/croston-opt.ts';
import { createForecaster, validateForecasterSpec } from '../../src/forecast/spec.ts';
import { expectClose } from '../helpers/close.ts';

const dir = new URL('../fixtures/forecast/', import.meta.url);
const rows = (f: string): string[][] => readFileSync(new URL(f, dir), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const valuesOf = (file: string, name: string): number[] => rows(file).filter((r) => r[0] === name).map((r) => Number(r[2]));
const inputs: Record<string, number[]> = { intermittent: valuesOf('series.csv', 'intermittent'), intermittent365: valuesOf('ets-series.csv', 'intermittent365') };
const ref = rows('croston-reference.csv').map(([s, a, q, i, v]) => ({ series: s!, alpha: Number(a), q: q!, i: Number(i), v: v === 'NA' ? NaN : Number(v) }));

describe('Croston in-sample forecasts and MSE match forecast::croston (R)', () => {
  for (const [name, y] of Object.entries(inputs)) {
    it(name, () => {
      const mses = ref.filter((r) => r.series === name && r.q === 'mse');
      expect(mses.length).toBe(20);
      for (const r of mses) {
        const f = crostonInSample(y, r.alpha, r.alpha);
        expectClose(crostonCost(y, f, 'mse'), r.v, 1e-13 * r.v, `${name} MSE at α = ${r.alpha}`);
        for (const fr of ref.filter((x) => x.series === name && x.q === 'fitted' && x.alpha === r.alpha)) {
          if (Number.isNaN(fr.v)) expect(f[fr.i - 1]).toBeNaN();
          else expectClose(f[fr.i - 1]!, fr.v, 1e-13 * (1 + fr.v), `${name} fitted[${fr.i}] at α = ${r.alpha}`);
        }
      }
    });
  }
});

describe('optimised α, derived by hand on y = 2, 0, 6, 0, 5', () => {
  // In-sample forecasts: f_2 = f_3 = 2 (first demand 2 after an interval of 1); after y_3 = 6
  // (interval 2) z = 2 + 4α, p = 1 + α, so f_4 = f_5 = f(α) = (2 + 4α)/(1 + α), increasing in α.
  const y = [2, 0, 6, 0, 5];
  it('MSE: mean of 4, 16, f², (5 − f)² is least at f = 2.5, i.e. α = 1/3, MSE = 8.125', () => {
    const o = optimiseCroston(y, { cost: 'mse' });
    expectClose(o.alphaSize, 1 / 3, 1e-6, 'α (golden section to 1e-7)');
    expectClose(o.cost, 8.125, 1e-10, 'MSE at the optimum');
  });
  it('MSR (Kourentzes 2014): rates r = 1, 1, 8/3, 2, 2.6 (the first ⌈0.3·5⌉ = 2 held at r_2); least at f = 2.3, α = 3/17', () => {
    const o = optimiseCroston(y, { cost: 'msr' });
    expectClose(o.alphaSize, 3 / 17, 1e-6, 'α');
    expectClose(o.cost, 1 + 4 / 9 + 2 * 0.3 ** 2, 1e-10, 'Σ (f − r)² at the optimum');
  });
});

describe('optimiser against a fine grid', () => {
  const y = inputs.intermittent365!;
  for (const cost of ['mse', 'mar', 'msr'] as const) {
    it(`${cost}: one α no worse than the best of a 0.001 grid; separate constants no worse than one`, () => {
      const o = optimiseCroston(y, { cost });
      let grid = Infinity;
      for (let i = 0; i <= 1000; i++) grid = Math.min(grid, crostonCost(y, crostonInSample(y, i / 1000, i / 1000), cost));
      // golden section can end in a local minimum next to the 0.01 grid's best point; allow the
      // cost to be no worse than the fine grid's minimum by 1e-9 relative
      expect(o.cost).toBeLessThanOrEqual(grid * (1 + 1e-9));
      const s = optimiseCroston(y, { cost, separate: true });
      expect(s.cost).toBeLessThanOrEqual(o.cost * (1 + 1e-12));
      expectClose(crostonCost(y, crostonInSample(y, s.alphaSize, s.alphaInterval), cost), s.cost, 1e-12 * s.cost, 'reported cost');
    });
  }
});

describe('CrostonOptForecaster online', () => {
  const y = inputs.intermittent365!;
  it('optimises at fitAt, then runs Croston with the optimum one period at a time', () => {
    const f = new CrostonOptForecaster({ fitAt: 200, cost: 'msr', variant: 'sba' });
    for (const v of y) f.update(v);
    const o = optimiseCroston(y.slice(0, 200), { cost: 'msr', variant: 'sba' });
    expect(f.optimum).toEqual(o);
    const c = new CrostonForecaster(o.alphaSize, 'sba', o.alphaInterval);
    for (const v of y) c.update(v);
    expectClose(f.forecast(1), c.forecast(1), 1e-12, 'forecast');
    expectClose(f.cumulative(5), 5 * c.forecast(1), 1e-12, 'cumulative(5)');
  });
  it('is selectable by name', () => {
    const f = createForecaster(validateForecasterSpec({ method: 'crostonOpt', cost: 'mar', separate: true, fitAt: 50 }));
    for (const v of y.slice(0, 60)) f.update(v);
    expect(f.method).toBe('crostonOpt');
    expect(() => validateForecasterSpec({ method: 'crostonOpt', cost: 'mape' })).toThrow(/cost/);
    expect(() => validateForecasterSpec({ method: 'crostonOpt', fitAt: 1 })).toThrow(/fitAt/);
  });
});
