/**
 * Registry of customer order sizes (units), the summands of the compound Poisson demand.
 * A kind with a table (whole-unit laws) takes the tabled fast path and allows 'dailyTotal'
 * sampling; one without (gamma) is drawn by its sampler, order by order.
 * Adding a kind: one file exporting a Distribution (src/dist/README.md) + one line below.
 */
import { empiricalKind } from './empirical.ts';
import { gammaKind } from './gamma.ts';
import { normalRoundedKind } from './normal-rounded.ts';
import { kindOf } from './registry.ts';
import type { RandomStream } from '../rng/stream.ts';
import type { AliasTable } from './alias.ts';
import type { Distribution, Moments, PeriodSampler, SpecUnion } from './types.ts';

const ORDER_SIZE_KINDS = {
  /** max(1, round(X)), X ~ N(mean, sd²): seed 001's normal order quantities made whole units */
  normalRounded: normalRoundedKind,
  /** Gamma with the given mean and sd (real-valued units) */
  gamma: gammaKind,
  /** one of `values` with probability ∝ `weights` (equal if omitted) */
  empirical: empiricalKind,
};

/** Size of one customer order (units). */
export type OrderSizeSpec = SpecUnion<typeof ORDER_SIZE_KINDS>;

function kind(spec: OrderSizeSpec, name = 'orderSize'): Distribution<OrderSizeSpec> {
  return kindOf(ORDER_SIZE_KINDS, spec, name);
}

/** Throws RangeError/TypeError naming the field when the spec is invalid. */
export function validateOrderSize(spec: OrderSizeSpec, name = 'orderSize'): void {
  kind(spec, name).validate(spec, name);
}

/** Mean and variance of an order size (E[S²] = variance + mean²). */
export function orderSizeMoments(spec: OrderSizeSpec): Moments {
  return kind(spec).moments(spec);
}

/** The alias table of a tabled order size, or null (drawn by orderSizeSampler). */
export function orderSizeTable(spec: OrderSizeSpec): AliasTable | null {
  return kind(spec).table?.(spec) ?? null;
}

/** A sampler of successive order sizes from `rng`. */
export function orderSizeSampler(spec: OrderSizeSpec, rng: RandomStream): PeriodSampler {
  return kind(spec).sampler(spec, rng);
}
