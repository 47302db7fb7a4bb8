/**
 * Hand-derived worked examples, from the methods' recursions as the papers state them, for what
 * R's forecast package does not implement (SBA, TSB, SBC classification) and for the safety
 * stock from forecast errors. Each derivation is written out next to its assertion.
 */
import { describe, expect, it } from 'vitest';
import { CrostonForecaster } from '../../src/forecast/croston.ts';
import { ErrorTracker, empiricalLossInverse, validateSafetyStockSpec } from '../../src/forecast/safety-stock.ts';
import { SbcForecaster, sbcClassify } from '../../src/forecast/sbc.ts';
import { SeasonalNaiveForecaster } from '../../src/forecast/seasonal-naive.ts';
import { createForecaster, validateForecasterSpec } from '../../src/forecast/spec.ts';
import { TsbForecaster } from '../../src/forecast/tsb.ts';
import { NaiveForecaster } from '../../src/forecast/naive.ts';
import { normalLoss, normalQuantile } from '../../src/core/normal.ts';
import { expectClose } from '../helpers/close.ts';

const EXACT = 1e-12;

function feed<T extends { update(y: number): void }>(f: T, ys: number[]): T {
  for (const y of ys) f.update(y);
  return f;
}

describe('SBA (Syntetos & Boylan 2005): (1 − α/2)·z/p', () => {
  it('y = 0, 3, 0, 0, 5 with α = 0.1', () => {
    // first demand in period 2: z = 3, p = 2 → Croston 1.5, SBA 0.95 · 1.5 = 1.425
    expectClose(feed(new CrostonForecaster(0.1, 'sba'), [0, 3]).forecast(1), 1.425, EXACT, 'SBA after 2');
    // period 5, interval 3: z = 3 + 0.1(5 − 3) = 3.2, p = 2 + 0.1(3 − 2) = 2.1 → SBA 0.95 · 3.2/2.1
    const sba = feed(new CrostonForecaster(0.1, 'sba'), [0, 3, 0, 0, 5]);
    expectClose(sba.forecast(1), (0.95 * 3.2) / 2.1, EXACT, 'SBA after 5');
    expectClose(feed(new CrostonForecaster(0.1), [0, 3, 0, 0, 5]).forecast(4), 3.2 / 2.1, EXACT, 'Croston after 5');
    expectClose(sba.cumulative(3), (3 * 0.95 * 3.2) / 2.1, EXACT, 'SBA cumulative(3)');
    expect(feed(new CrostonForecaster(0.1, 'sba'), [0, 0]).forecast(1)).toBe(0);
  });
});

describe('TSB (Teunter, Syntetos & Babai 2011): π·z', () => {
  it('y = 0, 0, 4, 0, 6 with α = 0.2, β = 0.1', () => {
    const f = new TsbForecaster(0.2, 0.1);
    const got: number[] = [];
    for (const y of [0, 0, 4, 0, 6]) {
      f.update(y);
      got.push(f.forecast(1));
    }
    // periods 1–2: no demand yet → 0; period 3: z = 4, π = 1/3 → 4/3;
    // period 4 (zero): π = 1/3 + 0.1(0 − 1/3) = 0.3 → 1.2 (decays; Croston would stay at 4/3);
    // period 5: π = 0.3 + 0.1(1 − 0.3) = 0.37, z = 4 + 0.2(6 − 4) = 4.4 → 1.628
    const expected = [0, 0, 4 / 3, 1.2, 0.37 * 4.4];
    expected.forEach((e, i) => expectClose(got[i]!, e, EXACT, `TSB after period ${i + 1}`));
  });
});

