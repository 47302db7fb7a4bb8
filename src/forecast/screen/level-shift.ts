/**
 * Level-shift detection by binary segmentation (Vostrikova 1981) with the CUSUM statistic of
 * Page (1954): on the deseasonalised series y_t = x_t − S_t (S from the weekly decomposition,
 * seasonal.ts), a segment of n days with mean ȳ is tested by
 *
 *   T = max_k |Σ_{t<k} (y_t − ȳ)| / (σ̂·√n),   k in [minSegment, n − minSegment],
 *
 * which under a constant level tends to sup|B(u)| of a Brownian bridge (Kolmogorov distribution).
 * A shift is declared at the argmax k when T > `critical` (default 1.628: the 1 % point of the
 * Kolmogorov distribution; 1.358 is the 5 % point); the segment is then split there and both
 * halves are tested again. σ̂ = sd(Δy)/√2 from first differences: a shift adds one large difference
 * only, so σ̂ is barely inflated by the shifts themselves, while heavy-tailed noise (spiky retail
 * demand) keeps its full variance, which the partial sums carry (a robust MAD scale would
 * understate it and declare spurious shifts). Offline: it sees the whole series.
 *
 * Each shift is a flag on its first day, proposing the new level (the mean of x over the segment
 * that starts there) as the replacement for the history before it.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { checkNumber } from '../../core/validate.ts';
import { decompose } from './seasonal.ts';
import { short, type ScreenFlag } from './types.ts';

export interface LevelShiftOptions {
  /** season removed before testing, default 7 */
  period?: number;
  /** critical value of T, default 1.628 (α = 1 %) */
  critical?: number;
  /** fewest days on either side of a shift, default 14 */
  minSegment?: number;
}

/** Robust σ of y from its first differences (file comment); 0 when y is constant. */
function noiseScale(y: readonly number[]): number {
  const d = y.slice(1).map((v, i) => v - y[i]!);
  if (d.length < 2) return 0;
  return sampleStandardDeviation(d) / Math.SQRT2;
}

/** The best split of y[a, b) and its statistic T. */
function bestSplit(y: readonly number[], a: number, b: number, sigma: number, minSeg: number): { at: number; stat: number } {
  const n = b - a;
  let m = 0;
  for (let t = a; t < b; t++) m += y[t]!;
  m /= n;
  let s = 0;
  let best = { at: -1, stat: 0 };
  for (let k = 1; k < n - minSeg + 1; k++) {
    s += y[a + k - 1]! - m;
    if (k < minSeg) continue;
    const stat = Math.abs(s) / (sigma * Math.sqrt(n));
    if (stat > best.stat) best = { at: a + k, stat };
  }
  return best;
}

export function levelShiftFlags(values: readonly number[], options: LevelShiftOptions = {}): ScreenFlag[] {
  const critical = checkNumber(options.critical ?? 1.628, 'levelShift.critical', 'positive');
  const minSeg = checkNumber(options.minSegment ?? 14, 'levelShift.minSegment', 'int1');
  const dec = decompose(values, checkNumber(options.period ?? 7, 'levelShift.period', 'int1'));
  const y = dec ? values.map((x, t) => x - dec.seasonal[t]!) : values.slice();
  const sigma = noiseScale(y);
  if (!(sigma > 0)) return [];
  const cuts: { at: number; stat: number }[] = [];
  const stack: [number, number][] = [[0, y.length]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    if (b - a < 2 * minSeg) continue;
    const s = bestSplit(y, a, b, sigma, minSeg);
    if (s.at < 0 || s.stat <= critical) continue;
    cuts.push(s);
    stack.push([a, s.at], [s.at, b]);
  }
  cuts.sort((p, q) => p.at - q.at);
  return cuts.map((c, i) => {
    const end = i + 1 < cuts.length ? cuts[i + 1]!.at : values.length;
    const start = i > 0 ? cuts[i - 1]!.at : 0;
    const before = mean(values.slice(start, c.at) as number[]);
    const after = mean(values.slice(c.at, end) as number[]);
    return { day: c.at, rule: 'levelShift' as const, value: values[c.at]!, replacement: after, note: `level ${short(before)} → ${short(after)} (CUSUM T = ${short(c.stat)} > ${critical})` };
  });
}
