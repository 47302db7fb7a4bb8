/**
 * SBC classification (Syntetos, Boylan & Croston 2005): a demand series is classed by the
 * average inter-demand interval ADI (periods between non-zero demands, the first counted from
 * the start of the series, as Croston's intervals) and the squared coefficient of variation CV²
 * of the non-zero sizes (population variance / mean²), with cut-offs ADI = 1.32 and CV² = 0.49:
 *   smooth (ADI < 1.32, CV² < 0.49) → Croston; erratic (ADI < 1.32, CV² ≥ 0.49),
 *   intermittent (ADI ≥ 1.32, CV² < 0.49) and lumpy (both ≥) → SBA.
 * SbcForecaster keeps ADI and CV² online and runs Croston and SBA on one shared state (O(1)),
 * forecasting with the method of the class of the demand seen so far.
 */
import { CrostonForecaster, sbaFactor } from './croston.ts';
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

/**
 * Whether (adi, cv2) is outside the smooth class, i.e. SBC picks SBA; NaN statistics (no demand
 * yet) are smooth. CV² is not read when ADI already decides (s may compute them on access).
 */
export function sbcPicksSba(s: { readonly adi: number; readonly cv2: number }): boolean {
  return s.adi >= SBC_ADI_CUTOFF || s.cv2 >= SBC_CV2_CUTOFF;
}

/** The class of (adi, cv2); NaN statistics (no demand yet) class as smooth. */
export function sbcClassOf(adi: number, cv2: number): SbcResult {
  const longGaps = adi >= SBC_ADI_CUTOFF;
  const variable = cv2 >= SBC_CV2_CUTOFF;
  const sbcClass: SbcClass = longGaps ? (variable ? 'lumpy' : 'intermittent') : variable ? 'erratic' : 'smooth';
  return { adi, cv2, sbcClass, method: sbcPicksSba({ adi, cv2 }) ? 'sba' : 'croston' };
}

/** Running ADI and CV² of a demand series. */
export class SbcStatistics {
  private demands = 0;
  private sinceLast = 0;
  private intervalSum = 0;
  private sizeSum = 0;
  private sizeSq = 0;
  update(y: number): void {
    this.sinceLast++;
    if (!(y > 0)) return;
    this.demands++;
    this.intervalSum += this.sinceLast;
    this.sinceLast = 0;
    this.sizeSum += y;
    this.sizeSq += y * y;
  }
  /** NaN before the first demand (0/0) */
  get adi(): number {
    return this.intervalSum / this.demands;
  }
  /** NaN before the first demand (0/0 propagates) */
  get cv2(): number {
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

/**
 * Croston or SBA, whichever the SBC class of the demand seen so far picks. Both smooth the same
 * sizes and intervals with the same α, so one Croston state serves both (the forecast is (f·z)/p
 * with f = 1 or 1 − α/2). The class is kept online: ADI and CV² change only in periods with
 * demand, so the class, and with it the forecast, is re-read there and only there.
 */
export class SbcForecaster implements Forecaster {
  readonly method = 'sbc';
  readonly stats = new SbcStatistics();
  /** Croston's smoothed size z and interval p (SBA's are the same) */
  private readonly state: CrostonForecaster;
  private readonly sba: number;
  /** the forecast per period (0 before the first demand, as Croston's and SBA's) */
  private value = 0;
  constructor(readonly alpha: number) {
    this.state = new CrostonForecaster(alpha, 'croston');
    this.sba = sbaFactor(alpha);
  }
  update(y: number): void {
    this.stats.update(y);
    this.state.update(y);
    // the state's own forecast is Croston's (factor 1)
    if (y > 0) this.value = sbcPicksSba(this.stats) ? this.state.rateWith(this.sba) : this.state.forecast(1);
  }
  forecast(_h: number): number {
    return this.value;
  }
  cumulative(h: number): number {
    return h * this.value;
  }
}
