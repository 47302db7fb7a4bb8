/**
 * The ETS likelihood with the initial states concentrated out (the profile likelihood). For the
 * additive models of ets-core.ts with the smoothing parameters θ = (α, β, γ, φ) fixed, the
 * state recursion x_t = D x_{t−1} + g y_t, ε_t = y_t − w′x_{t−1} is linear, so every one-step
 * error is affine in the initial state x₀: ε(x₀) = ε⁰ + Z u, u the initial states (the "linear
 * in the seed states" observation behind the least-squares initialisation of Hyndman, Koehler,
 * Ord & Snyder 2008, "Forecasting with Exponential Smoothing", §5.2; Ord, Koehler & Snyder 1997,
 * JASA 92, 1621–1629, for the conditional likelihood). Σε² is then a quadratic in u, minimised
 * exactly by the normal equations (Zᵀ Z) u = −Zᵀ ε⁰; the profile SSE*(θ) = ε⁰ᵀε⁰ + uᵀ Zᵀε⁰ is
 * the least Σε² any optimiser of the full vector (θ, x₀) — forecast::ets's Nelder–Mead — can
 * reach at that θ.
 *
 * The columns of Z are the error responses (with y ≡ 0) to unit initial states. The filter is
 * time-invariant, so a unit in the seasonal slot used at time τ responds as a unit in the slot
 * used at time 0 delayed by τ: all m seasonal columns are shifts of one impulse response h and
 * their inner products are lagged sums of h. A unit level is, to the observations, a unit in every
 * seasonal slot (the direction "level +1, every season −1" is never seen), so with a season the
 * columns are b₀ (with a trend) and the m delayed impulses H^τ, and the level and the zero-sum
 * seasonal states are read off their coefficients at the end (level = their mean). One profile
 * evaluation: three interleaved filter chains (ε⁰, the slope and the seasonal impulse) and 3m
 * lagged products per period; without a season, three chains (ε⁰, level, slope). No allocation
 * (the workspace is reused).
 */
import type { EtsParameters, EtsType } from './ets-core.ts';

/** Preallocated arrays for one series length, model and period. */
export class EtsProfileWork {
  readonly n: number;
  readonly m: number;
  /** coordinates of the least-squares problem: (ℓ₀, b₀) without a season, (b₀, H⁰ … H^{m−1}) with one */
  readonly k: number;
  readonly e0: Float64Array;
  /** level impulse (no season), slope impulse, seasonal impulse h */
  readonly gl: Float64Array;
  readonly gb: Float64Array;
  readonly h: Float64Array;
  readonly rings: Float64Array;
  /** Zᵀ Z (k × k, row-major), Zᵀ ε⁰, the solution */
  readonly G: Float64Array;
  readonly c: Float64Array;
  readonly u: Float64Array;
  /** lagged sums against h: X[0..m) ε⁰, [m..2m) the slope impulse, [2m..3m) h itself */
  readonly X: Float64Array;
  /** lag-0 products (ε⁰·g₁, ε⁰·g₂, g₁·g₁, g₁·g₂, g₂·g₂) of ε⁰ and the two non-seasonal columns */
  readonly P = new Float64Array(5);
  /** φ-derivatives of the seasons (etsSseGradient) */
  readonly dS: Float64Array;
  /** the reference initial state (full, R's order) the chain ε⁰ starts from; updated by the caller */
  readonly ref: Float64Array;
  constructor(readonly type: EtsType, n: number, m: number) {
    this.n = n;
    this.m = type.seasonal ? m : 1;
    this.k = type.seasonal ? (type.trend ? 1 : 0) + m : type.trend ? 2 : 1;
    this.e0 = new Float64Array(n);
    this.gl = new Float64Array(n);
    this.gb = new Float64Array(n);
    this.h = new Float64Array(n);
    this.rings = new Float64Array(4 * this.m);
    this.G = new Float64Array(this.k * this.k);
    this.c = new Float64Array(this.k);
    this.u = new Float64Array(this.k);
    this.X = new Float64Array(3 * this.m);
    this.dS = new Float64Array(this.m);
    this.ref = new Float64Array(1 + (type.trend ? 1 : 0) + (type.seasonal ? m : 0));
  }
}

