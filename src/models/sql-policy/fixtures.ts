/**
 * The printed numbers of Katircioglu, Brown & Asghar (2007) as named fixtures. The paper prints
 * no numerical instance (no SKU with inputs and outputs); what it prints are the coefficients of
 * its two Step 6 closed forms and the error ranges it claims for them on k ∈ [−3, 3]. Those live
 * with the formulas (./safety-factor.ts) and are collected here. `WORKED_EXAMPLE` is NOT from the
 * paper: it is this project's hand-worked instance (values checked with mpmath in the tests),
 * also the example parameter file of `invlab models --example sql-policy`.
 */
import { LOSS_APPROX_A, LOSS_APPROX_B, LOSS_APPROX_CLAIM, NORMAL_APPROX_A1, NORMAL_APPROX_A2, NORMAL_APPROX_CLAIM } from './safety-factor.ts';
import type { SqlPolicyParams } from './types.ts';

/** Step 6 as printed: coefficients and claimed error ranges of both closed forms (6 decimals). */
export const STEP6_PRINTED = Object.freeze({
  /** cases 1-5: A1, A2 of the quadratic-logit approximation of Φ⁻¹ */
  normal: { A1: NORMAL_APPROX_A1, A2: NORMAL_APPROX_A2, claimedError: NORMAL_APPROX_CLAIM },
  /** case 6: A0..A3, B0..B4 of the rational approximation of G⁻¹ */
  loss: { A: LOSS_APPROX_A, B: LOSS_APPROX_B, claimedError: LOSS_APPROX_CLAIM },
  /** the interval of k on which the paper tested both */
  kRange: [-3, 3] as const,
  /** decimals of the printed claims: a claim holds within half a unit of the last digit */
  decimals: 6,
});

/**
 * Not from the paper: OAR = 2 orders/day, AOQ = 5, SOQ = 3; OPT 1 ± 0.5, TLT 2 ± 1, PLT 5 ± 2
 * days; objective 3 at 0.95, continuous review, default lot. AOD = 10, RLT = 8,
 * SRLT = sqrt(5.25), SOD corrected sqrt(68), printed sqrt(118).
 */
export const WORKED_EXAMPLE: Readonly<SqlPolicyParams> = {
  sku: 'EXAMPLE',
  objective: 'no-stockout',
  target: 0.95,
  review: 'continuous',
  demand: { orderRate: 2, meanOrderSize: 5, sdOrderSize: 3 },
  leadTime: { orderProcessing: { mean: 1, sd: 0.5 }, transportation: { mean: 2, sd: 1 }, supply: { mean: 5, sd: 2 } },
  lot: { rule: 'default' },
  variant: 'corrected',
  kMethod: 'exact',
};
