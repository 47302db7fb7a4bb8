/**
 * Safety stock from forecast errors. The protection interval is H periods (review period +
 * lead time); the error of origin t is e_t = (y_{t+1} + … + y_{t+H}) − F_t(H), the realised
 * demand over the next H periods minus the forecast of it made at t (the forecaster's
 * cumulative(H) after the update with y_t). ErrorTracker resolves each origin's error H periods
 * later, online and without look-ahead, and keeps the last `window` errors sorted.
 *
 * Methods (the order-up-to level is S = F_t(H) + SS):
 * - 'normal': errors taken as normal with the sample sd σ of the resolved errors;
 *   cycle service p: SS = Φ⁻¹(p)·σ; fill rate β: SS = σ·G⁻¹((1 − β)·F_t(R)/σ), with G the
 *   standard normal loss function and F_t(R) the forecast demand of one review period (the
 *   classical expected-shortage-per-cycle approximation, Silver, Pyke & Thomas 2017 §7).
 * - 'empirical': the errors' own distribution; cycle service p: SS = the p-quantile of the
 *   errors (linear interpolation, R's type 7); fill rate β: the SS with
 *   mean((e − SS)⁺) = (1 − β)·F_t(R).
 * - 'bootstrap': the lead-time error simulated as the sum of H one-step errors
 *   e¹_t = y_t − F_{t−1}(1) drawn as moving blocks of `block` consecutive errors (Künsch 1989,
 *   "The jackknife and the bootstrap for general stationary observations", Annals of Statistics
 *   17, 1217–1241; block 1: the i.i.d. bootstrap of Efron 1979) from the last `window` one-step
 *   errors, `replicates` sums per call, seeded by `seed`; SS = the p-quantile of the sums (type 7)
 *   or, for a fill rate, the x with mean((sum − x)⁺) = (1 − β)F_t(R). It uses every period's
 *   error (not one per H periods), but the sum of one-step errors leaves out how the forecast
 *   itself moves over the interval (for SES the h-th error carries weight 1 + α(H − h) in the
 *   H-period error, Hyndman et al. 2008, ch. 6), so it under-covers when αH is not small.
 * - 'gamma' and 'negbin': lead-time demand D with mean μ = F_t(H) (the forecast) and variance σ²
 *   (the sample variance of the lead-time errors), fitted by the method of moments
 *   (lead-time-dist.ts): gamma (continuous) or negative binomial (integer; Poisson when σ² ≤ μ).
 *   Cycle service p: SS = Q_D(p) − μ; fill rate β: SS = S − μ with E(D − S)⁺ = (1 − β)F_t(R).
 *   With μ ≤ 0 (no demand forecast) SS = 0.
 * Until `minErrors` errors have resolved, SS = 0 (bootstrap: one-step errors).
 *
 * Calibration: at each origin marked with an upper level (markUpper, e.g. S at a review) the
 * tracker counts whether the realised H-period demand stayed ≤ that level; coverage() is the
 * achieved share, to set against the nominal quantile.
 */
import { checkChoice, checkKnownKeys, checkNumber, checkObject } from '../core/validate.ts';
import { normalLossInverse, normalQuantile } from '../core/normal.ts';
import { insertSorted, removeSorted } from '../core/sorted.ts';
import { quantileSorted7, sampleMeanSd } from '../core/stats.ts';
import { RandomStream } from '../rng/stream.ts';
import { gammaLossInverse, gammaQuantile, negBinLossInverse, negBinQuantile } from './lead-time-dist.ts';

export interface SafetyStockSpec {
  method: 'normal' | 'empirical' | 'bootstrap' | 'gamma' | 'negbin';
  /** errors kept (the most recent ones), integer ≥ 2; default 1000 */
  window?: number;
  /** errors needed before any safety stock is held, integer ≥ 2; default 10 */
  minErrors?: number;
  /** bootstrap: sums drawn per call, integer ≥ 10; default 1000 */
  replicates?: number;
  /** bootstrap: block length, integer ≥ 1; default 1 (i.i.d. resampling) */
  block?: number;
  /** bootstrap: seed of the resampling stream (integer ≥ 0); default 1 */
  seed?: number;
}

