/**
 * Replenishment lead times (periods, ≥ 0): plain-data specs, samplers and exact moments.
 * A sampler is bound to the stream keyed (seed, scenario, replication, 'leadTime') and is
 * asked once per replenishment order, in order of placement. Real-valued lead times are
 * applied by the engine as arriving at the first period boundary at or after the arrival
 * time (src/sim/README.md, "Period convention").
 */
import type { RandomStream } from '../../rng/stream.ts';
import { ZigguratGamma } from '../../rng/ziggurat.ts';
import { AliasTable, tabulateUnimodal, weightedMoments, type Moments } from './discrete.ts';
import type { PeriodSampler } from './demand.ts';
import { normalInterval, TruncatedNormalSampler, truncatedNormalMoments } from './normal-parts.ts';
import { normalUpperTail } from '../../core/normal.ts';

export type LeadTimeSpec =
  | { kind: 'constant'; value: number }
  /**
   * X ~ N(mean, sd²) truncated to X ≥ 0 (conditioned on it); integer true → round(X)
   * (to the nearest whole period, so P(L = 0) = P(0 ≤ X < ½ | X ≥ 0)), false → X itself.
   */
  | { kind: 'normal'; mean: number; sd: number; integer?: boolean }
  | { kind: 'gamma'; mean: number; sd: number }
  /** discrete empirical: one of `values` with probability ∝ `weights` (equal if omitted) */
  | { kind: 'empirical'; values: number[]; weights?: number[] }
  /** integer uniform on {min, …, max} */
  | { kind: 'uniformInteger'; min: number; max: number }
  /**
   * replay of recorded lead times: 'inOrder' gives the i-th order records[(start + i) mod n]
   * (start 0, or uniformly random with start 'random'); 'resample' draws records i.i.d.
   */
  | { kind: 'replay'; records: number[]; mode?: 'inOrder' | 'resample'; start?: 'first' | 'random' };

