/**
 * Order size max(1, round(X)), X ~ N(μ, σ²): seed 001's normal order quantities made whole
 * units. p(1) = P(X < 1.5), p(k) = P(k − ½ ≤ X < k + ½) for k ≥ 2; moments exact over the table.
 */
import { checkNumber } from '../core/validate.ts';
import { FastTableSampler, type AliasTable } from './alias.ts';
import { normalInterval } from './normal.ts';
import { cachedTable, tabulateUnimodal } from './tabulate.ts';
import type { Distribution, Moments } from './types.ts';

export interface NormalRoundedSpec {
  kind: 'normalRounded';
  mean: number;
  sd: number;
}

/** Order size max(1, round(X)), X ~ N(μ, σ²): p(1) = Φ((1.5 − μ)/σ), p(k) = P(k − ½ ≤ X < k + ½) for k ≥ 2. */
export function normalRoundedTable(mu: number, sigma: number): AliasTable {
  return cachedTable(`nr:${mu}:${sigma}`, () => {
    const pmf = (k: number): number => (k < 1 ? 0 : k === 1 ? normalInterval(mu, sigma, -Infinity, 1.5) : normalInterval(mu, sigma, k - 0.5, k + 0.5));
    return tabulateUnimodal(pmf, Math.max(1, Math.round(mu)), 1, `normal-rounded order size (${mu}, ${sigma})`);
  });
}

export function validateNormalRounded(spec: NormalRoundedSpec, name: string): void {
  checkNumber(spec.mean, `${name}.mean`, 'nonneg');
  checkNumber(spec.sd, `${name}.sd`, 'positive');
}

/** Exact moments of the tabled pmf (weightedMoments). */
export function normalRoundedMoments(spec: NormalRoundedSpec): Moments {
  return normalRoundedTable(spec.mean, spec.sd).moments();
}

export const normalRoundedKind: Distribution<NormalRoundedSpec> = {
  validate: validateNormalRounded,
  moments: normalRoundedMoments,
  sampler: (spec, rng) => new FastTableSampler(rng, normalRoundedTable(spec.mean, spec.sd)),
  table: (spec) => normalRoundedTable(spec.mean, spec.sd),
};
