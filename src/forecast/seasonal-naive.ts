/**
 * Seasonal naive forecast with period m (weekly: m = 7 on daily data): ŷ_{T+h} = y_{T+h−m(k+1)}
 * with k = ⌊(h−1)/m⌋, the last observed value of the same season (FPP3 §5.2). Before m
 * observations have been seen it falls back to the naive forecast (the last observation).
 *
 * State: a typed ring of the last m observations, the slot of the oldest one (no division per
 * update) and the running sum W of the ring. cumulative(h) is Σ_{i=1..h} forecast(i) summed in
 * the order of i; while every value in the ring is an integer of magnitude ≤ 2³¹ and h ≤ 2²¹,
 * every partial sum is an integer below 2⁵³ and so exact in any order, and it is read in O(m)
 * at most as ⌊h/m⌋·W plus the first h mod m values (the same number, bit for bit: demand
 * counts are integers); otherwise the ring is walked h times.
 */
import type { Forecaster } from './types.ts';

/** integers up to this magnitude keep every sum of up to 2²¹ of them exact */
const EXACT_VALUE = 2 ** 31;
const EXACT_TERMS = 2 ** 21;

function exactTerm(y: number): boolean {
  return Number.isInteger(y) && Math.abs(y) <= EXACT_VALUE;
}

export class SeasonalNaiveForecaster implements Forecaster {
  readonly method = 'seasonalNaive';
  /** the last m observations; NaN in the slots not yet written (so a forecast before any data is NaN) */
  private readonly ring: Float64Array;
  private n = 0;
  /** n mod m: the slot the next observation goes to, which holds the oldest once n ≥ m */
  private pos = 0;
  /** Σ of the ring (kept, exactly, while `inexact` is 0) */
  private sum = 0;
  /** values in the ring that are not integers of magnitude ≤ 2³¹ (the unwritten NaN slots count) */
  private inexact: number;
  constructor(readonly period: number) {
    this.ring = new Float64Array(period).fill(NaN);
    this.inexact = period;
  }
  update(y: number): void {
    const p = this.pos, old = this.ring[p]!, wasExact = this.inexact === 0;
    if (!exactTerm(old)) this.inexact--;
    if (!exactTerm(y)) this.inexact++;
    this.ring[p] = y;
    this.pos = p + 1 === this.period ? 0 : p + 1;
    this.n++;
    // exact: W moves by y − old; back to exact after a non-integer left: W re-summed (at most
    // once per m periods, as the ring must have been refilled with integers since)
    if (this.inexact === 0) this.sum = wasExact ? this.sum + (y - old) : this.ringSum();
  }
  private ringSum(): number {
    let s = 0;
    for (let i = 0; i < this.period; i++) s += this.ring[i]!;
    return s;
  }
  /** the last observation (NaN before any) */
  private last(): number {
    return this.ring[(this.pos === 0 ? this.period : this.pos) - 1]!;
  }
  forecast(h: number): number {
    const m = this.period;
    if (this.n < m) return this.last();
    // the slot of period T + h − m(k+1) = (n − 1 + h) mod m = (pos + (h − 1) mod m) mod m
    const j = this.pos + (h <= m ? h - 1 : (h - 1) % m);
    return this.ring[j >= m ? j - m : j]!;
  }
  cumulative(h: number): number {
    const m = this.period;
    let s = 0;
    if (this.n < m) {
      const last = this.last();
      for (let i = 1; i <= h; i++) s += last;
      return s;
    }
    let steps = h;
    if (this.inexact === 0 && h <= EXACT_TERMS && h >= m) {
      const cycles = Math.floor(h / m);
      s = cycles * this.sum;
      steps = h - cycles * m;
    }
    const ring = this.ring;
    let j = this.pos;
    for (let i = 1; i <= steps; i++) {
      s += ring[j]!;
      if (++j === m) j = 0;
    }
    return s;
  }
}
