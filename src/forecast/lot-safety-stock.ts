/**
 * Fill-rate safety stock of a reorder point s whose position after ordering is spread over
 * (s, s + Q] — an (s, Q) or (R, s, nQ) policy — from forecast errors (used by the adaptive
 * (s, Q) policy, src/policy/adaptive.ts).
 *
 * Timing (the simulator's convention): at a review at the end of period t the position after
 * ordering is y; everything ordered by then arrives by the start of period t + L + 1 and the next
 * review's order only at the start of t + R + L + 1 (L whole periods). The demand of the R periods
 * t + L + 1 … t + L + R therefore meets stock y − D_L, and the units short in them are
 *   (D_H − y)⁺ − (D_L − y)⁺,   H = R + L,
 * with D_k the demand of the next k periods (Silver, Pyke & Thomas 2017, Inventory and
 * Production Management in Supply Chains, §7, the (R, S) shortage per replenishment cycle
 * G_{R+L}(S) − G_L(S), here with y for S). In steady state the position after ordering of an
 * (s, nQ) rule is uniform on (s, s + Q] (Hadley & Whitin 1963, Analysis of Inventory Systems,
 * ch. 4–5), so with y = s + U·Q, U ~ uniform(0, 1), and the first- and second-order loss
 * functions B_k(z) = E(D_k − z)⁺, G²_k(z) = ∫_z^∞ B_k(u) du = ½E[((D_k − z)⁺)²]:
 *   E_U[B_k(s + U·Q)] = (1/Q)·[G²_k(s) − G²_k(s + Q)]
 * (the expected shortage of an (s, Q) policy with a uniform position, Hadley & Whitin 1963;
 * Silver, Pyke & Thomas 2017 §7.4), and the fill rate β is met when the expected shortage per
 * review equals (1 − β) times the demand of one review period:
 *   (1/Q)[G²_H(s) − G²_H(s + Q)] − (1/Q)[G²_L(s) − G²_L(s + Q)] = (1 − β)·F_t(R).   (★)
 * In forecast-error terms, D_k = F_t(k) + e_k with e_k the k-period cumulated forecast error, and
 * s = F_t(H) + x, so (★) reads, with the error laws' own loss functions,
 *   Ĝ_H(x) − Ĝ_L(x + F_t(H) − F_t(L)) = (1 − β)·F_t(R),   Ĝ(z) = (1/Q)[G²_e(z) − G²_e(z + Q)],
 * solved for the safety stock x by bisection. The error laws are those of the safety-stock
 * method (safety-stock.ts), one tracker for the H-period errors and one for the L-period errors:
 * 'normal' e ~ N(0, σ²) with σ the errors' sample sd, G²_e(z) = σ²·G₂(z/σ) with the
 * second-order standard normal loss G₂; 'empirical' the errors' sample, G²_e(z) =
 * (1/2n)·Σ((e_i − z)⁺)²; 'bootstrap' the same on fresh bootstrap sums; 'gamma' / 'negbin' the
 * moment-fitted lead-time demand, with its own G² in closed form (gamma) or by summation
 * (negative binomial). With L = 0, e_L ≡ 0 and F_t(0) = 0.
 *
 * Dropping the second term of (★) or putting the whole lot Q in place of the spread (the
 * (R, S) formula with a cycle demand of Q) overstates the shortage and overshoots the target.
 *
 * Known residual (measured in test/policy/adaptive-sq-fill.test.ts):
 * (★) takes the position U independent of the error e_H. In the adaptive policy s_t follows the
 * forecast, so a forecast that has just risen (and is more likely above the truth, e_H < 0) pulls
 * the position down relative to s_t, and one that has fallen leaves it high: U and e_H are
 * positively correlated, the shortfall e_H − U·Q is narrower than (★) assumes, and the achieved
 * fill rate is slightly above target (+0.001 to +0.004 with SES α = 0.1, within sampling error
 * with α = 0.02). Misfitted shapes add their own error (e.g. normal or gamma errors for
 * Poisson demand of mean 10–15: −0.0015 / +0.002 with α = 0.02).
 */
import { normalPdf, normalUpperTail } from '../core/normal.ts';
import { gammaP, isPoisson } from './lead-time-dist.ts';
import type { ErrorTracker } from './safety-stock.ts';

/**
 * Second-order standard normal loss G₂(k) = ∫_k^∞ G(u) du = ½E[((Z − k)⁺)²]
 * = ½[(k² + 1)(1 − Φ(k)) − k·φ(k)] (Hadley & Whitin 1963; Silver, Pyke & Thomas 2017, app. to ch. 7).
 */
export function normalLoss2(k: number): number {
  return 0.5 * ((k * k + 1) * normalUpperTail(k) - k * normalPdf(k));
}

