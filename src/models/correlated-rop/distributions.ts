/**
 * Discrete distributions on a finite support: the paper's Table 1 (daily demand) and Table 2
 * (lead time), or an empirical distribution of records. Plain data so it can cross into a
 * worker thread.
 */
import { checkNumberShort } from '../../core/validate.ts';

/** A finite discrete distribution: P(X = values[i]) = probabilities[i]. */
export interface DiscreteDistribution {
  /** support points, strictly increasing */
  values: number[];
  /** probabilities, ≥ 0, summing to 1 (within 1e-9) */
  probabilities: number[];
}

/** Moments of a discrete distribution. */
export interface DiscreteMoments {
  mean: number;
  /** population variance Σ p·(x − mean)² */
  variance: number;
  sd: number;
  /** E[((X − mean)/sd)³] */
  skewness: number;
  /** E[((X − mean)/sd)⁴] (3 for a normal) */
  kurtosis: number;
}

/** Check support and probabilities; returns the distribution unchanged. */
export function validateDiscrete(dist: DiscreteDistribution, name: string): DiscreteDistribution {
  if (dist === null || typeof dist !== 'object' || !Array.isArray(dist.values) || !Array.isArray(dist.probabilities)) {
    throw new TypeError(`${name} must be an object with arrays 'values' and 'probabilities'`);
  }
  const { values, probabilities } = dist;
  if (values.length === 0) throw new RangeError(`${name}.values must not be empty`);
  if (values.length !== probabilities.length) throw new RangeError(`${name}: values (${values.length}) and probabilities (${probabilities.length}) must have the same length`);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = checkNumberShort(values[i], `${name}.values[${i}]`);
    const p = checkNumberShort(probabilities[i], `${name}.probabilities[${i}]`, 'nonneg');
    if (i > 0 && !(v > values[i - 1]!)) throw new RangeError(`${name}.values must be strictly increasing, but values[${i}] = ${v} follows ${values[i - 1]}`);
    sum += p;
  }
  if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`${name}.probabilities must sum to 1, got ${sum}`);
  return dist;
}

/** Mean, variance, skewness and kurtosis of a discrete distribution. */
export function discreteMoments(dist: DiscreteDistribution): DiscreteMoments {
  const { values, probabilities } = dist;
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += probabilities[i]! * values[i]!;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - mean;
    const p = probabilities[i]!;
    m2 += p * d * d;
    m3 += p * d * d * d;
    m4 += p * d * d * d * d;
  }
  const sd = Math.sqrt(m2);
  return { mean, variance: m2, sd, skewness: m2 > 0 ? m3 / (sd * m2) : 0, kurtosis: m2 > 0 ? m4 / (m2 * m2) : 0 };
}

/** E[1/X] of a distribution on positive values (used to convert cycle-average to daily correlation). */
export function meanReciprocal(dist: DiscreteDistribution): number {
  let s = 0;
  for (let i = 0; i < dist.values.length; i++) {
    const v = dist.values[i]!;
    if (!(v > 0)) throw new RangeError(`E[1/L] needs positive lead times, got ${v}`);
    s += dist.probabilities[i]! / v;
  }
  return s;
}

/** The empirical distribution of a sample (each distinct value with its relative frequency). */
export function empiricalDistribution(sample: readonly number[], name = 'sample'): DiscreteDistribution {
  if (sample.length === 0) throw new RangeError(`${name} must not be empty`);
  const counts = new Map<number, number>();
  sample.forEach((x, i) => {
    checkNumberShort(x, `${name}[${i}]`);
    counts.set(x, (counts.get(x) ?? 0) + 1);
  });
  const values = [...counts.keys()].sort((a, b) => a - b);
  return { values, probabilities: values.map((v) => counts.get(v)! / sample.length) };
}

/**
 * A distribution written out as `n` records with counts round(n·p) (how a frequency table
 * becomes a data set). Throws if the rounded counts do not add up to n.
 */
export function expandToRecords(dist: DiscreteDistribution, n: number): number[] {
  const out: number[] = [];
  dist.values.forEach((v, i) => {
    const c = Math.round(n * dist.probabilities[i]!);
    for (let k = 0; k < c; k++) out.push(v);
  });
  if (out.length !== n) throw new RangeError(`rounded counts add up to ${out.length}, not ${n}`);
  return out;
}
