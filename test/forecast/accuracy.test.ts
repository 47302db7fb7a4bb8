/**
 * Accuracy measures computed by hand on tiny series (src/forecast/accuracy.ts): MASE (Hyndman &
 * Koehler 2006), RMSSE and the scaled pinball loss (M5: Makridakis, Spiliotis & Assimakopoulos
 * 2022), the empirical error quantiles, and the FVA summary.
 */
import { describe, expect, it } from 'vitest';
import { originsOf, pinballLoss, quantileSorted7, rollingOrigin, sbcClassAt, seriesAccuracy, summarizeAccuracy, validateRollingOrigin, type AccuracyRecord, type SeriesAccuracy } from '../../src/forecast/accuracy.ts';
import { NaiveForecaster } from '../../src/forecast/naive.ts';
import { SesForecaster } from '../../src/forecast/ses.ts';
import { expectClose } from '../helpers/close.ts';

const EPS = 1e-12;

describe('quantileSorted7 and pinballLoss', () => {
  it('type-7 quantiles as R quantile(type = 7)', () => {
    // R: quantile(c(1, 2, 3, 4, 10), c(0, 0.5, 0.9, 1), type = 7) = 1, 3, 7.6, 10
    const a = [1, 2, 3, 4, 10];
    [1, 3, 7.6, 10].forEach((r, i) => expectClose(quantileSorted7(a, 5, [0, 0.5, 0.9, 1][i]!), r, EPS, `type 7, p = ${[0, 0.5, 0.9, 1][i]}`));
    expect(quantileSorted7(a, 0, 0.5)).toBeNaN();
  });
  it('pinball loss: u·(y − q) above, (1 − u)·(q − y) below', () => {
    expectClose(pinballLoss(5, 1, 0.9), 3.6, EPS, 'above');
    expectClose(pinballLoss(1, 5, 0.9), 0.4, EPS, 'below');
    expect(pinballLoss(2, 2, 0.3)).toBe(0);
  });
});

