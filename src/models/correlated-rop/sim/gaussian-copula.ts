/**
 * A Gaussian copula over discrete (or empirical) marginals for lead time and daily demand:
 * the paper's Table 1 (daily demand 0..8) and Table 2 (lead time 3..7 days) of Izar Landeta,
 * Ynzunza Cortés & Zermeño Pérez (2015), or distributions estimated from records.
 *
 * Construction: a latent Z0 ~ N(0, 1) per replenishment cycle gives the lead time
 * L = F_L⁻¹(Φ(Z0)); each day i of the lead time has a latent Zi = r·Z0 + sqrt(1 − r²)·εi with
 * εi i.i.d. N(0, 1), and demand di = F_d⁻¹(Φ(Zi)). So each day has the marginal of Table 1, the
 * lead time the marginal of Table 2, days are i.i.d. given Z0 (exchangeable, not independent,
 * given L alone), and corr(L, di) is a monotone function g(r) of the copula correlation r.
 * `calibrateCopulaCorrelation` finds the r with g(r) = the target daily ρ (bisection on the
 * numerically integrated g). Discrete marginals cannot reach every ρ: the attainable range is
 * [g(−1), g(1)] (countermonotone and comonotone couplings), computed exactly.
 *
 * Exact lead-time-demand moments and P(X ≤ s) follow by Gauss–Legendre integration over Z0
 * (piecewise between the lead-time cut points) of conditional quantities given Z0 = z:
 * pk(z) = Φ((bk − r·z)/s) − Φ((bk−1 − r·z)/s), s = sqrt(1 − r²), bk the demand cut points;
 * given z, X is the L-fold convolution of p(z).
 */
import { normalCdf, normalPdf, normalQuantile } from '../../../core/normal.ts';
import { discreteMoments, validateDiscrete, type DiscreteDistribution } from '../distributions.ts';
import { checkNumberShort } from '../../../core/validate.ts';
import type { RandomStream } from '../../../rng/stream.ts';
import type { CycleDraw, ProcessMoments } from './bivariate-normal.ts';
import { integrateVector } from '../../../core/quadrature.ts';

/** Plain-data spec of the copula process. */
export interface GaussianCopulaSpec {
  kind: 'gaussianCopula';
  /** marginal of daily demand [units/day]; non-negative integers for serviceProbability */
  dailyDemand: DiscreteDistribution;
  /** marginal of lead time [days], positive integers (days of demand in a lead time) */
  leadTime: DiscreteDistribution;
  /** r: correlation of the latent normals, −1 < r < 1 */
  copulaCorrelation: number;
}

/** Cut points on the latent normal scale: value i is taken when cuts[i−1] < z ≤ cuts[i]. */
function cutPoints(dist: DiscreteDistribution): Float64Array {
  const cuts = new Float64Array(dist.values.length - 1);
  let cum = 0;
  for (let i = 0; i < cuts.length; i++) {
    cum += dist.probabilities[i]!;
    cuts[i] = cum <= 0 ? -Infinity : cum >= 1 ? Infinity : normalQuantile(cum);
  }
  return cuts;
}

function indexOf(cuts: Float64Array, z: number): number {
  let i = 0;
  while (i < cuts.length && z > cuts[i]!) i++;
  return i;
}

/** A spec with its cut points, ready for sampling (build once per kernel call). */
export interface PreparedCopula {
  spec: GaussianCopulaSpec;
  leadCuts: Float64Array;
  demandCuts: Float64Array;
  /** sqrt(1 − r²) */
  s: number;
}

/**
 * Check a copula spec: both marginals valid, lead times positive integers (they count days of
 * demand), −1 < r < 1. Returns the spec unchanged.
 */
export function validateCopula(spec: GaussianCopulaSpec): GaussianCopulaSpec {
  validateDiscrete(spec.dailyDemand, 'dailyDemand');
  validateDiscrete(spec.leadTime, 'leadTime');
  spec.leadTime.values.forEach((v, i) => {
    if (!(Number.isInteger(v) && v >= 1)) throw new RangeError(`leadTime.values[${i}] must be a positive integer number of days, got ${v}`);
  });
  const r = checkNumberShort(spec.copulaCorrelation, 'copulaCorrelation (r)', 'correlation');
  if (Math.abs(r) >= 1) throw new RangeError(`copulaCorrelation (r) must lie strictly between −1 and 1, got ${r}`);
  return spec;
}

