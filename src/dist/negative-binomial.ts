/**
 * Negative binomial per period, given by its mean m and variance v > m (overdispersed counts):
 * p = m/v, r = m²/(v − m), P(k) = Γ(k + r)/(Γ(r)·k!)·p^r·(1 − p)^k; E = r(1 − p)/p = m,
 * Var = r(1 − p)/p² = v (Johnson, Kemp & Kotz 2005, §5.1). Sampled from its tabulated alias table.
 */
import { logGamma } from '../core/stats.ts';
import { checkBound, checkNumber } from '../core/validate.ts';
import { logFactorial } from '../rng/stream.ts';
import { FastTableSampler, type AliasTable } from './alias.ts';
import { cachedTable, tabulateUnimodal } from './tabulate.ts';
import type { Distribution, Moments } from './types.ts';

export interface NegativeBinomialSpec {
  kind: 'negativeBinomial';
  mean: number;
  /** must exceed the mean */
  variance: number;
}

/** Negative binomial with mean m and variance v > m: p = m/v, r = m²/(v − m); P(k) = Γ(k + r)/(Γ(r)·k!)·p^r·(1 − p)^k. */
export function negativeBinomialTable(mean: number, variance: number): AliasTable {
  return cachedTable(`nb:${mean}:${variance}`, () => {
    const p = mean / variance;
    const r = (mean * mean) / (variance - mean);
    const c = r * Math.log(p) - logGamma(r);
    const lq = Math.log1p(-p);
    const pmf = (k: number): number => (k < 0 ? 0 : Math.exp(c + logGamma(k + r) - logFactorial(k) + k * lq));
    // mode ⌊(r − 1)(1 − p)/p⌋ for r > 1, else 0
    const mode = r > 1 ? Math.floor(((r - 1) * (1 - p)) / p) : 0;
    return tabulateUnimodal(pmf, mode, 0, `negative binomial (${mean}, ${variance}) table`);
  });
}

export function validateNegativeBinomial(spec: NegativeBinomialSpec, name: string): void {
  const mean = checkNumber(spec.mean, `${name}.mean`, 'positive');
  const variance = checkNumber(spec.variance, `${name}.variance`, 'positive');
  checkBound(variance, `${name}.variance`, mean, 'the mean', true);
}

/** The defining moments (m, v). */
export function negativeBinomialMoments(spec: NegativeBinomialSpec): Moments {
  return { mean: spec.mean, variance: spec.variance };
}

export const negativeBinomialKind: Distribution<NegativeBinomialSpec> = {
  validate: validateNegativeBinomial,
  moments: negativeBinomialMoments,
  sampler: (spec, rng) => new FastTableSampler(rng, negativeBinomialTable(spec.mean, spec.variance)),
  table: (spec) => negativeBinomialTable(spec.mean, spec.variance),
};
