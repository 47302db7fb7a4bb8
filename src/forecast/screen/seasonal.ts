/**
 * Seasonal-decomposition residual rule, after R's forecast::tsoutliers (Hyndman & Athanasopoulos,
 * "Forecasting: principles and practice", §7): decompose the series into trend + season +
 * remainder, and flag the days whose remainder lies outside [Q1 − 3·IQR, Q3 + 3·IQR] (quartiles of
 * the remainders, R's type-7 quantiles). tsoutliers uses STL (Cleveland et al. 1990); here the
 * decomposition is the classical one by moving averages, a simple STL-like stand-in:
 *
 *   trend T_t   = centred moving average of one period (2×p MA for even p); at the ends, where the
 *                 average is undefined, the nearest defined value;
 *   season S_j  = mean of (x_t − T_t) over the days t ≡ j (mod p) with a defined average,
 *                 centred so that Σ_j S_j = 0;
 *   remainder   = x_t − T_t − S_{t mod p}.
 *
 * The proposed replacement is the fitted value max(0, T_t + S_t). Needs two full periods; with an
 * IQR of 0 the rule flags nothing. Two passes (seasonalIqrFlags) keep outliers out of the fit.
 */
import { mean, quantileSorted } from 'simple-statistics';
import { checkNumber } from '../../core/validate.ts';
import { isOpen, short, type OpenMask, type ScreenFlag } from './types.ts';

export interface Decomposition {
  trend: number[];
  /** per day (S_{t mod p}) */
  seasonal: number[];
  remainder: number[];
}

/** Centred moving average of one period; NaN where the window leaves the series. */
function centredAverage(x: readonly number[], p: number): number[] {
  const n = x.length;
  const out = new Array<number>(n).fill(NaN);
  // weights: p odd → p equal weights; p even → 2×p MA (p + 1 weights, ends halved)
  const h = Math.floor(p / 2);
  for (let t = h; t < n - h; t++) {
    let s = 0;
    for (let j = -h; j <= h; j++) s += (p % 2 === 0 && Math.abs(j) === h ? 0.5 : 1) * x[t + j]!;
    out[t] = s / p;
  }
  return out;
}

/** Classical additive decomposition with period p (file comment); null when n < 2p. */
export function decompose(values: readonly number[], period = 7): Decomposition | null {
  const p = checkNumber(period, 'period', 'int1');
  const n = values.length;
  if (p < 2 || n < 2 * p) return null;
  const trend = centredAverage(values, p);
  const h = Math.floor(p / 2);
  for (let t = 0; t < h; t++) trend[t] = trend[h]!;
  for (let t = n - h; t < n; t++) trend[t] = trend[n - h - 1]!;
  const idx: number[] = [];
  for (let j = 0; j < p; j++) {
    const d: number[] = [];
    for (let t = j; t < n; t += p) if (t >= h && t < n - h) d.push(values[t]! - trend[t]!);
    idx.push(mean(d));
  }
  const centre = mean(idx);
  const seasonal = values.map((_, t) => idx[t % p]! - centre);
  const remainder = values.map((x, t) => x - trend[t]! - seasonal[t]!);
  return { trend, seasonal, remainder };
}

export interface SeasonalIqrOptions {
  /** season length in days, default 7 (weekly) */
  period?: number;
  /** IQR multiple, default 3 (tsoutliers) */
  multiplier?: number;
  open?: OpenMask;
}

/** Days whose remainder lies outside the quartile fences of the open days' remainders; null fences when the IQR is 0. */
function fences(remainder: readonly number[], open: OpenMask, mult: number): { lo: number; hi: number } | null {
  const r = remainder.filter((_, t) => isOpen(open, t)).sort((a, b) => a - b);
  if (r.length < 4) return null;
  const q1 = quantileSorted(r, 0.25);
  const q3 = quantileSorted(r, 0.75);
  const iqr = q3 - q1;
  return iqr > 0 ? { lo: q1 - mult * iqr, hi: q3 + mult * iqr } : null;
}

/** y with the flagged entries replaced by linear interpolation between the nearest unflagged neighbours (constant beyond the ends). */
function interpolateFlagged(y: readonly number[], flagged: readonly boolean[]): number[] {
  const out = y.slice();
  const n = y.length;
  for (let t = 0; t < n; t++) {
    if (!flagged[t]) continue;
    let a = t - 1;
    while (a >= 0 && flagged[a]) a--;
    let b = t + 1;
    while (b < n && flagged[b]) b++;
    if (a < 0 && b >= n) return out;
    out[t] = a < 0 ? y[b]! : b >= n ? y[a]! : y[a]! + ((y[b]! - y[a]!) * (t - a)) / (b - a);
  }
  return out;
}

/**
 * Two passes, as STL's robustness loop (Cleveland et al. 1990) and tsoutliers' robust fit do in
 * spirit: on the seasonally adjusted series, the days flagged by the first decomposition are
 * replaced by linear interpolation between their unflagged neighbours (as tsoutliers' na.interp
 * does), the season is added back and the series is decomposed again, so a large outlier does not drag the trend (and the fitted values of
 * its neighbours) with it; the second pass's remainders give the flags.
 */
export function seasonalIqrFlags(values: readonly number[], options: SeasonalIqrOptions = {}): ScreenFlag[] {
  const mult = checkNumber(options.multiplier ?? 3, 'seasonalIqr.multiplier', 'positive');
  const period = checkNumber(options.period ?? 7, 'seasonalIqr.period', 'int1');
  const first = decompose(values, period);
  if (!first) return [];
  const f1 = fences(first.remainder, options.open, mult);
  if (!f1) return [];
  const out = (e: number, f: { lo: number; hi: number }): boolean => e < f.lo || e > f.hi;
  const flagged = values.map((_, t) => isOpen(options.open, t) && out(first.remainder[t]!, f1));
  const sa = interpolateFlagged(values.map((x, t) => x - first.seasonal[t]!), flagged);
  const dec = decompose(sa.map((y, t) => y + first.seasonal[t]!), period)!;
  const remainder = values.map((x, t) => x - dec.trend[t]! - dec.seasonal[t]!);
  const f = fences(dec.remainder, options.open, mult);
  if (!f) return [];
  const flags: ScreenFlag[] = [];
  remainder.forEach((e, t) => {
    if (!isOpen(options.open, t) || !out(e, f)) return;
    const fit = Math.max(0, dec.trend[t]! + dec.seasonal[t]!);
    flags.push({ day: t, rule: 'seasonalIqr', value: values[t]!, replacement: fit, note: `remainder ${short(e)} outside [${short(f.lo)}, ${short(f.hi)}] (quartiles ∓ ${mult}·IQR)` });
  });
  return flags;
}