function finiteNonNeg(x: unknown, name: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${String(x)}`);
  return x;
}
function nonNegArray(x: unknown, name: string): number[] {
  if (!Array.isArray(x) || x.length === 0) throw new TypeError(`${name} must be a non-empty array of numbers`);
  x.forEach((v, i) => finiteNonNeg(v, `${name}[${i}]`));
  return x as number[];
}

export function validateLeadTime(spec: LeadTimeSpec, name = 'leadTime'): void {
  if (spec === null || typeof spec !== 'object') throw new TypeError(`${name} must be an object with a kind`);
  switch (spec.kind) {
    case 'constant':
      finiteNonNeg(spec.value, `${name}.value`);
      return;
    case 'normal':
      finiteNonNeg(spec.mean, `${name}.mean`);
      if (!(spec.sd > 0) || !Number.isFinite(spec.sd)) throw new RangeError(`${name}.sd must be a finite number > 0, got ${String(spec.sd)}`);
      return;
    case 'gamma':
      if (!(spec.mean > 0) || !Number.isFinite(spec.mean)) throw new RangeError(`${name}.mean must be a finite number > 0, got ${String(spec.mean)}`);
      if (!(spec.sd > 0) || !Number.isFinite(spec.sd)) throw new RangeError(`${name}.sd must be a finite number > 0, got ${String(spec.sd)}`);
      return;
    case 'empirical':
      nonNegArray(spec.values, `${name}.values`);
      if (spec.weights !== undefined) nonNegArray(spec.weights, `${name}.weights`);
      new AliasTable(spec.values, spec.weights ?? spec.values.map(() => 1), name);
      return;
    case 'uniformInteger':
      if (!Number.isInteger(spec.min) || spec.min < 0) throw new RangeError(`${name}.min must be an integer ≥ 0, got ${String(spec.min)}`);
      if (!Number.isInteger(spec.max) || spec.max < spec.min) throw new RangeError(`${name}.max must be an integer ≥ min (${spec.min}), got ${String(spec.max)}`);
      return;
    case 'replay':
      nonNegArray(spec.records, `${name}.records`);
      if (spec.mode !== undefined && spec.mode !== 'inOrder' && spec.mode !== 'resample') throw new RangeError(`${name}.mode must be 'inOrder' or 'resample'`);
      if (spec.start !== undefined && spec.start !== 'first' && spec.start !== 'random') throw new RangeError(`${name}.start must be 'first' or 'random'`);
      return;
    default:
      throw new RangeError(`${name}.kind must be one of constant, normal, gamma, empirical, uniformInteger, replay; got '${String((spec as { kind: unknown }).kind)}'`);
  }
}

/** Integer lead time round(X), X ~ N(μ, σ²) | X ≥ 0: P(k) = P(max(0, k − ½) ≤ X < k + ½)/P(X ≥ 0). */
export function roundedTruncatedNormalTable(mu: number, sigma: number): AliasTable {
  const z = normalUpperTail(-mu / sigma);
  const pmf = (k: number): number => (k < 0 ? 0 : normalInterval(mu, sigma, Math.max(0, k - 0.5), k + 0.5) / z);
  return tabulateUnimodal(pmf, Math.max(0, Math.round(mu)), 0, `integer normal lead time (${mu}, ${sigma})`);
}

/** The table of a discrete lead-time spec, or null for continuous or replayed ones. */
export function leadTimeTable(spec: LeadTimeSpec): AliasTable | null {
  switch (spec.kind) {
    case 'constant':
      return new AliasTable([spec.value], [1]);
    case 'normal':
      return spec.integer ? roundedTruncatedNormalTable(spec.mean, spec.sd) : null;
    case 'empirical':
      return new AliasTable(spec.values, spec.weights ?? spec.values.map(() => 1), 'leadTime');
    case 'uniformInteger': {
      const v: number[] = [];
      for (let k = spec.min; k <= spec.max; k++) v.push(k);
      return new AliasTable(v, v.map(() => 1), 'leadTime');
    }
    default:
      return null;
  }
}

class ConstantSampler implements PeriodSampler {
  constructor(private readonly value: number) {}
  next(): number {
    return this.value;
  }
}
class Table implements PeriodSampler {
  constructor(
    private readonly rng: RandomStream,
    private readonly t: AliasTable,
  ) {}
  next(): number {
    return this.t.sample(this.rng);
  }
}
class Gamma implements PeriodSampler {
  private readonly g: ZigguratGamma;
  constructor(rng: RandomStream, mean: number, sd: number) {
    this.g = new ZigguratGamma(rng, (mean / sd) ** 2, (sd * sd) / mean);
  }
  next(): number {
    return this.g.next();
  }
}
class InOrder implements PeriodSampler {
  private pos: number;
  constructor(
    private readonly records: number[],
    start: number,
  ) {
    this.pos = start;
  }
  next(): number {
    const v = this.records[this.pos]!;
    this.pos = this.pos + 1 === this.records.length ? 0 : this.pos + 1;
    return v;
  }
}

/** A sampler of successive orders' lead times (periods). */
export function createLeadTimeSampler(spec: LeadTimeSpec, rng: RandomStream): PeriodSampler {
  validateLeadTime(spec);
  if (spec.kind === 'constant') return new ConstantSampler(spec.value);
  if (spec.kind === 'gamma') return new Gamma(rng, spec.mean, spec.sd);
  if (spec.kind === 'normal' && !spec.integer) return new TruncatedNormalSampler(rng, spec.mean, spec.sd);
  if (spec.kind === 'replay') {
    if ((spec.mode ?? 'inOrder') === 'resample') return new Table(rng, new AliasTable(spec.records, spec.records.map(() => 1), 'leadTime.records'));
    return new InOrder(spec.records.slice(), spec.start === 'random' ? rng.int(spec.records.length) : 0);
  }
  return new Table(rng, leadTimeTable(spec)!);
}

/** Exact mean and variance of one order's lead time (replay: over the records, population variance). */
export function leadTimeMoments(spec: LeadTimeSpec): Moments {
  validateLeadTime(spec);
  switch (spec.kind) {
    case 'gamma':
      return { mean: spec.mean, variance: spec.sd * spec.sd };
    case 'normal':
      if (!spec.integer) return truncatedNormalMoments(spec.mean, spec.sd);
      return leadTimeTable(spec)!.moments();
    case 'replay':
      return weightedMoments(spec.records, spec.records.map(() => 1 / spec.records.length));
    default:
      return leadTimeTable(spec)!.moments();
  }
}
