/** Naive forecast: every horizon gets the last observation (Hyndman & Athanasopoulos, FPP3 §5.2). */
import type { Forecaster } from './types.ts';

export class NaiveForecaster implements Forecaster {
  readonly method = 'naive';
  private last = NaN;
  update(y: number): void {
    this.last = y;
  }
  forecast(_h: number): number {
    return this.last;
  }
  cumulative(h: number): number {
    return h * this.last;
  }
}
