/**
 * Estimation and automatic selection of the additive ETS models (ets-core.ts), following
 * Hyndman, Koehler, Snyder & Grose (2002) and Hyndman et al. (2008, ch. 5 and 7) as the R
 * function forecast::ets (8.20) implements them:
 * - parameters and initial states jointly by maximum likelihood; for additive errors the
 *   criterion is L* = n·log(Σ ε_t²) (the Gaussian likelihood with σ² concentrated out, up to a
 *   constant; R reports loglik = −½·L* and we do the same);
 * - parameter space 'both': the usual bounds 10⁻⁴ ≤ α ≤ 0.9999, 10⁻⁴ ≤ β ≤ α, 10⁻⁴ ≤ γ ≤ 1 − α,
 *   0.8 ≤ φ ≤ 0.98 and the admissible (forecastability) region of Hyndman et al. (2008, ch. 10):
 *   every root of the characteristic polynomial of the discount matrix inside the unit circle;
 * - starting values as R's initparam/initstate: α₀ = 10⁻⁴ + 0.2·0.9998/m, β₀ = 0.1·(α₀ − 10⁻⁴) +
 *   10⁻⁴, γ₀ = 10⁻⁴ + 0.05(1 − α₀ − 10⁻⁴), φ₀ = 0.9782; the seasonal states from a classical
 *   additive decomposition (moving average of order m), ℓ₀ (and b₀) from the mean (least-squares
 *   line) of the first max(10, 2m) seasonally adjusted values; the m-th seasonal state is
 *   −Σ of the other m − 1 (they sum to zero);
 * - minimised by the Nelder–Mead simplex with R's settings (src/core/nelder-mead.ts) — optimizer
 *   'r', the default; optimizer 'fast' instead concentrates the initial states out by least
 *   squares and searches the smoothing parameters only (see EtsOptimizer);
 * - AIC = L* + 2k, AICc = AIC + 2k(k + 1)/(n − k − 1), BIC = L* + k·log n with k = the number of
 *   estimated parameters and states + 1 (σ); σ² = Σε²/(n − k + 1).
 * Differences from forecast::ets: seasonal models need n ≥ 3m (R starts shorter series from a
 * Fourier regression) and a model is tried only if n > k + 4; missing values are not supported.
 */
import { nelderMead } from '../core/nelder-mead.ts';
import { boxMinimise } from './ets-box-minimise.ts';
import { EtsProfileWork, etsProfileSse, etsProfileState, etsSseGradient } from './ets-profile.ts';
import { ETS_MODELS, EtsState, etsSse, etsType, etsVectorSse, type EtsModelName, type EtsParameters, type EtsType } from './ets-core.ts';

const LOWER = [1e-4, 1e-4, 1e-4, 0.8] as const;
const UPPER = [0.9999, 0.9999, 0.9999, 0.98] as const;

export interface EtsFit {
  model: EtsModelName;
  /** seasonal period m (1 for non-seasonal models) */
  period: number;
  n: number;
  par: EtsParameters;
  /** x₀ = (ℓ₀, b₀, s_1 … s_m), R's order */
  initial: number[];
  sse: number;
  /** −(n/2)·log(Σε²), forecast::ets's loglik */
  loglik: number;
  aic: number;
  aicc: number;
  bic: number;
  /** Σε²/(n − estimated parameters), forecast::ets's sigma2 */
  sigma2: number;
  /** Nelder–Mead function evaluations */
  evaluations: number;
  /** the filter's state after the last observation (EtsForecaster keeps updating this object) */
  state: EtsState;
}

/** Mean as a plain left-to-right sum. */
function mean(a: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i]!;
  return s / (to - from);
}

/**
 * Classical additive decomposition (R's decompose): the seasonal figure, centred to sum 0;
 * figure[i] belongs to periods i, i + m, i + 2m, … (0-based).
 */
