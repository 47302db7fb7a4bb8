/**
 * Normal-distribution pieces shared by the processes: truncated and censored normal moments,
 * a truncated-normal sampler, and the pmf of a rounded normal. Pure, no I/O.
 */
import { normalCdf, normalPdf, normalQuantile, normalUpperTail } from '../../core/normal.ts';
import type { RandomStream } from '../../rng/stream.ts';
import { ZigguratNormal } from '../../rng/ziggurat.ts';
import type { Moments } from './discrete.ts';

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
export class TruncatedNormalSampler {
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
