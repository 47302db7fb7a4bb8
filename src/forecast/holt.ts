/**
 * Holt's linear trend with damping φ (Gardner & McKenzie 1985; FPP3 §8.2), fixed α, β, φ:
 *   ℓ_t = α y_t + (1 − α)(ℓ_{t−1} + φ b_{t−1})
 *   b_t = β (ℓ_t − ℓ_{t−1}) + (1 − β) φ b_{t−1}
 *   ŷ_{t+h|t} = ℓ_t + (φ + φ² + … + φ^h) b_t.
 * φ = 1 is Holt's undamped method. Initial states as forecast::holt(initial = 'simple') (its
 * HoltWintersZZ): ℓ_0 = y_1, b_0 = y_2 − y_1, the recursions then running over every observation
 * from y_1 on; so they start once y_2 is seen, and after a single observation the forecast is y_1.
 */
import type { Forecaster } from './types.ts';

export class HoltForecaster implements Forecaster {
  readonly method = 'holt';
  private n = 0;
  private level = NaN;
  private trend = 0;
  constructor(
    readonly alpha: number,
    readonly beta: number,
    readonly phi: number = 1,
  ) {}
  update(y: number): void {
    this.n++;
    if (this.n === 1) {
      this.level = y;
      return;
    }
    if (this.n === 2) {
      const y1 = this.level;
      this.trend = y - y1;
      this.step(y1);
    }
    this.step(y);
  }
  private step(y: number): void {
    const prev = this.level;
    const damped = this.phi * this.trend;
    this.level = this.alpha * y + (1 - this.alpha) * (prev + damped);
    this.trend = this.beta * (this.level - prev) + (1 - this.beta) * damped;
  }
  /** φ + φ² + … + φ^h */
  private dampSum(h: number): number {
    const phi = this.phi;
    return phi === 1 ? h : (phi * (1 - phi ** h)) / (1 - phi);
  }
  /** φ + … + φ^h of the last h asked (a power per call otherwise) */
  private dampH = -1;
  private dampS = 0;
  forecast(h: number): number {
    if (h !== this.dampH) {
      this.dampS = this.dampSum(h);
      this.dampH = h;
    }
    return this.level + this.dampS * this.trend;
  }
  /** Σ_{i=1..h} (φ + … + φ^i) depends on h only: computed once (same summation order) and cached */
  private cumH = -1;
  private cumS = 0;
  cumulative(h: number): number {
    if (h !== this.cumH) {
      let s = 0;
      for (let i = 1; i <= h; i++) s += this.dampSum(i);
      this.cumH = h;
      this.cumS = s;
    }
    return h * this.level + this.cumS * this.trend;
  }
}
