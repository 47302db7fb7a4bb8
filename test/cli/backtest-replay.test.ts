/**
 * Pieces of the forecast replay (src/cli/commands/backtest-replay.ts) by hand: the error window (ErrorTracker),
 * the safety stock from quantile columns, and the replay plan (first review, warm-up, reviews).
 */
import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/core/normal.ts';
import { levelCoverage, planSku, quantileSafetyStock, replayForecasts, type ReplaySettings } from '../../src/cli/commands/backtest-replay.ts';
import type { SkuForecasts } from '../../src/io/forecasts-csv.ts';
import { ErrorTracker } from '../../src/forecast/safety-stock.ts';
import { expectClose } from '../helpers/close.ts';

const EPS = 1e-12;
const csl = (value: number) => ({ metric: 'cycleServiceLevel' as const, value });

// The replay's error window is src/forecast/safety-stock.ts's ErrorTracker fed with the errors the replay resolves (addError).
describe('ErrorTracker fed by the replay (addError)', () => {
  const tracker = (window: number, method: 'empirical' | 'normal', minErrors: number, xs: number[]): ErrorTracker => {
    const e = new ErrorTracker(1, { method, window, minErrors });
    for (const x of xs) e.addError(x);
    return e;
  };
  it('keeps the last `window` errors: after 5, 1, 3, 2 with window 3 the median is 2 and the sd 1', () => {
    const e = tracker(3, 'empirical', 2, [5, 1, 3, 2]);
    expect(e.size).toBe(3);
    expect(e.safetyStock(csl(0.5), 0)).toBe(2);
    expectClose(tracker(3, 'normal', 2, [5, 1, 3, 2]).safetyStock(csl(0.95), 0), normalQuantile(0.95) * 1, EPS, 'Φ⁻¹(0.95)·sd(1, 3, 2)');
    expect(tracker(3, 'empirical', 4, [5, 1, 3, 2]).safetyStock(csl(0.95), 0)).toBe(0); // fewer errors than minErrors
  });
  it('fill rate: the x with mean((e − x)⁺) = (1 − β)·F(R)', () => {
    const e = tracker(10, 'empirical', 2, [0, 2, 4]);
    // β = 0.9, F(R) = 10: g = 1; mean((e − x)⁺) = 1 at x = 2 (only 4 exceeds: (4 − 2)/3 = 2/3 < 1), so x with (2 − x)/3 + (4 − x)/3 = 1 → x = 1.5
    expectClose(e.safetyStock({ metric: 'fillRate', value: 0.9 }, 10), 1.5, EPS, 'empirical loss inverse');
  });
});

describe('quantileSafetyStock', () => {
  const o = { row: 2, point: [2, 2, 2], quantiles: [[5, 6, 2]] };
  it('independent: √(3² + 4² + 0²) = 5; comonotone: 3 + 4 + 0 = 7', () => {
    expectClose(quantileSafetyStock(o, 0, 3, 'independent'), 5, EPS, 'independent');
    expect(quantileSafetyStock(o, 0, 3, 'comonotone')).toBe(7);
    expect(quantileSafetyStock(o, 0, 2, 'comonotone')).toBe(7); // only horizons 1..H
  });
});

describe('planSku', () => {
  const settings: ReplaySettings = { leadTime: 1, leadTimeSd: 0, review: 3, target: csl(0.9), safetyStock: 'empirical', combine: 'independent', levelIndex: -1, replications: 1, seed: 1, window: 1000, minErrors: 10 };
  const history = { sku: 'A', firstDay: 100, quantities: Array.from({ length: 20 }, () => 1) };
  const forecasts = (days: number[]): SkuForecasts => ({ firstRow: 2, origins: new Map(days.map((d) => [d, { row: 2, point: [1, 1, 1, 1], quantiles: [] }])) });
  it('first review: the first origin with R − 1 days before it; replay from R − 1 days earlier; reviews every R days before the last day', () => {
    const p = planSku(history, forecasts([100, 101, 102, 105, 108, 111, 114, 117]), settings, 'f.csv');
    expect(p).toEqual({ sku: 'A', start: 100, firstReview: 102, end: 119, reviews: 6, horizon: 17 });
  });
  it('a missing review date names the SKU and the date', () => {
    expect(() => planSku(history, forecasts([102, 105, 111]), settings, 'f.csv')).toThrow(/f\.csv: missing origin: SKU 'A' has no forecast made on 1970-04-19/);
  });
});

describe('no look-ahead', () => {
  it('changing the demand after a review day leaves every level set up to that day unchanged', () => {
    const s: ReplaySettings = { leadTime: 2, leadTimeSd: 0, review: 2, target: csl(0.9), safetyStock: 'empirical', combine: 'independent', levelIndex: -1, replications: 1, seed: 1, window: 1000, minErrors: 2 };
    const y = Array.from({ length: 40 }, (_, i) => (i * 7) % 5);
    const f: SkuForecasts = { firstRow: 2, origins: new Map(Array.from({ length: 40 }, (_, d) => [d, { row: 2, point: [1.5, 1.5, 1.5, 1.5], quantiles: [] }])) };
    const base = { sku: 'A', firstDay: 0, quantities: y };
    const plan = planSku(base, f, s, 'f.csv');
    const a = replayForecasts(base, f, plan, s);
    const z = y.map((q, d) => (d > 25 ? q + 10 : q));
    const b = replayForecasts({ ...base, quantities: z }, f, plan, s);
    const upTo = a.levels.filter((_, k) => plan.firstReview + 2 * k <= 25).length; // reviews on days 1, 3, …, 25
    expect(upTo).toBe(13);
    expect(b.levels.slice(0, upTo)).toEqual(a.levels.slice(0, upTo));
    expect(b.levels.slice(upTo)).not.toEqual(a.levels.slice(upTo)); // later levels do learn from the new errors
  });
});

describe('levelCoverage', () => {
  it('share of reviews whose next H days of demand stayed ≤ the level; reviews whose H days pass the end are not judged', () => {
    const h = { sku: 'A', firstDay: 0, quantities: [1, 2, 3, 4, 5] };
    // r = 0: 2 + 3 = 5 ≤ 5 covered; r = 2: 4 + 5 = 9 > 8 not; r = 3: beyond the end (day 4)
    expect(levelCoverage(h, [0, 2, 3], [5, 8, 100], 2, 4)).toBe(0.5);
    expect(levelCoverage(h, [3], [100], 2, 4)).toBeNaN();
  });
});
