/**
 * Regression forecaster with calendar features, fitted by ordinary least squares on all
 * observations so far (FPP3 §7): y_t = β₀ + β₁·t + Σ_d γ_d·[weekday(t) = d] + Σ_m δ_m·[month(t) = m]
 * + ε_t, with the first weekday and January as baselines (t = 1, 2, … the period index). Without a
 * start date the weekday is the position in a cycle of `period` (default 7) from the first
 * observation and there are no month terms.
 *
 * Online: update() adds the observation's row to X'X and X'y (O(p²) per period, p ≤ 19, constant
 * in the history length); the coefficients are solved when a forecast is asked for, by a
 * Cholesky factorisation that drops a column lying in the span of the columns before it (a
 * weekday or month not seen yet, or the trend before two observations): its coefficient is 0, as
 * R's lm() reports it NA and predict() leaves it out.
 */
import { civilFromDays, parseCalendarDate, weekdayOfDays } from './calendar.ts';
import type { Forecaster } from './types.ts';

export interface RegressionOptions {
  /** 'YYYY-MM-DD' of the first observation (daily data): enables calendar weekdays and months */
  start?: string;
  /** length of the weekly cycle without a start date (default 7) */
  period?: number;
  /** include the linear trend (default true) */
  trend?: boolean;
  /** include month terms (default true when a start date is given) */
  month?: boolean;
}

export class RegressionForecaster implements Forecaster {
  readonly method = 'regression';
  readonly p: number;
  private readonly xtx: Float64Array;
  private readonly xty: Float64Array;
  private readonly row: Float64Array;
  private readonly startDay: number;
  private readonly period: number;
  private readonly trend: boolean;
  private readonly month: boolean;
  private n = 0;
  private coef: Float64Array | null = null;
  constructor(options: RegressionOptions = {}) {
    this.startDay = options.start === undefined ? NaN : parseCalendarDate(options.start);
    this.period = this.startDay === this.startDay ? 7 : (options.period ?? 7);
    this.trend = options.trend ?? true;
    this.month = this.startDay === this.startDay && (options.month ?? true);
    this.p = 1 + (this.trend ? 1 : 0) + (this.period - 1) + (this.month ? 11 : 0);
    this.xtx = new Float64Array(this.p * this.p);
    this.xty = new Float64Array(this.p);
    this.row = new Float64Array(this.p);
  }

  /** The feature row of period t (1-based) into this.row. */
  private features(t: number): Float64Array {
    const x = this.row.fill(0);
    let j = 0;
    x[j++] = 1;
    if (this.trend) x[j++] = t;
    let dow: number;
    let month = 0;
    if (this.startDay === this.startDay) {
      const day = this.startDay + t - 1;
      dow = (weekdayOfDays(day) - weekdayOfDays(this.startDay) + 7) % 7; // 0: the start's weekday (the baseline)
      month = civilFromDays(day).m - 1;
    } else dow = (t - 1) % this.period;
    if (dow > 0) x[j + dow - 1] = 1;
    j += this.period - 1;
    if (this.month && month > 0) x[j + month - 1] = 1;
    return x;
  }

  update(y: number): void {
    this.n++;
    const x = this.features(this.n);
    const p = this.p;
    for (let a = 0; a < p; a++) {
      const xa = x[a]!;
      if (xa === 0) continue;
      this.xty[a] += xa * y;
      for (let b = 0; b < p; b++) this.xtx[a * p + b] += xa * x[b]!;
    }
    this.coef = null;
  }

  /** OLS coefficients by Cholesky of X'X, dropping aliased columns (coefficient 0). */
  coefficients(): Float64Array {
    if (this.coef !== null) return this.coef;
    const p = this.p;
    const L = new Float64Array(p * p);
    const keep = new Uint8Array(p);
    for (let j = 0; j < p; j++) {
      let d = this.xtx[j * p + j]!;
      for (let k = 0; k < j; k++) if (keep[k]) d -= L[j * p + k]! ** 2;
      // aliased: (almost) nothing left of the column after projecting out the earlier ones (lm's tol 1e-7 on the QR diagonal)
      if (!(d > 1e-14 * Math.max(1, this.xtx[j * p + j]!))) continue;
      keep[j] = 1;
      const ljj = Math.sqrt(d);
      L[j * p + j] = ljj;
      for (let i = j + 1; i < p; i++) {
        let s = this.xtx[i * p + j]!;
        for (let k = 0; k < j; k++) if (keep[k]) s -= L[i * p + k]! * L[j * p + k]!;
        L[i * p + j] = s / ljj;
      }
    }
    const z = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      if (!keep[i]) continue;
      let s = this.xty[i]!;
      for (let k = 0; k < i; k++) if (keep[k]) s -= L[i * p + k]! * z[k]!;
      z[i] = s / L[i * p + i]!;
    }
    const beta = new Float64Array(p);
    for (let i = p - 1; i >= 0; i--) {
      if (!keep[i]) continue;
      let s = z[i]!;
      for (let k = i + 1; k < p; k++) if (keep[k]) s -= L[k * p + i]! * beta[k]!;
      beta[i] = s / L[i * p + i]!;
    }
    this.coef = beta;
    return beta;
  }

  forecast(h: number): number {
    if (this.n === 0) return NaN;
    const beta = this.coefficients();
    const x = this.features(this.n + h);
    let s = 0;
    for (let j = 0; j < this.p; j++) s += beta[j]! * x[j]!;
    return s;
  }

  cumulative(h: number): number {
    let s = 0;
    for (let i = 1; i <= h; i++) s += this.forecast(i);
    return s;
  }
}
