/**
 * Replay of a recorded history (per-period demand) or of recorded lead times. In-order replay
 * reads the record cyclically (CyclicReplay, shared by both); demand may instead use the
 * circular block bootstrap (Politis & Romano 1992), lead times i.i.d. resampling.
 *
 * Exact moments are those of one draw's marginal under a random start, the bootstrap or
 * resampling: the record's mean and population variance (n denominator), by simple-statistics.
 */
import { mean, variance } from 'simple-statistics';
import { checkChoice, checkNumber, checkNumberArray } from '../core/validate.ts';
import type { RandomStream } from '../rng/stream.ts';
import { AliasTable, TableSampler } from './alias.ts';
import type { Distribution, Moments, PeriodSampler } from './types.ts';

/** Mean and population variance of a record. */
export function recordMoments(record: number[]): Moments {
  return { mean: mean(record), variance: variance(record) };
}

/**
 * The record as a Float64Array: a Float64Array given is used as it is (aliased, not copied: the
 * samplers only read it, and a portfolio backtest builds one per replication of every SKU from
 * the same record), anything else is copied once.
 */
function recordArray(values: ArrayLike<number>): Float64Array {
  return values instanceof Float64Array ? values : Float64Array.from(values);
}

/** Reads `values` cyclically from index `start` (a Float64Array is read in place, not copied). */
export class CyclicReplay implements PeriodSampler {
  private readonly h: Float64Array;
  private pos: number;
  constructor(values: ArrayLike<number>, start: number) {
    this.h = recordArray(values);
    this.pos = start;
  }
  next(): number {
    const v = this.h[this.pos]!;
    this.pos = this.pos + 1 === this.h.length ? 0 : this.pos + 1;
    return v;
  }
}

/**
 * Circular block bootstrap (Politis & Romano 1992): blocks of `blockLength` consecutive periods
 * from uniformly random starts. A Float64Array history is read in place, not copied.
 */
export class BlockBootstrap implements PeriodSampler {
  private readonly h: Float64Array;
  private pos = 0;
  private left = 0;
  constructor(
    private readonly rng: RandomStream,
    history: ArrayLike<number>,
    private readonly blockLength: number,
  ) {
    this.h = recordArray(history);
  }
  next(): number {
    if (this.left === 0) {
      this.pos = this.rng.int(this.h.length);
      this.left = this.blockLength;
    }
    const v = this.h[this.pos]!;
    this.pos = this.pos + 1 === this.h.length ? 0 : this.pos + 1;
    this.left--;
    return v;
  }
}

/** Start index of an in-order replay: 0, or uniform on the record with start 'random' (one rng.int). */
function startIndex(rng: RandomStream, n: number, start: 'first' | 'random' | undefined): number {
  return start === 'random' ? rng.int(n) : 0;
}

// ---------------------------------------------------------------------------------------------
// Per-period demand

/**
 * replay of a recorded history: 'inOrder' reads it cyclically from the first period
 * (start 'first', default) or from a random start; 'blockBootstrap' concatenates blocks of
 * blockLength consecutive periods (default 7) starting at uniformly random positions.
 */
export interface ReplayDemandSpec {
  kind: 'replay';
  history: number[];
  mode?: 'inOrder' | 'blockBootstrap';
  blockLength?: number;
  start?: 'first' | 'random';
}

export function validateReplayDemand(spec: ReplayDemandSpec, name: string): void {
  checkNumberArray(spec.history, `${name}.history`, 'nonneg');
  if (spec.mode !== undefined) checkChoice(spec.mode, `${name}.mode`, ['inOrder', 'blockBootstrap']);
  if (spec.blockLength !== undefined) checkNumber(spec.blockLength, `${name}.blockLength`, 'int1');
  if (spec.start !== undefined) checkChoice(spec.start, `${name}.start`, ['first', 'random']);
}

export const replayDemandKind: Distribution<ReplayDemandSpec> = {
  validate: validateReplayDemand,
  moments: (spec) => recordMoments(spec.history),
  sampler: (spec, rng) =>
    (spec.mode ?? 'inOrder') === 'inOrder' ? new CyclicReplay(spec.history, startIndex(rng, spec.history.length, spec.start)) : new BlockBootstrap(rng, spec.history, spec.blockLength ?? 7),
};

// ---------------------------------------------------------------------------------------------
// Lead time

/**
 * replay of recorded lead times: 'inOrder' gives the i-th order records[(start + i) mod n]
 * (start 0, or uniformly random with start 'random'); 'resample' draws records i.i.d.
 */
export interface ReplayLeadTimeSpec {
  kind: 'replay';
  records: number[];
  mode?: 'inOrder' | 'resample';
  start?: 'first' | 'random';
}

export function validateReplayLeadTime(spec: ReplayLeadTimeSpec, name: string): void {
  checkNumberArray(spec.records, `${name}.records`, 'nonneg');
  if (spec.mode !== undefined) checkChoice(spec.mode, `${name}.mode`, ['inOrder', 'resample']);
  if (spec.start !== undefined) checkChoice(spec.start, `${name}.start`, ['first', 'random']);
}

export const replayLeadTimeKind: Distribution<ReplayLeadTimeSpec> = {
  validate: validateReplayLeadTime,
  moments: (spec) => recordMoments(spec.records),
  sampler: (spec, rng) =>
    (spec.mode ?? 'inOrder') === 'resample'
      ? new TableSampler(rng, new AliasTable(spec.records, spec.records.map(() => 1), 'leadTime.records'))
      : new CyclicReplay(spec.records, startIndex(rng, spec.records.length, spec.start)),
  table: () => null,
};
