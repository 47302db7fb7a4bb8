/**
 * The bootstrap and the moment-fitted gamma / negative binomial safety stocks
 * (src/forecast/safety-stock.ts, lead-time-dist.ts): distribution functions against base R
 * (test/fixtures/forecast/lead-time-dist.R → lead-time-dist-reference.csv, 15 significant
 * digits), the tracker's safety stock derived by hand, and calibration (coverage of each nominal
 * quantile) on i.i.d. demand with fixed seeds, within 4 binomial standard errors (the bootstrap's
 * own resampling noise, 200 sums per origin, adds a little spread that the 4 se leave room for).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gammaLoss, gammaLossInverse, gammaP, gammaQuantile, negBinLoss, negBinLossInverse, negBinQuantile } from '../../src/forecast/lead-time-dist.ts';
import { ErrorTracker, calibrateMany, validateSafetyStockSpec, type SafetyStockSpec } from '../../src/forecast/safety-stock.ts';
import { SesForecaster } from '../../src/forecast/ses.ts';
import { RandomStream } from '../../src/rng/stream.ts';
import { expectClose } from '../helpers/close.ts';

const ref = readFileSync(new URL('../fixtures/forecast/lead-time-dist-reference.csv', import.meta.url), 'utf8').trim().split('\n').slice(1).map((l) => {
  const [dist, mu, variance, quantity, x, value] = l.split(',');
  return { dist: dist!, mu: Number(mu), variance: Number(variance), quantity: quantity!, x: Number(x), value: Number(value) };
});

describe('moment-fitted lead-time distributions match R', () => {
  it('gamma quantiles (qgamma) and expected shortage (integrate)', () => {
    for (const r of ref.filter((x) => x.dist === 'gamma')) {
      const what = `gamma μ = ${r.mu}, σ² = ${r.variance}, ${r.quantity} at ${r.x}`;
      if (r.quantity === 'quantile') expectClose(gammaQuantile(r.mu, r.variance, r.x), r.value, 1e-9 * (1 + r.value), what);
      else {
        expectClose(gammaLoss(r.mu, r.variance, r.x), r.value, 1e-9 * (1 + r.value), what);
        if (r.value > 1e-9) expectClose(gammaLossInverse(r.mu, r.variance, r.value), r.x, 1e-7 * (1 + r.x), `${what} (inverse)`);
      }
    }
    expectClose(gammaP(1, 2), 1 - Math.exp(-2), 1e-15, 'P(1, x) = 1 − e^(−x)');
  });
  it('negative binomial / Poisson quantiles (qnbinom, qpois) and expected shortage (sums)', () => {
    for (const r of ref.filter((x) => x.dist === 'negbin')) {
      const what = `negbin μ = ${r.mu}, σ² = ${r.variance}, ${r.quantity} at ${r.x}`;
      if (r.quantity === 'quantile') expect(negBinQuantile(r.mu, r.variance, r.x), what).toBe(r.value);
      else {
        expectClose(negBinLoss(r.mu, r.variance, r.x), r.value, 1e-9 * (1 + r.value), what);
        // the loss inverse is the smallest integer S with E(D − S)⁺ ≤ g
        const S = negBinLossInverse(r.mu, r.variance, r.value);
        expect(negBinLoss(r.mu, r.variance, S), `${what} (inverse)`).toBeLessThanOrEqual(r.value * (1 + 1e-12));
        if (S > 0) expect(negBinLoss(r.mu, r.variance, S - 1)).toBeGreaterThan(r.value);
      }
    }
  });
});

/** Feed a tracker errors e (with forecast F(H) = f each period, H = 1: e_t = y_t − f). */
function trackerWith(spec: SafetyStockSpec, H: number, ys: number[], f: number): ErrorTracker {
  const t = new ErrorTracker(H, spec);
  for (const y of ys) t.record(y, f);
  return t;
}