export function seasonalFigure(y: ArrayLike<number>, m: number): Float64Array {
  const n = y.length;
  const w = m % 2 === 1 ? Array.from({ length: m }, () => 1 / m) : [0.5 / m, ...Array.from({ length: m - 1 }, () => 1 / m), 0.5 / m];
  const o = Math.floor(w.length / 2);
  const sums = new Float64Array(m), counts = new Float64Array(m);
  for (let i = o; i + w.length - 1 - o < n; i++) {
    let trend = 0;
    for (let j = 0; j < w.length; j++) trend += w[j]! * y[i + o - j]!;
    sums[i % m] += y[i]! - trend;
    counts[i % m]!++;
  }
  const fig = new Float64Array(m);
  for (let i = 0; i < m; i++) fig[i] = sums[i]! / counts[i]!;
  const c = mean(fig, 0, m);
  for (let i = 0; i < m; i++) fig[i] -= c;
  return fig;
}

/** Initial states as forecast::ets's initstate (without the m-th seasonal state). */
export function etsInitialStates(y: ArrayLike<number>, type: EtsType, m: number): number[] {
  const n = y.length;
  const mm = type.seasonal ? m : 1;
  const fig = type.seasonal ? seasonalFigure(y, m) : null;
  const maxn = Math.min(Math.max(10, 2 * mm), n);
  const ysa = Float64Array.from({ length: maxn }, (_, t) => y[t]! - (fig === null ? 0 : fig[t % m]!));
  const out: number[] = [];
  if (!type.trend) out.push(mean(ysa, 0, maxn));
  else {
    const xbar = (maxn + 1) / 2, ybar = mean(ysa, 0, maxn);
    let sxy = 0, sxx = 0;
    for (let t = 0; t < maxn; t++) {
      sxy += (t + 1 - xbar) * (ysa[t]! - ybar);
      sxx += (t + 1 - xbar) ** 2;
    }
    let b0 = sxy / sxx, l0 = ybar - b0 * xbar;
    if (Math.abs(l0 + b0) < 1e-8) {
      l0 *= 1 + 0.001;
      b0 *= 1 - 0.001;
    }
    out.push(l0, b0);
  }
  // rev(seasonal[2:m]): s_1 = figure of period m, …, s_{m−1} = figure of period 2
  if (fig !== null) for (let k = m - 1; k >= 1; k--) out.push(fig[k]!);
  return out;
}

/** Starting values of the smoothing parameters (forecast::ets's initparam). */
function initialParameters(type: EtsType, m: number): number[] {
  const mm = type.seasonal ? m : 1;
  const alpha = LOWER[0] + (0.2 * (UPPER[0] - LOWER[0])) / mm;
  const p = [alpha];
  if (type.trend) p.push(LOWER[1] + 0.1 * (Math.min(UPPER[1], alpha) - LOWER[1]));
  if (type.seasonal) p.push(LOWER[2] + 0.05 * (Math.min(UPPER[2], 1 - alpha) - LOWER[2]));
  if (type.damped) p.push(LOWER[3] + 0.99 * (UPPER[3] - LOWER[3]));
  return p;
}

/** Split the optimiser's vector into parameters and the full initial state x₀. */
function unpack(v: ArrayLike<number>, type: EtsType): { par: EtsParameters; x0: number[] } {
  let j = 0;
  const alpha = v[j++]!;
  const beta = type.trend ? v[j++]! : 0;
  const gamma = type.seasonal ? v[j++]! : 0;
  const phi = type.damped ? v[j++]! : 1;
  const x0 = Array.from(v).slice(j);
  if (type.seasonal) {
    let s = 0;
    for (let i = type.trend ? 2 : 1; i < x0.length; i++) s += x0[i]!;
    x0.push(-s);
  }
  return { par: { alpha, beta, gamma, phi }, x0 };
}

/** The usual bounds and the admissible region ('both', R's check_params). */
export function etsParametersOk(type: EtsType, p: EtsParameters, m: number): boolean {
  const { alpha, beta, gamma, phi } = p;
  if (alpha < LOWER[0] || alpha > UPPER[0]) return false;
  if (type.trend && (beta < LOWER[1] || beta > alpha || beta > UPPER[1])) return false;
  if (type.damped && (phi < LOWER[3] || phi > UPPER[3])) return false;
  if (type.seasonal && (gamma < LOWER[2] || gamma > 1 - alpha || gamma > UPPER[2])) return false;
  return etsAdmissible(type, p, m);
}

