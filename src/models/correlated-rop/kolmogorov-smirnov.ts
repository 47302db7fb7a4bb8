/**
 * The one-sample Kolmogorov–Smirnov test, as the paper used it (Resultados: "Z de 1.0 y p de
 * 0.27" for demand, "Z 0.707 y p 0.699" for lead time, computed with SPSS after Pardo-Merino &
 * Ruiz-Díaz 2002). SPSS reports Kolmogorov–Smirnov Z = √n·D and the asymptotic p-value from
 * Kolmogorov's limiting distribution. We give that and the exact finite-n p-value.
 *
 * Caveat (stated in README.md): when the normal's mean and sd are estimated from the same
 * sample, both p-values are too large (conservative); Lilliefors' correction would apply.
 */
import { mean as sampleMean, sampleStandardDeviation } from 'simple-statistics';
import { normalCdf } from '../../core/normal.ts';
import { checkNumberShort } from '../../core/validate.ts';

/**
 * Kolmogorov's limiting survival function Q(z) = P(K > z) = 2·Σ_{k≥1} (−1)^(k−1)·exp(−2k²z²)
 * (Kolmogorov 1933), with the Jacobi-theta form P(K ≤ z) = (√(2π)/z)·Σ_{k≥1}
 * exp(−(2k − 1)²π²/(8z²)) for z < 1, where the first series converges slowly. Domain z ≥ 0.
 * Q(1.0) = 0.26999967, Q(0.707) = 0.69955 (the paper's p-values 0.27 and 0.699).
 */
export function kolmogorovSurvival(z: number): number {
  const x = checkNumberShort(z, 'z');
  if (x < 0) throw new RangeError(`z must be ≥ 0, got ${x}`);
  if (x === 0) return 1;
  if (x < 1) {
    let s = 0;
    const c = (Math.PI * Math.PI) / (8 * x * x);
    for (let k = 1; k < 100; k++) {
      const t = Math.exp(-(2 * k - 1) * (2 * k - 1) * c);
      s += t;
      if (t < 1e-17 * s) break;
    }
    return 1 - (Math.sqrt(2 * Math.PI) / x) * s;
  }
  let s = 0;
  for (let k = 1; k < 100; k++) {
    const t = Math.exp(-2 * k * k * x * x);
    s += (k % 2 === 1 ? 1 : -1) * t;
    if (t < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}

/**
 * Exact distribution of the two-sided statistic D_n for a continuous null: P(D_n < d), by
 * Marsaglia, Tsang & Wang (2003, J. Stat. Software 8(18)), "Evaluating Kolmogorov's
 * distribution" (Durbin's matrix: an m×m matrix H, m = 2k − 1, k = ⌊n·d⌋ + 1, raised to the
 * n-th power with exponent bookkeeping). Domain n ≥ 1, d ≥ 0. Known values: P(D_10 < 0.274)
 * = 0.6284796154565043 (MTW 2003); the 5 % critical values 0.40925 (n = 10) and 0.29408
 * (n = 20) of Massey (1951).
 */
export function kolmogorovSmirnovCdf(n: number, d: number): number {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`n must be a positive integer, got ${n}`);
  const dd = checkNumberShort(d, 'd');
  if (dd <= 0) return 0;
  if (dd >= 1) return 1;
  const k = Math.floor(n * dd) + 1;
  const m = 2 * k - 1;
  const h = k - n * dd;
  const H = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) H[i * m + j] = i - j + 1 < 0 ? 0 : 1;
  for (let i = 0; i < m; i++) {
    H[i * m] = H[i * m]! - h ** (i + 1);
    H[(m - 1) * m + i] = H[(m - 1) * m + i]! - h ** (m - i);
  }
  H[(m - 1) * m] = H[(m - 1) * m]! + (2 * h - 1 > 0 ? (2 * h - 1) ** m : 0);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i - j + 1 > 0) for (let g = 1; g <= i - j + 1; g++) H[i * m + j] = H[i * m + j]! / g;
    }
  }
  const { matrix: Q, exponent } = matrixPower(H, 0, m, n);
  let s = Q[(k - 1) * m + k - 1]!;
  let eQ = exponent;
  for (let i = 1; i <= n; i++) {
    s = (s * i) / n;
    if (s < 1e-140) {
      s *= 1e140;
      eQ -= 140;
    }
  }
  return Math.min(1, Math.max(0, s * 10 ** eQ));
}

function matrixMultiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += a[i * m + k]! * b[k * m + j]!;
      c[i * m + j] = s;
    }
  }
  return c;
}

/** A^n with a decimal exponent kept apart (values rescaled by 1e-140 when they grow past 1e140). */
function matrixPower(a: Float64Array, ea: number, m: number, n: number): { matrix: Float64Array; exponent: number } {
  if (n === 1) return { matrix: a.slice(), exponent: ea };
  const half = matrixPower(a, ea, m, Math.floor(n / 2));
  let b = matrixMultiply(half.matrix, half.matrix, m);
  let eb = 2 * half.exponent;
  if (n % 2 === 1) {
    b = matrixMultiply(a, b, m);
    eb += ea;
  }
  if (b[Math.floor(m / 2) * m + Math.floor(m / 2)]! > 1e140) {
    for (let i = 0; i < m * m; i++) b[i] = b[i]! * 1e-140;
    eb += 140;
  }
  return { matrix: b, exponent: eb };
}

/** The statistics D⁺ = sup(Fn − F), D⁻ = sup(F − Fn), D = max of both, for a sample against a continuous cdf F. */
export function ksStatistic(sample: readonly number[], cdf: (x: number) => number): { n: number; d: number; dPlus: number; dMinus: number } {
  if (sample.length === 0) throw new RangeError('the sample must not be empty');
  const xs = sample.map((x, i) => checkNumberShort(x, `sample[${i}]`)).sort((a, b) => a - b);
  const n = xs.length;
  let dPlus = 0;
  let dMinus = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && xs[j + 1] === xs[i]) j++; // ties: the empirical cdf jumps once at a repeated value
    const f = cdf(xs[i]!);
    dMinus = Math.max(dMinus, f - i / n);
    dPlus = Math.max(dPlus, (j + 1) / n - f);
    i = j + 1;
  }
  return { n, d: Math.max(dPlus, dMinus), dPlus, dMinus };
}

/** Result of a normality check. */
export interface NormalityTest {
  n: number;
  /** mean and sd of the hypothesised normal */
  mean: number;
  sd: number;
  /** true when mean and sd were estimated from the sample (then p-values are conservative) */
  parametersEstimated: boolean;
  /** D = sup |Fn − Φ((x − mean)/sd)| */
  d: number;
  /** SPSS's Kolmogorov–Smirnov Z = √n·D */
  z: number;
  /** asymptotic p-value Q(Z) (what SPSS prints) */
  pAsymptotic: number;
  /** exact finite-n p-value 1 − P(D_n < D) for a fully specified continuous null */
  pExact: number;
}

/**
 * One-sample KS test of normality. Without `mean`/`sd`, the sample mean and the sample sd
 * (n − 1 denominator, as SPSS) are used. Domain: n ≥ 2 when estimating, sd > 0.
 */
export function ksNormalityTest(sample: readonly number[], hypothesis: { mean?: number; sd?: number } = {}): NormalityTest {
  if (!Array.isArray(sample) || sample.length < 2) throw new RangeError(`a normality check needs at least 2 observations, got ${Array.isArray(sample) ? sample.length : 0}`);
  const n = sample.length;
  sample.forEach((v, i) => checkNumberShort(v, `sample[${i}]`));
  const estimated = hypothesis.mean === undefined || hypothesis.sd === undefined;
  const mean = hypothesis.mean === undefined ? sampleMean(sample as number[]) : checkNumberShort(hypothesis.mean, 'mean');
  if (hypothesis.sd === undefined && sample.every((v) => v === sample[0])) throw new RangeError('the sample is constant, so a normal with positive sd cannot be fitted');
  const sd = hypothesis.sd === undefined ? sampleStandardDeviation(sample as number[]) : checkNumberShort(hypothesis.sd, 'sd', 'positive');
  const { d } = ksStatistic(sample, (x) => normalCdf((x - mean) / sd));
  const z = Math.sqrt(n) * d;
  return { n, mean, sd, parametersEstimated: estimated, d, z, pAsymptotic: kolmogorovSurvival(z), pExact: 1 - kolmogorovSmirnovCdf(n, d) };
}
