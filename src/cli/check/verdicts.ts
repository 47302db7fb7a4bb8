/**
 * The verdicts of `invlab check`, as pure functions of numbers (no I/O, no simulation): each
 * takes an estimate (mean, standard error, degrees of freedom) or samples and returns
 * pass / fail / inconclusive with the numbers that decided it.
 *
 * - analytic: |mean − exact| ≤ k·se.
 * - bound: one-sided confidence bound at level c: mean − t·se ≥ value passes an `atLeast`,
 *   mean + t·se < value fails it, otherwise inconclusive, with the replications that would
 *   decide it if the mean and sd stayed as they are: n ≥ (t·sd/|mean − value|)².
 * - equivalence: two one-sided tests (Schuirmann 1987): equivalent when the (1 − 2α) interval
 *   of the difference lies inside (−δ, δ); different when it lies wholly outside [−δ, δ];
 *   inconclusive otherwise.
 * - published: |actual − printed| ≤ half a unit in the last printed digit.
 * - performance: flagged when the median time ratio exceeds the factor AND a one-sided
 *   Mann–Whitney test finds the scenario's times larger than factor × the reference's
 *   (asv's rule: never on one noisy timing).
 */
import { normalCdf, normalQuantile } from '../../core/normal.ts';
import { studentTQuantile } from '../../core/stats.ts';

export type Status = 'pass' | 'fail' | 'inconclusive';

export interface Verdict {
  status: Status;
  actual: number;
  expected: number;
  difference: number;
  tolerance: number;
  interval?: [number, number];
  /** replications that would decide an inconclusive bound or equivalence */
  neededReplications?: number;
  message: string;
}

const g = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : String(x));

/** analytic: within k standard errors of the exact value. */
export function analyticVerdict(mean: number, se: number, exact: number, k: number): Verdict {
  const difference = mean - exact;
  const tolerance = k * se;
  const ok = Math.abs(difference) <= tolerance;
  return {
    status: ok ? 'pass' : 'fail',
    actual: mean,
    expected: exact,
    difference,
    tolerance,
    interval: [mean - tolerance, mean + tolerance],
    message: `${g(mean)} vs exact ${g(exact)}: difference ${g(difference)} ${ok ? '≤' : '>'} ${k} standard errors (${g(tolerance)})`,
  };
}

/** The replications for a one-sided t bound of half-width |gap| when the sd stays `sd`. */
export function replicationsToDecide(sd: number, gap: number, quantile: number): number {
  if (!(Math.abs(gap) > 0) || !Number.isFinite(sd)) return Number.POSITIVE_INFINITY;
  return Math.max(2, Math.ceil(((quantile * sd) / Math.abs(gap)) ** 2));
}

/** bound: mean ≥ value (atLeast) or ≤ value (atMost) with one-sided confidence `confidence`. */
export function boundVerdict(mean: number, se: number, n: number, value: number, side: 'atLeast' | 'atMost', confidence: number): Verdict {
  const t = studentTQuantile(confidence, n - 1);
  const low = mean - t * se;
  const high = mean + t * se;
  const holds = side === 'atLeast' ? low >= value : high <= value;
  const broken = side === 'atLeast' ? high < value : low > value;
  const status: Status = holds ? 'pass' : broken ? 'fail' : 'inconclusive';
  const rel = side === 'atLeast' ? '≥' : '≤';
  const bound = side === 'atLeast' ? low : high;
  const v: Verdict = { status, actual: mean, expected: value, difference: mean - value, tolerance: t * se, interval: [low, high], message: '' };
  const level = `${g(confidence * 100)} %`;
  if (status === 'inconclusive') {
    v.neededReplications = replicationsToDecide(se * Math.sqrt(n), mean - value, t);
    v.message = `${g(mean)}, one-sided ${level} bound ${g(bound)}: the interval [${g(low)}, ${g(high)}] straddles ${g(value)}; about ${v.neededReplications} replications would decide it`;
  } else {
    v.message = `${g(mean)} ${holds ? '' : 'not '}${rel} ${g(value)} with ${level} confidence (interval [${g(low)}, ${g(high)}])`;
  }
  return v;
}