/** Precompute the cut points of a spec already checked by validateCopula (no checks: a kernel's run() uses it per replication). */
export function prepareValidatedCopula(spec: GaussianCopulaSpec): PreparedCopula {
  const r = spec.copulaCorrelation;
  return { spec, leadCuts: cutPoints(spec.leadTime), demandCuts: cutPoints(spec.dailyDemand), s: Math.sqrt(1 - r * r) };
}

/** Validate and precompute (the library entry). */
export function prepareCopula(spec: GaussianCopulaSpec): PreparedCopula {
  return prepareValidatedCopula(validateCopula(spec));
}

/** Draw the latent Z0 and the lead time of one cycle. */
export function sampleCopulaLeadTime(p: PreparedCopula, stream: RandomStream): { latent: number; leadTime: number } {
  const z0 = stream.normal();
  return { latent: z0, leadTime: p.spec.leadTime.values[indexOf(p.leadCuts, z0)]! };
}

/** Draw one day's demand given the cycle's latent Z0 (or, with latent = null, from the marginal). */
export function sampleCopulaDailyDemand(p: PreparedCopula, latent: number | null, stream: RandomStream): number {
  const e = stream.normal();
  const z = latent === null ? e : p.spec.copulaCorrelation * latent + p.s * e;
  return p.spec.dailyDemand.values[indexOf(p.demandCuts, z)]!;
}

/** Draw one cycle: lead time and the sum of its daily demands. */
export function sampleCopulaCycle(p: PreparedCopula, stream: RandomStream): CycleDraw {
  const { latent, leadTime } = sampleCopulaLeadTime(p, stream);
  let x = 0;
  for (let i = 0; i < leadTime; i++) x += sampleCopulaDailyDemand(p, latent, stream);
  return { leadTime, leadTimeDemand: x };
}

/** Conditional daily-demand probabilities given Z0 = z. */
function conditionalProbabilities(p: PreparedCopula, z: number, out: Float64Array): void {
  const r = p.spec.copulaCorrelation;
  let prev = 0;
  for (let k = 0; k < out.length; k++) {
    const c = k < p.demandCuts.length ? normalCdf((p.demandCuts[k]! - r * z) / p.s) : 1;
    out[k] = Math.max(0, c - prev);
    prev = c;
  }
}

/**
 * ∫ φ(z)·f(z, lead-time index) dz over the real line, piecewise between lead-time cut points
 * (integrand smooth inside each piece), z clipped to [−9, 9].
 */
function integrateOverLatent(p: PreparedCopula, f: (z: number, j: number) => readonly number[], dims: number): number[] {
  const total = new Array<number>(dims).fill(0);
  const edges = [-9, ...Array.from(p.leadCuts).filter((c) => c > -9 && c < 9), 9];
  let j = indexOf(p.leadCuts, -9);
  for (let e = 0; e + 1 < edges.length; e++) {
    const a = edges[e]!;
    const b = edges[e + 1]!;
    // lead-time index on (a, b): the first cut ≥ b decides; equal cuts (zero-probability values) are skipped
    j = indexOf(p.leadCuts, (a + b) / 2);
    const idx = j;
    const panels = Math.max(4, Math.ceil((b - a) / 0.1));
    const part = integrateVector((z) => f(z, idx).map((v) => v * normalPdf(z)), a, b, dims, panels, 16);
    for (let d = 0; d < dims; d++) total[d]! += part[d]!;
  }
  return total;
}