/** Hyndman et al. (2008, ch. 10) admissible region, as forecast::ets's admissible(). */
export function etsAdmissible(type: EtsType, p: EtsParameters, m: number): boolean {
  const { alpha, gamma, phi } = p;
  const beta = type.trend ? p.beta : 0;
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (!type.seasonal) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (type.trend && (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha))) return false;
    return true;
  }
  if (m <= 1) return true;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  // c = (1, α + β − φ, α + β − αφ (m − 2 times), α + β − αφ + γ − 1, φ(1 − α − γ)), in a scratch array
  const len = m + 2;
  const c = scratch(0, len);
  c[0] = 1;
  c[1] = alpha + beta - phi;
  for (let i = 0; i < m - 2; i++) c[2 + i] = alpha + beta - alpha * phi;
  c[m] = alpha + beta - alpha * phi + gamma - 1;
  c[m + 1] = phi * (1 - alpha - gamma);
  // without trend (β = 0, φ = 1) the polynomial vanishes at z = 1 (the coefficients sum to 0):
  // divide out (z − 1), whose root passes R's rule, and test the quotient
  const plen = type.trend ? len : deflateAtOne(c, len);
  // R's rule is max |z| ≤ 1 + 10⁻¹⁰: the Schur–Cohn test of the roots against that radius
  // settles it without computing roots; in the doubtful cases (a reflection coefficient within
  // 10⁻⁹ of ±1, a root on that circle to rounding) the roots decide
  const verdict = schurCohn(c, 1 + 1e-10, plen);
  if (verdict === 'doubt') return maxRootModulus(Array.from(c.subarray(0, plen))) <= 1 + 1e-10;
  return verdict === 'inside';
}

/** Reusable scratch arrays (the admissibility test runs once per objective evaluation). */
const scratchArrays: Float64Array[] = [];
function scratch(i: number, len: number): Float64Array {
  const a = scratchArrays[i];
  if (a !== undefined && a.length >= len) return a;
  return (scratchArrays[i] = new Float64Array(Math.max(len, 2 * (a?.length ?? 0))));
}

/** c(z)/(z − 1) by synthetic division, in place on c[0 .. len); returns the quotient's length (the remainder, c(1), is dropped). */
function deflateAtOne(c: Float64Array, len: number): number {
  for (let i = 1; i < len - 1; i++) c[i] = c[i]! + c[i - 1]!;
  return len - 1;
}

/**
 * Schur–Cohn (step-down, Levinson) test of the monic polynomial c[0]zⁿ + … + c[n] (c[0] = 1)
 * against the circle of radius ρ (Jury 1964, Theory and Application of the z-Transform Method,
 * ch. 3): the roots of c(ρw) are z/ρ, and they all lie inside the unit circle iff every
 * reflection coefficient k_j of the step-down recursion has |k_j| < 1. 'inside': all roots
 * inside radius ρ; 'outside': some root outside; 'doubt': some |k_j| within 10⁻⁹ of 1.
 */
export function schurCohn(c: ArrayLike<number>, radius = 1, len = c.length): 'inside' | 'outside' | 'doubt' {
  const n = len - 1;
  const a = scratch(1, n + 1), b = scratch(2, n + 1);
  let rk = 1;
  for (let i = 0; i <= n; i++) {
    a[i] = c[i]! / rk;
    rk = radius ** (i + 1);
  }
  for (let j = n; j >= 1; j--) {
    const k = a[j]!;
    const margin = 1 - Math.abs(k);
    if (!(Math.abs(margin) > 1e-9)) return 'doubt';
    if (margin < 0) return 'outside';
    const d = 1 - k * k;
    for (let i = 1; i < j; i++) b[i] = (a[i]! - k * a[j - i]!) / d;
    for (let i = 1; i < j; i++) a[i] = b[i]!;
  }
  return 'inside';
}

/**
 * Largest modulus of the roots of the monic polynomial c[0]zⁿ + c[1]zⁿ⁻¹ + … + c[n] (c[0] = 1),
 * by the Aberth–Ehrlich simultaneous iteration (Aberth 1973, Math. Comp. 27, 339–344).
 */
