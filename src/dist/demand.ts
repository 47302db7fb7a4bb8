/**
 * Demand per period: the registry of demand kinds. Each kind lives in its own file (validation,
 * exact moments, sampler); this file only maps kind → descriptor and dispatches.
 * Adding a kind: one file + one line in DEMAND_KINDS (src/dist/README.md).
 *
 * Every spec is JSON (it crosses into worker threads and files). A sampler is bound to one
 * RandomStream (keyed by seed, scenario, replication and process 'demand') and returns the
 * demand of the next period, in units (integer for the discrete kinds, real otherwise).
 * `demandMoments(spec)` gives the exact mean and variance of one period's demand, which the
 * sample-moment tests check.
 */
import type { RandomStream } from '../rng/stream.ts';
import { compoundPoissonKind } from './compound-poisson.ts';
import { empiricalKind } from './empirical.ts';
import { gammaKind } from './gamma.ts';
import { negativeBinomialKind } from './negative-binomial.ts';
import { nonStationaryKind } from './non-stationary.ts';
import { normalDemandKind } from './normal.ts';
import { poissonKind } from './poisson.ts';
import { kindOf } from './registry.ts';
import { replayDemandKind } from './replay.ts';
import type { Distribution, Moments, PeriodSampler, SpecUnion } from './types.ts';

export type { PeriodSampler } from './types.ts';
export { orderSizeMoments, validateOrderSize, type OrderSizeSpec } from './order-size.ts';
export { POISSON_TABLE_MAX_MEAN, poissonTable } from './poisson.ts';
export { normalRoundedTable } from './normal-rounded.ts';
export { negativeBinomialTable } from './negative-binomial.ts';
export { compoundPoissonTotalTable } from './compound-poisson.ts';

const DEMAND_KINDS = {
  /** Poisson(ordersPerPeriod) customer orders per period, i.i.d. order sizes (compound-poisson.ts) */
  compoundPoisson: compoundPoissonKind,
  /** N(mean, sd²) truncated or censored at 0 (normal.ts) */
  normal: normalDemandKind,
  poisson: poissonKind,
  /** negative binomial with the given mean and variance (variance > mean) */
  negativeBinomial: negativeBinomialKind,
  gamma: gammaKind,
  /** i.i.d. draws from an empirical daily distribution */
  empirical: empiricalKind,
  /** replay of a recorded history, in order or by block bootstrap (replay.ts) */
  replay: replayDemandKind,
  /** trend, seasonality, promotions, level shifts, intermittency, obsolescence; known mean path (non-stationary.ts) */
  nonStationary: nonStationaryKind,
};

export type DemandSpec = SpecUnion<typeof DEMAND_KINDS>;

function kind(spec: DemandSpec, name: string): Distribution<DemandSpec> {
  return kindOf(DEMAND_KINDS, spec, name);
}

/** Throws RangeError/TypeError naming the field when the spec is invalid. */
export function validateDemand(spec: DemandSpec, name = 'demand'): void {
  kind(spec, name).validate(spec, name);
}

/** A sampler of the demand of successive periods, drawing from `rng`. */
export function createDemandSampler(spec: DemandSpec, rng: RandomStream): PeriodSampler {
  validateDemand(spec);
  return kind(spec, 'demand').sampler(spec, rng);
}

/**
 * Exact mean and variance of one period's demand (for replay: of a period's marginal under a
 * random start or the block bootstrap, i.e. the history's mean and population variance).
 */
export function demandMoments(spec: DemandSpec): Moments {
  validateDemand(spec);
  return kind(spec, 'demand').moments(spec);
}
