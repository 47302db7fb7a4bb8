/**
 * The shapes every distribution in src/dist shares: exact moments, a sampler bound to its
 * stream, and the descriptor a kind registers (src/dist/README.md, "How to add a distribution").
 */
import type { RandomStream } from '../rng/stream.ts';
import type { AliasTable } from './alias.ts';

export interface Moments {
  /** expected value */
  mean: number;
  /** variance */
  variance: number;
}

/** A per-period sampler bound to its stream. */
export interface PeriodSampler {
  next(): number;
}

/**
 * One distribution kind as a registry sees it. `validate` runs first; the other members may
 * assume a valid spec. The sampler reads only from the injected stream `rng`.
 */
export interface Distribution<S extends { kind: string }> {
  /** throws a RangeError/TypeError naming the field (`name` is the spec's path, e.g. 'demand') */
  validate(spec: S, name: string): void;
  /** exact mean and variance of one draw */
  moments(spec: S): Moments;
  /** a sampler of successive draws from `rng` */
  sampler(spec: S, rng: RandomStream): PeriodSampler;
  /** the finite table of a discrete law; absent (or null) for continuous or replayed ones */
  table?(spec: S): AliasTable | null;
}

/** The spec type a descriptor handles. */
export type SpecOf<D> = D extends Distribution<infer S> ? S : never;

/** The union of the spec types of a registry {kind: descriptor}. */
export type SpecUnion<R> = { [K in keyof R]: SpecOf<R[K]> }[keyof R];
