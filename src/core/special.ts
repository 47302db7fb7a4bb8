/**
 * Special functions shared by the models. Pure, no I/O.
 */

/**
 * ψ(x) = (1 − e^(−x))/x with ψ(0) = 1 (the "relative exponential" of −x), accurate for every
 * real x: a four-term Taylor series for |x| < 1e-5 (truncation error < 1e-21), −expm1(−x)/x
 * otherwise. Used for the cycle integrals of Sabahno (2008), eqs. (3)–(8).
 */
export function psi(x: number): number {
  if (x === 0) return 1;
  if (Math.abs(x) < 1e-5) return 1 - x / 2 + (x * x) / 6 - (x * x * x) / 24;
  return -Math.expm1(-x) / x;
}
