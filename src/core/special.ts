/**
 * Special functions shared by the models. Pure, no I/O.
 */
import { logGamma } from './stats.ts';

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

/**
 * Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a), a > 0, x ≥ 0: by its series for
 * x < a + 1 and by Lentz's continued fraction for Q(a, x) = 1 − P(a, x) otherwise (Press et al.
 * 2007, Numerical Recipes, 3rd ed., §6.2). Gamma and Poisson distribution functions use it.
 */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const front = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let ap = a, del = 1 / a, sum = del;
    for (let n = 0; n < 10_000; n++) {
      ap++;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
    }
    return sum * Math.exp(front);
  }
  // Lentz's continued fraction for Q(a, x)
  const tiny = 1e-300;
  let b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return 1 - Math.exp(front) * h;
}
