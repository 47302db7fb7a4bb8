/**
 * Moving average of the last n observations (fewer while fewer have been seen): a flat
 * forecast for every horizon. O(1) per period: a typed ring buffer, a running sum and the
 * forecast computed once per update.
 */
import type { Forecaster } from './types.ts';

export class MovingAverageForecaster implements Forecaster {
  readonly method = 'movingAverage';
  private readonly ring: Float64Array;
  private n = 0;
  /** n mod window: the slot of the oldest observation, overwritten by the next */
  private pos = 0;
  private sum = 0;
  private value = NaN;
  constructor(readonly window: number) {
    this.ring = new Float64Array(window);
  }
  update(y: number): void {
    const slot = this.pos, w = this.window;
    if (this.n >= w) this.sum -= this.ring[slot]!;
    this.ring[slot] = y;
    this.sum += y;
    this.n++;
    this.pos = slot + 1 === w ? 0 : slot + 1;
    this.value = this.sum / (this.n < w ? this.n : w);
  }
  forecast(_h: number): number {
    return this.value;
  }
  cumulative(h: number): number {
    return h * this.value;
  }
}
