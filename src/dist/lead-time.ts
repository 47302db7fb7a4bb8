/**
 * Replenishment lead times (periods, ≥ 0): the registry of lead-time kinds, each in its own
 * file. Adding a kind: one file + one line in LEAD_TIME_KINDS (src/dist/README.md).
 *
 * A sampler is bound to the stream keyed (seed, scenario, replication, 'leadTime') and is
 * asked once per replenishment order, in order of placement. Real-valued lead times are
 * applied by the engine as arriving at the first period boundary at or after the arrival
 * time (src/sim/README.md, "Period convention").
 */
import type { RandomStream } from '../rng/stream.ts';
import type { AliasTable } from './alias.ts';
import { constantKind } from './constant.ts';
import { discreteUniformKind } from './discrete-uniform.ts';
import { empiricalLeadTimeKind } from './empirical.ts';
import { gammaKind } from './gamma.ts';
import { normalLeadTimeKind } from './normal.ts';
import { kindOf } from './registry.ts';
import { replayLeadTimeKind } from './replay.ts';
import type { Distribution, Moments, PeriodSampler, SpecUnion } from './types.ts';
import { uniformIntegerKind } from './uniform-integer.ts';

export { roundedTruncatedNormalTable } from './normal.ts';

const LEAD_TIME_KINDS = {
  constant: constantKind,
  /** N(mean, sd²) truncated at 0, optionally rounded to whole periods (normal.ts) */
  normal: normalLeadTimeKind,
  gamma: gammaKind,
  /** discrete empirical: one of `values` with probability ∝ `weights` (equal if omitted) */
  empirical: empiricalLeadTimeKind,
  /** integer uniform on {min, …, max} */
  uniformInteger: uniformIntegerKind,
  /** replay of recorded lead times, in order or resampled (replay.ts) */
  replay: replayLeadTimeKind,
  /** uniform on {min, min + step, …, max} (discrete-uniform.ts) */
  discreteUniform: discreteUniformKind,
};

export type LeadTimeSpec = SpecUnion<typeof LEAD_TIME_KINDS>;

function kind(spec: LeadTimeSpec, name: string): Distribution<LeadTimeSpec> {
  return kindOf(LEAD_TIME_KINDS, spec, name);
}

/** Throws RangeError/TypeError naming the field when the spec is invalid. */
export function validateLeadTime(spec: LeadTimeSpec, name = 'leadTime'): void {
  kind(spec, name).validate(spec, name);
}

/** The table of a discrete lead-time spec, or null for continuous, replayed or unknown ones (not validated). */
export function leadTimeTable(spec: LeadTimeSpec): AliasTable | null {
  if (spec === null || typeof spec !== 'object' || !Object.hasOwn(LEAD_TIME_KINDS, spec.kind)) return null;
  const k = LEAD_TIME_KINDS[spec.kind] as Distribution<LeadTimeSpec>;
  return k.table?.(spec) ?? null;
}

/** A sampler of successive orders' lead times (periods). */
export function createLeadTimeSampler(spec: LeadTimeSpec, rng: RandomStream): PeriodSampler {
  validateLeadTime(spec);
  return kind(spec, 'leadTime').sampler(spec, rng);
}

/** Exact mean and variance of one order's lead time (replay: over the records, population variance). */
export function leadTimeMoments(spec: LeadTimeSpec): Moments {
  validateLeadTime(spec);
  return kind(spec, 'leadTime').moments(spec);
}
