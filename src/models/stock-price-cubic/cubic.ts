/**
 * The cubic of Shah's model (the equation before 3.8) and Viète's trigonometric solution
 * (3.8), with every intermediate of the paper's algorithm (Section 4: p, q, s1, s2, d1, m1,
 * m2, n0, n). Pure; see README.md for the sign erratum.
 *
 * The cubic in n (equality in 3.7), coefficients of n³ + 0·n² + a1·n + a0:
 *   corrected (expanding 3.7): C1·n³ + n·(C1(k² + k − 1) − C2·k(k + 1) − 2(C0 + C)/θ) + C2·k(k + 1) − C1·k(k + 1) − 2(C0 + C)/θ = 0
 *   printed (before 3.8):      the same with +2(C0 + C)/θ in the n-coefficient.
 * The algorithm's p (Step 2) and the program of Appendix 2 use the corrected sign.
 */
import type { StockPriceParams } from './params.ts';

export type CubicVariant = 'corrected' | 'printed';

/** Monic depressed cubic n³ + p·n + q = 0 (no n² term) for one variant. */
export interface DepressedCubic {
  variant: CubicVariant;
  /** p = n-coefficient / C1 */
  p: number;
  /** q = constant term / C1 */
  q: number;
}

/**
 * p and q of the cubic divided by C1 (Step 2):
 *   p = (C1(k² + k − 1) − C2·k(k + 1) ∓ 2(C0 + C)/θ)/C1  (− corrected, + printed),
 *   q = (C2·k(k + 1) − C1·k(k + 1) − 2(C0 + C)/θ)/C1.
 * Dimensionless in units of n (p in units², q in units³). Domain: C1 > 0.
 */
export function cubicPQ(params: StockPriceParams, variant: CubicVariant = 'corrected'): DepressedCubic {
  const { orderingCost: C0, unitCost: C, holdingCostAboveK: C1, holdingCostAtOrBelowK: C2, meanInterarrivalTime: theta, priceCutLevel: k } = params;
  if (!(C1 > 0)) throw new RangeError(`holdingCostAboveK (C1) must be > 0 for the cubic (it divides p and q), got ${C1}`);
  const K = k * (k + 1);
  const Q = (2 * (C0 + C)) / theta;
  const sign = variant === 'corrected' ? -1 : 1;
  return { variant, p: (C1 * (k * k + k - 1) - C2 * K + sign * Q) / C1, q: (C2 * K - C1 * K - Q) / C1 };
}

/** Value of n³ + p·n + q at n (its sign is the sign of C1·cubic; for the corrected variant, ≥ 0 ⟺ (3.7) holds at n ≥ max(k, 2)). */
export function cubicValue(c: DepressedCubic, n: number): number {
  return n * n * n + c.p * n + c.q;
}

/** Every intermediate of the paper's algorithm (Section 4, Steps 2-8; Appendix 2). */
export interface VieteSteps {
  p: number;
  q: number;
  /** Step 3: s1 = sqrt(−p/3) */
  s1: number;
  /** Step 3: s2 = sqrt(−3/p) */
  s2: number;
  /** Step 4: d1 = 3q/(2p) */
  d1: number;
  /** Step 5: m1 = d1·s2, the argument of arccos */
  m1: number;
  /** Step 6: m2 = arccos(m1)/3 [radians] */
  m2: number;
  /** Step 7: n0 = 2·s1·cos(m2), the largest real root */
  n0: number;
  /** the other two roots of (3.8): n_i = 2·s1·cos(m2 − 2πi/3), i = 1, 2 */
  n1: number;
  n2: number;
  /** is Viète's formula applicable (p < 0 and −1 ≤ m1 ≤ 1, i.e. three real roots)? */
  inDomain: boolean;
  /** why not, when inDomain is false */
  outOfDomainReason: string | null;
}

