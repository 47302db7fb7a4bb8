/**
 * Forecast accuracy measured the way the field does: rolling-origin evaluation of a forecaster on
 * one daily history (Tashman 2000), with scaled errors and quantile losses.
 *
 * Rolling origin. The forecaster is updated one period at a time (src/forecast/types.ts), so the
 * forecast made at origin t has seen y_1..y_t only. Origins are t = minTrain, minTrain + every,
 * … ≤ n (t counts the observations seen); an origin is evaluated when its H actuals are all in
 * the history (t + H ≤ n); later origins still give forecasts (the last ones are the genuine
 * forecasts of the future).
 *
 * Quantiles. At every period u the forecasts F_u(1..H) are kept until their actuals arrive; the
 * h-step error e = y_{u+h} − F_u(h) then joins the error sample of horizon h. At origin t the
 * u-quantile for horizon h is F_t(h) + Q_u(errors of horizon h resolved by t), with Q_u the
 * empirical type-7 quantile (Hyndman & Fan 1996) ('empirical'), or the normal quantile
 * mean + Φ⁻¹(u)·sd of those errors ('normal'); floored at 0 (demand is not negative). No error
 * after t is used (no look-ahead). An origin with fewer than `minErrors` errors at some horizon
 * has no quantiles (NaN).
 *
 * Measures of one origin with H actuals, e_h = y_{t+h} − F_t(h) (actual minus forecast: a
 * positive mean error is under-forecasting):
 *   MASE  = (1/H) Σ_h |e_h| / s₁,  s₁ = mean |y_i − y_{i−m}| over the training part
 *           (Hyndman & Koehler 2006, eq. for q_t; m = 1 naive, m = 7 seasonal naive scaling);
 *   RMSSE = √((1/H) Σ_h e_h² / s₂),  s₂ = mean (y_i − y_{i−m})² over the training part
 *           (Makridakis, Spiliotis & Assimakopoulos 2022, the M5 accuracy measure);
 *   ME    = (1/H) Σ_h e_h (units per period), sME = ME / s₁ (bias on the MASE scale);
 *   SPL_u = (1/H) Σ_h L_u(y_{t+h}, q_{u,h}) / s₁, L_u(y, q) = u(y − q) if y ≥ q else (1 − u)(q − y)
 *           (the M5 uncertainty competition's scaled pinball loss).
 * As in M5, the scale's differences start at the first non-zero demand of the training part
 * (the periods before a product is sold say nothing of its variability); an origin whose scale
 * is 0 (a constant training part) has no scaled measures. A series' measure is the mean over
 * its evaluated origins; a class's is the unweighted mean over its series (and the median of
 * MASE: a series whose training part has few non-zero demands has a tiny scale, and one such
 * series can dominate a mean).
 *
 * Caveats (Kourentzes 2014, "On intermittent demand model optimisation and selection", IJPE
 * 156): MAE-type measures, MASE included, are minimised by the median, which for intermittent
 * demand is often 0, so a zero forecast can score best while being useless for stock; read
 * MASE with the bias (sME) and the pinball losses of the upper quantiles, which is what a
 * safety stock rests on. Forecast value added (Gilliland 2010) is the relative improvement over
 * the naive forecast: FVA = 1 − measure(method)/measure(naive).
 *
 * References: Hyndman, R. J. & Koehler, A. B. (2006), Another look at measures of forecast
 * accuracy, International Journal of Forecasting 22, 679–688. Makridakis, S., Spiliotis, E. &
 * Assimakopoulos, V. (2022), M5 accuracy competition: results, findings, and conclusions,
 * International Journal of Forecasting 38, 1346–1364; Makridakis, S. et al. (2022), The M5
 * uncertainty competition: results, findings and conclusions, International Journal of
 * Forecasting 38, 1365–1385 (the scaled pinball loss). Kourentzes, N. (2014), On intermittent demand
 * model optimisation and selection, International Journal of Production Economics 156, 180–190.
 * Tashman, L. J. (2000), Out-of-sample tests of forecasting accuracy: an analysis and review,
 * International Journal of Forecasting 16, 437–450. Hyndman, R. J. & Fan, Y. (1996), Sample
 * quantiles in statistical packages, The American Statistician 50, 361–365. Gilliland, M. (2010),
 * The Business Forecasting Deal, Wiley (forecast value added). Syntetos, A. A., Boylan, J. E. &
 * Croston, J. D. (2005), On the categorization of demand patterns, Journal of the Operational
 * Research Society 56, 495–503 (the SBC classes).
 */
