/**
 * Accuracy against inventory (the M5 lesson measured on the SKUs at hand): per forecaster its
 * out-of-sample accuracy (src/forecast/accuracy.ts: rolling origin, MASE, RMSSE, scaled bias,
 * scaled pinball loss of an upper quantile) and the stock its adaptive policy needs at matched
 * service; rank correlations between the two, across forecasters (with a bootstrap over SKUs)
 * and within each SKU (mean over SKUs with its t-interval).
 */
import { sampleRankCorrelation } from 'simple-statistics';
import { estimateMean } from '../../src/core/stats.ts';
import { rollingOrigin, seriesAccuracy } from '../../src/forecast/accuracy.ts';
import { createForecaster, type ForecasterSpec } from '../../src/forecast/spec.ts';
import { RandomStream } from '../../src/rng/stream.ts';

export interface Accuracy {
  mase: number;
  rmsse: number;
  sme: number;
  /** scaled pinball loss at the quantile level */
  spl: number;
}

/**
 * Out-of-sample accuracy of one forecaster on y: origins from minTrain (the split) on, every
 * `every` periods, horizon H (the policy's protection interval); the quantile is the forecast
 * plus the empirical quantile of the past errors of its horizon (accuracy.ts).
 */
export function forecastAccuracy(y: readonly number[], minTrain: number, spec: ForecasterSpec, H: number, every: number, level: number): Accuracy {
  const origins = rollingOrigin(y, createForecaster(spec), { horizon: H, minTrain, every, quantiles: [level], quantileMethod: 'empirical' });
  const a = seriesAccuracy(origins, [level]);
  return { mase: a.mase, rmsse: a.rmsse, sme: a.sme, spl: a.spl[0]! };
}

/** One SKU's value per forecaster: an accuracy measure and the stock ratio at matched service. */
export type SkuPairs = Map<string, { x: number; y: number }>;

/** Spearman's rho by simple-statistics (midranks), held to [−1, 1] against the round-off of its Pearson step. */
function spearman(x: number[], y: number[]): number {
  return Math.max(-1, Math.min(1, sampleRankCorrelation(x, y)));
}

/** Spearman's rho of (x, y) over the labels present with finite values in every SKU-mean; NaN with fewer than 3. */
function rhoOfMeans(skus: readonly SkuPairs[], labels: readonly string[]): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const l of labels) {
    const v = skus.map((s) => s.get(l)).filter((p): p is { x: number; y: number } => p !== undefined && Number.isFinite(p.x) && p.y > 0);
    if (v.length === 0) continue;
    xs.push(v.reduce((a, p) => a + p.x, 0) / v.length);
    // stock: geometric mean of the ratios (as the matched-stock tables)
    ys.push(Math.exp(v.reduce((a, p) => a + Math.log(p.y), 0) / v.length));
  }
  return xs.length >= 3 ? spearman(xs, ys) : NaN;
}

/**
 * Across forecasters: rho between mean accuracy and geometric-mean stock ratio, with a 95 %
 * percentile interval from `draws` bootstrap resamples of the SKUs (stream [seed, key]).
 */
export function acrossForecasters(skus: readonly SkuPairs[], labels: readonly string[], draws: number, seed: number, key: string): { rho: number; low: number; high: number } {
  const rho = rhoOfMeans(skus, labels);
  const rng = new RandomStream([seed, key, 'bootstrap']);
  const b: number[] = [];
  for (let d = 0; d < draws; d++) {
    const r = rhoOfMeans(Array.from({ length: skus.length }, () => skus[rng.int(skus.length)]!), labels);
    if (Number.isFinite(r)) b.push(r);
  }
  b.sort((p, q) => p - q);
  const at = (p: number): number => (b.length ? b[Math.min(b.length - 1, Math.floor(p * b.length))]! : NaN);
  return { rho, low: at(0.025), high: at(0.975) };
}

/** Within each SKU: rho across forecasters between accuracy and stock ratio; mean over SKUs with its t-interval. */
export function withinSkus(skus: readonly SkuPairs[]): { mean: number; low: number; high: number; n: number } {
  const r: number[] = [];
  for (const s of skus) {
    const v = [...s.values()].filter((p) => Number.isFinite(p.x) && p.y > 0);
    if (v.length < 3) continue;
    const rho = spearman(v.map((p) => p.x), v.map((p) => p.y));
    if (Number.isFinite(rho)) r.push(rho);
  }
  if (r.length < 2) return { mean: r[0] ?? NaN, low: NaN, high: NaN, n: r.length };
  const e = estimateMean(r);
  return { mean: e.mean, low: e.low, high: e.high, n: r.length };
}