export function maxRootModulus(c: readonly number[]): number {
  const n = c.length - 1;
  let bound = 0;
  for (let i = 1; i <= n; i++) bound = Math.max(bound, Math.abs(c[i]!));
  const r = 1 + bound; // Cauchy's bound
  const re = new Float64Array(n), im = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    re[k] = r * 0.5 * Math.cos((2 * Math.PI * k) / n + 0.4);
    im[k] = r * 0.5 * Math.sin((2 * Math.PI * k) / n + 0.4);
  }
  for (let iter = 0; iter < 200; iter++) {
    let moved = 0;
    for (let k = 0; k < n; k++) {
      // p(z) and p'(z) by Horner
      let pr = c[0]!, pi = 0, dr = 0, di = 0;
      const zr = re[k]!, zi = im[k]!;
      for (let i = 1; i <= n; i++) {
        const ndr = dr * zr - di * zi + pr, ndi = dr * zi + di * zr + pi;
        dr = ndr;
        di = ndi;
        const npr = pr * zr - pi * zi + c[i]!, npi = pr * zi + pi * zr;
        pr = npr;
        pi = npi;
      }
      const dd = dr * dr + di * di;
      if (pr === 0 && pi === 0) continue;
      const qr = (pr * dr + pi * di) / dd, qi = (pi * dr - pr * di) / dd; // p/p'
      let sr = 0, si = 0;
      for (let j = 0; j < n; j++) {
        if (j === k) continue;
        const ar = zr - re[j]!, ai = zi - im[j]!, a2 = ar * ar + ai * ai;
        sr += ar / a2;
        si -= ai / a2;
      }
      // w = q / (1 − q·s)
      const denr = 1 - (qr * sr - qi * si), deni = -(qr * si + qi * sr), den2 = denr * denr + deni * deni;
      const wr = (qr * denr + qi * deni) / den2, wi = (qi * denr - qr * deni) / den2;
      re[k] = zr - wr;
      im[k] = zi - wi;
      moved = Math.max(moved, Math.hypot(wr, wi) / Math.max(1, Math.hypot(zr, zi)));
    }
    if (moved < 1e-14) break;
  }
  let max = 0;
  for (let k = 0; k < n; k++) max = Math.max(max, Math.hypot(re[k]!, im[k]!));
  return max;
}

/** L* = n·log(Σε²) at a parameter vector (Inf outside the parameter space), R's objective. */
function objective(y: Float64Array, type: EtsType, m: number, v: ArrayLike<number>, ring: Float64Array): number {
  let j = 0;
  const par = { alpha: v[j++]!, beta: type.trend ? v[j++]! : 0, gamma: type.seasonal ? v[j++]! : 0, phi: type.damped ? v[j++]! : 1 };
  if (!etsParametersOk(type, par, m)) return Infinity;
  let lik = y.length * Math.log(etsVectorSse(y, type, m, v, ring));
  if (lik < -1e10) lik = -1e10;
  return lik !== lik ? Infinity : lik;
}

/** forecast::ets's log-likelihood −(n/2)·log(Σε²) at given parameters and initial states x₀ (full, R's order). */
export function etsLogLik(y: ArrayLike<number>, model: EtsModelName, m: number, par: EtsParameters, x0: ArrayLike<number>): number {
  return -0.5 * y.length * Math.log(etsSse(y, etsType(model), par, x0, m).sse);
}

/** Estimated parameters + states of a model (σ not counted). */
export function etsParameterCount(model: EtsModelName, m: number): number {
  const t = etsType(model);
  return 2 + (t.trend ? 2 : 0) + (t.seasonal ? m : 0) + (t.damped ? 1 : 0);
}

/** Can `model` be fitted to n observations with period m (see the differences from R above)? */
export function etsFeasible(model: EtsModelName, n: number, m: number): boolean {
  const t = etsType(model);
  if (t.seasonal && (m < 2 || n < 3 * m)) return false;
  return n > etsParameterCount(model, m) + 4;
}

