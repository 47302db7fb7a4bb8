/**
 * Hampel filter (Hampel 1974): day i is an outlier when |x_i − m_i| > k·S_i, where m_i is the
 * median of a window of `window` days centred on i (shifted inwards at the ends, so every window
 * holds `window` days) and S_i = 1.4826·MAD_i its scaled median absolute deviation (a consistent
 * estimate of σ under normality). The proposed replacement is m_i. A window whose MAD is 0 (e.g.
 * mostly zeros in intermittent demand) has no scale to judge by: it flags nothing.
 */
import { median, medianAbsoluteDeviation } from 'simple-statistics';
import { checkNumber } from '../../core/validate.ts';
import { isOpen, short, type OpenMask, type ScreenFlag } from './types.ts';

export interface HampelOptions {
  /** odd number of days ≥ 3, default 7 */
  window?: number;
  /** threshold in scaled MADs, default 3 */
  k?: number;
  open?: OpenMask;
}

/** Consistency constant of the MAD for the normal: 1/Φ⁻¹(3/4). */
export const MAD_SCALE = 1.4826;

export function hampelFlags(values: readonly number[], options: HampelOptions = {}): ScreenFlag[] {
  const w = checkNumber(options.window ?? 7, 'hampel.window', 'int1');
  if (w < 3 || w % 2 === 0) throw new RangeError(`hampel.window must be an odd integer ≥ 3, got ${w}`);
  const k = checkNumber(options.k ?? 3, 'hampel.k', 'positive');
  const n = values.length;
  if (n < w) return [];
  const h = (w - 1) / 2;
  const flags: ScreenFlag[] = [];
  for (let i = 0; i < n; i++) {
    if (!isOpen(options.open, i)) continue;
    const from = Math.max(0, Math.min(i - h, n - w));
    const win = values.slice(from, from + w) as number[];
    const m = median(win);
    const s = MAD_SCALE * medianAbsoluteDeviation(win);
    const x = values[i]!;
    if (s > 0 && Math.abs(x - m) > k * s) {
      flags.push({ day: i, rule: 'hampel', value: x, replacement: m, note: `|x − median| = ${short(Math.abs(x - m))} > ${k}·1.4826·MAD = ${short(k * s)}` });
    }
  }
  return flags;
}
