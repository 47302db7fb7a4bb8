/**
 * ADIDA (Nikolopoulos, Syntetos, Boylan, Petropoulos & Assimakopoulos 2011): aggregate demand
 * into non-overlapping buckets of k periods, forecast the bucket series with an inner method,
 * and disaggregate equally: the per-period forecast is the inner forecast of the next bucket / k,
 * flat over the horizon. Online: buckets are aligned from the first observation and the inner
 * forecaster is updated when a bucket completes (a partial bucket waits); until the first bucket
 * completes the forecast is the inner forecaster's before any data (NaN, or 0 for Croston/SBA/TSB).
 */
import type { Forecaster } from './types.ts';

export class AdidaForecaster implements Forecaster {
  readonly method = 'adida';
  private filled = 0;
  private bucket = 0;
  constructor(
    readonly level: number,
    private readonly inner: Forecaster,
  ) {}
  update(y: number): void {
    this.bucket += y;
    if (++this.filled < this.level) return;
    this.inner.update(this.bucket);
    this.bucket = 0;
    this.filled = 0;
  }
  forecast(_h: number): number {
    return this.inner.forecast(1) / this.level;
  }
  cumulative(h: number): number {
    return h * this.forecast(1);
  }
}

/**
 * IMAPA (Petropoulos & Kourentzes 2015): ADIDA at every aggregation level k = 1..K with the same
 * inner method, the per-period forecasts averaged over the levels (levels whose first bucket
 * has not completed yet are left out; NaN when none has).
 */
export class ImapaForecaster implements Forecaster {
  readonly method = 'imapa';
  private readonly levels: AdidaForecaster[];
  constructor(maxLevel: number, makeInner: () => Forecaster) {
    this.levels = Array.from({ length: maxLevel }, (_, i) => new AdidaForecaster(i + 1, makeInner()));
  }
  update(y: number): void {
    for (const l of this.levels) l.update(y);
  }
  forecast(_h: number): number {
    let sum = 0, n = 0;
    for (const l of this.levels) {
      const f = l.forecast(1);
      if (f === f) {
        sum += f;
        n++;
      }
    }
    return n === 0 ? NaN : sum / n;
  }
  cumulative(h: number): number {
    return h * this.forecast(1);
  }
}