/** The law of a cumulated forecast error e, through Ĝ(z, Q) = E[(e − z − U·Q)⁺], U ~ uniform(0, 1). */
export interface LotErrorLaw {
  /** (1/Q)·[G²(z) − G²(z + Q)] for Q > 0 */
  lotLoss(z: number, Q: number): number;
}

/** e ~ N(0, σ²) (σ = 0: e ≡ 0). */
export class NormalLotLaw implements LotErrorLaw {
  constructor(readonly sd: number) {}
  private loss2(z: number): number {
    if (this.sd > 0) return this.sd * this.sd * normalLoss2(z / this.sd);
    return z < 0 ? 0.5 * z * z : 0;
  }
  lotLoss(z: number, Q: number): number {
    return (this.loss2(z) - this.loss2(z + Q)) / Q;
  }
}

/**
 * The empirical law of an ascending sample a[0 … n − 1] (read, not copied: a must not change while
 * the law is used); tail sums s1[i] = Σ_{j ≥ i} a_j, s2[i] = Σ_{j ≥ i} a_j², summed from the top
 * down and only as far down as a call has needed so far (O(log n) per call after that), into
 * `sums` when given (buffers of length ≥ n + 1 reused from law to law; a law then holds them until
 * the next law given the same buffers).
 */
export class SampleLotLaw implements LotErrorLaw {
  private readonly s1: Float64Array;
  private readonly s2: Float64Array;
  /** s1, s2 hold the tail sums from index `filled` up */
  private filled: number;
  constructor(
    private readonly a: ArrayLike<number>,
    private readonly n: number,
    sums?: TailSums,
  ) {
    if (sums !== undefined && sums.s1.length > n) {
      [this.s1, this.s2] = [sums.s1, sums.s2];
      this.s1[n] = 0;
      this.s2[n] = 0;
    } else [this.s1, this.s2] = [new Float64Array(n + 1), new Float64Array(n + 1)];
    this.filled = n;
  }
  /** ½·mean(((a_i − z)⁺)²) */
  private loss2(z: number): number {
    let lo = 0, hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.a[mid]! <= z) lo = mid + 1;
      else hi = mid;
    }
    const m = this.n - lo;
    if (m === 0) return 0;
    for (let i = this.filled - 1; i >= lo; i--) {
      this.s1[i] = this.s1[i + 1]! + this.a[i]!;
      this.s2[i] = this.s2[i + 1]! + this.a[i]! * this.a[i]!;
    }
    if (lo < this.filled) this.filled = lo;
    return Math.max(0, this.s2[lo]! - 2 * z * this.s1[lo]! + z * z * m) / (2 * this.n);
  }
  lotLoss(z: number, Q: number): number {
    return (this.loss2(z) - this.loss2(z + Q)) / Q;
  }
}

/**
 * ½E[((D − z)⁺)²] for D ~ gamma(mean μ, variance σ²), shape k = μ²/σ², scale θ = σ²/μ:
 * ½[(μ² + σ²)·Q(k + 2, z/θ) − 2zμ·Q(k + 1, z/θ) + z²·Q(k, z/θ)], Q = 1 − P the regularized upper
 * incomplete gamma function (from E[D^j; D > z] = θ^j·Γ(k + j)/Γ(k)·Q(k + j, z/θ)); z ≤ 0: ½[σ² + (μ − z)²].
 */
export function gammaLoss2(mu: number, variance: number, z: number): number {
  if (z <= 0) return 0.5 * (variance + (mu - z) * (mu - z));
  const k = (mu * mu) / variance, x = (z * mu) / variance;
  const v = (mu * mu + variance) * (1 - gammaP(k + 2, x)) - 2 * z * mu * (1 - gammaP(k + 1, x)) + z * z * (1 - gammaP(k, x));
  return 0.5 * Math.max(0, v);
}

/**
 * ½E[((D − z)⁺)²] for the moment-fitted negative binomial (Poisson when σ² ≤ μ, then with variance
 * μ), real z: ½[Var D + (μ − z)² − Σ_{x < z}(z − x)²·P(D = x)], the probabilities by the recursion of
 * negBinLoss (lead-time-dist.ts), kept as prefix sums C_j = Σ_{x < z} x^j·P(D = x) on
 * 0 … μ + 12σ + 20 (the tail beyond is below 10⁻¹⁷), so that each value is O(1); the prefix sums
 * are extended from 0 upwards only as far as the values asked for so far need.
 */
