/**
 * Normal distributions, cut at 0: X ~ N(μ, σ²) truncated to X ≥ 0 (conditioned on it) or censored
 * (max(0, X)); their exact moments, a truncated-normal sampler, the pmf of a rounded normal. The
 * per-period demand kind 'normal' (truncate or censor) and the lead-time kind 'normal' (truncated,
 * optionally rounded to whole periods) are registered from here.
 */
import { normalCdf, normalPdf, normalQuantile, normalUpperTail } from '../core/normal.ts';
import { checkChoice, checkNumber } from '../core/validate.ts';
import type { RandomStream } from '../rng/stream.ts';
import { ZigguratNormal } from '../rng/ziggurat.ts';
import { TableSampler, type AliasTable } from './alias.ts';
import { tabulateUnimodal } from './tabulate.ts';
import type { Distribution, Moments, PeriodSampler } from './types.ts';

/**
 * Moments of X ~ N(μ, σ²) truncated to X ≥ 0 (conditioned on X ≥ 0).
 * With a = −μ/σ and λ = φ(a)/(1 − Φ(a)) (inverse Mills ratio):
 * E[X] = μ + σ·λ, Var[X] = σ²·(1 + a·λ − λ²). Standard result (Johnson, Kotz & Balakrishnan 1994, §13.10).
 */
export function truncatedNormalMoments(mu: number, sigma: number): Moments {
  if (sigma === 0) return { mean: Math.max(mu, 0), variance: 0 };
  const a = -mu / sigma;
  const lam = normalPdf(a) / normalUpperTail(a);
  return { mean: mu + sigma * lam, variance: sigma * sigma * (1 + a * lam - lam * lam) };
}

/**
 * Moments of max(0, X), X ~ N(μ, σ²) (censored at 0). With b = μ/σ:
 * E = μ·Φ(b) + σ·φ(b); E[max(0,X)²] = (μ² + σ²)·Φ(b) + μ·σ·φ(b).
 */
export function censoredNormalMoments(mu: number, sigma: number): Moments {
  if (sigma === 0) return { mean: Math.max(mu, 0), variance: 0 };
  const b = mu / sigma;
  const m1 = mu * normalCdf(b) + sigma * normalPdf(b);
  const m2 = (mu * mu + sigma * sigma) * normalCdf(b) + mu * sigma * normalPdf(b);
  return { mean: m1, variance: Math.max(0, m2 - m1 * m1) };
}

/**
 * Sampler of N(μ, σ²) truncated to [0, ∞): rejection from the untruncated normal (ziggurat
 * draws, src/rng/ziggurat.ts) when at
 * least half the mass is above 0, otherwise inversion in the upper tail,
 * X = μ + σ·z with 1 − Φ(z) = U·(1 − Φ(a)), a = −μ/σ.
 */
export class TruncatedNormalSampler implements PeriodSampler {
  private readonly useRejection: boolean;
  private readonly tailMass: number;
  private readonly z: ZigguratNormal | null;
  constructor(
    private readonly rng: RandomStream,
    private readonly mu: number,
    private readonly sigma: number,
  ) {
    const a = -mu / sigma;
    this.useRejection = a <= 0;
    this.tailMass = normalUpperTail(a);
    // one of the two paths is used for given parameters, so the stream has one reader
    this.z = this.useRejection ? new ZigguratNormal(rng) : null;
  }
  next(): number {
    if (this.sigma === 0) return Math.max(this.mu, 0);
    if (this.useRejection) {
      for (;;) {
        const x = this.mu + this.sigma * this.z!.next();
        if (x >= 0) return x;
      }
    }
    const p = this.rng.uniformOpen() * this.tailMass;
    const x = this.mu - this.sigma * normalQuantile(p);
    return x < 0 ? 0 : x;
  }
}

/** P(lo ≤ X < hi) for X ~ N(μ, σ²), accurate in both tails (hi may be Infinity). */
export function normalInterval(mu: number, sigma: number, lo: number, hi: number): number {
  const zl = (lo - mu) / sigma;
  const zh = (hi - mu) / sigma;
  if (zl > 0) return normalUpperTail(zl) - (hi === Infinity ? 0 : normalUpperTail(zh));
  return (hi === Infinity ? 1 : normalCdf(zh)) - normalCdf(zl);
}

