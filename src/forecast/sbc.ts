/**
 * SBC classification (Syntetos, Boylan & Croston 2005): a demand series is classed by the
 * average inter-demand interval ADI (periods between non-zero demands, the first counted from
 * the start of the series, as Croston's intervals) and the squared coefficient of variation CV²
 * of the non-zero sizes (population variance / mean²), with cut-offs ADI = 1.32 and CV² = 0.49:
 *   smooth (ADI < 1.32, CV² < 0.49) → Croston; erratic (ADI < 1.32, CV² ≥ 0.49),
 *   intermittent (ADI ≥ 1.32, CV² < 0.49) and lumpy (both ≥) → SBA.
 * SbcForecaster keeps ADI and CV² online and runs Croston and SBA side by side (both O(1)),
 * forecasting with the method of the class of the demand seen so far.
 */
import { CrostonForecaster } from './croston.ts';
import type { Forecaster } from './types.ts';

export const SBC_ADI_CUTOFF = 1.32;
export const SBC_CV2_CUTOFF = 0.49;

export type SbcClass = 'smooth' | 'erratic' | 'intermittent' | 'lumpy';

export interface SbcResult {
  adi: number;
  cv2: number;
  sbcClass: SbcClass;
  method: 'croston' | 'sba';
}

/** The class of (adi, cv2); NaN statistics (no demand yet) class as smooth. */
export function sbcClassOf(adi: number, cv2: number): SbcResult {
  const longGaps = adi >= SBC_ADI_CUTOFF;
  const variable = cv2 >= SBC_CV2_CUTOFF;
  const sbcClass: SbcClass = longGaps ? (variable ? 'lumpy' : 'intermittent') : variable ? 'erratic' : 'smooth';
  return { adi, cv2, sbcClass, method: sbcClass === 'smooth' ? 'croston' : 'sba' };
}

/** Running ADI and CV² of a demand series. */
export class SbcStatistics {
  private periods = 0;
  private demands = 0;
  private sinceLast = 0;
  private intervalSum = 0;
  private sizeSum = 0;
  private sizeSq = 0;
  update(y: number): void {
    this.periods++;
    this.sinceLast++;
    if (!(y > 0)) return;
    this.demands++;
    this.intervalSum += this.sinceLast;
    this.sinceLast = 0;
    this.sizeSum += y;
    this.sizeSq += y * y;
  }
  get adi(): number {
    return this.demands === 0 ? NaN : this.intervalSum / this.demands;
  }
  get cv2(): number {
    if (this.demands === 0) return NaN;
    const mean = this.sizeSum / this.demands;
    const variance = Math.max(0, this.sizeSq / this.demands - mean * mean);
    return variance / (mean * mean);
  }
  classify(): SbcResult {
    return sbcClassOf(this.adi, this.cv2);
  }
}

/** SBC classification of a whole series. */
export function sbcClassify(y: ArrayLike<number>): SbcResult {
  const s = new SbcStatistics();
  for (let i = 0; i < y.length; i++) s.update(y[i]!);
  return s.classify();
}

/** Croston or SBA, whichever the SBC class of the demand seen so far picks. */
export class SbcForecaster implements Forecaster {
  readonly method = 'sbc';
  readonly stats = new SbcStatistics();
  private readonly croston: CrostonForecaster;
  private readonly sba: CrostonForecaster;
  constructor(readonly alpha: number) {
    this.croston = new CrostonForecaster(alpha, 'croston');
    this.sba = new CrostonForecaster(alpha, 'sba');
  }
  update(y: number): void {
    this.stats.update(y);
    this.croston.update(y);
    this.sba.update(y);
  }
  private chosen(): CrostonForecaster {
    return this.stats.classify().method === 'croston' ? this.croston : this.sba;
  }
  forecast(h: number): number {
    return this.chosen().forecast(h);
  }
  cumulative(h: number): number {
    return this.chosen().cumulative(h);
  }
}
