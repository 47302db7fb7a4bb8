/**
 * Simple exponential smoothing with a fixed α (FPP3 §8.1): ℓ_t = ℓ_{t−1} + α(y_t − ℓ_{t−1}),
 * ŷ_{T+h} = ℓ_T. Initial level: the first observation (as forecast::ses(initial = 'simple')).
 */
import type { Forecaster } from './types.ts';

export class SesForecaster implements Forecaster {
  readonly method = 'ses';
  private level = NaN;
  constructor(readonly alpha: number) {}
  update(y: number): void {
    this.level = this.level !== this.level ? y : this.level + this.alpha * (y - this.level);
  }
  forecast(_h: number): number {
    return this.level;
  }
  cumulative(h: number): number {
    return h * this.level;
  }
}
