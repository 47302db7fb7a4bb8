/**
 * Step 6 of Katircioglu, Brown & Asghar (2007), "An SQL-based cost-effective inventory
 * optimization solution", IBM J. Res. & Dev. 51(3/4): the safety factor k, by the paper's two
 * closed-form approximations (SQL-friendly: sqrt, ln, max only) and by exact inverses.
 * Pure functions. Errata and readings: see ./README.md ("Step 6").
 */
import { normalLossInverse, normalQuantile } from '../../core/normal.ts';

/** Coefficients of the cases 1-5 approximation (Step 6, printed): A1 = 1.363471, A2 = 0.266705. */
export const NORMAL_APPROX_A1 = 1.363471;
export const NORMAL_APPROX_A2 = 0.266705;

/** The paper's claimed error range of the cases 1-5 approximation for k in [−3, 3] (Step 6 text). */
export const NORMAL_APPROX_CLAIM = { min: -0.035711, max: 0.035711 } as const;
/** The paper's claimed error range of the case 6 approximation for k in [−3, 3] (Step 6 text). */
export const LOSS_APPROX_CLAIM = { min: -0.000205, max: 0.000295 } as const;

/**
 * Cases 1-5 approximation of k = Φ⁻¹(PVALUE) (Step 6, the reading of the garbled print, README.md):
 * a quadratic-logit model ln(p/(1 − p)) ≈ A1·|k| + A2·k², solved for |k|:
 *   p = max(PVALUE, 1 − PVALUE),  sign = +1 if PVALUE ≥ 0.5 else −1,
 *   k = sign · (sqrt(A1² + 4·A2·ln(p/(1 − p))) − A1) / (2·A2).
 * The literal print, ln[max(PVALUE, 1 − PVALUE) − 1], takes the log of a number in [−0.5, 0)
 * and switches MULTIPLIER at 0 instead of 0.5; it is undefined for every PVALUE (README).
 * @param pValue PVALUE, a probability in (0, 1) (dimensionless)
 * @returns k (dimensionless, standard deviations)
 */
export function safetyFactorNormalApprox(pValue: number): number {
  if (!(pValue > 0 && pValue < 1)) throw new RangeError(`PVALUE must be in (0, 1), got ${pValue}`);
  const p = Math.max(pValue, 1 - pValue);
  const sign = pValue >= 0.5 ? 1 : -1;
  const a1 = NORMAL_APPROX_A1;
  const a2 = NORMAL_APPROX_A2;
  // ln(p/(1−p)) with 1−p computed directly from pValue to keep precision near 0 and 1
  const logit = Math.log(p) - Math.log(Math.min(pValue, 1 - pValue));
  return (sign * (Math.sqrt(a1 * a1 + 4 * a2 * logit) - a1)) / (2 * a2);
}

/** Exact counterpart of safetyFactorNormalApprox: k = Φ⁻¹(PVALUE) (relative error ≤ 1e-12). */
export function safetyFactorNormalExact(pValue: number): number {
  if (!(pValue > 0 && pValue < 1)) throw new RangeError(`PVALUE must be in (0, 1), got ${pValue}`);
  return normalQuantile(pValue);
}

/** Case 6 coefficients as printed (B4 negative; Silver, Pyke & Peterson 1998 [6]). */
export const LOSS_APPROX_A = [-5.3925569, 5.6211054, -3.883683, 1.0897299] as const;
export const LOSS_APPROX_B = [1.0, -0.72496485, 0.507326622, 0.066913687, -0.003291291] as const;

/**
 * Case 6 approximation of the k solving G(k) = GVALUE, G(k) = φ(k) − k·(1 − Φ(k)) the standard
 * normal loss function (Step 6, printed coefficients):
 *   Z = sqrt(2·ln(max(1, 5/GVALUE))),
 *   k = (A0 + A1·Z + A2·Z² + A3·Z³) / (B0 + B1·Z + B2·Z² + B3·Z³ + B4·Z⁴).
 * For GVALUE ≥ 5, Z = 0 and k = A0 = −5.3925569.
 * @param gValue GVALUE > 0 (dimensionless: expected shortage per cycle in units of SDLT)
 */
export function safetyFactorLossApprox(gValue: number): number {
  if (!(gValue > 0) || !Number.isFinite(gValue)) throw new RangeError(`GVALUE must be a positive finite number, got ${gValue}`);
  const z = Math.sqrt(2 * Math.log(Math.max(1, 5 / gValue)));
  const [a0, a1, a2, a3] = LOSS_APPROX_A;
  const [b0, b1, b2, b3, b4] = LOSS_APPROX_B;
  const num = a0 + z * (a1 + z * (a2 + z * a3));
  const den = b0 + z * (b1 + z * (b2 + z * (b3 + z * b4)));
  return num / den;
}

/** Exact counterpart of safetyFactorLossApprox: the root of G(k) = GVALUE (|error| ≤ 1e-10). */
export function safetyFactorLossExact(gValue: number): number {
  if (!(gValue > 0) || !Number.isFinite(gValue)) throw new RangeError(`GVALUE must be a positive finite number, got ${gValue}`);
  return normalLossInverse(gValue);
}