import { normalQuantile } from '../core/normal.ts';
import { insertSorted } from '../core/sorted.ts';
import { quantileSorted7, sampleMeanSd } from '../core/stats.ts';
import { checkNumber } from '../core/validate.ts';
import { SbcStatistics, type SbcClass } from './sbc.ts';
import type { Forecaster } from './types.ts';

export interface RollingOriginSettings {
  /** H: forecast horizon in periods, integer ≥ 1 */
  horizon: number;
  /** observations seen at the first origin, integer ≥ 1 */
  minTrain: number;
  /** periods between origins, integer ≥ 1 */
  every: number;
  /** quantile levels in (0, 1), ascending (default none) */
  quantiles?: readonly number[];
  /** how quantiles are read from the past errors (default 'empirical') */
  quantileMethod?: 'empirical' | 'normal';
  /** errors of each horizon needed before quantiles are given (default 10) */
  minErrors?: number;
  /** m of the scale: 1 one-step naive (default, as M5), or a season length (seasonal naive) */
  scalePeriod?: number;
}

/** The forecasts made at one origin, with the actuals (NaN beyond the history). */
export interface OriginForecast {
  /** observations seen (the origin is period t, 1-based; its 0-based index is t − 1) */
  t: number;
  /** F_t(h), h = 1..H (index h − 1) */
  point: Float64Array;
  /** per quantile level (in the settings' order), the H quantiles */
  quantiles: Float64Array[];
  /** y_{t+h}, NaN beyond the history */
  actual: Float64Array;
  /** s₁ and s₂ of the training part y_1..y_t (NaN when no difference or all zero) */
  scaleAbs: number;
  scaleSq: number;
}

/** Check rolling-origin settings; errors name the field. */
export function validateRollingOrigin(s: RollingOriginSettings): void {
  checkNumber(s.horizon, 'horizon', 'int1');
  checkNumber(s.minTrain, 'minTrain', 'int1');
  checkNumber(s.every, 'every', 'int1');
  if (s.minErrors !== undefined) checkNumber(s.minErrors, 'minErrors', 'int1');
  if (s.scalePeriod !== undefined) checkNumber(s.scalePeriod, 'scalePeriod', 'int1');
  const q = s.quantiles ?? [];
  q.forEach((u, i) => {
    checkNumber(u, `quantiles[${i}]`, 'openProbability');
    if (i > 0 && !(u > q[i - 1]!)) throw new RangeError(`quantiles must be ascending and distinct, got ${q.join(', ')}`);
  });
}

/** The type-7 quantile of an ascending array (src/core/stats.ts; re-exported: part of the forecast API). */
export { quantileSorted7 };

/** The h-step errors seen so far, per horizon: sorted samples (empirical quantiles only) and running sums. */
class HorizonErrors {
  readonly sorted: Float64Array[];
  readonly count: Int32Array;
  readonly sum: Float64Array;
  readonly sumSq: Float64Array;
  constructor(
    H: number,
    capacity: number,
    private readonly keepSorted: boolean,
  ) {
    this.sorted = Array.from({ length: H }, () => new Float64Array(keepSorted ? capacity : 0));
    this.count = new Int32Array(H);
    this.sum = new Float64Array(H);
    this.sumSq = new Float64Array(H);
  }
  add(h: number, e: number): void {
    if (this.keepSorted) insertSorted(this.sorted[h]!, this.count[h]!, e);
    this.count[h]!++;
    this.sum[h] += e;
    this.sumSq[h] += e * e;
  }
  /** the u-quantile of the horizon-(h+1) errors, empirical or normal */
  quantile(h: number, u: number, method: 'empirical' | 'normal'): number {
    const k = this.count[h]!;
    if (method === 'empirical') return quantileSorted7(this.sorted[h]!, k, u);
    if (k < 2) return NaN;
    const { mean, sd } = sampleMeanSd(k, this.sum[h]!, this.sumSq[h]!);
    return mean + normalQuantile(u) * sd;
  }
}

