/**
 * Poisson(mean) per period: p(k) = e^−m·m^k/k!, mean = variance = m. Sampled from a tabulated
 * alias table up to POISSON_TABLE_MAX_MEAN, above it by the PTRS rejection sampler of
 * RandomStream (Hörmann 1993). Also the order count of the compound Poisson demand.
 */
import { checkNumber } from '../core/validate.ts';
import { logFactorial, type RandomStream } from '../rng/stream.ts';
import { FastTableSampler, type AliasTable } from './alias.ts';
import { cachedTable, tabulateUnimodal } from './tabulate.ts';
import type { Distribution, Moments, PeriodSampler } from './types.ts';

export interface PoissonSpec {
  kind: 'poisson';
  mean: number;
}

/** Largest Poisson mean sampled from a table; above it the PTRS rejection sampler of RandomStream. */
export const POISSON_TABLE_MAX_MEAN = 1e5;

/** Poisson(mean) pmf table: p(k) = exp(−m + k·ln m − ln k!). */
export function poissonTable(mean: number): AliasTable {
  return cachedTable(`pois:${mean}`, () => {
    const lm = Math.log(mean);
    return tabulateUnimodal((k) => (k < 0 ? 0 : Math.exp(-mean + k * lm - logFactorial(k))), Math.floor(mean), 0, `Poisson(${mean}) table`);
  });
}

/** Poisson draws by RandomStream.poisson (PTRS), for means above the table limit. */
class PoissonLarge implements PeriodSampler {
  constructor(
    private readonly rng: RandomStream,
    private readonly mean: number,
  ) {}
  next(): number {
    return this.rng.poisson(this.mean);
  }
}

/** A Poisson(mean) sampler on `rng`: block-buffered table draws up to POISSON_TABLE_MAX_MEAN, else PTRS. */
export function poissonSampler(mean: number, rng: RandomStream): PeriodSampler {
  return mean <= POISSON_TABLE_MAX_MEAN ? new FastTableSampler(rng, poissonTable(mean)) : new PoissonLarge(rng, mean);
}

export function validatePoisson(spec: PoissonSpec, name: string): void {
  checkNumber(spec.mean, `${name}.mean`, 'positive');
}

/** E = Var = m. */
export function poissonMoments(spec: PoissonSpec): Moments {
  return { mean: spec.mean, variance: spec.mean };
}

export const poissonKind: Distribution<PoissonSpec> = {
  validate: validatePoisson,
  moments: poissonMoments,
  sampler: (spec, rng) => poissonSampler(spec.mean, rng),
};
