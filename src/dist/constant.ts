/** A constant lead time: L = value with probability 1; E = value, Var = 0. No random draws. */
import { checkNumber } from '../core/validate.ts';
import { AliasTable } from './alias.ts';
import type { Distribution, PeriodSampler } from './types.ts';

export interface ConstantSpec {
  kind: 'constant';
  value: number;
}

class ConstantSampler implements PeriodSampler {
  constructor(private readonly value: number) {}
  next(): number {
    return this.value;
  }
}

export function validateConstant(spec: ConstantSpec, name: string): void {
  checkNumber(spec.value, `${name}.value`, 'nonneg');
}

export const constantKind: Distribution<ConstantSpec> = {
  validate: validateConstant,
  moments: (spec) => ({ mean: spec.value, variance: 0 }),
  sampler: (spec) => new ConstantSampler(spec.value),
  table: (spec) => new AliasTable([spec.value], [1]),
};