/**
 * With a season: ε⁰ from the reference state with the data and (y ≡ 0) the responses to a unit
 * slope and to a unit in the seasonal slot used first, each chain with its own ring
 * (rings[c·m …]), advanced together. The arithmetic is the error-correction form b ← φb + βε,
 * s ← s + γε (equal to ets-core.ts's in exact arithmetic).
 */
function chainsSeasonal(y: Float64Array, w: EtsProfileWork, p: EtsParameters): void {
  const trend = w.type.trend;
  const m = w.m, n = w.n, R = w.rings, ref = w.ref;
  const alpha = p.alpha, gamma = p.gamma, phi = trend ? p.phi : 1, beta = trend ? p.beta : 0;
  const e0 = w.e0, gb = w.gb, h = w.h;
  const off = trend ? 2 : 1;
  for (let j = 0; j < m; j++) {
    R[j] = ref[off + m - 1 - j]!;
    R[m + j] = 0;
    R[2 * m + j] = j === 0 ? 1 : 0;
  }
  let l0 = ref[0]!, b0 = trend ? ref[1]! : 0, l2 = 0, b2 = trend ? 1 : 0, l3 = 0, b3 = 0;
  let head = 0;
  for (let t = 0; t < n; t++) {
    const s0 = R[head]!, s2 = R[m + head]!, s3 = R[2 * m + head]!;
    const q0 = l0 + phi * b0, q2 = l2 + phi * b2, q3 = l3 + phi * b3;
    const e_0 = y[t]! - q0 - s0, e_2 = -q2 - s2, e_3 = -q3 - s3;
    e0[t] = e_0;
    gb[t] = e_2;
    h[t] = e_3;
    l0 = q0 + alpha * e_0;
    l2 = q2 + alpha * e_2;
    l3 = q3 + alpha * e_3;
    b0 = phi * b0 + beta * e_0;
    b2 = phi * b2 + beta * e_2;
    b3 = phi * b3 + beta * e_3;
    R[head] = s0 + gamma * e_0;
    R[m + head] = s2 + gamma * e_2;
    R[2 * m + head] = s3 + gamma * e_3;
    if (++head === m) head = 0;
  }
}

/** Without a season: ε⁰ and the responses to a unit level and a unit slope (no rings). */
function chainsPlain(y: Float64Array, w: EtsProfileWork, p: EtsParameters): void {
  const trend = w.type.trend;
  const n = w.n, ref = w.ref;
  const alpha = p.alpha, phi = trend ? p.phi : 1, beta = trend ? p.beta : 0;
  const e0 = w.e0, gl = w.gl, gb = w.gb;
  let l0 = ref[0]!, b0 = trend ? ref[1]! : 0, l1 = 1, b1 = 0, l2 = 0, b2 = trend ? 1 : 0;
  for (let t = 0; t < n; t++) {
    const q0 = l0 + phi * b0, q1 = l1 + phi * b1, q2 = l2 + phi * b2;
    const e_0 = y[t]! - q0, e_1 = -q1, e_2 = -q2;
    e0[t] = e_0;
    gl[t] = e_1;
    gb[t] = e_2;
    l0 = q0 + alpha * e_0;
    l1 = q1 + alpha * e_1;
    l2 = q2 + alpha * e_2;
    b0 = phi * b0 + beta * e_0;
    b1 = phi * b1 + beta * e_1;
    b2 = phi * b2 + beta * e_2;
  }
}

/** X[·m + τ] for one lag τ: ε⁰, the slope impulse and h itself, delayed by τ, against h (one pass). */
function lagDots3(w: EtsProfileWork, tau: number): void {
  const { e0, gb, h, X, m, n } = w;
  let a = 0, c = 0, d = 0;
  for (let v = 0; v < n - tau; v++) {
    const hv = h[v]!;
    a += e0[v + tau]! * hv;
    c += gb[v + tau]! * hv;
    d += h[v + tau]! * hv;
  }
  X[tau] = a;
  X[m + tau] = c;
  X[2 * m + tau] = d;
}