export class NegBinLoss2 {
  private readonly c0: Float64Array;
  private readonly c1: Float64Array;
  private readonly c2: Float64Array;
  private readonly v: number;
  private readonly poisson: boolean;
  private readonly r: number;
  private readonly p: number;
  /** C_j are summed up to index `filled` (x = 0 … filled − 1); logP = log P(D = filled) */
  private filled = 0;
  private logP: number;
  constructor(
    readonly mu: number,
    variance: number,
  ) {
    this.poisson = isPoisson(mu, variance);
    this.v = this.poisson ? mu : variance;
    this.r = this.poisson ? Infinity : (mu * mu) / (variance - mu);
    this.p = this.poisson ? 1 : mu / variance;
    const n = Math.ceil(mu + 12 * Math.sqrt(this.v) + 20);
    [this.c0, this.c1, this.c2] = [new Float64Array(n + 1), new Float64Array(n + 1), new Float64Array(n + 1)];
    this.logP = this.poisson ? -mu : this.r * Math.log(this.p);
  }
  /** Sum the prefixes up to index k. */
  private fill(k: number): void {
    const { mu, r, p, poisson } = this;
    let logP = this.logP;
    for (let x = this.filled; x < k; x++) {
      const P = Math.exp(logP);
      this.c0[x + 1] = this.c0[x]! + P;
      this.c1[x + 1] = this.c1[x]! + x * P;
      this.c2[x + 1] = this.c2[x]! + x * x * P;
      logP += poisson ? Math.log(mu / (x + 1)) : Math.log(((x + r) * (1 - p)) / (x + 1));
    }
    this.logP = logP;
    this.filled = k;
  }
  value(z: number): number {
    const whole = 0.5 * (this.v + (this.mu - z) * (this.mu - z));
    if (z <= 0) return whole;
    const k = Math.min(Math.ceil(z), this.c0.length - 1); // x = 0 … k − 1 are < z
    if (k > this.filled) this.fill(k);
    const below = z * z * this.c0[k]! - 2 * z * this.c1[k]! + this.c2[k]!;
    return Math.max(0, whole - 0.5 * below);
  }
}

/** e = D − μ with D the moment-fitted gamma or negative binomial lead-time demand (lead-time-dist.ts). */
export class FittedLotLaw implements LotErrorLaw {
  private readonly negBin: NegBinLoss2 | null;
  constructor(
    readonly method: 'gamma' | 'negbin',
    readonly mu: number,
    readonly variance: number,
  ) {
    this.negBin = method === 'negbin' ? new NegBinLoss2(mu, variance) : null;
  }
  private loss2(z: number): number {
    return this.negBin === null ? gammaLoss2(this.mu, this.variance, this.mu + z) : this.negBin.value(this.mu + z);
  }
  lotLoss(z: number, Q: number): number {
    return (this.loss2(z) - this.loss2(z + Q)) / Q;
  }
}

/** Buffers for SampleLotLaw's tail sums. */
export interface TailSums {
  s1: Float64Array;
  s2: Float64Array;
}

/** Per tracker, the tail-sum buffers of its latest sample law (lotErrorLaw). */
const trackerSums = new WeakMap<ErrorTracker, TailSums>();

/** The tail-sum buffers of a tracker's sample laws (length ≥ n + 1). */
function sumsOf(tracker: ErrorTracker, n: number): TailSums {
  let t = trackerSums.get(tracker);
  if (t === undefined || t.s1.length <= n) {
    const len = Math.max(n, tracker.window, tracker.spec.replicates ?? 0) + 1;
    t = { s1: new Float64Array(len), s2: new Float64Array(len) };
    trackerSums.set(tracker, t);
  }
  return t;
}

/**
 * The law of the errors in a tracker's window for its method; null until minErrors errors
 * (bootstrap: one-step errors). A sample law (empirical, bootstrap) reads the tracker's buffers:
 * it is valid until the tracker's next error or the next lotErrorLaw call for the same tracker.
 */
export function lotErrorLaw(tracker: ErrorTracker): LotErrorLaw | null {
  const method = tracker.spec.method;
  if (method === 'bootstrap') {
    const d = tracker.bootstrapSums();
    return d === null ? null : new SampleLotLaw(d, d.length, sumsOf(tracker, d.length));
  }
  if (tracker.size < tracker.minErrors) return null;
  if (method === 'normal') return new NormalLotLaw(tracker.moments().sd);
  if (method === 'empirical') return new SampleLotLaw(tracker.sortedErrors(), tracker.size, sumsOf(tracker, tracker.size));
  const mu = tracker.forecast, { sd } = tracker.moments();
  return mu > 0 && sd > 0 ? new FittedLotLaw(method, mu, sd * sd) : new NormalLotLaw(0);
}

/**
 * The x solving (★): lawH.lotLoss(x, Q) − lawL.lotLoss(x + rest, Q) = g, with rest = F_t(H) − F_t(L)
 * and g = (1 − β)·F_t(R) > 0, by bracketing and bisection (|error| ≤ 1e-9 of the bracket's
 * scale); NaN when no x reaches g (the errors say that even an empty stock would short less).
 * With `position` (and `base`), the caller only needs to know whether the level s = base + x is
 * below the position (e.g. whether an order is due): as soon as the bisection's upper end hi
 * (≥ the final x) gives position > base + hi, it stops and returns −∞. The steps taken are those
 * of the full bisection, so a solve that is not stopped returns the same x.
 */