/** Running in-sample scale: mean |y_i − y_{i−m}| and mean (y_i − y_{i−m})², from the first non-zero demand. */
class NaiveScale {
  /** the last m observations, a ring; `slot` = seen mod m */
  private readonly recent: Float64Array;
  private slot = 0;
  private seen = 0;
  private first = -1;
  private n = 0;
  private abs = 0;
  private sq = 0;
  constructor(private readonly m: number) {
    this.recent = new Float64Array(m);
  }
  update(y: number): void {
    const i = this.seen++, slot = this.slot;
    if (this.first < 0 && y !== 0) this.first = i;
    if (this.first >= 0 && i - this.m >= this.first) {
      const d = y - this.recent[slot]!;
      this.n++;
      this.abs += Math.abs(d);
      this.sq += d * d;
    }
    this.recent[slot] = y;
    this.slot = slot + 1 === this.m ? 0 : slot + 1;
  }
  get meanAbs(): number {
    return this.n > 0 && this.abs > 0 ? this.abs / this.n : NaN;
  }
  get meanSq(): number {
    return this.n > 0 && this.sq > 0 ? this.sq / this.n : NaN;
  }
}

/** The origins 1 ≤ t ≤ n of the settings: minTrain, minTrain + every, … */
export function originsOf(n: number, s: RollingOriginSettings): number[] {
  const out: number[] = [];
  for (let t = s.minTrain; t <= n; t += s.every) out.push(t);
  return out;
}

/**
 * Rolling-origin forecasts of one series with a fresh forecaster: at each origin the point
 * forecasts, quantiles and actuals (module doc). O(n·H) forecaster calls.
 */
export function rollingOrigin(y: ArrayLike<number>, forecaster: Forecaster, s: RollingOriginSettings): OriginForecast[] {
  const H = s.horizon;
  const levels = s.quantiles ?? [];
  const method = s.quantileMethod ?? 'empirical';
  const minErrors = s.minErrors ?? 10;
  const n = y.length;
  const errors = levels.length > 0 ? new HorizonErrors(H, n, method === 'empirical') : null;
  const past = Array.from({ length: H }, () => new Float64Array(H)); // ring: forecasts of the last H periods, period t in past[t mod H]
  const scale = new NaiveScale(s.scalePeriod ?? 1);
  const out: OriginForecast[] = [];
  let next = s.minTrain;
  for (let t = 1, slot = 1 % H; t <= n; t++, slot = slot + 1 === H ? 0 : slot + 1) {
    const yt = y[t - 1]!;
    forecaster.update(yt);
    scale.update(yt);
    if (errors) recordErrors(errors, past, slot, t, yt);
    const f = past[slot]!;
    for (let h = 1; h <= H; h++) f[h - 1] = forecaster.forecast(h);
    if (t !== next) continue;
    next += s.every;
    const actual = new Float64Array(H);
    for (let h = 1; h <= H; h++) actual[h - 1] = t + h <= n ? y[t + h - 1]! : NaN;
    const quantiles: Float64Array[] = [];
    for (const u of levels) {
      const q = new Float64Array(H);
      for (let h = 0; h < H; h++) q[h] = errors!.count[h]! >= minErrors ? Math.max(0, f[h]! + errors!.quantile(h, u, method)) : NaN;
      quantiles.push(q);
    }
    out.push({ t, point: f.slice(), quantiles, actual, scaleAbs: scale.meanAbs, scaleSq: scale.meanSq });
  }
  return out;
}

