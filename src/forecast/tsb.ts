/**
 * TSB (Teunter, Syntetos & Babai 2011): the demand probability π is smoothed every period,
 * π_t = π_{t−1} + β(1{y_t > 0} − π_{t−1}); the size z only in periods with demand,
 * z_t = z_{t−1} + α(y_t − z_{t−1}); the forecast per period is π_t·z_t, flat over the horizon
 * (it decays through π during runs of zeros, which Croston's forecast does not: obsolescence).
 * Initial states (the paper leaves them open): at the first non-zero demand, in period n
 * (1-based), z = that demand and π = 1/n (the share of periods with demand so far). 0 before.
 */
import type { Forecaster } from './types.ts';

export class TsbForecaster implements Forecaster {
  readonly method = 'tsb';
  private size = NaN;
  private prob = 0;
  private n = 0;
  constructor(
    readonly alpha: number,
    readonly beta: number,
  ) {}
  update(y: number): void {
    this.n++;
    const hit = y > 0;
    if (this.size !== this.size) {
      if (!hit) return;
      this.size = y;
      this.prob = 1 / this.n;
      return;
    }
    this.prob += this.beta * ((hit ? 1 : 0) - this.prob);
    if (hit) this.size += this.alpha * (y - this.size);
  }
  forecast(_h: number): number {
    return this.size !== this.size ? 0 : this.prob * this.size;
  }
  cumulative(h: number): number {
    return h * this.forecast(1);
  }
}