export interface ServiceTarget {
  /** cycle service level (probability of no stock-out over the protection interval) or fill rate */
  metric: 'cycleServiceLevel' | 'fillRate';
  /** in (0, 1) */
  value: number;
}

export const SAFETY_STOCK_METHODS = ['normal', 'empirical', 'bootstrap', 'gamma', 'negbin'] as const;

export function validateSafetyStockSpec(specIn: unknown, name = 'safetyStock'): SafetyStockSpec {
  const o = checkObject(specIn, name);
  checkKnownKeys(o, name, ['method', 'window', 'minErrors', 'replicates', 'block', 'seed']);
  const method = checkChoice(o.method, `${name}.method`, SAFETY_STOCK_METHODS);
  for (const k of ['replicates', 'block', 'seed'] as const) {
    if (o[k] !== undefined && method !== 'bootstrap') throw new RangeError(`${name}.${k} applies to the method 'bootstrap' only, got method '${method}'`);
  }
  for (const k of ['window', 'minErrors'] as const) {
    if (o[k] !== undefined && checkNumber(o[k], `${name}.${k}`, 'int1') < 2) throw new RangeError(`${name}.${k} must be ≥ 2, got ${String(o[k])}`);
  }
  if (o.replicates !== undefined && checkNumber(o.replicates, `${name}.replicates`, 'int1') < 10) throw new RangeError(`${name}.replicates must be ≥ 10, got ${String(o.replicates)}`);
  if (o.block !== undefined) checkNumber(o.block, `${name}.block`, 'int1');
  if (o.seed !== undefined) checkNumber(o.seed, `${name}.seed`, 'int0');
  return o as unknown as SafetyStockSpec;
}

export function validateServiceTarget(t: unknown, name = 'target'): ServiceTarget {
  const o = checkObject(t, name);
  checkKnownKeys(o, name, ['metric', 'value']);
  checkChoice(o.metric, `${name}.metric`, ['cycleServiceLevel', 'fillRate'] as const);
  checkNumber(o.value, `${name}.value`, 'openProbability');
  return o as unknown as ServiceTarget;
}

/** x with mean((a_i − x)⁺) = g over the ascending a[0..n−1]; g > 0. */
export function empiricalLossInverse(a: ArrayLike<number>, n: number, g: number): number {
  let tail = 0; // Σ_{i>k} a_i
  for (let k = n - 1; k >= 0; k--) {
    const m = n - k - 1;
    if ((tail - m * a[k]!) / n >= g) return (tail - n * g) / m;
    tail += a[k]!;
  }
  return (tail - n * g) / n; // below the smallest error: mean − g
}

export class ErrorTracker {
  private readonly actual: Float64Array;
  private readonly pending: Float64Array;
  private readonly upper: Float64Array;
  private readonly sorted: Float64Array;
  private readonly arrival: Float64Array;
  private n = 0;
  private actualSum = 0;
  private count = 0;
  private resolved = 0;
  private sum = 0;
  private sumSq = 0;
  private marked = 0;
  private hits = 0;
  /** bootstrap: ring of the last `window` one-step errors */
  private readonly oneStep: Float64Array | null;
  private oneCount = 0;
  private pendingOne = NaN;
  private lastForecast = NaN;
  private readonly rng: RandomStream | null;
  private readonly draws: Float64Array | null;
  readonly window: number;
  readonly minErrors: number;
  constructor(
    readonly horizon: number,
    readonly spec: SafetyStockSpec,
  ) {
    this.window = spec.window ?? 1000;
    this.minErrors = spec.minErrors ?? 10;
    this.actual = new Float64Array(horizon);
    this.pending = new Float64Array(horizon);
    this.upper = new Float64Array(horizon).fill(NaN);
    this.sorted = new Float64Array(this.window);
    this.arrival = new Float64Array(this.window);
    const boot = spec.method === 'bootstrap';
    this.oneStep = boot ? new Float64Array(this.window) : null;
    this.rng = boot ? new RandomStream([spec.seed ?? 1, 'safety-stock-bootstrap']) : null;
    this.draws = boot ? new Float64Array(spec.replicates ?? 1000) : null;
  }

