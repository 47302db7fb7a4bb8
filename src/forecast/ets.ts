/**
 * ETS as an online forecaster: the additive exponential smoothing state space models of
 * Hyndman, Koehler, Snyder & Grose (2002) and Hyndman et al. (2008), one of them fitted by
 * maximum likelihood (or chosen among them by AICc) on the first `fitAt` observations
 * (ets-fit.ts), then updated one period at a time with the fitted parameters (O(1) per period:
 * the state recursions of ets-core.ts). The model is re-estimated (and re-selected) on the
 * history so far (the last `window` observations with a window), the state carried to the
 * present by the filter: by default each time the history has doubled (at fitAt, 2·fitAt,
 * 4·fitAt, …: the fits' total work is at most twice that of one fit on the whole history, so
 * O(1) amortised per period); with `refitEvery` = k > 0 every k periods; with 0 never. Before
 * the first fit the forecast is the mean of the observations so far (NaN before the first).
 *
 * Prediction variance: variance(h) and cumulativeVariance(H) are the class-1 formulas of
 * Hyndman et al. (2008, ch. 6) with the fitted σ² (ets-core.ts).
 */
import { ETS_MODELS, EtsState, etsCumulativeVariance, etsForecastVariance, etsSse, etsType, type EtsModelName } from './ets-core.ts';
import { etsSelect, type EtsFit, type EtsOptimizer } from './ets-fit.ts';
import type { Forecaster } from './types.ts';

export interface EtsOptions {
  /** 'auto' (AICc over the six additive models) or one of them; default 'auto' */
  model?: 'auto' | EtsModelName;
  /** seasonal period m (default 7: weekly season of daily data) */
  period?: number;
  /** observations before the first fit (default 4m, at least 10) */
  fitAt?: number;
  /** re-fit every k periods after the first fit; 0: never; default: whenever the history has doubled */
  refitEvery?: number;
  /** re-fit on the last `window` observations (default: all seen) */
  window?: number;
  /** 'r' (default): Nelder–Mead on R's path, the fits of forecast::ets; 'fast': the initial states by least squares, the smoothing parameters by quasi-Newton (ets-fit.ts) */
  optimizer?: EtsOptimizer;
}

export class EtsForecaster implements Forecaster {
  readonly method = 'ets';
  readonly period: number;
  readonly fitAt: number;
  private readonly models: readonly EtsModelName[];
  private readonly history: number[] = [];
  private n = 0;
  private sum = 0;
  private nextFit: number;
  /** the latest fit (null before the first) */
  fit: EtsFit | null = null;
  private state: EtsState | null = null;
  constructor(readonly options: EtsOptions = {}) {
    this.period = options.period ?? 7;
    this.fitAt = options.fitAt ?? Math.max(10, 4 * this.period);
    this.nextFit = this.fitAt;
    const model = options.model ?? 'auto';
    this.models = model === 'auto' ? ETS_MODELS : [model];
  }
  private keepsHistory(): boolean {
    return this.fit === null || this.options.refitEvery !== 0;
  }
  update(y: number): void {
    this.n++;
    this.sum += y;
    if (this.keepsHistory()) {
      this.history.push(y);
      const w = this.options.window;
      if (w !== undefined && this.history.length > 2 * w) this.history.splice(0, this.history.length - w);
    }
    if (this.state !== null) this.state.update(y);
    if (this.n >= this.nextFit) {
      this.refit();
      const k = this.options.refitEvery;
      this.nextFit = k === undefined ? 2 * this.n : k > 0 ? this.n + k : Infinity;
    }
  }
  private refit(): void {
    const w = this.options.window;
    const y = w !== undefined && this.history.length > w ? this.history.slice(-w) : this.history;
    this.fit = etsSelect(y, this.period, this.models, this.options.optimizer === undefined ? {} : { optimizer: this.options.optimizer }).best;
    this.state = this.fit.state;
    if (this.options.refitEvery === 0) this.history.length = 0;
  }
  forecast(h: number): number {
    if (this.state === null) return this.n === 0 ? NaN : this.sum / this.n;
    return this.state.forecast(h);
  }
  cumulative(h: number): number {
    if (this.state === null) return this.n === 0 ? NaN : (h * this.sum) / this.n;
    return this.state.cumulative(h);
  }
  /** Var of the h-step forecast error (NaN before the first fit). */
  variance(h: number): number {
    const f = this.fit;
    return f === null ? NaN : etsForecastVariance(etsType(f.model), f.par, f.period, f.sigma2, h);
  }
  /** Var of the error of cumulative(H), the forecast total over the next H periods. */
  cumulativeVariance(H: number): number {
    const f = this.fit;
    return f === null ? NaN : etsCumulativeVariance(etsType(f.model), f.par, f.period, f.sigma2, H);
  }
}

/** Re-run a fitted model's filter over y from its initial state (for checks and tests). */
export function etsRefilter(fit: EtsFit, y: ArrayLike<number>): EtsState {
  return etsSse(y, etsType(fit.model), fit.par, fit.initial, fit.period).state;
}
