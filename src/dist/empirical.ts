/**
 * Discrete empirical distribution: one of `values` (≥ 0) with probability ∝ `weights` (equal if
 * omitted), pᵢ = wᵢ/Σw; E = Σ vᵢpᵢ, Var = Σ (vᵢ − E)²pᵢ (weightedMoments). Per-period demand and
 * order sizes draw from its table by the block-buffered 32-bit alias draw, lead times by the
 * 53-bit draw (as each has always done, so seeded results are unchanged).
 */
import { checkNumberArray } from '../core/validate.ts';
import { AliasTable, FastTableSampler, TableSampler } from './alias.ts';
import type { Distribution, Moments } from './types.ts';

export interface EmpiricalSpec {
  kind: 'empirical';
  values: number[];
  weights?: number[];
}

/** The spec's alias table (weights normalised; equal when omitted). */
export function empiricalTable(spec: EmpiricalSpec, name = 'distribution'): AliasTable {
  return new AliasTable(spec.values, spec.weights ?? spec.values.map(() => 1), name);
}

/** Values and weights finite and ≥ 0, as many weights as values, not all zero. */
export function validateEmpirical(spec: EmpiricalSpec, name: string): void {
  checkNumberArray(spec.values, `${name}.values`, 'nonneg');
  if (spec.weights !== undefined) checkNumberArray(spec.weights, `${name}.weights`, 'nonneg');
  empiricalTable(spec, name);
}

/** Exact moments of the normalised table. */
export function empiricalMoments(spec: EmpiricalSpec): Moments {
  return empiricalTable(spec).moments();
}

/** Demand and order sizes: block-buffered 32-bit alias draws. */
export const empiricalKind: Distribution<EmpiricalSpec> = {
  validate: validateEmpirical,
  moments: empiricalMoments,
  sampler: (spec, rng) => new FastTableSampler(rng, empiricalTable(spec)),
  table: (spec) => empiricalTable(spec),
};

/** Lead times: the same law, drawn by the 53-bit alias draw. */
export const empiricalLeadTimeKind: Distribution<EmpiricalSpec> = {
  ...empiricalKind,
  sampler: (spec, rng) => new TableSampler(rng, empiricalTable(spec)),
};
