/**
 * Croston's method (and SBA) with optimised smoothing constants. The in-sample one-step forecasts
 * f_t (made after y_1 … y_{t−1}; as forecast::croston's fitted values: 0 before the first demand,
 * none for t = 1) are scored by one of
 * - 'mse': mean of (y_t − f_t)² over t = 2 … n, the classic choice;
 * - 'mar' / 'msr': the cost of Kourentzes (2014, "On intermittent demand model optimisation and
 *   selection", IJPE 156, 180–190): Σ_t |f_t − r_t| (or Σ (f_t − r_t)²) with r_t = (y_1 + … + y_t)/t
 *   the demand rate so far, r_t held at r_k for t ≤ k = ⌈0.3n⌉ (as his R package tsintermittent
 *   does), i.e. the forecast judged against the cumulative mean demand rather than the
 *   individual, mostly zero, periods — which MSE rewards for forecasting zero.
 * One constant α for sizes and intervals is found on a grid of step 0.01 over [0, 1] refined by
 * golden section; with `separate`, (α_size, α_interval) on a 0.05 grid refined by Nelder–Mead.
 *
 * CrostonOptForecaster runs online: Croston with α = 0.1 until `fitAt` periods are seen, then the
 * constants are optimised on the history so far (the last `window` periods with a window) and the
 * state rebuilt with them; afterwards O(1) per period, re-optimised as ETS is (ets.ts): by default
 * whenever the history has doubled, every `refitEvery` periods if given, never with 0.
 */
import { goldenSectionMinimize } from '../core/optimize.ts';
import { CrostonForecaster } from './croston.ts';
import { nelderMead } from '../core/nelder-mead.ts';
import type { Forecaster } from './types.ts';

export type CrostonCost = 'mse' | 'mar' | 'msr';
export const CROSTON_COSTS = ['mse', 'mar', 'msr'] as const;

export interface CrostonOptOptions {
  cost?: CrostonCost;
  /** separate constants for sizes and intervals (default false) */
  separate?: boolean;
  variant?: 'croston' | 'sba';
  /** periods before the first optimisation (default 28) */
  fitAt?: number;
  refitEvery?: number;
  window?: number;
}

/** One-step in-sample forecasts: f[t] is the forecast of y[t] from y[0..t−1] (f[0] = NaN). */
export function crostonInSample(y: ArrayLike<number>, alphaSize: number, alphaInterval: number, variant: 'croston' | 'sba' = 'croston'): Float64Array {
  const f = new Float64Array(y.length);
  const c = new CrostonForecaster(alphaSize, variant, alphaInterval);
  for (let t = 0; t < y.length; t++) {
    f[t] = t === 0 ? NaN : c.forecast(1);
    c.update(y[t]!);
  }
  return f;
}

/** The cost of in-sample forecasts f of y (see the module comment). */
export function crostonCost(y: ArrayLike<number>, f: ArrayLike<number>, cost: CrostonCost): number {
  const n = y.length;
  let s = 0, k = 0;
  if (cost === 'mse') {
    for (let t = 1; t < n; t++) {
      s += (y[t]! - f[t]!) ** 2;
      k++;
    }
    return s / k;
  }
  const cut = Math.ceil(0.3 * n);
  let cum = 0;
  const r = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    cum += y[t]!;
    r[t] = cum / (t + 1);
  }
  const rate = r[cut - 1]!;
  for (let t = 1; t < n; t++) {
    const d = f[t]! - (t < cut ? rate : r[t]!);
    s += cost === 'mar' ? Math.abs(d) : d * d;
  }
  return s;
}

export interface CrostonOptimum {
  alphaSize: number;
  alphaInterval: number;
  cost: number;
}

/** Optimised constants for a history y. */
export function optimiseCroston(y: ArrayLike<number>, options: { cost?: CrostonCost; separate?: boolean; variant?: 'croston' | 'sba' } = {}): CrostonOptimum {
  const cost = options.cost ?? 'mse', variant = options.variant ?? 'croston';
  const J = (a: number, b: number): number => crostonCost(y, crostonInSample(y, a, b, variant), cost);
  if (!options.separate) {
    let best = 0, bestJ = Infinity;
    for (let i = 0; i <= 100; i++) {
      const j = J(i / 100, i / 100);
      if (j < bestJ) [best, bestJ] = [i / 100, j];
    }
    const a = goldenSectionMinimize((x) => J(x, x), Math.max(0, best - 0.01), Math.min(1, best + 0.01), 1e-7);
    const ja = J(a, a);
    return ja < bestJ ? { alphaSize: a, alphaInterval: a, cost: ja } : { alphaSize: best, alphaInterval: best, cost: bestJ };
  }
  let bs = 0, bi = 0, bestJ = Infinity;
  for (let i = 0; i <= 20; i++) {
    for (let k = 0; k <= 20; k++) {
      const j = J(i / 20, k / 20);
      if (j < bestJ) [bs, bi, bestJ] = [i / 20, k / 20, j];
    }
  }
  const inBox = (v: Float64Array): boolean => v[0]! >= 0 && v[0]! <= 1 && v[1]! >= 0 && v[1]! <= 1;
  const nm = nelderMead((v) => (inBox(v) ? J(v[0]!, v[1]!) : Infinity), [bs, bi], { reltol: 1e-10 });
  return nm.value < bestJ ? { alphaSize: nm.x[0]!, alphaInterval: nm.x[1]!, cost: nm.value } : { alphaSize: bs, alphaInterval: bi, cost: bestJ };
}

export class CrostonOptForecaster implements Forecaster {
  readonly method = 'crostonOpt';
  private inner: CrostonForecaster;
  private readonly history: number[] = [];
  private n = 0;
  private nextFit: number;
  /** the constants in use (null before the first optimisation) */
  optimum: CrostonOptimum | null = null;
  constructor(readonly options: CrostonOptOptions = {}) {
    this.inner = new CrostonForecaster(0.1, options.variant ?? 'croston');
    this.nextFit = options.fitAt ?? 28;
  }
  update(y: number): void {
    this.n++;
    const k = this.options.refitEvery;
    if (this.optimum === null || k !== 0) {
      this.history.push(y);
      const w = this.options.window;
      if (w !== undefined && this.history.length > 2 * w) this.history.splice(0, this.history.length - w);
    }
    this.inner.update(y);
    if (this.n >= this.nextFit) {
      this.refit();
      this.nextFit = k === undefined ? 2 * this.n : k > 0 ? this.n + k : Infinity;
    }
  }
  private refit(): void {
    const w = this.options.window;
    const y = w !== undefined && this.history.length > w ? this.history.slice(-w) : this.history;
    this.optimum = optimiseCroston(y, this.options);
    this.inner = new CrostonForecaster(this.optimum.alphaSize, this.options.variant ?? 'croston', this.optimum.alphaInterval);
    for (const v of y) this.inner.update(v);
    if (this.options.refitEvery === 0) this.history.length = 0;
  }
  forecast(h: number): number {
    return this.inner.forecast(h);
  }
  cumulative(h: number): number {
    return this.inner.cumulative(h);
  }
}
