/**
 * Discrete uniform lead time on an equally spaced grid {min, min + step, …, max}, e.g. weekly
 * deliveries {7, 14, 21, 28} or half-day lead times {1, 1.5, …, 4}: P(vⱼ) = 1/n with
 * vⱼ = min + j·step, j = 0, …, n − 1, n = (max − min)/step + 1. Exact moments of the discrete
 * uniform law on n equally spaced points: E = (min + max)/2, Var = step²·(n² − 1)/12
 * (Johnson, Kemp & Kotz 2005, §6.10). One rng.int(n) per draw (unbiased, see RandomStream.int).
 *
 * The worked example of src/dist/README.md: this file plus one line in src/dist/lead-time.ts.
 */
import { checkBound, checkNumber } from '../core/validate.ts';
import type { RandomStream } from '../rng/stream.ts';
import { AliasTable } from './alias.ts';
import type { Distribution, Moments, PeriodSampler } from './types.ts';

export interface DiscreteUniformSpec {
  kind: 'discreteUniform';
  /** smallest value (periods, ≥ 0) */
  min: number;
  /** largest value: min plus a whole number of steps */
  max: number;
  /** spacing of the values (> 0) */
  step: number;
}

/** Most values a grid may have. */
export const DISCRETE_UNIFORM_MAX_VALUES = 1_000_000;

/** The number of grid points n = (max − min)/step + 1, rounded to the nearest whole number. */
function pointCount(spec: DiscreteUniformSpec): number {
  return Math.round((spec.max - spec.min) / spec.step) + 1;
}

/** The grid values min + j·step, the last one exactly max. */
export function discreteUniformValues(spec: DiscreteUniformSpec): Float64Array {
  const n = pointCount(spec);
  const v = new Float64Array(n);
  for (let j = 0; j < n; j++) v[j] = j === n - 1 ? spec.max : spec.min + j * spec.step;
  return v;
}

export function validateDiscreteUniform(spec: DiscreteUniformSpec, name: string): void {
  const min = checkNumber(spec.min, `${name}.min`, 'nonneg');
  const step = checkNumber(spec.step, `${name}.step`, 'positive');
  const max = checkBound(checkNumber(spec.max, `${name}.max`, 'finite'), `${name}.max`, min, 'min');
  const k = Math.round((max - min) / step);
  // max must lie on the grid (up to rounding of the decimal inputs)
  if (Math.abs(min + k * step - max) > 1e-9 * Math.max(step, Math.abs(max))) {
    throw new RangeError(`${name}.max must be min plus a whole number of steps (${min} + k·${step}), got ${max}`);
  }
  if (k + 1 > DISCRETE_UNIFORM_MAX_VALUES) throw new RangeError(`${name}: (max − min)/step + 1 = ${k + 1} values, more than ${DISCRETE_UNIFORM_MAX_VALUES}`);
}

/** E = (min + max)/2, Var = step²·(n² − 1)/12. */
export function discreteUniformMoments(spec: DiscreteUniformSpec): Moments {
  const n = pointCount(spec);
  return { mean: (spec.min + spec.max) / 2, variance: (spec.step * spec.step * (n * n - 1)) / 12 };
}

/** values[rng.int(n)]: one unbiased integer draw per call. */
export class DiscreteUniformSampler implements PeriodSampler {
  private readonly values: Float64Array;
  constructor(
    private readonly rng: RandomStream,
    spec: DiscreteUniformSpec,
  ) {
    this.values = discreteUniformValues(spec);
  }
  next(): number {
    return this.values[this.rng.int(this.values.length)]!;
  }
}

export const discreteUniformKind: Distribution<DiscreteUniformSpec> = {
  validate: validateDiscreteUniform,
  moments: discreteUniformMoments,
  sampler: (spec, rng) => new DiscreteUniformSampler(rng, spec),
  table: (spec) => {
    const v = discreteUniformValues(spec);
    return new AliasTable(v, new Float64Array(v.length).fill(1), 'leadTime');
  },
};
