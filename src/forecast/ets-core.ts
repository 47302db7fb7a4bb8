/**
 * The additive exponential smoothing state space models ETS(A,N,N), (A,A,N), (A,Ad,N), (A,N,A),
 * (A,A,A) and (A,Ad,A) of Hyndman, Koehler, Snyder & Grose (2002, "A state space framework for
 * automatic forecasting using exponential smoothing methods", IJF 18, 439–454) and Hyndman,
 * Koehler, Ord & Snyder (2008, "Forecasting with Exponential Smoothing: the State Space
 * Approach", Springer; Table 2.3 and ch. 6): with one-step error ε_t ~ N(0, σ²),
 *   y_t = ℓ_{t−1} + φ b_{t−1} + s_{t−m} + ε_t
 *   ℓ_t = ℓ_{t−1} + φ b_{t−1} + α ε_t
 *   b_t = φ b_{t−1} + β ε_t
 *   s_t = s_{t−m} + γ ε_t
 * (no trend: b ≡ 0; undamped: φ = 1; no season: s ≡ 0). The recursions are written in the
 * arithmetic order of forecast::ets (etscalc), so the likelihood at given parameters agrees with
 * R's to rounding: ℓ_t = q + α(p − q), q = ℓ_{t−1} + φb_{t−1}, p = y_t − s_{t−m};
 * b_t = φb_{t−1} + (β/α)(ℓ_t − ℓ_{t−1} − φb_{t−1}); s_t = s_{t−m} + γ(y_t − q − s_{t−m}).
 *
 * The state vector is x = (ℓ, b, s_1, …, s_m) as in R's ets: s_1 the newest seasonal state,
 * s_m the oldest (the one the next period uses). Internally the seasons live in a ring buffer, so
 * one period costs O(1) whatever the history.
 */

export const ETS_MODELS = ['ANN', 'AAN', 'AAdN', 'ANA', 'AAA', 'AAdA'] as const;
export type EtsModelName = (typeof ETS_MODELS)[number];

export interface EtsType {
  trend: boolean;
  damped: boolean;
  seasonal: boolean;
}

export function etsType(model: EtsModelName): EtsType {
  return { trend: model[1] === 'A', damped: model.includes('d'), seasonal: model.endsWith('A') };
}

export interface EtsParameters {
  alpha: number;
  /** 0 without trend */
  beta: number;
  /** 0 without season */
  gamma: number;
  /** 1 unless damped */
  phi: number;
}

/** A running filter: the state after the observations fed so far. */
export class EtsState {
  level: number;
  slope: number;
  /** seasonal ring: ring[head] is the oldest state s_m (used for the next period) */
  readonly ring: Float64Array;
  head = 0;
  readonly m: number;
  private readonly ratio: number;
  constructor(
    readonly type: EtsType,
    readonly par: EtsParameters,
    /** x₀ = (ℓ₀, b₀ if trend, s_1 … s_m if seasonal), R's order */
    x0: ArrayLike<number>,
    m: number,
  ) {
    this.m = type.seasonal ? m : 1;
    this.level = x0[0]!;
    this.slope = type.trend ? x0[1]! : 0;
    this.ring = new Float64Array(this.m);
    if (type.seasonal) {
      const off = type.trend ? 2 : 1;
      for (let j = 0; j < m; j++) this.ring[j] = x0[off + m - 1 - j]!;
    }
    this.ratio = type.trend ? par.beta / par.alpha : 0;
  }
  /** ŷ_{t+1|t} */
  oneStep(): number {
    const t = this.type;
    const f = t.trend ? this.level + this.par.phi * this.slope : this.level;
    return t.seasonal ? f + this.ring[this.head]! : f;
  }
  /** Feed y_t; returns the one-step error ε_t = y_t − ŷ_{t|t−1}. */
  update(y: number): number {
    const { trend, seasonal } = this.type;
    const { alpha, gamma, phi } = this.par;
    const oldl = this.level;
    const phib = trend ? phi * this.slope : 0;
    const q = trend ? oldl + phib : oldl;
    const so = seasonal ? this.ring[this.head]! : 0;
    const e = y - (seasonal ? q + so : q);
    const p = seasonal ? y - so : y;
    const l = q + alpha * (p - q);
    if (trend) this.slope = phib + this.ratio * (l - oldl - phib);
    if (seasonal) {
      this.ring[this.head] = so + gamma * (y - q - so);
      this.head = this.head + 1 === this.m ? 0 : this.head + 1;
    }
    this.level = l;
    return e;
  }
  /** φ + φ² + … + φ^h (h when φ = 1), summed as forecast::ets does */
  dampSum(h: number): number {
    const phi = this.par.phi;
    if (!this.type.trend) return 0;
    if (Math.abs(phi - 1) < 1e-10) return h;
    let s = phi;
    for (let i = 1; i < h; i++) s += phi ** (i + 1);
    return s;
  }
  /** ŷ_{t+h|t} = ℓ_t + (φ + … + φ^h) b_t + s_{t+h−m(⌊(h−1)/m⌋+1)} */
  forecast(h: number): number {
    let f = this.level + this.dampSum(h) * this.slope;
    if (this.type.seasonal) f += this.ring[(this.head + ((h - 1) % this.m)) % this.m]!;
    return f;
  }
  /** Σ_{i=1..h} ŷ_{t+i|t}, in O(m) */
  cumulative(h: number): number {
    const phi = this.par.phi;
    let trendSum = 0;
    if (this.type.trend) trendSum = Math.abs(phi - 1) < 1e-10 ? (h * (h + 1)) / 2 : (phi / (1 - phi)) * (h - (phi * (1 - phi ** h)) / (1 - phi));
    let s = h * this.level + trendSum * this.slope;
    if (this.type.seasonal) {
      const m = this.m;
      const full = Math.floor(h / m);
      let all = 0;
      for (let j = 0; j < m; j++) all += this.ring[j]!;
      s += full * all;
      for (let i = 0; i < h - full * m; i++) s += this.ring[(this.head + i) % m]!;
    }
    return s;
  }
  /** x = (ℓ, b, s_1 … s_m) in R's order */
  vector(): number[] {
    const x = [this.level];
    if (this.type.trend) x.push(this.slope);
    if (this.type.seasonal) for (let j = 0; j < this.m; j++) x.push(this.ring[(this.head + this.m - 1 - j) % this.m]!);
    return x;
  }
}