/** The h-step errors resolved in period t (y_t − F_{t−h}(h), h = 1..min(H, t − 1)); `slot` = t mod H. */
function recordErrors(errors: HorizonErrors, past: readonly Float64Array[], slot: number, t: number, yt: number): void {
  const H = past.length;
  for (let h = 1, j = slot === 0 ? H - 1 : slot - 1; h <= H && h < t; h++, j = j === 0 ? H - 1 : j - 1) {
    const e = yt - past[j]![h - 1]!; // past[j] holds the forecasts made in period t − h
    if (e === e) errors.add(h - 1, e); // a forecaster may give NaN before it has seen enough
  }
}

/** Pinball (quantile) loss of quantile q at level u for the actual y. */
export function pinballLoss(y: number, q: number, u: number): number {
  return y >= q ? u * (y - q) : (1 - u) * (q - y);
}

/** Measures of one series (means over its evaluated origins); NaN when no origin could be scaled. */
export interface SeriesAccuracy {
  /** origins with all H actuals */
  origins: number;
  /** of those, origins with a non-zero scale (the scaled measures average over these) */
  scaledOrigins: number;
  mase: number;
  rmsse: number;
  /** mean error y − F (units per period) */
  me: number;
  /** mean error on the MASE scale */
  sme: number;
  /** mean absolute error (units per period) */
  mae: number;
  /** scaled pinball loss per quantile level (settings order) */
  spl: number[];
}

/** Σ_h |e_h|, Σ_h e_h² and Σ_h e_h of one origin, e_h = actual − point, into out[0..2]. */
function errorSums(o: OriginForecast, out: Float64Array): Float64Array {
  const H = o.point.length;
  let abs = 0, sq = 0, sum = 0;
  for (let h = 0; h < H; h++) {
    const e = o.actual[h]! - o.point[h]!;
    abs += Math.abs(e);
    sq += e * e;
    sum += e;
  }
  out[0] = abs;
  out[1] = sq;
  out[2] = sum;
  return out;
}

/** The scaled pinball loss of one origin's quantiles of level u (index i in the settings). */
function originSpl(o: OriginForecast, i: number, u: number): number {
  const H = o.point.length;
  let l = 0;
  for (let h = 0; h < H; h++) l += pinballLoss(o.actual[h]!, o.quantiles[i]![h]!, u);
  return l / H / o.scaleAbs;
}

/** The accuracy measures of one origin (module doc); scaled ones NaN without a scale. */
export function originAccuracy(o: OriginForecast, levels: readonly number[]): { mase: number; rmsse: number; me: number; mae: number; sme: number; spl: number[] } {
  const H = o.point.length;
  const [abs, sq, sum] = errorSums(o, new Float64Array(3)) as unknown as [number, number, number];
  const spl = levels.map((u, i) => originSpl(o, i, u));
  return { mase: abs / H / o.scaleAbs, rmsse: Math.sqrt(sq / H / o.scaleSq), me: sum / H, mae: abs / H, sme: sum / H / o.scaleAbs, spl };
}

function allKnown(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== a[i]) return false;
  return true;
}

/**
 * Series accuracy over the origins whose actuals are all known: the means of originAccuracy's
 * measures (computed here without a per-origin allocation, by the same expressions).
 */