describe('safety stock by hand', () => {
  const target = { metric: 'cycleServiceLevel', value: 0.9 } as const;
  it('gamma / negbin: SS = Q(p) − μ with μ = the latest F(H) and σ² = the sample variance of the errors', () => {
    // H = 1, forecast 10 every period, y = 10, 6, 14, 8, 12, 10 → the errors y_{t+1} − F_t(1) of
    // the origins 1..5 are −4, 4, −2, 2, 0: mean 0, sample variance 40/4 = 10
    const ys = [10, 6, 14, 8, 12, 10];
    const g = trackerWith({ method: 'gamma', minErrors: 2 }, 1, ys, 10);
    expectClose(g.safetyStock(target, 0), gammaQuantile(10, 10, 0.9) - 10, 1e-12, 'gamma');
    const nb = trackerWith({ method: 'negbin', minErrors: 2 }, 1, ys, 10);
    // σ² = μ = 10: the Poisson(10); its 0.9-quantile is 14 (P(D ≤ 13) = 0.8645, P(D ≤ 14) = 0.9165)
    expect(nb.safetyStock(target, 0)).toBe(4);
    const fill = { metric: 'fillRate', value: 0.95 } as const;
    expectClose(g.safetyStock(fill, 10), gammaLossInverse(10, 10, 0.5) - 10, 1e-12, 'gamma, fill rate (expected shortage 0.05·10)');
    expect(nb.safetyStock(fill, 10)).toBe(negBinLossInverse(10, 10, 0.5) - 10);
  });
  it('bootstrap: one block of the whole window is the sum of the errors; constant errors sum to H·c', () => {
    // H = 3, block 3, window 3: the only block is the last three one-step errors
    const b = new ErrorTracker(3, { method: 'bootstrap', block: 3, window: 3, minErrors: 2, replicates: 50 });
    const ys = [5, 7, 4, 9, 6];
    // F(1) = 5 every period → one-step errors of periods 2..5: 2, −1, 4, 1; the window keeps −1, 4, 1
    for (const y of ys) b.record(y, 15, 5);
    expect(b.safetyStock(target, 0)).toBe(4);
    const c = new ErrorTracker(4, { method: 'bootstrap', minErrors: 2, replicates: 20 });
    for (let t = 0; t < 10; t++) c.record(7, 4 * 5, 5);
    expect(c.safetyStock(target, 0)).toBe(8);
  });
  it('validation: bootstrap-only keys on other methods are errors', () => {
    expect(() => validateSafetyStockSpec({ method: 'gamma', replicates: 100 })).toThrow(/replicates applies to the method 'bootstrap' only/);
    expect(() => validateSafetyStockSpec({ method: 'bootstrap', replicates: 5 })).toThrow(/replicates must be ≥ 10/);
    expect(validateSafetyStockSpec({ method: 'negbin' }).method).toBe('negbin');
  });
});

function demand(kind: 'poisson' | 'exponential', n: number): number[] {
  const rng = new RandomStream([20261201, 'ss-methods', kind]);
  return Array.from({ length: n }, () => (kind === 'poisson' ? rng.poisson(4) : 50 * rng.exponential()));
}

describe('calibration: coverage of each nominal quantile (6,000 periods, H = 1, SES α = 0.05)', () => {
  const nominals = [0.8, 0.9, 0.95];
  const cases: [SafetyStockSpec['method'], 'poisson' | 'exponential'][] = [
    ['bootstrap', 'exponential'], ['gamma', 'exponential'], ['negbin', 'poisson'], ['bootstrap', 'poisson'],
  ];
  for (const [method, kind] of cases) {
    it(`${method} on ${kind} demand`, () => {
      const spec: SafetyStockSpec = method === 'bootstrap' ? { method, window: 2000, minErrors: 50, replicates: 200 } : { method, window: 2000, minErrors: 50 };
      const res = calibrateMany(demand(kind, 6000), new SesForecaster(0.05), spec, 1, nominals);
      for (const r of res) {
        const se = Math.sqrt((r.nominal * (1 - r.nominal)) / r.origins);
        console.info(`${method} on ${kind}: nominal ${r.nominal}, coverage ${r.coverage.toFixed(4)} (se ${se.toFixed(4)}), mean SS ${r.meanSafetyStock.toFixed(2)}`);
        // integer demand: a level between integers covers the integer below it as well, so the
        // coverage of a discrete quantile is at least nominal; continuous demand: equal to it
        if (kind === 'poisson') expect(r.coverage).toBeGreaterThanOrEqual(r.nominal - 4 * se);
        else expect(Math.abs(r.coverage - r.nominal)).toBeLessThanOrEqual(4 * se);
      }
    });
  }
});