/**
 * The optimiser: 'r' (default) — Nelder–Mead over (θ, x₀) jointly from R's starting values,
 * the steps of forecast::ets, so the fit matches R's; 'fast' — the initial states concentrated out
 * by least squares (ets-profile.ts, exact at every θ) and the ≤ 4 smoothing parameters by
 * projected quasi-Newton with analytic gradients from the same starting values, then a coarse
 * grid over (α, β, φ) against the profile's other basins. About a tenth of the time; its
 * likelihood is R's or higher on 1,194 of 1,200 fits measured (six synthetic series × model
 * where it stops in another local optimum, at most 0.81 log-likelihood units lower), but the
 * numbers are not R's digit for digit and the AICc choice can differ where one model's optimum
 * improves more than another's.
 */
export type EtsOptimizer = 'r' | 'fast';
export const ETS_OPTIMIZERS = ['r', 'fast'] as const;

export interface EtsFitOptions {
  optimizer?: EtsOptimizer;
}

/** Fit one model by maximum likelihood; null if it cannot be fitted to these data. */
export function etsFitModel(y: ArrayLike<number>, model: EtsModelName, m: number, options: EtsFitOptions = {}): EtsFit | null {
  if (!etsFeasible(model, y.length, m)) return null;
  const type = etsType(model);
  const yf = Float64Array.from(y);
  if (options.optimizer === 'fast') {
    const f = fitFast(yf, type, m);
    if (f !== null) return finishFit(yf, model, type, m, f.par, f.x0, f.evaluations);
    // the profile is degenerate at R's starting values (an exact fit, or too few data): R's path
  }
  const start = [...initialParameters(type, m), ...etsInitialStates(y, type, m)];
  const ring = new Float64Array(Math.max(1, m));
  const opt = nelderMead((v) => objective(yf, type, m, v, ring), start);
  const { par, x0 } = unpack(opt.x, type);
  return finishFit(yf, model, type, m, par, x0, opt.evaluations);
}

/** The fit record at the estimates: the filter run once more, the information criteria. */
function finishFit(y: Float64Array, model: EtsModelName, type: EtsType, m: number, par: EtsParameters, x0: number[], evaluations: number): EtsFit {
  const n = y.length;
  const k = etsParameterCount(model, m); // estimated parameters and free states
  const { sse, state } = etsSse(y, type, par, x0, m);
  const lik = n * Math.log(sse);
  const np = k + 1;
  const aic = lik + 2 * np;
  return {
    model, period: type.seasonal ? m : 1, n, par, initial: x0, sse, loglik: -0.5 * lik, aic,
    aicc: aic + (2 * np * (np + 1)) / (n - np - 1), bic: lik + Math.log(n) * np, sigma2: sse / (n - k), evaluations, state,
  };
}

/**
 * The smoothing parameters in box coordinates z: α; β = 10⁻⁴ + z·(min(α, 0.9999) − 10⁻⁴);
 * γ = 10⁻⁴ + z·(min(1 − α, 0.9999) − 10⁻⁴); φ — so R's usual bounds (β ≤ α, γ ≤ 1 − α) are a box.
 */
function fromBox(z: ArrayLike<number>, type: EtsType): EtsParameters {
  let j = 0;
  const alpha = z[j++]!;
  const beta = type.trend ? Math.min(alpha, LOWER[1] + z[j++]! * (Math.min(alpha, UPPER[1]) - LOWER[1])) : 0;
  const gamma = type.seasonal ? Math.min(1 - alpha, LOWER[2] + z[j++]! * (Math.min(1 - alpha, UPPER[2]) - LOWER[2])) : 0;
  const phi = type.damped ? z[j++]! : 1;
  return { alpha, beta, gamma, phi };
}