export function seriesAccuracy(origins: readonly OriginForecast[], levels: readonly number[] = []): SeriesAccuracy {
  const acc = { mase: 0, rmsse: 0, me: 0, mae: 0, sme: 0, spl: levels.map(() => 0) };
  const sums = new Float64Array(3);
  let scaled = 0, k = 0;
  for (const o of origins) {
    if (!allKnown(o.actual)) continue;
    k++;
    const H = o.point.length;
    errorSums(o, sums);
    acc.me += sums[2]! / H;
    acc.mae += sums[0]! / H;
    if (!(o.scaleAbs > 0 && o.scaleSq > 0)) continue;
    scaled++;
    acc.mase += sums[0]! / H / o.scaleAbs;
    acc.rmsse += Math.sqrt(sums[1]! / H / o.scaleSq);
    acc.sme += sums[2]! / H / o.scaleAbs;
    for (let i = 0; i < levels.length; i++) acc.spl[i] += originSpl(o, i, levels[i]!);
  }
  const div = (x: number): number => (scaled > 0 ? x / scaled : NaN);
  return { origins: k, scaledOrigins: scaled, mase: div(acc.mase), rmsse: div(acc.rmsse), me: k > 0 ? acc.me / k : NaN, mae: k > 0 ? acc.mae / k : NaN, sme: div(acc.sme), spl: acc.spl.map(div) };
}

/** SBC class of the first `t` observations (what a rule may know at the first origin). */
export function sbcClassAt(y: ArrayLike<number>, t: number): SbcClass | 'none' {
  const st = new SbcStatistics();
  for (let i = 0; i < t && i < y.length; i++) st.update(y[i]!);
  return st.adi === st.adi ? st.classify().sbcClass : 'none';
}

/** One series' accuracy under one method, with its class, for summaries. */
export interface AccuracyRecord {
  series: string;
  sbcClass: string;
  method: string;
  accuracy: SeriesAccuracy;
}

/** Means over series of one (class, method) group, with forecast value added over `benchmark`. */
export interface AccuracySummary {
  sbcClass: string;
  method: string;
  /** series with a finite MASE (the means are over these) */
  series: number;
  mase: number;
  /** median of the series' MASE (the mean is sensitive to a few series with a tiny scale) */
  maseMedian: number;
  rmsse: number;
  me: number;
  sme: number;
  spl: number[];
  /** 1 − MASE/MASE(benchmark) and 1 − RMSSE/RMSSE(benchmark), over the same series */
  fvaMase: number;
  fvaRmsse: number;
}

function medianOf(xs: readonly number[]): number {
  const a = [...xs].sort((x, y) => x - y);
  return quantileSorted7(a, a.length, 0.5);
}

function meanOf(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length > 0 ? s / xs.length : NaN;
}

/**
 * Per (class, method) and per method over all classes ('all'): unweighted means over the series
 * whose MASE is finite for both the method and the benchmark, and the FVA over the benchmark
 * on those same series (a paired comparison).
 */
export function summarizeAccuracy(records: readonly AccuracyRecord[], levels: readonly number[], benchmark = 'naive'): AccuracySummary[] {
  const bench = new Map(records.filter((r) => r.method === benchmark).map((r) => [r.series, r.accuracy]));
  const methods = [...new Set(records.map((r) => r.method))];
  const classes = [...new Set(records.map((r) => r.sbcClass))].sort();
  const out: AccuracySummary[] = [];
  for (const cls of [...classes, 'all']) {
    for (const m of methods) {
      const rs = records.filter((r) => r.method === m && (cls === 'all' || r.sbcClass === cls) && Number.isFinite(r.accuracy.mase) && Number.isFinite(bench.get(r.series)?.mase ?? NaN));
      if (rs.length === 0) continue;
      const col = (f: (a: SeriesAccuracy) => number): number => meanOf(rs.map((r) => f(r.accuracy)));
      const colB = (f: (a: SeriesAccuracy) => number): number => meanOf(rs.map((r) => f(bench.get(r.series)!)));
      out.push({
        sbcClass: cls,
        method: m,
        series: rs.length,
        mase: col((a) => a.mase),
        maseMedian: medianOf(rs.map((r) => r.accuracy.mase)),
        rmsse: col((a) => a.rmsse),
        me: col((a) => a.me),
        sme: col((a) => a.sme),
        spl: levels.map((_, i) => col((a) => a.spl[i]!)),
        fvaMase: 1 - col((a) => a.mase) / colB((a) => a.mase),
        fvaRmsse: 1 - col((a) => a.rmsse) / colB((a) => a.rmsse),
      });
    }
  }
  return out;
}
