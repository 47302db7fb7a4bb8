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
 * Until `minErrors` errors have resolved, SS = 0.
 *
 * Calibration: at each origin marked with an upper level (markUpper, e.g. S at a review) the
 * tracker counts whether the realised H-period demand stayed ≤ that level; coverage() is the
 * achieved share, to set against the nominal quantile.
 */
import { checkChoice, checkKnownKeys, checkNumber, checkObject } from '../core/validate.ts';
import { normalLossInverse, normalQuantile } from '../core/normal.ts';

export interface SafetyStockSpec {
  method: 'normal' | 'empirical';
  /** errors kept (the most recent ones), integer ≥ 2; default 1000 */
  window?: number;
  /** errors needed before any safety stock is held, integer ≥ 2; default 10 */
  minErrors?: number;
}

export interface ServiceTarget {
  /** cycle service level (probability of no stock-out over the protection interval) or fill rate */
  metric: 'cycleServiceLevel' | 'fillRate';
  /** in (0, 1) */
  value: number;
}

export const SAFETY_STOCK_METHODS = ['normal', 'empirical'] as const;

export function validateSafetyStockSpec(specIn: unknown, name = 'safetyStock'): SafetyStockSpec {
  const o = checkObject(specIn, name);
  checkKnownKeys(o, name, ['method', 'window', 'minErrors']);
  checkChoice(o.method, `${name}.method`, SAFETY_STOCK_METHODS);
  for (const k of ['window', 'minErrors'] as const) {
    if (o[k] !== undefined && checkNumber(o[k], `${name}.${k}`, 'int1') < 2) throw new RangeError(`${name}.${k} must be ≥ 2, got ${String(o[k])}`);
  }
  return o as unknown as SafetyStockSpec;
}

export function validateServiceTarget(t: unknown, name = 'target'): ServiceTarget {
  const o = checkObject(t, name);
  checkKnownKeys(o, name, ['metric', 'value']);
  checkChoice(o.metric, `${name}.metric`, ['cycleServiceLevel', 'fillRate'] as const);
  checkNumber(o.value, `${name}.value`, 'openProbability');
  return o as unknown as ServiceTarget;
}

/** Type-7 quantile of an ascending array (the first n entries). */
function quantileType7(a: Float64Array, n: number, p: number): number {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < n ? a[lo]! + (h - lo) * (a[lo + 1]! - a[lo]!) : a[n - 1]!;
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
  }

  /** The newest observation y and the forecast F(H) made after it (origin = this period). */
  record(y: number, forecastH: number): void {
    const H = this.horizon;
    const slot = this.n % H;
    if (this.n >= H) this.actualSum -= this.actual[slot]!;
    this.actual[slot] = y;
    this.actualSum += y;
    this.n++;
    if (this.n > H) this.resolve(this.actualSum - this.pending[slot]!, this.actualSum, this.upper[slot]!);
    this.pending[slot] = forecastH;
    this.upper[slot] = NaN;
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
    const a = this.sorted;
    let lo = 0, hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid]! < e) lo = mid + 1;
      else hi = mid;
    }
    a.copyWithin(lo + 1, lo, this.count);
    a[lo] = e;
    this.count++;
    this.sum += e;
    this.sumSq += e * e;
  }

  private remove(e: number): void {
    const a = this.sorted;
    let lo = 0, hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid]! < e) lo = mid + 1;
      else hi = mid;
    }
    a.copyWithin(lo, lo + 1, this.count);
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
    const mean = this.sum / k;
    return { mean, sd: Math.sqrt(Math.max(0, (this.sumSq - k * mean * mean) / (k - 1))) };
  }
  /** the errors in the window, ascending (a copy) */
  errors(): number[] {
    return Array.from(this.sorted.subarray(0, this.count));
  }
  /** share of marked origins whose realised demand stayed ≤ the marked level; NaN if none */
  coverage(): { covered: number; origins: number; share: number } {
    return { covered: this.hits, origins: this.marked, share: this.marked === 0 ? NaN : this.hits / this.marked };
  }

  /** Safety stock for a target; reviewDemand = F_t(R), the forecast demand of one review period. */
  safetyStock(target: ServiceTarget, reviewDemand: number): number {
    if (this.count < this.minErrors) return 0;
    const p = target.value;
    if (this.spec.method === 'normal') {
      const { sd } = this.moments();
      if (target.metric === 'cycleServiceLevel') return normalQuantile(p) * sd;
      const g = (1 - p) * reviewDemand;
      return sd > 0 && g > 0 ? sd * normalLossInverse(g / sd) : 0;
    }
    if (target.metric === 'cycleServiceLevel') return quantileType7(this.sorted, this.count, p);
    const g = (1 - p) * reviewDemand;
    return g > 0 ? empiricalLossInverse(this.sorted, this.count, g) : this.sorted[this.count - 1]!;
  }
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
    tracker.record(y[t]!, f);
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
