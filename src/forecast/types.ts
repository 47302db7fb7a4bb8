/**
 * The forecaster interface: updated one period at a time (O(1) per period), so a policy can use
 * a forecaster online, seeing only the demand observed so far (no look-ahead).
 */
export interface Forecaster {
  /** the method's name, as in its spec */
  readonly method: string;
  /** feed the next period's observation (a finite number; demand ≥ 0 for the intermittent methods) */
  update(y: number): void;
  /**
   * Point forecast for h ≥ 1 periods ahead, after the updates seen so far; NaN before the first
   * observation (Croston, SBA and TSB: 0 until the first non-zero demand).
   */
  forecast(h: number): number;
  /** Σ_{i=1..h} forecast(i): the forecast of the total over the next h periods */
  cumulative(h: number): number;
}

/** Σ_{i=1..h} f.forecast(i), by summation (for forecasters without a closed form). */
export function sumAhead(f: Forecaster, h: number): number {
  let s = 0;
  for (let i = 1; i <= h; i++) s += f.forecast(i);
  return s;
}