/** corr(L, daily demand) of the copula process, by integration: (E[L·d] − E[L]E[d])/(σL·σd). */
export function copulaDailyCorrelation(p: PreparedCopula): number {
  const dm = discreteMoments(p.spec.dailyDemand);
  const lm = discreteMoments(p.spec.leadTime);
  const probs = new Float64Array(p.spec.dailyDemand.values.length);
  const vals = p.spec.dailyDemand.values;
  const [eLd] = integrateOverLatent(
    p,
    (z, j) => {
      conditionalProbabilities(p, z, probs);
      let h = 0;
      for (let k = 0; k < vals.length; k++) h += vals[k]! * probs[k]!;
      return [p.spec.leadTime.values[j]! * h];
    },
    1,
  );
  return (eLd! - lm.mean * dm.mean) / (lm.sd * dm.sd);
}

/**
 * Exact range of corr(L, d) over all couplings of the two marginals: the countermonotone and
 * comonotone couplings (Hoeffding–Fréchet bounds), the limits of the Gaussian copula as
 * r → −1 and r → 1. E[L·d] is computed on the merged partition of u ∈ (0, 1).
 */
export function attainableCorrelationRange(dailyDemand: DiscreteDistribution, leadTime: DiscreteDistribution): { min: number; max: number } {
  const dm = discreteMoments(dailyDemand);
  const lm = discreteMoments(leadTime);
  const quantile = (dist: DiscreteDistribution, u: number): number => {
    let cum = 0;
    for (let i = 0; i < dist.values.length; i++) {
      cum += dist.probabilities[i]!;
      if (u < cum) return dist.values[i]!;
    }
    return dist.values[dist.values.length - 1]!;
  };
  const breaks = new Set<number>([0, 1]);
  let c = 0;
  for (const q of dailyDemand.probabilities) breaks.add(Math.min(1, (c += q)));
  c = 0;
  for (const q of leadTime.probabilities) {
    c += q;
    breaks.add(Math.min(1, c));
    breaks.add(Math.max(0, 1 - c));
  }
  const u = [...breaks].sort((a, b) => a - b);
  let up = 0;
  let down = 0;
  for (let i = 0; i + 1 < u.length; i++) {
    const w = u[i + 1]! - u[i]!;
    if (w <= 0) continue;
    const mid = (u[i]! + u[i + 1]!) / 2;
    up += w * quantile(leadTime, mid) * quantile(dailyDemand, mid);
    down += w * quantile(leadTime, 1 - mid) * quantile(dailyDemand, mid);
  }
  const s = lm.sd * dm.sd;
  return { min: (down - lm.mean * dm.mean) / s, max: (up - lm.mean * dm.mean) / s };
}

/**
 * The copula correlation r that reproduces a target daily correlation ρ = corr(L, d):
 * bisection (g is increasing in r) to |Δr| < 1e-10. Throws when ρ is outside the attainable
 * range of the marginals.
 */
