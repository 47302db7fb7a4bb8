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
 * - minimised by the Nelder–Mead simplex with R's settings (src/core/nelder-mead.ts);
 * - AIC = L* + 2k, AICc = AIC + 2k(k + 1)/(n − k − 1), BIC = L* + k·log n with k = the number of
 *   estimated parameters and states + 1 (σ); σ² = Σε²/(n − k + 1).
 * Differences from forecast::ets: seasonal models need n ≥ 3m (R starts shorter series from a
 * Fourier regression) and a model is tried only if n > k + 4; missing values are not supported.
 */
import { nelderMead } from '../core/nelder-mead.ts';
import { ETS_MODELS, EtsState, etsSse, etsType, type EtsModelName, type EtsParameters, type EtsType } from './ets-core.ts';

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
  const c = [1, alpha + beta - phi];
  for (let i = 0; i < m - 2; i++) c.push(alpha + beta - alpha * phi);
  c.push(alpha + beta - alpha * phi + gamma - 1, phi * (1 - alpha - gamma));
  // without trend (β = 0, φ = 1) the polynomial vanishes at z = 1 (the coefficients sum to 0):
  // divide out (z − 1), whose root passes R's rule, and test the quotient
  const poly = type.trend ? c : deflateAtOne(c);
  // R's rule is max |z| ≤ 1 + 10⁻¹⁰: the Schur–Cohn test of the roots against that radius
  // settles it without computing roots; in the doubtful cases (a reflection coefficient within
  // 10⁻⁹ of ±1, a root on that circle to rounding) the roots decide
  const verdict = schurCohn(poly, 1 + 1e-10);
  return verdict === 'doubt' ? maxRootModulus(poly) <= 1 + 1e-10 : verdict === 'inside';
}

/** c(z)/(z − 1) by synthetic division (the remainder, c(1), is dropped). */
function deflateAtOne(c: readonly number[]): number[] {
  const q = [c[0]!];
  for (let i = 1; i < c.length - 1; i++) q.push(c[i]! + q[i - 1]!);
  return q;
}

/**
 * Schur–Cohn (step-down, Levinson) test of the monic polynomial c[0]zⁿ + … + c[n] (c[0] = 1)
 * against the circle of radius ρ (Jury 1964, Theory and Application of the z-Transform Method,
 * ch. 3): the roots of c(ρw) are z/ρ, and they all lie inside the unit circle iff every
 * reflection coefficient k_j of the step-down recursion has |k_j| < 1. 'inside': all roots
 * inside radius ρ; 'outside': some root outside; 'doubt': some |k_j| within 10⁻⁹ of 1.
 */
export function schurCohn(c: readonly number[], radius = 1): 'inside' | 'outside' | 'doubt' {
  const n = c.length - 1;
  const a = new Float64Array(n + 1), b = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) a[i] = c[i]! / radius ** i;
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

/**
 * Σε² of the filter from the optimiser's vector v (parameters, then ℓ₀, b₀, s_1 … s_{m−1}),
 * without allocating: the same arithmetic as EtsState.update (ets-core.ts), inlined.
 */
function sseOf(y: ArrayLike<number>, type: EtsType, m: number, v: ArrayLike<number>, ring: Float64Array): number {
  const { trend, seasonal } = type;
  let j = 0;
  const alpha = v[j++]!, beta = trend ? v[j++]! : 0, gamma = seasonal ? v[j++]! : 0, phi = type.damped ? v[j++]! : 1;
  let l = v[j++]!, b = trend ? v[j++]! : 0;
  const M = seasonal ? m : 1;
  if (seasonal) {
    let s = 0;
    for (let i = 0; i < m - 1; i++) s += v[j + i]!;
    ring[0] = -s; // s_m, the oldest
    for (let i = 1; i < m; i++) ring[i] = v[j + m - 1 - i]!;
  }
  const ratio = trend ? beta / alpha : 0;
  let sse = 0, head = 0;
  for (let t = 0; t < y.length; t++) {
    const yt = y[t]!;
    const phib = trend ? phi * b : 0;
    const q = trend ? l + phib : l;
    const so = seasonal ? ring[head]! : 0;
    const e = yt - (seasonal ? q + so : q);
    const lnew = q + alpha * ((seasonal ? yt - so : yt) - q);
    if (trend) b = phib + ratio * (lnew - l - phib);
    if (seasonal) {
      ring[head] = so + gamma * (yt - q - so);
      head = head + 1 === M ? 0 : head + 1;
    }
    l = lnew;
    sse += e * e;
  }
  return sse;
}

/** L* = n·log(Σε²) at a parameter vector (Inf outside the parameter space), R's objective. */
function objective(y: ArrayLike<number>, type: EtsType, m: number, v: ArrayLike<number>, ring: Float64Array): number {
  let j = 0;
  const par = { alpha: v[j++]!, beta: type.trend ? v[j++]! : 0, gamma: type.seasonal ? v[j++]! : 0, phi: type.damped ? v[j++]! : 1 };
  if (!etsParametersOk(type, par, m)) return Infinity;
  let lik = y.length * Math.log(sseOf(y, type, m, v, ring));
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

/** Fit one model by maximum likelihood; null if it cannot be fitted to these data. */
export function etsFitModel(y: ArrayLike<number>, model: EtsModelName, m: number): EtsFit | null {
  const n = y.length;
  if (!etsFeasible(model, n, m)) return null;
  const type = etsType(model);
  const start = [...initialParameters(type, m), ...etsInitialStates(y, type, m)];
  const k = start.length;
  const ring = new Float64Array(Math.max(1, m));
  const opt = nelderMead((v) => objective(y, type, m, v, ring), start);
  const { par, x0 } = unpack(opt.x, type);
  const { sse, state } = etsSse(y, type, par, x0, m);
  const lik = n * Math.log(sse);
  const np = k + 1;
  const aic = lik + 2 * np;
  return {
    model, period: type.seasonal ? m : 1, n, par, initial: x0, sse, loglik: -0.5 * lik, aic,
    aicc: aic + (2 * np * (np + 1)) / (n - np - 1), bic: lik + Math.log(n) * np, sigma2: sse / (n - k), evaluations: opt.evaluations, state,
  };
}

/**
 * Automatic selection by AICc over the given models (default: the six additive ones), as
 * forecast::ets(model = 'ZZZ', additive.only = TRUE) does. Constant data get ETS(A,N,N) with
 * α = 0.9999 and ℓ₀ = the value (R fits a simple exponential smoothing there too).
 */
export function etsSelect(y: ArrayLike<number>, m: number, models: readonly EtsModelName[] = ETS_MODELS): { best: EtsFit; candidates: { model: EtsModelName; aicc: number; loglik: number }[] } {
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
    const fit = etsFitModel(y, model, m);
    if (fit === null) continue;
    candidates.push({ model, aicc: fit.aicc, loglik: fit.loglik });
    if (best === null || fit.aicc < best.aicc) best = fit;
  }
  if (best === null) throw new RangeError(`ets: none of ${models.join(', ')} can be fitted to ${y.length} observations with period ${m}`);
  return { best, candidates };
}