/** The box and R's starting point (initparam) in box coordinates. */
function box(type: EtsType, m: number): { lo: number[]; hi: number[]; z0: number[] } {
  const p = initialParameters(type, m);
  const alpha = p[0]!;
  const lo: number[] = [LOWER[0]], hi: number[] = [type.seasonal ? 1 - 2 * LOWER[2] : UPPER[0]], z0: number[] = [alpha];
  let j = 1;
  if (type.trend) {
    lo.push(0), hi.push(1), z0.push((p[j++]! - LOWER[1]) / (Math.min(alpha, UPPER[1]) - LOWER[1]));
  }
  if (type.seasonal) {
    lo.push(0), hi.push(1), z0.push((p[j++]! - LOWER[2]) / (Math.min(1 - alpha, UPPER[2]) - LOWER[2]));
  }
  if (type.damped) lo.push(LOWER[3]), hi.push(UPPER[3]), z0.push(p[j++]!);
  return { lo, hi, z0 };
}

/**
 * optimizer 'fast': the profile likelihood log SSE*(θ) (ets-profile.ts) minimised over the
 * smoothing parameters in box coordinates (fromBox) by boxMinimise from R's starting values, then
 * probeGrid; if a grid point is lower, a second search from it, the better of the two kept.
 * null when the profile is not finite at the start (Σε* = 0: an exact fit; or singular normal
 * equations): the caller then takes R's path.
 */
function fitFast(y: Float64Array, type: EtsType, m: number): { par: EtsParameters; x0: number[]; evaluations: number } | null {
  const w = new EtsProfileWork(type, y.length, m);
  const init = etsInitialStates(y, type, m);
  if (type.seasonal) {
    let s = 0;
    for (let i = type.trend ? 2 : 1; i < init.length; i++) s += init[i]!;
    init.push(-s);
  }
  w.ref.set(init);
  const { F, G } = profileObjective(y, w, type, m);
  const { lo, hi, z0 } = box(type, m);
  let opt = boxMinimise(F, z0, lo, hi, G);
  if (!Number.isFinite(opt.value)) return null;
  const probe = probeGrid(F, opt.z, opt.value, hi[0]!, type);
  let evaluations = opt.evaluations + probe.evaluations;
  if (probe.z !== null) {
    const again = boxMinimise(F, probe.z, lo, hi, G);
    evaluations += again.evaluations;
    if (again.value < opt.value) opt = again;
  }
  const par = fromBox(opt.z, type);
  etsProfileSse(y, w, par);
  return { par, x0: Array.from(etsProfileState(w)), evaluations: evaluations + 1 };
}

/**
 * The objective F(z) = log SSE*(θ(z)) (∞ outside R's parameter space, ets-profile.ts) and its
 * gradient G in box coordinates: ∂Σε²/∂θ at the profile's minimiser x₀* by forward
 * sensitivities (= the profile's gradient, envelope theorem), then the chain rule through
 * fromBox (β = 10⁻⁴ + z_β(α − 10⁻⁴), γ = 10⁻⁴ + z_γ(1 − α − 10⁻⁴)). G reuses F's last
 * minimiser when called at the same point (as after an accepted line-search step), and makes x₀*
 * the profile's reference state (better conditioned normal equations near the optimum). Costs
 * are counted in profile-evaluation units (a sensitivity pass as one).
 */
function profileObjective(y: Float64Array, w: EtsProfileWork, type: EtsType, m: number): { F: (z: Float64Array) => number; G: (z: Float64Array, g: Float64Array) => number } {
  const lastZ = new Float64Array(4).fill(NaN), lastX0 = new Float64Array(w.ref.length), gt = new Float64Array(4);
  let lastOk = false;
  const F = (z: Float64Array): number => {
    lastZ.set(z);
    const par = fromBox(z, type);
    lastOk = false;
    if (!etsParametersOk(type, par, m)) return Infinity;
    const sse = etsProfileSse(y, w, par);
    if (!(sse > 0)) return Infinity;
    lastOk = true;
    etsProfileState(w, lastX0);
    return Math.log(sse);
  };
  const G = (z: Float64Array, g: Float64Array): number => {
    let cost = 1, same = true;
    for (let i = 0; i < z.length; i++) same &&= lastZ[i] === z[i];
    if (!same) {
      F(z);
      cost++;
    }
    if (!lastOk) {
      g.fill(0);
      return cost;
    }
    const par = fromBox(z, type);
    const sse = etsSseGradient(y, w, par, lastX0, gt);
    w.ref.set(lastX0);
    const [ga, gb, gg, gp] = [gt[0]! / sse, gt[1]! / sse, gt[2]! / sse, gt[3]! / sse];
    let j = 0;
    g[j++] = ga + (type.trend ? z[1]! * gb : 0) - (type.seasonal ? z[type.trend ? 2 : 1]! * gg : 0);
    if (type.trend) g[j++] = (par.alpha - LOWER[1]) * gb;
    if (type.seasonal) g[j++] = (1 - par.alpha - LOWER[2]) * gg;
    if (type.damped) g[j++] = gp;
    return cost;
  };
  return { F, G };
}