export function calibrateCopulaCorrelation(dailyDemand: DiscreteDistribution, leadTime: DiscreteDistribution, targetCorrelation: number): number {
  const target = checkNumberShort(targetCorrelation, 'targetCorrelation (ρ)', 'correlation');
  const range = attainableCorrelationRange(dailyDemand, leadTime);
  if (target <= range.min || target >= range.max) {
    throw new RangeError(`targetCorrelation ρ = ${target} is not attainable with these marginals: any coupling of them gives a correlation in [${range.min.toFixed(4)}, ${range.max.toFixed(4)}]`);
  }
  const g = (r: number) => copulaDailyCorrelation(prepareCopula({ kind: 'gaussianCopula', dailyDemand, leadTime, copulaCorrelation: r }));
  let lo = -0.999999;
  let hi = 0.999999;
  if (target <= g(lo) || target >= g(hi)) throw new RangeError(`targetCorrelation ρ = ${target} needs |r| > 0.999999; too close to the attainable bound`);
  while (hi - lo > 1e-10) {
    const mid = (lo + hi) / 2;
    if (g(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Exact E[X], Var(X) of lead-time demand X = Σ_{i ≤ L} di, by integration over Z0. */
export function copulaMoments(p: PreparedCopula): ProcessMoments {
  const vals = p.spec.dailyDemand.values;
  const probs = new Float64Array(vals.length);
  const [m1, m2] = integrateOverLatent(
    p,
    (z, j) => {
      conditionalProbabilities(p, z, probs);
      let h = 0;
      let q = 0;
      for (let k = 0; k < vals.length; k++) {
        h += vals[k]! * probs[k]!;
        q += vals[k]! * vals[k]! * probs[k]!;
      }
      const L = p.spec.leadTime.values[j]!;
      return [L * h, L * (q - h * h) + L * L * h * h];
    },
    2,
  );
  return { mean: m1!, variance: m2! - m1! * m1! };
}

/**
 * Exact P(X ≤ s) for several reorder points at once (probability of no stock-out in a cycle):
 * ∫ φ(z)·P(Σ_{i ≤ L(z)} di ≤ s | z) dz, the inner probability by L-fold convolution of the
 * conditional daily pmf. Demand values must be non-negative integers.
 */
export function copulaServiceProbabilities(p: PreparedCopula, reorderPoints: readonly number[]): number[] {
  const vals = p.spec.dailyDemand.values;
  vals.forEach((v, i) => {
    if (!(Number.isInteger(v) && v >= 0)) throw new RangeError(`dailyDemand.values[${i}] must be a non-negative integer for exact service probabilities, got ${v}`);
  });
  const maxD = vals[vals.length - 1]!;
  const maxL = p.spec.leadTime.values[p.spec.leadTime.values.length - 1]!;
  const size = maxD * maxL + 1;
  const probs = new Float64Array(vals.length);
  let cur = new Float64Array(size);
  let next = new Float64Array(size);
  return integrateOverLatent(
    p,
    (z, j) => {
      conditionalProbabilities(p, z, probs);
      const L = p.spec.leadTime.values[j]!;
      cur.fill(0);
      cur[0] = 1;
      let top = 0;
      for (let day = 0; day < L; day++) {
        next.fill(0, 0, top + maxD + 1);
        for (let x = 0; x <= top; x++) {
          const px = cur[x]!;
          if (px === 0) continue;
          for (let k = 0; k < vals.length; k++) next[x + vals[k]!]! += px * probs[k]!;
        }
        top += maxD;
        const t = cur;
        cur = next;
        next = t;
      }
      return reorderPoints.map((s) => {
        const lim = Math.min(top, Math.floor(s));
        let c = 0;
        for (let x = 0; x <= lim; x++) c += cur[x]!;
        return c;
      });
    },
    reorderPoints.length,
  );
}

/**
 * Exact pmf of lead-time demand X (integer values 0 … max demand × max lead time), by
 * integrating the conditional L-fold convolution over Z0: P(X = x) = ∫ φ(z)·P(Σ_{i ≤ L(z)} di
 * = x | z) dz. Gives the skewness of X and every P(X ≤ s) at once.
 */
export function copulaLeadTimeDemandPmf(p: PreparedCopula): number[] {
  const vals = p.spec.dailyDemand.values;
  const maxD = vals[vals.length - 1]!;
  const maxL = p.spec.leadTime.values[p.spec.leadTime.values.length - 1]!;
  const points = Array.from({ length: maxD * maxL + 1 }, (_, x) => x);
  const cdf = copulaServiceProbabilities(p, points);
  return cdf.map((c, x) => (x === 0 ? c : c - cdf[x - 1]!));
}

/** The distribution function x ↦ P(X ≤ x) of a pmf on 0, 1, 2, … (0 below 0, 1 − tail beyond the support's end). */
export function pmfCdf(pmf: readonly number[]): (x: number) => number {
  const cdf: number[] = [];
  pmf.reduce((acc, q, i) => (cdf[i] = acc + q), 0);
  return (x) => (x < 0 ? 0 : cdf[Math.min(cdf.length - 1, Math.floor(x))]!);
}

/** Mean, sd and skewness of a pmf on 0, 1, 2, … (the moments of discreteMoments). */
export function pmfShape(pmf: readonly number[]): { mean: number; sd: number; skewness: number } {
  const m = discreteMoments({ values: pmf.map((_, x) => x), probabilities: [...pmf] });
  return { mean: m.mean, sd: m.sd, skewness: m.skewness };
}
