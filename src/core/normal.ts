/**
 * The standard normal distribution: density φ, distribution Φ, quantile Φ⁻¹, the standard
 * normal loss function G(k) = φ(k) − k·(1 − Φ(k)) and its exact inverse.
 *
 * Accuracy targets (tested in test/core/normal.test.ts):
 * - Φ and the upper tail Q = 1 − Φ to a relative error near 1e-15 over the whole line
 *   (series for |x| < 3, Laplace continued fraction for the tails, so small tail
 *   probabilities keep their relative precision);
 * - Φ⁻¹(p) to a relative error ≤ 1e-12 for p in [1e-15, 1 − 1e-15]
 *   (Acklam's rational start, then Halley steps on the accurate Φ);
 * - G⁻¹ to an absolute error ≤ 1e-10 (safeguarded Newton on G' = −Q).
 * Pure functions, no state.
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const SERIES_LIMIT = 3;

/** Standard normal density φ(x) = exp(−x²/2)/√(2π). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/**
 * Upper tail Q(x) = 1 − Φ(x) for x ≥ SERIES_LIMIT by Laplace's continued fraction
 * Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))), evaluated with the modified Lentz method.
 */
function upperTailContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    d = x + n * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = x + n / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return normalPdf(x) / f;
}

/**
 * Φ(x) − 1/2 for |x| < SERIES_LIMIT by the all-positive series (Marsaglia 2004)
 * Φ(x) − 1/2 = φ(x)·(x + x³/3 + x⁵/(3·5) + …), free of cancellation.
 */
function centralSeries(x: number): number {
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let i = 3; i < 400; i += 2) {
    term *= x2 / i;
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return normalPdf(x) * sum;
}

/** Standard normal distribution function Φ(x) = P(Z ≤ x). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= -SERIES_LIMIT) return x < -40 ? 0 : upperTailContinuedFraction(-x);
  if (x >= SERIES_LIMIT) return x > 40 ? 1 : 1 - upperTailContinuedFraction(x);
  return 0.5 + centralSeries(x);
}

/** Upper tail Q(x) = 1 − Φ(x) = P(Z > x), accurate in relative terms for large x. */
export function normalUpperTail(x: number): number {
  return normalCdf(-x);
}

// Acklam's rational approximation of Φ⁻¹ (relative error about 1e-9), used only as a start.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function acklamLower(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) / ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) / (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
}

/** Φ⁻¹(p) for p ≤ 1/2, refined by Halley steps on Φ(x) − p (Φ relative-accurate there). */
function lowerQuantile(p: number): number {
  let x = acklamLower(p);
  for (let i = 0; i < 3; i++) {
    const e = normalCdf(x) - p;
    const u = e / normalPdf(x);
    const step = u / (1 + (x * u) / 2);
    x -= step;
    if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

/**
 * Standard normal quantile Φ⁻¹(p), p in (0, 1); returns ∓Infinity at 0 and 1.
 * Throws RangeError outside [0, 1] or for NaN.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // For p > 1/2, 1 − p is exact in floating point (Sterbenz), so the upper half loses nothing.
  return p <= 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p);
}

/**
 * Standard normal loss function G(k) = E[(Z − k)⁺] = φ(k) − k·(1 − Φ(k)).
 * Decreasing and convex, G(k) → −k as k → −∞ and → 0 as k → ∞. G'(k) = −(1 − Φ(k)).
 */
export function normalLoss(k: number): number {
  if (Number.isNaN(k)) return NaN;
  return normalPdf(k) - k * normalUpperTail(k);
}

/**
 * Exact inverse of the loss function: the k with G(k) = g, for g > 0.
 * Safeguarded Newton iteration (G is convex and decreasing, so Newton from the left of the
 * root converges monotonically); |error| ≤ 1e-10 in k.
 */
export function normalLossInverse(g: number): number {
  if (!(g > 0) || !Number.isFinite(g)) throw new RangeError(`normalLossInverse: g must be a positive finite number, got ${g}`);
  // Start left of the root: G(k) ≥ −k and G(k) ≥ 0, so k0 = −g has G(k0) ≥ g;
  // for small g the asymptotic G(k) ≈ φ(k)/k² gives a closer start, kept only if it is to the left.
  let k = -g;
  if (g < 0.1) {
    const guess = Math.sqrt(Math.max(0, -2 * Math.log(g * SQRT_2PI))) - 1;
    if (normalLoss(guess) >= g) k = guess;
  }
  for (let i = 0; i < 200; i++) {
    const f = normalLoss(k) - g;
    const slope = -normalUpperTail(k);
    if (slope === 0) break;
    const step = f / slope;
    k -= step;
    if (Math.abs(step) < 1e-13 * Math.max(1, Math.abs(k))) break;
  }
  return k;
}