  /**
   * The newest observation y and the forecast F(H) made after it (origin = this period); and the
   * forecast of the next period F(1) (default F(H)/H, exact for the flat forecasters), which
   * the bootstrap uses for one-step errors.
   */
  record(y: number, forecastH: number, forecastOne: number = forecastH / this.horizon): void {
    if (this.oneStep !== null) {
      if (this.pendingOne === this.pendingOne) this.addOneStepError(y - this.pendingOne);
      this.pendingOne = forecastOne;
    }
    this.lastForecast = forecastH;
    const H = this.horizon;
    const slot = this.n % H;
    if (this.n >= H) this.actualSum -= this.actual[slot]!;
    this.actual[slot] = y;
    this.actualSum += y;
    this.n++;
    // An origin whose forecast was NaN (a forecaster still warming up: ADIDA before its first
    // bucket, seasonal naive before a season, …) has no error: skip it rather than let a NaN into
    // the window, which would make every later safety stock NaN.
    const made = this.pending[slot]!;
    if (this.n > H && made === made) this.resolve(this.actualSum - made, this.actualSum, this.upper[slot]!);
    this.pending[slot] = forecastH;
    this.upper[slot] = NaN;
  }

  /**
   * An H-period error e = (demand of the H periods after an origin) − (the forecast of it made at
   * that origin), resolved by the caller: for forecasts made elsewhere, whose origins need not
   * be every period (the forecast replay, src/cli/commands/backtest-replay.ts). It enters the
   * window exactly as an error resolved by record() does (no calibration mark).
   */
  addError(e: number): void {
    this.resolve(e, NaN, NaN);
  }

  /** Bootstrap: a one-step error y_t − F_{t−1}(1) resolved by the caller (as addError); ignored by the other methods. */
  addOneStepError(e: number): void {
    if (this.oneStep !== null) this.oneStep[this.oneCount++ % this.window] = e;
  }

  /** The level (e.g. order-up-to S) set at the latest origin, for calibration. */
  markUpper(level: number): void {
    this.upper[(this.n - 1) % this.horizon] = level;
  }

  private resolve(e: number, realised: number, upper: number): void {
    if (upper === upper) {
      this.marked++;
      if (realised <= upper) this.hits++;
    }
    const idx = this.resolved % this.window;
    if (this.count === this.window) this.remove(this.arrival[idx]!);
    this.arrival[idx] = e;
    this.resolved++;
    this.insert(e);
  }

  private insert(e: number): void {
    insertSorted(this.sorted, this.count, e);
    this.count++;
    this.sum += e;
    this.sumSq += e * e;
  }

  private remove(e: number): void {
    removeSorted(this.sorted, this.count, e);
    this.count--;
    this.sum -= e;
    this.sumSq -= e * e;
  }

  /** errors in the window */
  get size(): number {
    return this.count;
  }
  /** sample mean and sd of the errors in the window */
  moments(): { mean: number; sd: number } {
    const k = this.count;
    return k >= 2 ? sampleMeanSd(k, this.sum, this.sumSq) : { mean: this.sum / k, sd: NaN };
  }
  /** the errors in the window, ascending (a copy) */
  errors(): number[] {
    return Array.from(this.sorted.subarray(0, this.count));
  }
  /** the errors in the window, ascending: a view of the tracker's own buffer (no copy), valid until the next error enters */
  sortedErrors(): Float64Array {
    return this.sorted.subarray(0, this.count);
  }
  /** share of marked origins whose realised demand stayed ≤ the marked level; NaN if none */
  coverage(): { covered: number; origins: number; share: number } {
    return { covered: this.hits, origins: this.marked, share: this.marked === 0 ? NaN : this.hits / this.marked };
  }

