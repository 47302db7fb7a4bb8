/**
 * Gamma with a given mean m and standard deviation s (real-valued): shape k = (m/s)², scale
 * θ = s²/m, so E = kθ = m and Var = kθ² = s². Drawn by Marsaglia & Tsang on ziggurat normals
 * (src/rng/ziggurat.ts). One sampler for per-period demand, order sizes and lead times.
 */
import { checkNumber } from '../core/validate.ts';
import type { RandomStream } from '../rng/stream.ts';
import { ZigguratGamma } from '../rng/ziggurat.ts';
import type { Distribution, Moments, PeriodSampler } from './types.ts';

export interface GammaSpec {
  kind: 'gamma';
  mean: number;
  sd: number;
}

/** Gamma(shape (m/s)², scale s²/m) draws from `rng`. */
export class GammaSampler implements PeriodSampler {
  private readonly g: ZigguratGamma;
  constructor(rng: RandomStream, mean: number, sd: number) {
    this.g = new ZigguratGamma(rng, (mean / sd) ** 2, (sd * sd) / mean);
  }
  next(): number {
    return this.g.next();
  }
}

export function validateGamma(spec: GammaSpec, name: string): void {
  checkNumber(spec.mean, `${name}.mean`, 'positive');
  checkNumber(spec.sd, `${name}.sd`, 'positive');
}

/** E = m, Var = s² (by construction of shape and scale). */
export function gammaMoments(spec: GammaSpec): Moments {
  return { mean: spec.mean, variance: spec.sd * spec.sd };
}

export const gammaKind: Distribution<GammaSpec> = {
  validate: validateGamma,
  moments: gammaMoments,
  sampler: (spec, rng) => new GammaSampler(rng, spec.mean, spec.sd),
  table: () => null,
};
