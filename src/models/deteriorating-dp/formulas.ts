/**
 * The equations of one production cycle [i, k] of Sabahno (2008), one function per equation or
 * integral. Pure, no I/O. Readings and errata: ./README.md.
 *
 * Every integral is evaluated in closed form through ψ(x) = (1 − e^(−x))/x (src/core/special.ts),
 * with the composite 12-point Gauss–Legendre rule of src/core/quadrature.ts taking over where a
 * closed form would cancel badly (λ → 0): relative error below 1e-12 in either branch.
 */
import { integrate } from '../../core/quadrature.ts';
import { psi } from '../../core/special.ts';

/** ψ(x) = (1 − e^(−x))/x with ψ(0) = 1: the one implementation is src/core/special.ts (re-exported here). */
export { psi };

/** φ(x, d) = ∫_0^d e^(−x·τ) dτ = d·ψ(x·d); any real x, d ≥ 0. */
export function phi(x: number, d: number): number {
  return d * psi(x * d);
}

/**
 * ∫_0^d f(τ) dτ by composite 12-point Gauss–Legendre on `panels` equal panels.
 * @deprecated use integrate(f, 0, d, panels, 12) from src/core/quadrature.ts (this is that call).
 */
export function gaussLegendre(f: (t: number) => number, d: number, panels: number): number {
  return integrate(f, 0, d, panels, 12);
}

/** (e^x − 1 − x)/x, with value 0 at x = 0; accurate for every real x. */
export function expm1MinusXOverX(x: number): number {
  if (Math.abs(x) < 1e-3) return x / 2 + (x * x) / 6 + (x * x * x) / 24 + (x * x * x * x) / 120;
  return (Math.expm1(x) - x) / x;
}

/** Cancellation guard: the closed forms of G1, G2 lose about log10(1/(λ·min(d, 1/R))) digits. */
function closedFormSafe(R: number, lam: number, d: number): boolean {
  const scale = R > 0 ? Math.min(d, 1 / R) : d;
  return lam * scale >= 1e-3;
}

/** Panels for the quadrature branch: the exponent changes by at most 2 across a panel. */
function panelsFor(R: number, lam: number, d: number): number {
  return Math.max(1, Math.ceil(((R + lam) * d) / 2));
}

/**
 * G1(d) = ∫_0^d e^(−R·τ)·(1 − e^(−λ·τ))/λ dτ: the discounted integral of I1/(P − D) over the
 * production phase, measured from the cycle start (eq. 8, second term:
 * ∫_i^j e^(−Rt)·e^(−λt)·∫_i^t e^(λu) du dt = e^(−R·i)·G1(j − i)). Closed form
 * [φ(R, d) − φ(R + λ, d)]/λ; quadrature when that would cancel. Domain R, λ ≥ 0, d ≥ 0.
 */
export function g1(R: number, lam: number, d: number): number {
  if (d <= 0) return 0;
  if (closedFormSafe(R, lam, d)) return (phi(R, d) - phi(R + lam, d)) / lam;
  return integrate((t) => Math.exp(-R * t) * t * psi(lam * t), 0, d, panelsFor(R, lam, d), 12);
}

/**
 * G2(d) = ∫_0^d e^(−R·τ)·(e^(λ·(d − τ)) − 1)/λ dτ: the discounted integral of I2/D over the
 * depletion phase, from its start j (eq. 8, third term:
 * ∫_j^k e^(−Rt)·e^(−λt)·∫_t^k e^(λu) du dt = e^(−R·j)·G2(k − j)). Closed form
 * [e^(λd)·φ(R + λ, d) − φ(R, d)]/λ; quadrature when that would cancel. Domain R, λ ≥ 0, d ≥ 0.
 */
export function g2(R: number, lam: number, d: number): number {
  if (d <= 0) return 0;
  if (closedFormSafe(R, lam, d)) return (Math.exp(lam * d) * phi(R + lam, d) - phi(R, d)) / lam;
  return integrate((t) => Math.exp(-R * t) * (d - t) * psi(-lam * (d - t)), 0, d, panelsFor(R, lam, d), 12);
}

/**
 * Production phase length j − i, eq. (4):
 *   j = ln[(D/P)·(e^(λk) − e^(λi)) + e^(λi)]/λ  ⇔  j − i = ln(1 + (D/P)·(e^(λ(k−i)) − 1))/λ,
 * written with log1p/expm1; λ = 0 gives the limit (D/P)·(k − i) (no deterioration).
 */
export function productionLength(demand: number, productionRate: number, lam: number, cycleLength: number): number {
  const ratio = demand / productionRate;
  if (lam * cycleLength < 1e-8) return ratio * cycleLength * (1 + (lam * cycleLength * (1 - ratio)) / 2);
  return Math.log1p(ratio * Math.expm1(lam * cycleLength)) / lam;
}

/** Eq. (3): Imax = (P − D)·e^(−λj)·∫_i^j e^(λu) du = (P − D)·(1 − e^(−λ(j − i)))/λ, with d1 = j − i. */
export function maxInventory(P: number, D: number, lam: number, d1: number): number {
  return (P - D) * phi(lam, d1);
}

/**
 * Eq. (5): Q = D(k − i) + λ∫_i^j I1 dt + λ∫_j^k I2 dt, the deterioration integrals in closed form
 * (len = k − i, d1 = j − i, d2 = k − j). `correct`: production-phase kernel e^(λ(u − t)), which
 * gives Q = P·(j − i); `printed`: the kernel e^(λ(u − i)) exactly as printed (README, erratum 2).
 */
export function orderQuantities(P: number, D: number, lam: number, len: number, d1: number): { correct: number; printed: number } {
  const d2 = len - d1;
  const phase2Loss = D * d2 * expm1MinusXOverX(lam * d2); // D·[(e^(λd2) − 1)/λ − d2]
  const phase1LossCorrect = (P - D) * d1 * -expm1MinusXOverX(-lam * d1); // (P − D)·[d1 − (1 − e^(−λd1))/λ]
  const phase1LossPrinted = (P - D) * d1 * expm1MinusXOverX(lam * d1); // (P − D)·[(e^(λd1) − 1)/λ − d1]
  return { correct: D * len + phase1LossCorrect + phase2Loss, printed: D * len + phase1LossPrinted + phase2Loss };
}

/** Eq. (6): reorder point ∫_{k−L}^k D·e^(λ(u − (k − L))) du = D·(e^(λL) − 1)/λ (when L ≤ k − j). */
export function reorderPointEq6(D: number, lam: number, L: number): number {
  return D * L * psi(-lam * L);
}

/** Eq. (7): reorder point ∫_i^{k−L} (P − D)·e^(λ(u − (k − L))) du = (P − D)·(1 − e^(−λ(k − L − i)))/λ (when k − j < L ≤ k − i). */
export function reorderPointEq7(P: number, D: number, lam: number, kMinusLMinusI: number): number {
  return (P - D) * phi(lam, kMinusLMinusI);
}