describe('SBC classification (Syntetos, Boylan & Croston 2005; ADI 1.32, CV² 0.49)', () => {
  it('classes and the method each picks', () => {
    // intervals 2, 3, 1 → ADI 2; sizes 3, 5, 2: mean 10/3, population variance 14/9 → CV² = 0.14
    const a = sbcClassify([0, 3, 0, 0, 5, 2]);
    expectClose(a.adi, 2, EXACT, 'ADI');
    expectClose(a.cv2, 0.14, EXACT, 'CV²');
    expect([a.sbcClass, a.method]).toEqual(['intermittent', 'sba']);
    expect(sbcClassify([5, 5, 5, 5])).toMatchObject({ adi: 1, cv2: 0, sbcClass: 'smooth', method: 'croston' });
    // sizes 1, 10: mean 5.5, variance 20.25 → CV² = 20.25/30.25 ≈ 0.669
    expect(sbcClassify([1, 10, 1, 10])).toMatchObject({ sbcClass: 'erratic', method: 'sba' });
    expect(sbcClassify([0, 1, 0, 10])).toMatchObject({ adi: 2, sbcClass: 'lumpy', method: 'sba' });
    // exactly at the cut-offs: ≥ counts as the higher class
    expect(sbcClassify([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]).sbcClass).toBe('intermittent');
  });
  it('the online SBC forecaster uses Croston while smooth and SBA once intermittent', () => {
    const f = feed(new SbcForecaster(0.1), [4, 4, 4]);
    expectClose(f.forecast(1), 4, EXACT, 'smooth → Croston');
    feed(f, [0, 0, 0, 4]); // intervals 1, 1, 1, 4 → ADI 1.75: intermittent → SBA
    const croston = feed(new CrostonForecaster(0.1), [4, 4, 4, 0, 0, 0, 4]).forecast(1);
    expectClose(f.forecast(1), 0.95 * croston, EXACT, 'intermittent → SBA');
  });
});

describe('seasonal naive before a full season, and specs', () => {
  it('falls back to the last value, then repeats the last season', () => {
    const f = feed(new SeasonalNaiveForecaster(3), [1, 2]);
    expect(f.forecast(1)).toBe(2);
    feed(f, [3, 4]); // last season: 2, 3, 4
    expect([1, 2, 3, 4, 5].map((h) => f.forecast(h))).toEqual([2, 3, 4, 2, 3]);
    expect(f.cumulative(4)).toBe(11);
  });
  it('rejects bad specs, naming the field', () => {
    expect(() => validateForecasterSpec({ method: 'ses', alpha: 0 })).toThrow(/forecaster\.alpha must be in \(0, 1\]/);
    expect(() => validateForecasterSpec({ method: 'ses', alpha: 0.1, beta: 0.1 })).toThrow(/unknown field 'beta'/);
    expect(() => validateForecasterSpec({ method: 'holt', alpha: 0.1 })).toThrow(/forecaster\.beta/);
    expect(() => validateForecasterSpec({ method: 'movingAverage', window: 0 })).toThrow(/forecaster\.window/);
    expect(() => validateForecasterSpec({ method: 'arima' })).toThrow(/forecaster\.method must be one of/);
    expect(() => validateForecasterSpec({ method: 'regression', start: '2024-02-30' })).toThrow(/forecaster\.start must be a date/);
    expect(() => validateForecasterSpec({ method: 'regression', start: '2024-01-01', period: 5 })).toThrow(/forecaster\.period must be 7/);
    expect(() => validateForecasterSpec({ method: 'regression', trend: 'yes' })).toThrow(/forecaster\.trend must be true or false/);
    expect(() => validateSafetyStockSpec({ method: 'normal', window: 1 })).toThrow(/safetyStock\.window must be ≥ 2/);
    expect(createForecaster(validateForecasterSpec({ method: 'tsb', alpha: 0.2, beta: 0.1 })).method).toBe('tsb');
  });
});

