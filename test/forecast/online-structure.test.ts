/**
 * The forecasters keep their state incrementally (O(1) per period, typed rings, values cached
 * between the updates that can move them); each is checked here against its batch definition,
 * recomputed from scratch on every prefix of random series (fixed seeds), bit for bit
 * (Object.is): same forecasts, not merely close ones.
 * - ADIDA (Nikolopoulos et al. 2011): the inner method run afresh on the complete buckets of k
 *   periods, aligned from the first observation, its one-step forecast divided by k.
 * - IMAPA (Petropoulos & Kourentzes 2015): the mean of the ADIDA forecasts of levels 1..K,
 *   summed in the order of k, NaN levels left out.
 * - SBC (Syntetos, Boylan & Croston 2005): Croston or SBA run afresh on the prefix, as the SBC
 *   class of the whole prefix picks (sbcClassify).
 * - Seasonal naive (FPP3 §5.2): forecast(h) = y_{T+h−m(k+1)}, cumulative(h) = Σ forecast(i)
 *   added in the order of i (also for non-integer and huge values, where no shortcut is exact).
 * - Rolling origin (accuracy.ts): the forecasts kept per origin equal a fresh forecaster's on
 *   the prefix; the h-step error samples behind the quantiles equal y_{t+h} − F_t(h) collected
 *   directly; a series' accuracy equals the mean of originAccuracy over its complete origins.
 */
import { describe, expect, it } from 'vitest';
import { originAccuracy, rollingOrigin, seriesAccuracy, type RollingOriginSettings } from '../../src/forecast/accuracy.ts';
import { AdidaForecaster, ImapaForecaster } from '../../src/forecast/adida.ts';
import { CrostonForecaster } from '../../src/forecast/croston.ts';
import { SbcForecaster, sbcClassify } from '../../src/forecast/sbc.ts';
import { SeasonalNaiveForecaster } from '../../src/forecast/seasonal-naive.ts';
import { createForecaster, type BaseForecasterSpec } from '../../src/forecast/spec.ts';
import { sumAhead, type Forecaster } from '../../src/forecast/types.ts';
import { quantileSorted7, sampleMeanSd } from '../../src/core/stats.ts';
import { normalQuantile } from '../../src/core/normal.ts';
import { RandomStream } from '../../src/rng/stream.ts';

/** Demand of four kinds: Poisson, intermittent integers, intermittent non-integers, lumpy. */
function demand(seed: number, n: number): number[] {
  const rng = new RandomStream([seed, 'online-structure']);
  const kind = seed % 4;
  return Array.from({ length: n }, () => {
    if (kind === 0) return rng.poisson(3);
    if (kind === 1) return rng.uniform() < 0.3 ? 1 + rng.poisson(4) : 0;
    if (kind === 2) return rng.uniform() < 0.4 ? 7.3 * rng.uniform() : 0;
    return rng.uniform() < 0.05 ? rng.poisson(200) : 0;
  });
}

function fed(f: Forecaster, y: readonly number[]): Forecaster {
  for (const v of y) f.update(v);
  return f;
}

/** ADIDA's batch definition on the prefix y. */
function adidaBatch(y: readonly number[], k: number, inner: BaseForecasterSpec): number {
  const f = createForecaster(inner);
  for (let b = 0; b + k <= y.length; b += k) {
    let bucket = 0;
    for (let i = b; i < b + k; i++) bucket += y[i]!;
    f.update(bucket);
  }
  return f.forecast(1) / k;
}

