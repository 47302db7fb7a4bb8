/**
 * The bivariate-normal joint lead-time/demand process behind eqs. (6)–(7) of Izar Landeta,
 * Ynzunza Cortés & Zermeño Pérez (2015), after Wang, Zinn & Croxton (2010):
 *   lead time L ~ N(μt, σt²) [days];
 *   given L, daily demand has mean m(L) = μd + ρ·σd·(L − μt)/σt and variance
 *   v = σd²·(1 − ρ²) [units/day], days i.i.d.; so corr(L, daily demand) = ρ and daily demand
 *   is N(μd, σd²) marginally;
 *   lead-time demand X | L ~ N(L·m(L), L·v) (the sum of L such days for integer L; the same
 *   law for fractional L, i.e. demand accumulating as a Brownian motion over the lead time).
 * Under this model E(X) and Var(X) are exactly eqs. (6) and (7).
 *
 * A lead time must be positive, so the simulated L is N(μt, σt²) conditioned on L > 0
 * (rejection). For the paper's inputs P(L ≤ 0) = Φ(−μt/σt) = 7.4e-6 and the truncation moves
 * the moments by less than 1e-4 relative; `exactMoments` gives both the eq. (6)–(7) values and
 * the exact moments of the truncated process by Gauss–Legendre integration, and
 * `serviceProbability` the exact P(X ≤ s) of the simulated process.
 */
import { normalCdf, normalPdf } from '../../../core/normal.ts';
import { correlatedLeadTimeDemand, validateMoments } from '../formulas.ts';
import { checkNumberShort } from '../../../core/validate.ts';
import type { RandomStream } from '../../../rng/stream.ts';
import { integrate, integrateVector } from '../../../core/quadrature.ts';

/** Plain-data spec of the bivariate-normal process. */
export interface BivariateNormalSpec {
  kind: 'bivariateNormal';
  /** μd [units/day] */
  meanDailyDemand: number;
  /** σd [units/day] */
  sdDailyDemand: number;
  /** μt [days] */
  meanLeadTime: number;
  /** σt [days] */
  sdLeadTime: number;
  /** ρ: correlation of lead time with daily demand, in [−1, 1] */
  correlation: number;
}

/** One replenishment cycle: its lead time and the demand during it. */
export interface CycleDraw {
  leadTime: number;
  leadTimeDemand: number;
}

/** Mean and variance of lead-time demand. */
export interface ProcessMoments {
  mean: number;
  variance: number;
}

export function validateBivariateNormal(spec: BivariateNormalSpec): BivariateNormalSpec {
  validateMoments(spec);
  checkNumberShort(spec.correlation, 'correlation (ρ)', 'correlation');
  return spec;
}

/** Lower limit of the standardised lead time (L > 0 ⇔ Z > −μt/σt), clipped at −12. */
function lowerZ(spec: BivariateNormalSpec): number {
  return Math.max(-12, -spec.meanLeadTime / spec.sdLeadTime);
}

/** Draw one cycle (L conditioned on L > 0; then X | L). Consumes normals from `stream`. */
export function sampleBivariateNormalCycle(spec: BivariateNormalSpec, stream: RandomStream): CycleDraw {
  const { meanDailyDemand: md, sdDailyDemand: sd, meanLeadTime: mt, sdLeadTime: st, correlation: rho } = spec;
  let z = stream.normal();
  while (mt + st * z <= 0) z = stream.normal();
  const L = mt + st * z;
  const m = md + rho * sd * z;
  const v = sd * sd * (1 - rho * rho);
  const x = L * m + Math.sqrt(L * v) * stream.normal();
  return { leadTime: L, leadTimeDemand: x };
}

/**
 * Moments of lead-time demand by Gauss–Legendre integration over the standardised lead time z
 * (L = μt + σt·z, m = μd + ρ·σd·z): E[X] = E[L·m], E[X²] = E[L·v + (L·m)²], over z > −μt/σt
 * (`truncated`, the simulated process, renormalised by P(L > 0)) or over the whole line
 * (`untruncated`, the model of eq. 7 taken literally, z ∈ [−12, 12]).
 */
