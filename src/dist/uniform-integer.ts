/**
 * Integer uniform lead time on {min, …, max}: P(k) = 1/n, n = max − min + 1; moments exact over
 * the table (E = (min + max)/2, Var = (n² − 1)/12). Drawn by the 53-bit alias draw.
 */
import { checkBound, checkNumber } from '../core/validate.ts';
import { AliasTable, TableSampler } from './alias.ts';
import type { Distribution } from './types.ts';

export interface UniformIntegerSpec {
  kind: 'uniformInteger';
  min: number;
  max: number;
}

/** Equal weights on min, …, max. */
export function uniformIntegerTable(spec: UniformIntegerSpec): AliasTable {
  const v: number[] = [];
  for (let k = spec.min; k <= spec.max; k++) v.push(k);
  return new AliasTable(v, v.map(() => 1), 'leadTime');
}

export function validateUniformInteger(spec: UniformIntegerSpec, name: string): void {
  const min = checkNumber(spec.min, `${name}.min`, 'int0');
  checkBound(checkNumber(spec.max, `${name}.max`, 'int0'), `${name}.max`, min, 'min');
}

export const uniformIntegerKind: Distribution<UniformIntegerSpec> = {
  validate: validateUniformInteger,
  moments: (spec) => uniformIntegerTable(spec).moments(),
  sampler: (spec, rng) => new TableSampler(rng, uniformIntegerTable(spec)),
  table: uniformIntegerTable,
};