/**
 * Sum of squared one-step errors over y from the initial state x₀ (the filter of forecast::ets);
 * the fitted final state is left in `state` when given.
 */
export function etsSse(y: ArrayLike<number>, type: EtsType, par: EtsParameters, x0: ArrayLike<number>, m: number): { sse: number; state: EtsState } {
  const state = new EtsState(type, par, x0, m);
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const e = state.update(y[t]!);
    sse += e * e;
  }
  return { sse, state };
}

/**
 * The coefficients c_j = α + β(φ + … + φ^j) + γ·1[j mod m = 0], j = 1 … h − 1, of the class-1
 * forecast-error representation y_{n+h} − ŷ_{n+h|n} = ε_{n+h} + Σ_{j=1}^{h−1} c_j ε_{n+h−j}
 * (Hyndman et al. 2008, §6.3, Table 6.1; forecast::ets's class1()).
 */
export function etsPsi(type: EtsType, par: EtsParameters, m: number, h: number): Float64Array {
  const c = new Float64Array(Math.max(0, h - 1));
  let phiSum = 0, phiPow = 1;
  for (let j = 1; j < h; j++) {
    phiPow *= par.phi;
    phiSum += phiPow;
    c[j - 1] = par.alpha + (type.trend ? par.beta * (type.damped ? phiSum : j) : 0) + (type.seasonal && j % m === 0 ? par.gamma : 0);
  }
  return c;
}

/** Var(y_{n+h} − ŷ_{n+h|n}) = σ²(1 + Σ_{j=1}^{h−1} c_j²) (Hyndman et al. 2008, eq. 6.4 for class 1). */
export function etsForecastVariance(type: EtsType, par: EtsParameters, m: number, sigma2: number, h: number): number {
  const c = etsPsi(type, par, m, h);
  let s = 1;
  for (const cj of c) s += cj * cj;
  return sigma2 * s;
}

/**
 * Variance of the error of the forecast of the total over the next H periods:
 *   Σ_{h=1}^{H} (y_{n+h} − ŷ_{n+h|n}) = Σ_{k=1}^{H} (1 + C_{H−k}) ε_{n+k},  C_i = Σ_{j=1}^{i} c_j,
 * so Var = σ² Σ_{k=1}^{H} (1 + C_{H−k})² (from the same class-1 representation; the ε are
 * independent).
 */
export function etsCumulativeVariance(type: EtsType, par: EtsParameters, m: number, sigma2: number, H: number): number {
  const c = etsPsi(type, par, m, H);
  let v = 0, C = 0;
  // k = H, H − 1, …, 1 has C_{H−k} = 0, c_1, c_1 + c_2, …
  for (let i = 0; i < H; i++) {
    if (i > 0) C += c[i - 1]!;
    v += (1 + C) * (1 + C);
  }
  return sigma2 * v;
}