function imapaBatch(y: readonly number[], K: number, inner: BaseForecasterSpec): number {
  let sum = 0, n = 0;
  for (let k = 1; k <= K; k++) {
    const f = adidaBatch(y, k, inner);
    if (f === f) {
      sum += f;
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}

const INNERS: BaseForecasterSpec[] = [
  { method: 'sba', alpha: 0.1 },
  { method: 'ses', alpha: 0.3 },
  { method: 'tsb', alpha: 0.2, beta: 0.1 },
  { method: 'sbc', alpha: 0.15 },
  { method: 'holt', alpha: 0.2, beta: 0.1, phi: 0.9 },
];

describe('ADIDA and IMAPA kept incrementally equal their batch definitions', () => {
  it('after every period of random series, for several inner methods', () => {
    for (const [j, inner] of INNERS.entries()) {
      for (let seed = 1; seed <= 4; seed++) {
        const y = demand(10 * j + seed, 90);
        const imapa = new ImapaForecaster(7, () => createForecaster(inner));
        const adida = new AdidaForecaster(3, createForecaster(inner));
        for (let t = 1; t <= y.length; t++) {
          imapa.update(y[t - 1]!);
          adida.update(y[t - 1]!);
          const prefix = y.slice(0, t), want = imapaBatch(prefix, 7, inner);
          expect(Object.is(imapa.forecast(1), want), `IMAPA ${inner.method} seed ${seed} t ${t}`).toBe(true);
          expect(Object.is(imapa.cumulative(5), 5 * want)).toBe(true);
          expect(Object.is(adida.forecast(2), adidaBatch(prefix, 3, inner)), `ADIDA ${inner.method} seed ${seed} t ${t}`).toBe(true);
        }
      }
    }
  });
});

describe('SBC: the class kept online equals the class of the whole prefix', () => {
  it('forecasts equal Croston or SBA run afresh, as sbcClassify of the prefix picks', () => {
    let switches = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const y = demand(seed, 150), alpha = 0.05 + 0.02 * seed;
      const f = new SbcForecaster(alpha);
      let last = '';
      for (let t = 1; t <= y.length; t++) {
        f.update(y[t - 1]!);
        const prefix = y.slice(0, t), method = sbcClassify(prefix).method;
        if (method !== last) [switches, last] = [switches + 1, method];
        const want = fed(new CrostonForecaster(alpha, method), prefix);
        expect(Object.is(f.forecast(1), want.forecast(1)), `seed ${seed} t ${t}`).toBe(true);
        expect(Object.is(f.cumulative(7), want.cumulative(7))).toBe(true);
      }
    }
    expect(switches).toBeGreaterThan(12); // the class does change along the way in some series
  });
});

describe('seasonal naive: forecasts and cumulative sums equal their definitions', () => {
  /** y_{T+h−m(k+1)}, k = ⌊(h−1)/m⌋ (the last value before a full season) */
  function snaive(y: readonly number[], m: number, h: number): number {
    const T = y.length;
    if (T === 0) return NaN;
    if (T < m) return y[T - 1]!;
    return y[T - 1 + h - m * (Math.floor((h - 1) / m) + 1)]!;
  }
  const kinds: Array<[string, (rng: RandomStream, t: number) => number]> = [
    ['counts', (rng) => rng.poisson(4)],
    ['non-integers', (rng) => 10 * rng.uniform()],
    ['integers, then non-integers, then integers', (rng, t) => (t >= 40 && t < 55 ? 0.1 * rng.poisson(30) : rng.poisson(4))],
    ['integers beyond 2³¹ and negative', (rng) => (rng.uniform() < 0.2 ? 2 ** 40 + rng.poisson(5) : -rng.poisson(5))],
  ];
  it.each(kinds)('%s', (_name, draw) => {
    const rng = new RandomStream([20261201, 'online-structure', _name]);
    for (const m of [1, 3, 7]) {
      const f = new SeasonalNaiveForecaster(m);
      const y: number[] = [];
      for (let t = 0; t < 100; t++) {
        for (const h of [1, 2, m, m + 1, 3 * m + 2, 17]) {
          expect(Object.is(f.forecast(h), snaive(y, m, h)), `m ${m} t ${t} h ${h}`).toBe(true);
          expect(Object.is(f.cumulative(h), sumAhead(f, h)), `cumulative m ${m} t ${t} h ${h}`).toBe(true);
        }
        y.push(draw(rng, t));
        f.update(y[t]!);
      }
    }
  });
  it('a horizon longer than 2²¹ periods is summed term by term', () => {
    const f = fed(new SeasonalNaiveForecaster(7), demand(4, 30));
    const h = 2 ** 21 + 3;
    expect(Object.is(f.cumulative(h), sumAhead(f, h))).toBe(true);
  });
});

describe('rolling origin kept incrementally equals its definition', () => {
  /** F_t(h) of a fresh forecaster fed y_1..y_t */
  function pointAt(spec: BaseForecasterSpec, y: readonly number[], t: number, h: number): number {
    return fed(createForecaster(spec), y.slice(0, t)).forecast(h);
  }
  /** the u-quantile of origin t, horizon h: F_t(h) + Q_u(errors y_{s+h} − F_s(h), s + h ≤ t) */
  function quantileAt(spec: BaseForecasterSpec, y: readonly number[], t: number, h: number, u: number, s: RollingOriginSettings): number {
    const e: number[] = [];
    for (let o = 1; o + h <= t; o++) {
      const err = y[o + h - 1]! - pointAt(spec, y, o, h);
      if (err === err) e.push(err);
    }
    if (e.length < (s.minErrors ?? 10)) return NaN;
    if (s.quantileMethod === 'normal') {
      if (e.length < 2) return Math.max(0, pointAt(spec, y, t, h) + NaN);
      let sum = 0, sq = 0;
      for (const x of e) [sum, sq] = [sum + x, sq + x * x];
      const { mean, sd } = sampleMeanSd(e.length, sum, sq);
      return Math.max(0, pointAt(spec, y, t, h) + (mean + normalQuantile(u) * sd));
    }
    e.sort((a, b) => a - b);
    return Math.max(0, pointAt(spec, y, t, h) + quantileSorted7(e, e.length, u));
  }
  const cases: Array<[BaseForecasterSpec, RollingOriginSettings]> = [
    [{ method: 'ses', alpha: 0.3 }, { horizon: 3, minTrain: 2, every: 1, quantiles: [0.5, 0.9], minErrors: 3 }],
    [{ method: 'seasonalNaive', period: 7 }, { horizon: 8, minTrain: 5, every: 3, quantiles: [0.8], quantileMethod: 'normal', minErrors: 2, scalePeriod: 7 }],
    [{ method: 'sbc', alpha: 0.1 }, { horizon: 1, minTrain: 1, every: 2, quantiles: [0.95], minErrors: 1 }],
  ];
  it.each(cases)('%j with %j', (spec, s) => {
    for (let seed = 1; seed <= 4; seed++) {
      const y = demand(seed, 45);
      const origins = rollingOrigin(y, createForecaster(spec), s);
      for (const o of origins) {
        for (let h = 1; h <= s.horizon; h++) {
          expect(Object.is(o.point[h - 1], pointAt(spec, y, o.t, h))).toBe(true);
          s.quantiles!.forEach((u, i) => expect(Object.is(o.quantiles[i]![h - 1], quantileAt(spec, y, o.t, h, u, s)), `t ${o.t} h ${h} u ${u}`).toBe(true));
        }
      }
      const a = seriesAccuracy(origins, s.quantiles);
      const done = origins.filter((o) => o.actual.every((v) => v === v)), scaled = done.filter((o) => o.scaleAbs > 0 && o.scaleSq > 0);
      const mean = (os: typeof done, f: (m: ReturnType<typeof originAccuracy>) => number): number => {
        let x = 0;
        for (const o of os) x += f(originAccuracy(o, s.quantiles!));
        return os.length > 0 ? x / os.length : NaN;
      };
      expect([a.origins, a.scaledOrigins]).toEqual([done.length, scaled.length]);
      for (const [got, want] of [[a.mae, mean(done, (m) => m.mae)], [a.me, mean(done, (m) => m.me)], [a.mase, mean(scaled, (m) => m.mase)], [a.rmsse, mean(scaled, (m) => m.rmsse)], [a.sme, mean(scaled, (m) => m.sme)], [a.spl[0]!, mean(scaled, (m) => m.spl[0]!)]]) {
        expect(Object.is(got, want), `${got} vs ${want}`).toBe(true);
      }
    }
  });
});