/** Lag-0 products of ε⁰ and two columns g₁, g₂ in one pass: fills w.P, returns ε⁰·ε⁰. */
function plainDots(w: EtsProfileWork, g1: Float64Array, g2: Float64Array): number {
  const { e0, n } = w;
  let ee = 0, e1 = 0, e2 = 0, s11 = 0, s12 = 0, s22 = 0;
  for (let t = 0; t < n; t++) {
    const e = e0[t]!, a = g1[t]!, b = g2[t]!;
    ee += e * e;
    e1 += e * a;
    e2 += e * b;
    s11 += a * a;
    s12 += a * b;
    s22 += b * b;
  }
  const P = w.P;
  P[0] = e1;
  P[1] = e2;
  P[2] = s11;
  P[3] = s12;
  P[4] = s22;
  return ee;
}

/**
 * Zᵀ Z and Zᵀ ε⁰ from the chains; returns ε⁰·ε⁰. With a season the coordinates are (b₀ if a
 * trend, H⁰ … H^{m−1}): ⟨H^τ, H^σ⟩ = Σ_{v=0}^{n−1−max(τ,σ)} h_{v+|τ−σ|} h_v, the full lagged sum
 * less its last min(τ, σ) terms.
 */
function normalEquations(w: EtsProfileWork): number {
  const { k, G, c, X, P, h, n } = w;
  const m = w.m, trend = w.type.trend;
  if (!w.type.seasonal) {
    const see = plainDots(w, w.gl, w.gb);
    c[0] = P[0]!;
    G[0] = P[2]!;
    if (trend) {
      c[1] = P[1]!;
      G[1] = G[2] = P[3]!;
      G[3] = P[4]!;
    }
    return see;
  }
  for (let tau = 0; tau < m; tau++) lagDots3(w, tau);
  const see = plainDots(w, w.gb, w.gb);
  const o = trend ? 1 : 0;
  if (trend) {
    c[0] = P[0]!;
    G[0] = P[2]!;
    for (let tau = 0; tau < m; tau++) G[o + tau] = G[(o + tau) * k] = X[m + tau]!;
  }
  for (let tau = 0; tau < m; tau++) {
    c[o + tau] = X[tau]!;
    for (let sigma = 0; sigma <= tau; sigma++) {
      const d = tau - sigma;
      let s = X[2 * m + d]!;
      for (let v = n - tau; v <= n - 1 - d; v++) s -= h[v + d]! * h[v]!;
      G[(o + tau) * k + o + sigma] = G[(o + sigma) * k + o + tau] = s;
    }
  }
  return see;
}

/** Solve G u = −c by Cholesky (G symmetric positive definite, overwritten); false if it is not. */
function choleskySolve(G: Float64Array, c: Float64Array, u: Float64Array, k: number): boolean {
  for (let j = 0; j < k; j++) {
    let d = G[j * k + j]!;
    for (let p = 0; p < j; p++) d -= G[j * k + p]! * G[j * k + p]!;
    if (!(d > 0)) return false;
    const r = Math.sqrt(d);
    G[j * k + j] = r;
    for (let i = j + 1; i < k; i++) {
      let s = G[i * k + j]!;
      for (let p = 0; p < j; p++) s -= G[i * k + p]! * G[j * k + p]!;
      G[i * k + j] = s / r;
    }
  }
  for (let i = 0; i < k; i++) {
    let s = -c[i]!;
    for (let p = 0; p < i; p++) s -= G[i * k + p]! * u[p]!;
    u[i] = s / G[i * k + i]!;
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = u[i]!;
    for (let p = i + 1; p < k; p++) s -= G[p * k + i]! * u[p]!;
    u[i] = s / G[i * k + i]!;
  }
  return true;
}

/**
 * The profile SSE*(θ) = min over the initial states of Σε² (NaN if the normal equations are
 * singular); the minimising correction to w.ref is left in w.u.
 */
export function etsProfileSse(y: Float64Array, w: EtsProfileWork, p: EtsParameters): number {
  if (w.type.seasonal) chainsSeasonal(y, w, p);
  else chainsPlain(y, w, p);
  const see = normalEquations(w);
  const c = w.c;
  if (!choleskySolve(w.G, c, w.u, w.k)) return NaN;
  let s = see;
  for (let j = 0; j < w.k; j++) s += w.u[j]! * c[j]!;
  return s;
}