/** α values probed after the first local search (probeGrid) */
const ALPHA_PROBES = [3e-4, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3] as const;
/** and, with a trend, β's box coordinate (0: β = 10⁻⁴, 1: β = α) */
const BETA_PROBES = [0, 1] as const;
/** and, damped, φ = 0.9 besides the local optimum's */
const PHI_PROBE = 0.9;

/**
 * The profile is not unimodal (a near-deterministic fit at α → 10⁻⁴ against an adaptive one;
 * β = α against β = 10⁻⁴; φ inside against φ at its bound): F on a coarse grid of α (× β's box
 * coordinate ∈ {0, 1} with a trend, × φ ∈ {the optimum's, 0.9} when damped), the other box
 * coordinates kept at the local optimum; the best grid point if it beats the local optimum (the
 * caller searches again from it), else null. 7, 14 or 28 evaluations.
 */
function probeGrid(F: (z: Float64Array) => number, z: Float64Array, value: number, alphaMax: number, type: EtsType): { z: Float64Array | null; evaluations: number } {
  let best: Float64Array | null = null, bestValue = value, evaluations = 0;
  const last = z.length - 1;
  for (const a of ALPHA_PROBES) {
    if (a >= alphaMax) continue;
    for (const ub of type.trend ? BETA_PROBES : [NaN]) {
      for (const phi of type.damped ? [z[last]!, PHI_PROBE] : [NaN]) {
        const t = Float64Array.from(z);
        t[0] = a;
        if (type.trend) t[1] = ub;
        if (type.damped) t[last] = phi;
        const f = F(t);
        evaluations++;
        if (f < bestValue) {
          best = t;
          bestValue = f;
        }
      }
    }
  }
  return { z: best, evaluations };
}

/**
 * Automatic selection by AICc over the given models (default: the six additive ones), as
 * forecast::ets(model = 'ZZZ', additive.only = TRUE) does. Constant data get ETS(A,N,N) with
 * α = 0.9999 and ℓ₀ = the value (R fits a simple exponential smoothing there too).
 */
export function etsSelect(y: ArrayLike<number>, m: number, models: readonly EtsModelName[] = ETS_MODELS, options: EtsFitOptions = {}): { best: EtsFit; candidates: { model: EtsModelName; aicc: number; loglik: number }[] } {
  if (y.length < 2) throw new RangeError(`ets needs at least 2 observations, got ${y.length}`);
  let constant = true;
  for (let i = 1; i < y.length && constant; i++) constant = y[i] === y[0];
  if (constant) {
    const par = { alpha: 0.9999, beta: 0, gamma: 0, phi: 1 };
    const { state } = etsSse(y, etsType('ANN'), par, [y[0]!], 1);
    const best: EtsFit = { model: 'ANN', period: 1, n: y.length, par, initial: [y[0]!], sse: 0, loglik: NaN, aic: NaN, aicc: NaN, bic: NaN, sigma2: 0, evaluations: 0, state };
    return { best, candidates: [] };
  }
  let best: EtsFit | null = null;
  const candidates: { model: EtsModelName; aicc: number; loglik: number }[] = [];
  for (const model of models) {
    const fit = etsFitModel(y, model, m, options);
    if (fit === null) continue;
    candidates.push({ model, aicc: fit.aicc, loglik: fit.loglik });
    if (best === null || fit.aicc < best.aicc) best = fit;
  }
  if (best === null) throw new RangeError(`ets: none of ${models.join(', ')} can be fitted to ${y.length} observations with period ${m}`);
  return { best, candidates };
}