/** max(0, μ + σ·Z), Z a ziggurat normal. */
export class CensoredNormalSampler implements PeriodSampler {
  private readonly z: ZigguratNormal;
  constructor(
    rng: RandomStream,
    private readonly mu: number,
    private readonly sigma: number,
  ) {
    this.z = new ZigguratNormal(rng);
  }
  next(): number {
    const x = this.mu + this.sigma * this.z.next();
    return x > 0 ? x : 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Per-period demand

/**
 * X ~ N(mean, sd²) of the underlying normal; belowZero 'truncate' (default) conditions on
 * X ≥ 0, 'censor' returns max(0, X). Real-valued.
 */
export interface NormalDemandSpec {
  kind: 'normal';
  mean: number;
  sd: number;
  belowZero?: 'truncate' | 'censor';
}

export function validateNormalDemand(spec: NormalDemandSpec, name: string): void {
  checkNumber(spec.mean, `${name}.mean`, 'finite');
  checkNumber(spec.sd, `${name}.sd`, 'positive');
  if (spec.belowZero !== undefined) checkChoice(spec.belowZero, `${name}.belowZero`, ['truncate', 'censor']);
  if (spec.belowZero !== 'censor' && spec.mean / spec.sd < -30) throw new RangeError(`${name}: mean/sd must be ≥ −30 for a normal truncated at 0`);
}

export const normalDemandKind: Distribution<NormalDemandSpec> = {
  validate: validateNormalDemand,
  moments: (spec) => (spec.belowZero === 'censor' ? censoredNormalMoments(spec.mean, spec.sd) : truncatedNormalMoments(spec.mean, spec.sd)),
  sampler: (spec, rng) => (spec.belowZero === 'censor' ? new CensoredNormalSampler(rng, spec.mean, spec.sd) : new TruncatedNormalSampler(rng, spec.mean, spec.sd)),
};

// ---------------------------------------------------------------------------------------------
// Lead time

/**
 * X ~ N(mean, sd²) truncated to X ≥ 0 (conditioned on it); integer true → round(X)
 * (to the nearest whole period, so P(L = 0) = P(0 ≤ X < ½ | X ≥ 0)), false → X itself.
 */
export interface NormalLeadTimeSpec {
  kind: 'normal';
  mean: number;
  sd: number;
  integer?: boolean;
}

/** Integer lead time round(X), X ~ N(μ, σ²) | X ≥ 0: P(k) = P(max(0, k − ½) ≤ X < k + ½)/P(X ≥ 0). */
export function roundedTruncatedNormalTable(mu: number, sigma: number): AliasTable {
  const z = normalUpperTail(-mu / sigma);
  const pmf = (k: number): number => (k < 0 ? 0 : normalInterval(mu, sigma, Math.max(0, k - 0.5), k + 0.5) / z);
  return tabulateUnimodal(pmf, Math.max(0, Math.round(mu)), 0, `integer normal lead time (${mu}, ${sigma})`);
}

export function validateNormalLeadTime(spec: NormalLeadTimeSpec, name: string): void {
  checkNumber(spec.mean, `${name}.mean`, 'nonneg');
  checkNumber(spec.sd, `${name}.sd`, 'positive');
}

/** Continuous: truncatedNormalMoments; integer: the exact moments of the rounded table. */
export const normalLeadTimeKind: Distribution<NormalLeadTimeSpec> = {
  validate: validateNormalLeadTime,
  moments: (spec) => (spec.integer ? roundedTruncatedNormalTable(spec.mean, spec.sd).moments() : truncatedNormalMoments(spec.mean, spec.sd)),
  sampler: (spec, rng) => (spec.integer ? new TableSampler(rng, roundedTruncatedNormalTable(spec.mean, spec.sd)) : new TruncatedNormalSampler(rng, spec.mean, spec.sd)),
  table: (spec) => (spec.integer ? roundedTruncatedNormalTable(spec.mean, spec.sd) : null),
};
