/**
 * Seasonal naive forecast with period m (weekly: m = 7 on daily data): ŷ_{T+h} = y_{T+h−m(k+1)}
 * with k = ⌊(h−1)/m⌋, the last observed value of the same season (FPP3 §5.2). Before m
 * observations have been seen it falls back to the naive forecast (the last observation).
 */
import type { Forecaster } from './types.ts';

export class SeasonalNaiveForecaster implements Forecaster {
  readonly method = 'seasonalNaive';
  private readonly ring: Float64Array;
  private n = 0;
  constructor(readonly period: number) {
    this.ring = new Float64Array(period);
  }
  update(y: number): void {
    this.ring[this.n % this.period] = y;
    this.n++;
  }
  forecast(h: number): number {
    const m = this.period;
    if (this.n === 0) return NaN;
    if (this.n < m) return this.ring[(this.n - 1) % m]!;
    // the slot of period T + h − m(k+1) = (n − 1 + h) mod m, with T = n − 1 (0-based)
    return this.ring[(this.n - 1 + ((h - 1) % m) + 1) % m]!;
  }
  cumulative(h: number): number {
    let s = 0;
    for (let i = 1; i <= h; i++) s += this.forecast(i);
    return s;
  }
}
