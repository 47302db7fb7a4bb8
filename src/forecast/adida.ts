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
  /** feed one period; returns whether it completed a bucket (the forecast may have moved then only) */
  update(y: number): boolean {
    this.bucket += y;
    if (++this.filled < this.level) return false;
    this.inner.update(this.bucket);
    this.bucket = 0;
    this.filled = 0;
    return true;
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
 * inner method, the per-period forecasts averaged over the levels (a level whose inner forecast
 * is NaN, e.g. SES before its first bucket completes, is left out; NaN when none is left).
 * Incremental: each level keeps its open bucket; its per-period forecast is re-read only when a
 * bucket completes (into a typed array), and the average (summed in the order k = 1..K) is
 * computed once per period asked.
 */
export class ImapaForecaster implements Forecaster {
  readonly method = 'imapa';
  private readonly levels: AdidaForecaster[];
  private readonly perPeriod: Float64Array;
  private value = NaN;
  private dirty = true;
  constructor(maxLevel: number, makeInner: () => Forecaster) {
    this.levels = Array.from({ length: maxLevel }, (_, i) => new AdidaForecaster(i + 1, makeInner()));
    this.perPeriod = Float64Array.from(this.levels, (l) => l.forecast(1));
  }
  update(y: number): void {
    const levels = this.levels;
    for (let i = 0; i < levels.length; i++) {
      const l = levels[i]!;
      if (l.update(y)) this.perPeriod[i] = l.forecast(1);
    }
    this.dirty = true;
  }
  forecast(_h: number): number {
    if (this.dirty) {
      const p = this.perPeriod;
      let sum = 0, n = 0;
      for (let i = 0; i < p.length; i++) {
        const f = p[i]!;
        if (f === f) {
          sum += f;
          n++;
        }
      }
      this.value = sum / n; // 0/0: NaN when no level has a forecast
      this.dirty = false;
    }
    return this.value;
  }
  cumulative(h: number): number {
    return h * this.forecast(1);
  }
}
