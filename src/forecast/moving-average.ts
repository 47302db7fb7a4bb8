/**
 * Moving average of the last n observations (fewer while fewer have been seen): a flat
 * forecast for every horizon. O(1) per period: a ring buffer and a running sum.
 */
import type { Forecaster } from './types.ts';

export class MovingAverageForecaster implements Forecaster {
  readonly method = 'movingAverage';
  private readonly ring: Float64Array;
  private n = 0;
  private sum = 0;
  constructor(readonly window: number) {
    this.ring = new Float64Array(window);
  }
  update(y: number): void {
    const slot = this.n % this.window;
    if (this.n >= this.window) this.sum -= this.ring[slot]!;
    this.ring[slot] = y;
    this.sum += y;
    this.n++;
  }
  forecast(_h: number): number {
    return this.n === 0 ? NaN : this.sum / Math.min(this.n, this.window);
  }
  cumulative(h: number): number {
    return h * this.forecast(1);
  }
}