/**
 * Σε² of the filter from an optimiser's vector v = (α, β, γ, φ as the model has them, then ℓ₀,
 * b₀, s_1 … s_{m−1}; s_m = −Σ the others), without allocating: the arithmetic of EtsState.update,
 * operation for operation (so the same bits), in one loop per model with the model's branches
 * taken out of the loop and the seasons in the ring `ring` (length ≥ m, overwritten). Undamped
 * trends skip the product φ·b, exact when φ = 1.
 */
export function etsVectorSse(y: Float64Array, type: EtsType, m: number, v: ArrayLike<number>, ring: Float64Array): number {
  const { trend, seasonal, damped } = type;
  let j = 0;
  const alpha = v[j++]!, beta = trend ? v[j++]! : 0, gamma = seasonal ? v[j++]! : 0, phi = damped ? v[j++]! : 1;
  const l0 = v[j++]!, b0 = trend ? v[j++]! : 0;
  if (seasonal) {
    let s = 0;
    for (let i = 0; i < m - 1; i++) s += v[j + i]!;
    ring[0] = -s; // s_m, the oldest
    for (let i = 1; i < m; i++) ring[i] = v[j + m - 1 - i]!;
  }
  const ratio = trend ? beta / alpha : 0;
  if (!trend) return seasonal ? sseANA(y, alpha, gamma, l0, ring, m) : sseANN(y, alpha, l0);
  if (!seasonal) return damped ? sseAAdN(y, alpha, ratio, phi, l0, b0) : sseAAN(y, alpha, ratio, l0, b0);
  return damped ? sseAAdA(y, alpha, ratio, gamma, phi, l0, b0, ring, m) : sseAAA(y, alpha, ratio, gamma, l0, b0, ring, m);
}

function sseANN(y: Float64Array, alpha: number, l: number): number {
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const e = y[t]! - l;
    l = l + alpha * e;
    sse += e * e;
  }
  return sse;
}

function sseAAN(y: Float64Array, alpha: number, ratio: number, l: number, b: number): number {
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const q = l + b;
    const e = y[t]! - q;
    const lnew = q + alpha * e;
    b = b + ratio * (lnew - l - b);
    l = lnew;
    sse += e * e;
  }
  return sse;
}

function sseAAdN(y: Float64Array, alpha: number, ratio: number, phi: number, l: number, b: number): number {
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const phib = phi * b;
    const q = l + phib;
    const e = y[t]! - q;
    const lnew = q + alpha * e;
    b = phib + ratio * (lnew - l - phib);
    l = lnew;
    sse += e * e;
  }
  return sse;
}

function sseANA(y: Float64Array, alpha: number, gamma: number, l: number, ring: Float64Array, m: number): number {
  let sse = 0, head = 0;
  for (let t = 0; t < y.length; t++) {
    const yt = y[t]!, so = ring[head]!;
    const e = yt - (l + so);
    const lnew = l + alpha * (yt - so - l);
    ring[head] = so + gamma * (yt - l - so);
    if (++head === m) head = 0;
    l = lnew;
    sse += e * e;
  }
  return sse;
}

function sseAAA(y: Float64Array, alpha: number, ratio: number, gamma: number, l: number, b: number, ring: Float64Array, m: number): number {
  let sse = 0, head = 0;
  for (let t = 0; t < y.length; t++) {
    const yt = y[t]!, so = ring[head]!;
    const q = l + b;
    const e = yt - (q + so);
    const lnew = q + alpha * (yt - so - q);
    b = b + ratio * (lnew - l - b);
    ring[head] = so + gamma * (yt - q - so);
    if (++head === m) head = 0;
    l = lnew;
    sse += e * e;
  }
  return sse;
}

function sseAAdA(y: Float64Array, alpha: number, ratio: number, gamma: number, phi: number, l: number, b: number, ring: Float64Array, m: number): number {
  let sse = 0, head = 0;
  for (let t = 0; t < y.length; t++) {
    const yt = y[t]!, so = ring[head]!;
    const phib = phi * b;
    const q = l + phib;
    const e = yt - (q + so);
    const lnew = q + alpha * (yt - so - q);
    b = phib + ratio * (lnew - l - phib);
    ring[head] = so + gamma * (yt - q - so);
    if (++head === m) head = 0;
    l = lnew;
    sse += e * e;
  }
  return sse;
}