export function integratedBivariateNormalMoments(spec: BivariateNormalSpec, truncated: boolean): ProcessMoments {
  validateBivariateNormal(spec);
  const { meanDailyDemand: md, sdDailyDemand: sd, meanLeadTime: mt, sdLeadTime: st, correlation: rho } = spec;
  const a = truncated ? lowerZ(spec) : -12;
  const mass = normalCdf(12) - normalCdf(a);
  const v = sd * sd * (1 - rho * rho);
  const [m1, m2] = integrateVector(
    (z) => {
      const L = mt + st * z;
      const mu = L * (md + rho * sd * z);
      const w = normalPdf(z);
      return [w * mu, w * (L * v + mu * mu)];
    },
    a,
    12,
    2,
    48,
    24,
  );
  const mean = m1! / mass;
  return { mean, variance: m2! / mass - mean * mean };
}

/**
 * Moments of lead-time demand: `formula` = eqs. (6)–(7), `exact` = the simulated process
 * (L conditioned on L > 0), and P(L ≤ 0) under the untruncated normal.
 */
export function bivariateNormalMoments(spec: BivariateNormalSpec): { formula: ProcessMoments; exact: ProcessMoments; probabilityNonPositiveLeadTime: number } {
  validateBivariateNormal(spec);
  const f = correlatedLeadTimeDemand(spec, spec.correlation);
  return { formula: { mean: f.mean, variance: f.variance }, exact: integratedBivariateNormalMoments(spec, true), probabilityNonPositiveLeadTime: normalCdf(-spec.meanLeadTime / spec.sdLeadTime) };
}

/**
 * Exact P(X ≤ s) of the simulated process (probability of no stock-out in a cycle with reorder
 * point s): ∫ φ(z)·Φ((s − L·m)/sqrt(L·v)) dz / P(L > 0) over z > −μt/σt; at |ρ| = 1 (v = 0)
 * the inner probability is the indicator L·m ≤ s.
 */
export function bivariateNormalServiceProbability(spec: BivariateNormalSpec, reorderPoint: number): number {
  const { meanDailyDemand: md, sdDailyDemand: sd, meanLeadTime: mt, sdLeadTime: st, correlation: rho } = spec;
  const a = lowerZ(spec);
  const v = sd * sd * (1 - rho * rho);
  const p = integrate(
    (z) => {
      const L = mt + st * z;
      const mu = L * (md + rho * sd * z);
      const inner = v > 0 ? normalCdf((reorderPoint - mu) / Math.sqrt(L * v)) : mu <= reorderPoint ? 1 : 0;
      return normalPdf(z) * inner;
    },
    a,
    12,
    96,
    24,
  );
  return p / (1 - normalCdf(a));
}

/**
 * Skewness of lead-time demand of the simulated process (L > 0), by integration:
 * E[(X − EX)³] from E[X^k | z] of X | z ~ N(μ, L·v), μ = L·m: E[X²|z] = μ² + Lv,
 * E[X³|z] = μ³ + 3μ·Lv. Zero for a normal; the normal-quantile reorder point of eq. (5) is
 * exact only when this is (near) zero.
 */
export function bivariateNormalSkewness(spec: BivariateNormalSpec): number {
  validateBivariateNormal(spec);
  const { meanDailyDemand: md, sdDailyDemand: sd, meanLeadTime: mt, sdLeadTime: st, correlation: rho } = spec;
  const a = lowerZ(spec);
  const mass = normalCdf(12) - normalCdf(a);
  const v = sd * sd * (1 - rho * rho);
  const [m1, m2, m3] = integrateVector(
    (z) => {
      const L = mt + st * z;
      const mu = L * (md + rho * sd * z);
      const w = normalPdf(z);
      return [w * mu, w * (mu * mu + L * v), w * (mu * mu * mu + 3 * mu * L * v)];
    },
    a,
    12,
    3,
    48,
    24,
  ).map((x) => x / mass) as [number, number, number];
  const variance = m2 - m1 * m1;
  return (m3 - 3 * m1 * m2 + 2 * m1 ** 3) / variance ** 1.5;
}