describe('safety stock from lead-time-cumulated forecast errors', () => {
  // H = 2, naive forecaster (F_t(2) = 2·y_t), y = 10, 12, 8, 11, 9:
  // origin 1: F = 20, realised 12 + 8 = 20 → e = 0; origin 2: F = 24, realised 8 + 11 = 19 → −5;
  // origin 3: F = 16, realised 11 + 9 = 20 → 4. Errors −5, 0, 4: mean −1/3, sample sd √((41 − 1/3)/2).
  function tracker(spec: { method: 'normal' | 'empirical'; window?: number }): ErrorTracker {
    const f = new NaiveForecaster();
    const t = new ErrorTracker(2, { ...spec, minErrors: 2 });
    for (const y of [10, 12, 8, 11, 9]) {
      f.update(y);
      t.record(y, f.cumulative(2));
    }
    return t;
  }
  it('resolves each origin H periods later', () => {
    const t = tracker({ method: 'empirical' });
    expect(t.errors()).toEqual([-5, 0, 4]);
    expectClose(t.moments().sd, Math.sqrt((41 - 1 / 3) / 2), EXACT, 'sd of errors');
    expect(tracker({ method: 'empirical', window: 2 }).errors()).toEqual([-5, 4]);
  });
  it('normal: z·σ for a cycle service level, σ·G⁻¹((1 − β)F(R)/σ) for a fill rate', () => {
    const t = tracker({ method: 'normal' });
    const sd = Math.sqrt((41 - 1 / 3) / 2);
    expectClose(t.safetyStock({ metric: 'cycleServiceLevel', value: 0.9 }, 10), normalQuantile(0.9) * sd, EXACT, 'normal CSL');
    // fill rate 0.9 with F(R) = 10: expected shortage per review 1 = σ·G(k)
    const ss = t.safetyStock({ metric: 'fillRate', value: 0.9 }, 10);
    expectClose(sd * normalLoss(ss / sd), 1, 1e-9, 'σ·G(k) = (1 − β)·F(R)');
  });
  it('empirical: type-7 quantile, and the level with mean((e − x)⁺) = (1 − β)·F(R)', () => {
    const t = tracker({ method: 'empirical' });
    expectClose(t.safetyStock({ metric: 'cycleServiceLevel', value: 0.75 }, 10), 2, EXACT, 'quantile 0.75 of −5, 0, 4'); // h = 1.5 → 0 + 0.5·4
    // mean((e − x)⁺) = 1 on [0, 4]: (4 − x)/3 = 1 → x = 1
    expectClose(t.safetyStock({ metric: 'fillRate', value: 0.9 }, 10), 1, EXACT, 'empirical fill rate');
    expectClose(empiricalLossInverse([-5, 0, 4], 3, 3), -2.5, EXACT, 'on [−5, 0]: (4 − 2x)/3 = 3');
    expectClose(empiricalLossInverse([-5, 0, 4], 3, 10), -1 / 3 - 10, EXACT, 'below all errors: mean − g');
  });
  it('calibration: coverage of the marked levels', () => {
    const f = new NaiveForecaster();
    const t = new ErrorTracker(2, { method: 'empirical' });
    const levels = [21, 18, 100]; // origins 1–3 realise 20, 19, 20
    [10, 12, 8, 11, 9].forEach((y, i) => {
      f.update(y);
      t.record(y, f.cumulative(2));
      if (i < 3) t.markUpper(levels[i]!);
    });
    expect(t.coverage()).toEqual({ covered: 2, origins: 3, share: 2 / 3 });
  });
});

describe('ADIDA (Nikolopoulos et al. 2011) and IMAPA (Petropoulos & Kourentzes 2015)', () => {
  it('ADIDA, k = 3, SES α = 0.5 inside: y = 1, 2, 3, 0, 0, 3, 4', () => {
    const f = createForecaster(validateForecasterSpec({ method: 'adida', level: 3, inner: { method: 'ses', alpha: 0.5 } }));
    const got = [1, 2, 3, 0, 0, 3, 4].map((y) => {
      f.update(y);
      return f.forecast(1);
    });
    // no bucket yet → NaN; bucket 1 = 6 → SES level 6 → 6/3 = 2; bucket 2 = 3 → 6 + 0.5(3 − 6) = 4.5
    // → 1.5; the 7th period starts a partial bucket, which waits
    expect(got.slice(0, 2).every(Number.isNaN)).toBe(true);
    [2, 2, 2, 1.5, 1.5].forEach((e, i) => expectClose(got[i + 2]!, e, EXACT, `ADIDA after period ${i + 3}`));
    expectClose(f.cumulative(4), 6, EXACT, 'ADIDA cumulative(4) = 4 · 1.5');
  });
  it('IMAPA, levels 1–2, SES α = 0.5 inside: y = 2, 4, 6', () => {
    const f = createForecaster({ method: 'imapa', maxLevel: 2, inner: { method: 'ses', alpha: 0.5 } });
    f.update(2);
    expectClose(f.forecast(1), 2, EXACT, 'only level 1 has data');
    f.update(4);
    f.update(6);
    // level 1: SES 2 → 3 → 4.5; level 2: bucket 2 + 4 = 6 → SES 6 → 6/2 = 3 (6 waits): mean 3.75
    expectClose(f.forecast(1), 3.75, EXACT, 'IMAPA after 3');
  });
  it('rejects nesting and bad levels', () => {
    expect(() => validateForecasterSpec({ method: 'adida', level: 0, inner: { method: 'ses', alpha: 0.1 } })).toThrow(/forecaster\.level/);
    expect(() => validateForecasterSpec({ method: 'imapa', maxLevel: 3, inner: { method: 'adida', level: 2, inner: { method: 'naive' } } })).toThrow(/forecaster\.inner\.method must be one of/);
    expect(() => validateForecasterSpec({ method: 'adida', level: 2, inner: { method: 'ses' } })).toThrow(/forecaster\.inner\.alpha/);
  });
});