/**
 * x₀ = ref + the correction u, full (ℓ₀, b₀, s_1 … s_m), R's order. With a season the
 * coefficient of H^τ (a unit in the slot used at time τ, i.e. s_{m−τ}) is split into its mean
 * (to the level) and the rest (to the seasons, which so keep summing to zero).
 */
export function etsProfileState(w: EtsProfileWork, out: Float64Array = new Float64Array(w.ref.length)): Float64Array {
  out.set(w.ref);
  const u = w.u, trend = w.type.trend, m = w.m;
  if (!w.type.seasonal) {
    out[0] += u[0]!;
    if (trend) out[1] += u[1]!;
    return out;
  }
  const o = trend ? 1 : 0, off = trend ? 2 : 1;
  if (trend) out[1] += u[0]!;
  let mean = 0;
  for (let tau = 0; tau < m; tau++) mean += u[o + tau]!;
  mean /= m;
  out[0] += mean;
  for (let tau = 0; tau < m; tau++) out[off + m - 1 - tau] += u[o + tau]! - mean;
  return out;
}

/**
 * Σε² and its gradient with respect to (α, β, γ, φ) at fixed initial states x₀ (full, R's
 * order), by forward sensitivities: differentiating q = ℓ + φb, ε = y − q − s, ℓ′ = q + αε,
 * b′ = φb + βε, s′ = s + γε along the recursion (x₀ fixed, so every derivative starts at 0).
 * At x₀ = the profile's minimiser this is also the gradient of SSE*(θ) (envelope theorem: the
 * x₀-derivative vanishes there). Writes ∂Σε²/∂(α, β, γ, φ) into grad; returns Σε².
 */
export function etsSseGradient(y: Float64Array, w: EtsProfileWork, p: EtsParameters, x0: ArrayLike<number>, grad: Float64Array): number {
  const { trend, seasonal } = w.type;
  const m = w.m, n = w.n, R = w.rings;
  const alpha = p.alpha, beta = trend ? p.beta : 0, gamma = seasonal ? p.gamma : 0, phi = trend ? p.phi : 1;
  R.fill(0); // R[0..m): seasons; R[m(1 + k) …]: their derivatives for k = α, β, γ (φ's in dS)
  const dS = w.dS;
  dS.fill(0);
  let l = x0[0]!, b = trend ? x0[1]! : 0;
  if (seasonal) for (let j = 0; j < m; j++) R[j] = x0[(trend ? 2 : 1) + m - 1 - j]!;
  let la = 0, lb = 0, lg = 0, lp = 0, ba = 0, bb = 0, bg = 0, bp = 0;
  let sse = 0, ga = 0, gb = 0, gg = 0, gp = 0, head = 0;
  for (let t = 0; t < n; t++) {
    const so = R[head]!, sa = R[m + head]!, sb = R[2 * m + head]!, sg = R[3 * m + head]!, sp = dS[head]!;
    const q = l + phi * b, e = y[t]! - q - so;
    const ea = -(la + phi * ba) - sa, eb = -(lb + phi * bb) - sb, eg = -(lg + phi * bg) - sg, ep = -(lp + phi * bp + b) - sp;
    sse += e * e;
    ga += e * ea;
    gb += e * eb;
    gg += e * eg;
    gp += e * ep;
    // ℓ′ = q + αε
    const nla = la + phi * ba + alpha * ea + e, nlb = lb + phi * bb + alpha * eb, nlg = lg + phi * bg + alpha * eg, nlp = lp + phi * bp + b + alpha * ep;
    // b′ = φb + βε
    ba = phi * ba + beta * ea;
    bb = phi * bb + beta * eb + e;
    bg = phi * bg + beta * eg;
    bp = phi * bp + b + beta * ep;
    la = nla;
    lb = nlb;
    lg = nlg;
    lp = nlp;
    l = q + alpha * e;
    b = phi * b + beta * e;
    // s′ = s + γε
    R[head] = so + gamma * e;
    R[m + head] = sa + gamma * ea;
    R[2 * m + head] = sb + gamma * eb;
    R[3 * m + head] = sg + gamma * eg + e;
    dS[head] = sp + gamma * ep;
    if (++head === m) head = 0;
  }
  grad[0] = 2 * ga;
  grad[1] = 2 * gb;
  grad[2] = 2 * gg;
  grad[3] = 2 * gp;
  return sse;
}