  /** one-step errors resolved (bootstrap) */
  get oneStepSize(): number {
    return Math.min(this.oneCount, this.window);
  }

  /** the forecast F(H) recorded with the newest observation (NaN before the first) */
  get forecast(): number {
    return this.lastForecast;
  }

  /**
   * Bootstrap only: `replicates` fresh moving-block sums of H one-step errors (the draws of
   * 'bootstrap', see the header), ascending, in a buffer reused by the next call; null before
   * minErrors one-step errors or for the other methods. (Added for the adaptive (s, Q) sizing,
   * lot-safety-stock.ts.)
   */
  bootstrapSums(): Float64Array | null {
    const k = this.oneStepSize;
    if (this.oneStep === null || k < this.minErrors) return null;
    const b = Math.min(this.spec.block ?? 1, k);
    const e = this.oneStep, d = this.draws!, rng = this.rng!, W = this.window, H = this.horizon;
    const oldest = this.oneCount > W ? this.oneCount % W : 0;
    for (let r = 0; r < d.length; r++) {
      let sum = 0;
      for (let filled = 0; filled < H; ) {
        const start = oldest + rng.int(k - b + 1);
        for (let j = 0; j < b && filled < H; j++, filled++) sum += e[(start + j) % W]!;
      }
      d[r] = sum;
    }
    d.sort();
    return d;
  }

  /**
   * Safety stock for a target; reviewDemand = F_t(R), the forecast demand of one review period;
   * forecastH = F_t(H), the mean of the fitted 'gamma'/'negbin' laws (default: the forecast
   * recorded with the newest observation).
   */
  safetyStock(target: ServiceTarget, reviewDemand: number, forecastH: number = this.lastForecast): number {
    const method = this.spec.method;
    if (method === 'bootstrap') return this.bootstrapSafetyStock(target, reviewDemand);
    if (this.count < this.minErrors) return 0;
    const p = target.value;
    if (method === 'gamma' || method === 'negbin') return this.fittedSafetyStock(target, reviewDemand, forecastH);
    if (method === 'normal') {
      const { sd } = this.moments();
      if (target.metric === 'cycleServiceLevel') return normalQuantile(p) * sd;
      const g = (1 - p) * reviewDemand;
      return sd > 0 && g > 0 ? sd * normalLossInverse(g / sd) : 0;
    }
    if (target.metric === 'cycleServiceLevel') return quantileSorted7(this.sorted, this.count, p);
    const g = (1 - p) * reviewDemand;
    return g > 0 ? empiricalLossInverse(this.sorted, this.count, g) : this.sorted[this.count - 1]!;
  }

  private fittedSafetyStock(target: ServiceTarget, reviewDemand: number, mu: number): number {
    const { sd } = this.moments();
    if (!(mu > 0) || !(sd > 0)) return 0;
    return fittedLevel(this.spec.method as 'gamma' | 'negbin', target, mu, sd * sd, reviewDemand) - mu;
  }

  /** Moving-block bootstrap of the one-step errors, summed over the H periods. */
  private bootstrapSafetyStock(target: ServiceTarget, reviewDemand: number): number {
    const d = this.bootstrapSums();
    if (d === null) return 0;
    const p = target.value;
    if (target.metric === 'cycleServiceLevel') return quantileSorted7(d, d.length, p);
    const g = (1 - p) * reviewDemand;
    return g > 0 ? empiricalLossInverse(d, d.length, g) : d[d.length - 1]!;
  }
}