/**
 * Viète's trigonometric solution of n³ + p·n + q = 0 (eq. 3.8, Viète via the paper's reference):
 *   n_i = 2·sqrt(−p/3)·cos( arccos( (3q/(2p))·sqrt(−3/p) )/3 − 2πi/3 ),  i = 0, 1, 2.
 * Domain: p < 0 and |m1| ≤ 1 (three real roots). Outside it the intermediates that can be
 * computed are returned, the rest are NaN, and inDomain is false.
 */
export function vieteSteps(c: { p: number; q: number }): VieteSteps {
  const { p, q } = c;
  const nan = Number.NaN;
  if (!(p < 0)) {
    return { p, q, s1: nan, s2: nan, d1: p === 0 ? nan : (3 * q) / (2 * p), m1: nan, m2: nan, n0: nan, n1: nan, n2: nan, inDomain: false, outOfDomainReason: `p = ${p} ≥ 0: sqrt(−p/3) is not real (Viète's formula needs p < 0)` };
  }
  const s1 = Math.sqrt(-p / 3);
  const s2 = Math.sqrt(-3 / p);
  const d1 = (3 * q) / (2 * p);
  const m1 = d1 * s2;
  if (!(m1 >= -1 && m1 <= 1)) {
    return { p, q, s1, s2, d1, m1, m2: nan, n0: nan, n1: nan, n2: nan, inDomain: false, outOfDomainReason: `m1 = ${m1} is outside [−1, 1]: arccos is not real (the cubic has one real root)` };
  }
  const m2 = Math.acos(m1) / 3;
  const root = (i: number): number => 2 * s1 * Math.cos(m2 - (2 * Math.PI * i) / 3);
  return { p, q, s1, s2, d1, m1, m2, n0: root(0), n1: root(1), n2: root(2), inDomain: true, outOfDomainReason: null };
}

/**
 * All real roots of n³ + p·n + q = 0, ascending, for any real p, q (trigonometric form for
 * three real roots, hyperbolic forms for one). Used to show where the printed cubic's roots lie.
 */
export function depressedCubicRealRoots(p: number, q: number): number[] {
  if (p === 0) return [Math.cbrt(-q)];
  if (p < 0) {
    const s = vieteSteps({ p, q });
    if (s.inDomain) return [s.n0, s.n1, s.n2].sort((a, b) => a - b);
    // one real root: −2·sign(q)·sqrt(−p/3)·cosh( acosh( (−3|q|/(2p))·sqrt(−3/p) )/3 )
    const arg = ((-3 * Math.abs(q)) / (2 * p)) * Math.sqrt(-3 / p);
    return [-2 * Math.sign(q) * Math.sqrt(-p / 3) * Math.cosh(Math.acosh(arg) / 3)];
  }
  // p > 0: −2·sqrt(p/3)·sinh( asinh( (3q/(2p))·sqrt(3/p) )/3 )
  return [-2 * Math.sqrt(p / 3) * Math.sinh(Math.asinh(((3 * q) / (2 * p)) * Math.sqrt(3 / p)) / 3)];
}

/**
 * The paper's algorithm (Section 4) on the corrected cubic, Steps 2-8, with Step 8's
 * rounding: n = round(n0 + 0.5) (C++ round, half away from zero). For a non-integer n0 this
 * is ceil(n0); for an integer n0 (a tie E(TC(n0)) = E(TC(n0 + 1))) it gives n0 + 1, the larger
 * of the two equal-cost lots (README).
 */
export interface PaperAlgorithm extends VieteSteps {
  /** Step 8: round(n0 + 0.5); null outside Viète's domain */
  nStep8: number | null;
  /** ceil(n0): the smallest integer satisfying (3.7) on n ≥ max(k, 2); null outside the domain */
  nCeil: number | null;
}

export function paperAlgorithm(params: StockPriceParams): PaperAlgorithm {
  const s = vieteSteps(cubicPQ(params, 'corrected'));
  const round = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));
  return { ...s, nStep8: s.inDomain ? round(s.n0 + 0.5) : null, nCeil: s.inDomain ? Math.ceil(s.n0) : null };
}
