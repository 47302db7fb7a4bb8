/**
 * Croston's method (Croston 1972) and the Syntetos–Boylan approximation (SBA; Syntetos &
 * Boylan 2005). Non-zero demand sizes z and the intervals p between them (in periods, the first
 * one counted from the start of the series) are each smoothed by SES with the same α, updated
 * only in periods with demand; the forecast per period is z/p (Croston) or (1 − α/2)·z/p (SBA),
 * flat over the horizon. Initial z and p: the first size and the first interval, as
 * forecast::croston (which calls ses(initial = 'simple') on both). 0 before the first demand.
 * An optional second constant `alphaInterval` smooths the intervals (sizes keep α): Croston's
 * method with separate smoothing constants (Kourentzes 2014; Schultz 1987).
 */
import type { Forecaster } from './types.ts';

/** The SBA bias correction 1 − α/2, α the intervals' smoothing constant (Syntetos & Boylan 2005). */
export function sbaFactor(alphaInterval: number): number {
  return 1 - alphaInterval / 2;
}

export class CrostonForecaster implements Forecaster {
  readonly method: 'croston' | 'sba';
  private size = NaN;
  private interval = NaN;
  private sinceLast = 0;
  /** the forecast per period: it changes only in periods with demand, so it is computed there */
  private value = 0;
  private readonly factor: number;
  constructor(
    readonly alpha: number,
    variant: 'croston' | 'sba' = 'croston',
    readonly alphaInterval: number = alpha,
  ) {
    this.method = variant;
    // the SBA correction 1 − α/2 comes from smoothing the intervals (Syntetos & Boylan 2005)
    this.factor = variant === 'sba' ? sbaFactor(alphaInterval) : 1;
  }
  update(y: number): void {
    this.sinceLast++;
    if (!(y > 0)) return;
    const q = this.sinceLast;
    this.sinceLast = 0;
    if (this.size !== this.size) {
      this.size = y;
      this.interval = q;
    } else {
      this.size += this.alpha * (y - this.size);
      this.interval += this.alphaInterval * (q - this.interval);
    }
    this.value = this.rateWith(this.factor);
  }
  /**
   * (factor·z)/p, 0 before the first demand: the forecast per period of these smoothed z and p
   * under another bias factor (1 for Croston, sbaFactor(α) for SBA; the SBC method picks one).
   */
  rateWith(factor: number): number {
    return this.size !== this.size ? 0 : (factor * this.size) / this.interval;
  }
  forecast(_h: number): number {
    return this.value;
  }
  cumulative(h: number): number {
    return h * this.value;
  }
}