describe('rolling origin on y = 0, 2, 4, 0, 3, 5, 1 with the naive forecast, H = 2, origins from t = 4', () => {
  const y = [0, 2, 4, 0, 3, 5, 1];
  const s = { horizon: 2, minTrain: 4, every: 1, quantiles: [0.5], minErrors: 1 };
  const origins = rollingOrigin(y, new NaiveForecaster(), s);
  it('origins t = 4..7, actuals NaN beyond the history', () => {
    expect(origins.map((o) => o.t)).toEqual([4, 5, 6, 7]);
    expect(originsOf(7, s)).toEqual([4, 5, 6, 7]);
    expect(Array.from(origins[0]!.point)).toEqual([0, 0]);
    expect(Array.from(origins[0]!.actual)).toEqual([3, 5]);
    expect(origins[2]!.actual[1]).toBeNaN();
  });
  it('scale from the first non-zero demand: s1 = (|4 − 2| + |0 − 4|)/2 = 3, s2 = (4 + 16)/2 = 10 at t = 4', () => {
    expect(origins[0]!.scaleAbs).toBe(3);
    expect(origins[0]!.scaleSq).toBe(10);
    expectClose(origins[1]!.scaleSq, 29 / 3, EPS, 's2 at t = 5');
  });
  it('median of past h-step errors: h = 1 errors {2, 2, −4} → 2; h = 2 errors {4, −2} → 1 (type 7)', () => {
    expect(Array.from(origins[0]!.quantiles[0]!)).toEqual([2, 1]);
  });
  it('MASE = mean of 4/3 and 2/3 = 1; RMSSE = (√1.7 + √(12/29))/2; ME = 2; sME = 2/3; SPL_0.5 by hand', () => {
    const a = seriesAccuracy(origins, [0.5]);
    expect(a.origins).toBe(2);
    expectClose(a.mase, 1, EPS, 'MASE');
    expectClose(a.rmsse, (Math.sqrt(1.7) + Math.sqrt(12 / 29)) / 2, EPS, 'RMSSE');
    expectClose(a.me, 2, EPS, 'ME');
    expectClose(a.mae, 3, EPS, 'MAE');
    expectClose(a.sme, 2 / 3, EPS, 'sME');
    // t = 4: q = (2, 1), actuals (3, 5): (0.5·1 + 0.5·4)/2/3 = 5/12; t = 5: errors h=1 {2,2,−4,3} → median 2, q1 = 5;
    // h = 2 errors {4, −2, −1} → median −1, q2 = 2; actuals (5, 1): (0 + 0.5·1)/2/3 = 1/12 → SPL = (5/12 + 1/12)/2 = 1/4
    expectClose(a.spl[0]!, 0.25, EPS, 'SPL_0.5');
  });
  it('seasonal naive scale (m = 2): differences y_i − y_{i−2} from the first non-zero demand', () => {
    const o = rollingOrigin(y, new NaiveForecaster(), { ...s, scalePeriod: 2 });
    // first non-zero at index 1; i = 3: |0 − 2| = 2 → s1 = 2 at t = 4; t = 5 adds |3 − 4| = 1 → 1.5
    expect(o[0]!.scaleAbs).toBe(2);
    expect(o[1]!.scaleAbs).toBe(1.5);
  });
  it('no look-ahead: changing the demand after an origin leaves its forecasts and quantiles unchanged', () => {
    const z = [...y.slice(0, 4), 100, 0, 50];
    const o2 = rollingOrigin(z, new NaiveForecaster(), s);
    expect(Array.from(o2[0]!.point)).toEqual(Array.from(origins[0]!.point));
    expect(Array.from(o2[0]!.quantiles[0]!)).toEqual(Array.from(origins[0]!.quantiles[0]!));
  });
  it('too few errors: quantiles NaN; normal quantiles = F + mean + z·sd', () => {
    const o = rollingOrigin(y, new NaiveForecaster(), { ...s, minErrors: 3 });
    expect(o[0]!.quantiles[0]![0]).toBe(2); // 3 errors at h = 1
    expect(o[0]!.quantiles[0]![1]).toBeNaN(); // 2 at h = 2
    const n = rollingOrigin(y, new NaiveForecaster(), { ...s, quantileMethod: 'normal' });
    expectClose(n[0]!.quantiles[0]![0]!, 0, EPS, 'normal median at h = 1: 0 + mean(2, 2, −4) = 0');
  });
  it('a constant training part has no scale: scaled measures are NaN, ME still defined', () => {
    const a = seriesAccuracy(rollingOrigin([1, 1, 1, 1, 1, 2], new SesForecaster(0.5), { horizon: 1, minTrain: 4, every: 1 }));
    expect(a.scaledOrigins).toBe(0);
    expect(a.mase).toBeNaN();
    expectClose(a.me, 0.5, EPS, 'ME: (1 − 1 + 2 − 1)/2');
  });
  it('validates settings, naming the field', () => {
    expect(() => validateRollingOrigin({ horizon: 0, minTrain: 1, every: 1 })).toThrow(/horizon/);
    expect(() => validateRollingOrigin({ horizon: 1, minTrain: 1, every: 1, quantiles: [0.9, 0.5] })).toThrow(/ascending/);
  });
});

describe('SBC class and summaries', () => {
  it('class of the training part', () => {
    expect(sbcClassAt([5, 5, 5, 5], 4)).toBe('smooth');
    expect(sbcClassAt([0, 0, 5, 0, 0, 5, 0, 0, 100], 9)).toBe('lumpy');
    expect(sbcClassAt([0, 0, 0], 3)).toBe('none');
  });
  it('FVA = 1 − mean MASE(method)/mean MASE(naive) over the same series, per class and overall', () => {
    const acc = (mase: number): SeriesAccuracy => ({ origins: 1, scaledOrigins: 1, mase, rmsse: mase, me: 0, mae: 0, sme: 0, spl: [mase] });
    const rec: AccuracyRecord[] = [
      { series: 'a', sbcClass: 'smooth', method: 'naive', accuracy: acc(1) },
      { series: 'a', sbcClass: 'smooth', method: 'ses', accuracy: acc(0.8) },
      { series: 'b', sbcClass: 'lumpy', method: 'naive', accuracy: acc(2) },
      { series: 'b', sbcClass: 'lumpy', method: 'ses', accuracy: acc(1) },
    ];
    const s = summarizeAccuracy(rec, [0.9]);
    const get = (c: string, m: string) => s.find((r) => r.sbcClass === c && r.method === m)!;
    expectClose(get('smooth', 'ses').fvaMase, 0.2, EPS, 'smooth');
    expectClose(get('lumpy', 'ses').fvaMase, 0.5, EPS, 'lumpy');
    expectClose(get('all', 'ses').fvaMase, 1 - 0.9 / 1.5, EPS, 'all');
    expect(get('all', 'naive').fvaMase).toBe(0);
    expect(get('all', 'ses').series).toBe(2);
    expect(get('all', 'ses').maseMedian).toBe(0.9); // median of 0.8 and 1
  });
});