/** equivalence by TOST: the difference d (estimate − baseline) with its se and degrees of freedom. */
export function equivalenceVerdict(d: number, se: number, df: number, margin: number, alpha: number, baseline: number, n: number): Verdict {
  const t = studentTQuantile(1 - alpha, Math.max(1, df));
  const low = d - t * se;
  const high = d + t * se;
  const inside = low > -margin && high < margin;
  const outside = low > margin || high < -margin;
  const status: Status = inside ? 'pass' : outside ? 'fail' : 'inconclusive';
  const v: Verdict = { status, actual: baseline + d, expected: baseline, difference: d, tolerance: margin, interval: [low, high], message: '' };
  const ci = `${g((1 - 2 * alpha) * 100)} % interval of the difference [${g(low)}, ${g(high)}]`;
  if (status === 'pass') v.message = `equivalent to the baseline ${g(baseline)} within ±${g(margin)}: ${ci}`;
  else if (status === 'fail') v.message = `differs from the baseline ${g(baseline)} by more than ${g(margin)}: ${ci}`;
  else {
    // the interval shrinks as 1/√n: it fits in the margin (about d) when t·se·√(n/n') ≤ margin − |d|
    const room = margin - Math.abs(d);
    v.neededReplications = room > 0 ? Math.max(2, Math.ceil(n * ((t * se) / room) ** 2)) : Number.POSITIVE_INFINITY;
    v.message = `neither shown equivalent to the baseline ${g(baseline)} within ±${g(margin)} nor different: ${ci}; ${Number.isFinite(v.neededReplications) ? `about ${v.neededReplications} replications would decide it` : 'the difference is at the margin'}`;
  }
  return v;
}

/** Decimals of a printed decimal string ("2565.4" → 1, "39" → 0). */
export function printedDecimals(printed: string): number {
  const dot = printed.indexOf('.');
  return dot < 0 ? 0 : printed.length - dot - 1;
}

/** published: the value equals the printed one within half a unit of its last digit. */
export function publishedVerdict(actual: number, printed: string): Verdict {
  const expected = Number(printed);
  const tolerance = 0.5 * 10 ** -printedDecimals(printed) * (1 + 1e-9);
  const difference = actual - expected;
  const ok = Math.abs(difference) <= tolerance;
  return { status: ok ? 'pass' : 'fail', actual, expected, difference, tolerance, message: `${g(actual)} vs printed ${printed}: difference ${g(difference)} ${ok ? '≤' : '>'} half a unit of the last printed digit (${g(tolerance)})` };
}

/**
 * One-sided Mann–Whitney U test that x tends to be larger than y (normal approximation with
 * tie and continuity corrections). Returns U (pairs with x > y, ties ½) and the p-value.
 */
export function mannWhitneyGreater(x: readonly number[], y: readonly number[]): { u: number; p: number } {
  const all = [...x.map((v) => ({ v, g: 0 })), ...y.map((v) => ({ v, g: 1 }))].sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(all.length);
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.v === all[i]!.v) j++;
    for (let k = i; k <= j; k++) ranks[k] = (i + j) / 2 + 1;
    const tn = j - i + 1;
    tieTerm += tn ** 3 - tn;
    i = j + 1;
  }
  const m = x.length;
  const n = y.length;
  let rx = 0;
  all.forEach((a, i) => {
    if (a.g === 0) rx += ranks[i]!;
  });
  const u = rx - (m * (m + 1)) / 2;
  const N = m + n;
  const variance = ((m * n) / 12) * (N + 1 - tieTerm / (N * (N - 1)));
  if (!(variance > 0)) return { u, p: 1 };
  const z = (u - (m * n) / 2 - 0.5) / Math.sqrt(variance);
  return { u, p: 1 - normalCdf(z) };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

/** performance: times of the scenario and of the reference (seconds), alternated. */
export function performanceVerdict(times: readonly number[], refTimes: readonly number[], factor: number, alpha: number): Verdict {
  const ratio = median(times) / median(refTimes);
  const { p } = mannWhitneyGreater(times, refTimes.map((t) => t * factor));
  const over = ratio > factor;
  const status: Status = !over ? 'pass' : p < alpha ? 'fail' : 'inconclusive';
  const words =
    status === 'pass'
      ? `time ratio ${g(ratio)} ≤ ${g(factor)} (median of ${times.length} timings each)`
      : status === 'fail'
        ? `time ratio ${g(ratio)} > ${g(factor)} and the rank test agrees (Mann–Whitney p = ${g(p)} < ${g(alpha)})`
        : `time ratio ${g(ratio)} > ${g(factor)} but the rank test does not confirm it (Mann–Whitney p = ${g(p)} ≥ ${g(alpha)}); not flagged`;
  return { status, actual: ratio, expected: factor, difference: ratio - factor, tolerance: 0, message: words };
}

/**
 * The smallest drift in a mean that an `analytic` check with k standard errors detects with
 * probability `power` (two-sided, normal approximation): (k + z_power)·se.
 */
export function detectableDrift(se: number, k: number, power = 0.8): number {
  return (k + normalQuantile(power)) * se;
}
