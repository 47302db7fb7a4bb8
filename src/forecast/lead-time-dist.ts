/**
 * Lead-time demand distributions fitted by the method of moments to a forecast mean μ and a
 * forecast-error variance σ², for the safety stock of safety-stock.ts:
 * - gamma (continuous): shape k = μ²/σ², scale θ = σ²/μ (Burgin 1975, "The gamma distribution
 *   and inventory control", Operational Research Quarterly 26, 507–525; Silver, Pyke & Thomas
 *   2017 §6.10);
 * - negative binomial (integer demand; Agrawal & Smith 1996, "Estimating negative binomial
 *   demand for retail inventory management with unobservable lost sales", Naval Research
 *   Logistics 43, 839–861): for σ² > μ, r = μ²/(σ² − μ) successes with probability p = μ/σ²,
 *   P(D = x) = C(x + r − 1, x) p^r (1 − p)^x; for σ² ≤ μ (to 10⁻⁶) the Poisson(μ) (the limit r → ∞).
 * Each gives the p-quantile (cycle service) and the level S whose expected shortage
 * E(D − S)⁺ equals a given g (fill rate). The regularized incomplete gamma function P(a, x) is
 * src/core/special.ts's (series and continued fraction, Press et al., Numerical Recipes, 3rd ed., §6.2).
 */
import { regularizedGammaP } from '../core/special.ts';
import { regularizedBeta } from '../core/stats.ts';

/** Regularized lower incomplete gamma P(a, x): src/core/special.ts's regularizedGammaP, under its forecast API name. */
export const gammaP = regularizedGammaP;

/** Smallest-bracket bisection of an increasing function f on [0, ∞) for f(x) = target. */
function solveIncreasing(f: (x: number) => number, target: number, scale: number): number {
  let lo = 0, hi = Math.max(scale, 1e-12);
  while (f(hi) < target && hi < 1e300) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** p-quantile of the gamma distribution with mean μ and variance σ². */
export function gammaQuantile(mu: number, variance: number, p: number): number {
  const k = (mu * mu) / variance, theta = variance / mu;
  return theta * solveIncreasing((x) => gammaP(k, x), p, k + 1);
}

/** E(D − S)⁺ for D ~ gamma(mean μ, variance σ²): μ·Q(k + 1, S/θ) − S·Q(k, S/θ). */
export function gammaLoss(mu: number, variance: number, S: number): number {
  if (S <= 0) return mu - S;
  const k = (mu * mu) / variance, theta = variance / mu;
  return Math.max(0, mu * (1 - gammaP(k + 1, S / theta)) - S * (1 - gammaP(k, S / theta)));
}

/** The S with E(D − S)⁺ = g (0 < g < μ), D ~ gamma(μ, σ²). */
export function gammaLossInverse(mu: number, variance: number, g: number): number {
  if (g >= mu) return 0;
  return solveIncreasing((S) => -gammaLoss(mu, variance, S), -g, mu + Math.sqrt(variance));
}

/**
 * σ² ≤ μ(1 + 10⁻⁶): the Poisson(μ). Just above μ the negative binomial has r = μ²/(σ² − μ) in
 * the millions, where the incomplete beta function loses accuracy (measured: 5·10⁻⁶ in the cdf at
 * σ²/μ − 1 = 10⁻⁹) while it differs from the Poisson by less than that.
 */
export function isPoisson(mu: number, variance: number): boolean {
  return variance <= mu * (1 + 1e-6);
}

/** P(D ≤ x) for the moment-fitted negative binomial (Poisson when σ² ≤ μ), integer x ≥ 0. */
export function negBinCdf(mu: number, variance: number, x: number): number {
  if (x < 0) return 0;
  if (isPoisson(mu, variance)) return 1 - gammaP(x + 1, mu);
  const r = (mu * mu) / (variance - mu), p = mu / variance;
  return regularizedBeta(p, r, x + 1);
}

/** Smallest integer x ≥ 0 with P(D ≤ x) ≥ p. */
export function negBinQuantile(mu: number, variance: number, p: number): number {
  let x = Math.max(0, Math.floor(mu + (p >= 0.5 ? 0 : -1) * Math.sqrt(variance)));
  while (x > 0 && negBinCdf(mu, variance, x - 1) >= p) x--;
  while (negBinCdf(mu, variance, x) < p) x++;
  return x;
}

/**
 * Smallest integer S ≥ 0 with E(D − S)⁺ ≤ g, walking E(D − S − 1)⁺ = E(D − S)⁺ − 1 + P(D ≤ S)
 * from E(D)⁺ = μ, with the probabilities by the recursion P(x + 1) = P(x)(x + r)(1 − p)/(x + 1)
 * (Poisson: P(x)·μ/(x + 1)) in logarithms.
 */
export function negBinLossInverse(mu: number, variance: number, g: number): number {
  const poisson = isPoisson(mu, variance);
  const r = poisson ? Infinity : (mu * mu) / (variance - mu), p = poisson ? 1 : mu / variance;
  let logP = poisson ? -mu : r * Math.log(p);
  let cdf = 0, loss = mu, S = 0;
  while (loss > g && S < 1e8) {
    cdf += Math.exp(logP);
    loss = loss - 1 + Math.min(1, cdf);
    logP += poisson ? Math.log(mu / (S + 1)) : Math.log(((S + r) * (1 - p)) / (S + 1));
    S++;
  }
  return S;
}

/** E(D − S)⁺ = μ − S + Σ_{x ≤ S} (S − x)P(D = x) for the moment-fitted negative binomial (Poisson when σ² ≤ μ), real S. */
export function negBinLoss(mu: number, variance: number, S: number): number {
  if (S < 0) return mu - S;
  const poisson = isPoisson(mu, variance);
  const r = poisson ? Infinity : (mu * mu) / (variance - mu), p = poisson ? 1 : mu / variance;
  let logP = poisson ? -mu : r * Math.log(p);
  let below = 0;
  for (let x = 0; x <= S; x++) {
    below += (S - x) * Math.exp(logP);
    logP += poisson ? Math.log(mu / (x + 1)) : Math.log(((x + r) * (1 - p)) / (x + 1));
  }
  return mu - S + below;
}