export function solveLotSafetyStock(lawH: LotErrorLaw, lawL: LotErrorLaw, rest: number, Q: number, g: number, base = 0, position = NaN): number {
  const scale = Math.max(1, Q, Math.abs(rest), g);
  let lo = -scale, hi = scale;
  for (let i = 0; lotGap(lawH, lawL, rest, Q, g, lo) < 0; i++, lo -= scale * 2 ** i) if (i > 60) return NaN;
  for (let i = 0; lotGap(lawH, lawL, rest, Q, g, hi) > 0; i++, hi += scale * 2 ** i) if (i > 60) return NaN;
  if (position > base + hi) return -Infinity;
  for (let i = 0; i < 100 && hi - lo > 1e-9 * scale; i++) {
    const mid = 0.5 * (lo + hi);
    if (lotGap(lawH, lawL, rest, Q, g, mid) > 0) lo = mid;
    else {
      hi = mid;
      if (position > base + hi) return -Infinity;
    }
  }
  return 0.5 * (lo + hi);
}

/** The left side of (★) minus its right side, at x. */
function lotGap(lawH: LotErrorLaw, lawL: LotErrorLaw, rest: number, Q: number, g: number, x: number): number {
  return lawH.lotLoss(x, Q) - lawL.lotLoss(x + rest, Q) - g;
}

/**
 * The width Q′ of the uniform position spread that stands in for a periodic-review (R, s, S)
 * policy with S − s = coverDemand in (★): after a review the position is S − W, W the demand since
 * the last order; over one order cycle W = 0 at the ordering review and, by the renewal argument
 * (Hadley & Whitin 1963, ch. 5, the (R, s, S) approximations; Silver, Pyke & Thomas 2017, §7.3,
 * the undershoot of (R, s, S)), the other reviews are spread with density ≈ 1/E[D_R] over W ∈ (0, Q),
 * so a cycle has ≈ (Q + E[D_R²]/(2E[D_R]))/E[D_R] reviews: Q plus the mean undershoot
 * E[D_R²]/(2E[D_R]) = (E[D_R] + Var D_R / E[D_R])/2 is the expected order size. Treating the
 * position after review as uniform on (s, s + Q′], Q′ = Q + that undershoot (the (s, Q) model with the
 * expected order size as its lot, the approximation used here), (★) with g = (1 − β)·F_t(R) is the
 * fill rate per review. The mass at W = 0 is spread over (S, S + undershoot], a slight overstatement
 * of the position. reviewDemand = F_t(R) > 0, reviewVariance = an estimate of Var D_R (≥ 0).
 */
export function coverLotSpread(coverDemand: number, reviewDemand: number, reviewVariance: number): number {
  if (!(reviewDemand > 0)) return coverDemand;
  return coverDemand + 0.5 * (reviewDemand + Math.max(0, reviewVariance) / reviewDemand);
}

/**
 * Fill-rate safety stock x of an (s, Q) reorder point s = F_t(H) + x (★): `horizonErrors` tracks
 * the H-period errors, `leadErrors` the L-period ones (null when L = 0: e_L ≡ 0); rest =
 * F_t(H) − F_t(L); reviewDemand = F_t(R). Falls back to the tracker's own fill-rate safety stock
 * (the (R, S) sizing) when the forecast demand of a review period is 0 or (★) has no root; 0
 * until minErrors errors have resolved (as every method). `base`, `position`: as
 * solveLotSafetyStock's (−∞ when it stopped the bisection; only the bisection of (★) is stopped,
 * never a fallback).
 */
export function lotFillRateSafetyStock(horizonErrors: ErrorTracker, leadErrors: ErrorTracker | null, beta: number, reviewDemand: number, rest: number, Q: number, base = 0, position = NaN): number {
  const g = (1 - beta) * reviewDemand;
  if (!(g > 0) || !(Q > 0)) return horizonErrors.safetyStock({ metric: 'fillRate', value: beta }, reviewDemand);
  const lawH = lotErrorLaw(horizonErrors);
  if (lawH === null) return 0;
  const lawL = (leadErrors === null ? null : lotErrorLaw(leadErrors)) ?? ZERO_LAW;
  const x = solveLotSafetyStock(lawH, lawL, rest, Q, g, base, position);
  return x === x ? x : horizonErrors.safetyStock({ metric: 'fillRate', value: beta }, reviewDemand);
}

/** e ≡ 0 (no lead time), shared: NormalLotLaw holds no state. */
const ZERO_LAW = new NormalLotLaw(0);