/** Safety stock from a moment-fitted lead-time demand distribution (gamma or negative binomial). */
function fittedLevel(method: 'gamma' | 'negbin', target: ServiceTarget, mu: number, variance: number, reviewDemand: number): number {
  const p = target.value;
  if (target.metric === 'cycleServiceLevel') return method === 'gamma' ? gammaQuantile(mu, variance, p) : negBinQuantile(mu, variance, p);
  const g = (1 - p) * reviewDemand;
  if (!(g > 0)) return method === 'gamma' ? gammaQuantile(mu, variance, 1 - 1e-9) : negBinQuantile(mu, variance, 1 - 1e-9);
  return method === 'gamma' ? gammaLossInverse(mu, variance, g) : negBinLossInverse(mu, variance, g);
}

export interface CalibrationResult {
  /** nominal cycle service level (the quantile the level aims at) */
  nominal: number;
  /** origins whose H-period demand has been realised (after minErrors errors resolved) */
  origins: number;
  /** share of them whose realised demand stayed ≤ F(H) + SS */
  coverage: number;
  /** mean safety stock over those origins */
  meanSafetyStock: number;
}

/**
 * Calibration of a safety-stock method on a demand history, online: at every origin t the
 * forecaster and the tracker have seen y_1..y_t only; the level F_t(H) + SS_t for the cycle
 * service level `nominal` is marked, and the share of origins whose realised demand over the
 * next H periods stayed at or below it is the achieved coverage.
 */
export function calibrate(y: ArrayLike<number>, forecaster: { update(y: number): void; cumulative(h: number): number }, spec: SafetyStockSpec, horizon: number, nominal: number): CalibrationResult {
  const tracker = new ErrorTracker(horizon, spec);
  const target: ServiceTarget = { metric: 'cycleServiceLevel', value: nominal };
  let ssSum = 0, marked = 0;
  for (let t = 0; t < y.length; t++) {
    forecaster.update(y[t]!);
    const f = forecaster.cumulative(horizon);
    tracker.record(y[t]!, f, forecaster.cumulative(1));
    if (tracker.size >= tracker.minErrors && t + horizon < y.length) {
      const ss = tracker.safetyStock(target, 0);
      tracker.markUpper(f + ss);
      ssSum += ss;
      marked++;
    }
  }
  const c = tracker.coverage();
  return { nominal, origins: c.origins, coverage: c.share, meanSafetyStock: marked === 0 ? NaN : ssSum / marked };
}

/**
 * The calibration report for several nominal levels in one pass (one forecaster, one tracker):
 * for each nominal p, the coverage of F_t(H) + SS_t(p) over the same origins as calibrate()
 * (scored afterwards against the realised H-period demand, summed directly) and the mean SS.
 */
export function calibrateMany(y: ArrayLike<number>, forecaster: { update(y: number): void; cumulative(h: number): number }, spec: SafetyStockSpec, horizon: number, nominals: readonly number[]): CalibrationResult[] {
  const tracker = new ErrorTracker(horizon, spec);
  const K = nominals.length;
  const hits = new Float64Array(K), ssSum = new Float64Array(K);
  let marked = 0;
  for (let t = 0; t < y.length; t++) {
    forecaster.update(y[t]!);
    const f = forecaster.cumulative(horizon);
    tracker.record(y[t]!, f, forecaster.cumulative(1));
    if (tracker.size >= tracker.minErrors && t + horizon < y.length) {
      let realised = 0;
      for (let j = 1; j <= horizon; j++) realised += y[t + j]!;
      for (let i = 0; i < K; i++) {
        const ss = tracker.safetyStock({ metric: 'cycleServiceLevel', value: nominals[i]! }, 0);
        ssSum[i] += ss;
        if (realised <= f + ss) hits[i]!++;
      }
      marked++;
    }
  }
  return nominals.map((nominal, i) => ({ nominal, origins: marked, coverage: marked === 0 ? NaN : hits[i]! / marked, meanSafetyStock: marked === 0 ? NaN : ssSum[i]! / marked }));
}
