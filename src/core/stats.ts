/**
 * Statistics for simulation output: running moments, Student-t confidence intervals,
 * paired differences (common random numbers). Pure functions, no I/O.
 */
import { normalQuantile } from './normal.ts';

/** Mean with a two-sided confidence interval, over n independent observations (replications). */
export interface Estimate {
  /** number of observations */
  n: number;
  mean: number;
  /** sample standard deviation (n − 1 denominator); NaN when n < 2 */
  sd: number;
  /** standard error sd/√n */
  se: number;
  /** confidence level, e.g. 0.95 */
  level: number;
  /** half-width t(level, n − 1)·se */
  halfWidth: number;
  low: number;
  high: number;
  /** how the estimate and its interval were made (e.g. 'ratioOfSums', 'replicationMean', 'wilson') */
  estimator?: string;
  /** why there is no interval (halfWidth, low, high are NaN), or a caveat */
  note?: string;
}

/** Welford's running mean and variance; numerically stable, O(1) memory. */
export class RunningMoments {
  n = 0;
  mean = 0;
  /** sum of squared deviations from the mean */
  m2 = 0;

  add(x: number): void {
    this.n += 1;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (x - this.mean);
  }

  /** Sample variance (n − 1 denominator). */
  variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : NaN;
  }

  /** Combine with the moments of later observations (Chan, Golub & LeVeque 1979). */
  merge(o: RunningMoments): void {
    if (o.n === 0) return;
    const n = this.n + o.n;
    const d = o.mean - this.mean;
    this.m2 += o.m2 + (d * d * this.n * o.n) / n;
    this.mean += (d * o.n) / n;
    this.n = n;
  }
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15). */
export function logGamma(x: number): number {
  const g = 7;
  const coef = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const xm = x - 1;
  let a = coef[0]!;
  const t = xm + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += coef[i]! / (xm + i);
  return 0.5 * Math.log(2 * Math.PI) + (xm + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the regularized incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b), for a, b > 0 and x in [0, 1]. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Student-t distribution function with ν > 0 degrees of freedom. */
export function studentTCdf(t: number, nu: number): number {
  const x = nu / (nu + t * t);
  const tail = 0.5 * regularizedBeta(x, nu / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Memo of studentTQuantile (pure; summaries ask the same (p, ν) once per metric and SKU). */
const tQuantileMemo = new Map<string, number>();
const T_QUANTILE_MEMO_MAX = 4096;

/**
 * Student-t quantile: the t with P(T_ν ≤ t) = p; bisection on the exact cdf (|error| < 1e-12).
 * Memoised (bit-identical: the same computation once per (p, ν), at most 4096 kept).
 */
export function studentTQuantile(p: number, nu: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p must be in (0, 1), got ${p}`);
  if (!(nu > 0)) throw new RangeError(`studentTQuantile: degrees of freedom must be > 0, got ${nu}`);
  const key = `${p}|${nu}`;
  const hit = tQuantileMemo.get(key);
  if (hit !== undefined) return hit;
  const t = tQuantileBisection(p, nu);
  if (tQuantileMemo.size >= T_QUANTILE_MEMO_MAX) tQuantileMemo.clear();
  tQuantileMemo.set(key, t);
  return t;
}

function tQuantileBisection(p: number, nu: number): number {
  if (p === 0.5) return 0;
  if (nu > 1e7) return normalQuantile(p);
  let lo = -1;
  let hi = 1;
  while (studentTCdf(lo, nu) > p) lo *= 2;
  while (studentTCdf(hi, nu) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(lo)); i++) {
    const mid = 0.5 * (lo + hi);
    if (studentTCdf(mid, nu) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Mean of the values with a Student-t confidence interval (default 95 %). */
export function estimateMean(values: ArrayLike<number>, level = 0.95): Estimate {
  const m = new RunningMoments();
  for (let i = 0; i < values.length; i++) m.add(values[i]!);
  return estimateFromMoments(m.n, m.mean, m.variance(), level);
}

/** An Estimate from a count, mean and sample variance. */
export function estimateFromMoments(n: number, mean: number, variance: number, level = 0.95): Estimate {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  const sd = n > 1 ? Math.sqrt(Math.max(0, variance)) : NaN;
  const se = n > 1 ? sd / Math.sqrt(n) : NaN;
  const halfWidth = n > 1 ? studentTQuantile(0.5 + level / 2, n - 1) * se : NaN;
  return { n, mean, sd, se, level, halfWidth, low: mean - halfWidth, high: mean + halfWidth };
}

/**
 * Paired difference a − b over the same replications (common random numbers):
 * the CI of the mean difference, which is what a comparison of two policies should report.
 */
export function estimatePairedDifference(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): Estimate {
  if (a.length !== b.length) throw new RangeError(`paired difference needs equal lengths, got ${a.length} and ${b.length}`);
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = a[i]! - b[i]!;
  return estimateMean(d, level);
}

/** Format an estimate as "mean ± halfWidth" with the given number of significant decimals. */
export function formatEstimate(e: Estimate, decimals = 4): string {
  if (!Number.isFinite(e.halfWidth)) return e.mean.toFixed(decimals);
  return `${e.mean.toFixed(decimals)} ± ${e.halfWidth.toFixed(decimals)}`;
}

/**
 * Mean and sample sd of K observations from their sum and sum of squares, as SQL computes them
 * (Katircioglu, Brown & Asghar 2007, Step 2):
 *   mean = (L[1] + … + L[K])/K,  sd = sqrt((TLTS − K·mean²)/(K − 1)).
 * (The paper prints "TLTS = K·TLT²" inside the root; the "=" is a "−": src/models/sql-policy/README.md.)
 * Requires K ≥ 2. Negative rounding residue under the root is taken as 0.
 */
export function sampleMeanSd(k: number, sum: number, sumSquares: number): { mean: number; sd: number } {
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`at least 2 observations are needed for a standard deviation, got ${k}`);
  const mean = sum / k;
  return { mean, sd: Math.sqrt(Math.max(0, (sumSquares - k * mean * mean) / (k - 1))) };
}

/**
 * Running co-moments of pairs (x, y) (Welford; Chan et al. 1979 for merging), O(1) memory: what
 * a ratio-of-sums estimate Σy/Σx with its delta-method interval needs.
 */
export class RatioMoments {
  n = 0;
  meanX = 0;
  meanY = 0;
  cxx = 0;
  cxy = 0;
  cyy = 0;
  add(x: number, y: number): void {
    this.n += 1;
    const dx = x - this.meanX;
    const dy = y - this.meanY;
    this.meanX += dx / this.n;
    this.meanY += dy / this.n;
    this.cxx += dx * (x - this.meanX);
    this.cxy += dx * (y - this.meanY);
    this.cyy += dy * (y - this.meanY);
  }
  /** Combine with the moments of later observations (Chan, Golub & LeVeque's pairwise update). */
  merge(o: RatioMoments): void {
    if (o.n === 0) return;
    const n = this.n + o.n;
    const dx = o.meanX - this.meanX;
    const dy = o.meanY - this.meanY;
    const f = (this.n * o.n) / n;
    this.cxx += o.cxx + dx * dx * f;
    this.cxy += o.cxy + dx * dy * f;
    this.cyy += o.cyy + dy * dy * f;
    this.meanX += (dx * o.n) / n;
    this.meanY += (dy * o.n) / n;
    this.n = n;
  }
}

/**
 * Ratio of sums R = Σy/Σx over n independent replications with the delta-method interval
 * (Law 2015, Simulation Modeling and Analysis, §9.5.3, the classical ratio estimator):
 * s² = Σ(y − R·x)²/(n − 1), se = s/(x̄·√n), half-width t(level, n − 1)·se. Needs n ≥ 2 and x̄ > 0.
 */
export function ratioEstimate(m: RatioMoments, level = 0.95): Estimate {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  const n = m.n;
  const mean = m.meanY / m.meanX;
  const resid = n > 1 ? Math.max(0, m.cyy - 2 * mean * m.cxy + mean * mean * m.cxx) / (n - 1) : NaN;
  const sd = Math.sqrt(resid);
  const se = sd / (m.meanX * Math.sqrt(n));
  const halfWidth = n > 1 ? studentTQuantile(0.5 + level / 2, n - 1) * se : NaN;
  return { n, mean, sd, se, level, halfWidth, low: mean - halfWidth, high: mean + halfWidth, estimator: 'ratioOfSums' };
}

/**
 * Wilson score interval of a proportion from k successes in m independent trials (Wilson 1927;
 * Brown, Cai & DasGupta 2001 recommend it for small m and for k near 0 or m): never of zero width.
 */
export function wilsonInterval(k: number, m: number, level = 0.95): { low: number; high: number } {
  if (!(m > 0)) return { low: NaN, high: NaN };
  const z = normalQuantile(0.5 + level / 2);
  const p = k / m;
  const z2 = z * z;
  const centre = (p + z2 / (2 * m)) / (1 + z2 / m);
  const half = (z * Math.sqrt((p * (1 - p)) / m + z2 / (4 * m * m))) / (1 + z2 / m);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The ratio-of-sums interval when every replication gave the same whole-number numerator count
 * strictly between 0 and its denominator (equal denominators: e.g. ready periods of equal
 * horizons). The data lie on a lattice of step `step` (1 count), so a tie is the lattice rounding
 * of replication values that differ by less than a step. Jittering each count by an independent
 * uniform on (−step/2, step/2) (randomised rounding) makes the values continuous, and the
 * t-interval of the jittered values has its stated coverage; its residual variance given a tie is
 * step²/12 in expectation (Sheppard 1898; the variance of the uniform rounding error), which this
 * estimate uses in place of the zero sample variance: se = (step/√12)/(x̄·√n), half-width
 * t(level, n − 1)·se. Refusing an interval on ties instead inflates the coverage of the intervals
 * that are printed (ties are the runs with the smallest spread, the ones most likely to miss):
 * see experiments/ci-coverage.ts. Needs n ≥ 2 and x̄ > 0.
 */
export function ratioEstimateOnTie(m: RatioMoments, step: number, level = 0.95): Estimate {
  const e = ratioEstimate(m, level);
  const sd = step / Math.sqrt(12);
  const se = sd / (m.meanX * Math.sqrt(m.n));
  const halfWidth = studentTQuantile(0.5 + level / 2, m.n - 1) * se;
  return { ...e, sd, se, halfWidth, low: e.mean - halfWidth, high: e.mean + halfWidth };
}

/**
 * Paired difference Ra − Rb of two ratios of sums on the same n replications (common random
 * numbers): Ra = Σ ya/Σ xa, Rb = Σ yb/Σ xb, with the delta-method interval over replications
 * (Law 2015, Simulation Modeling and Analysis, §9.5.3 for one ratio; the difference is a smooth
 * function of the four means, so its linearisation is the difference of the two ratios'
 * linearisations): z_i = (ya_i − Ra·xa_i)/x̄a − (yb_i − Rb·xb_i)/x̄b, se = s_z/√n,
 * half-width t(level, n − 1)·se. Not the mean of per-replication differences of ratios, which
 * is biased for short replications. Needs x̄a, x̄b > 0; with n < 2 the interval is NaN.
 */
export function ratioDifferenceEstimate(xa: ArrayLike<number>, ya: ArrayLike<number>, xb: ArrayLike<number>, yb: ArrayLike<number>, level = 0.95): Estimate {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  const n = xa.length;
  if (ya.length !== n || xb.length !== n || yb.length !== n) throw new RangeError(`paired ratio difference needs equal lengths, got ${n}, ${ya.length}, ${xb.length}, ${yb.length}`);
  const a = new RatioMoments();
  const b = new RatioMoments();
  for (let i = 0; i < n; i++) {
    a.add(xa[i]!, ya[i]!);
    b.add(xb[i]!, yb[i]!);
  }
  const ra = a.meanY / a.meanX;
  const rb = b.meanY / b.meanX;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = (ya[i]! - ra * xa[i]!) / a.meanX - (yb[i]! - rb * xb[i]!) / b.meanX;
  const zm = estimateMean(z, level);
  const mean = ra - rb;
  return { n, mean, sd: zm.sd, se: zm.se, level, halfWidth: zm.halfWidth, low: mean - zm.halfWidth, high: mean + zm.halfWidth, estimator: 'ratioOfSums' };
}

/**
 * The p-quantile of type 7 (linear interpolation between order statistics, R's default;
 * Hyndman & Fan 1996, "Sample quantiles in statistical packages", The American Statistician 50,
 * 361–365) of the first n entries of an ascending array; NaN when n = 0. The one implementation:
 * forecast accuracy, safety stock from errors and the forecast replay use it.
 */
export function quantileSorted7(a: ArrayLike<number>, n: number, p: number): number {
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < n ? a[lo]! + (h - lo) * (a[lo + 1]! - a[lo]!) : a[n - 1]!;
}
