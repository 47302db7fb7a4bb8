/**
 * Validation of the sql-policy parameters (Katircioglu, Brown & Asghar 2007) through
 * src/core/validate.ts: every error names the field (and the paper's symbol where it has one)
 * and the rule it broke. Fields needed only by some objectives or lot rules (costs, target,
 * season) are checked by the step that uses them (./model.ts), so an unused field is never
 * required. Pure.
 */
import { checkAlternative, checkFiniteNumber, checkObject } from '../../core/validate.ts';
import type { Costs, DemandInput, KMethod, LeadTimeComponents, LotSpec, MeanSd, Objective, Review, SqlPolicyParams, Variant } from './types.ts';
import { OBJECTIVES } from './types.ts';

export const LOT_RULES: readonly LotSpec['rule'][] = ['default', 'fixed', 'eoq', 'flexible'];

/** Demand checked: order statistics (Step 1 inputs) or daily statistics. */
export type CheckedDemand = { kind: 'orders'; OAR: number; AOQ: number; SOQ: number } | { kind: 'daily'; AOD: number; SOD: number };

/** The parameters every objective needs, checked; absent lead-time components are 0 ± 0. */
export interface CheckedParams {
  params: SqlPolicyParams;
  objective: Objective;
  review: Review;
  variant: Variant;
  kMethod: KMethod;
  demand: CheckedDemand;
  /** Step 2 components: OPT, TLT, PLT, CLTR (mean and sd, days) */
  opt: MeanSd;
  tlt: MeanSd;
  plt: MeanSd;
  cltr: MeanSd;
  /** CLTC (days, 0 when absent) */
  cltc: number;
  /** MLT (days; 0 under continuous review) */
  mlt: number;
  lot: LotSpec;
  costs: Costs;
  /** Step 5: no lot (order up to ROP) */
  flexible: boolean;
}

/** A lead-time component {mean, sd} in days (absent: 0 ± 0). */
export function checkComponent(name: string, c: MeanSd | undefined): MeanSd {
  if (c === undefined) return { mean: 0, sd: 0 };
  checkObject(c, `leadTime.${name}`);
  return { mean: checkFiniteNumber(c.mean, `leadTime.${name}.mean`, 'nonneg'), sd: checkFiniteNumber(c.sd, `leadTime.${name}.sd`, 'nonneg') };
}

/** Demand given as order statistics (OAR, AOQ, SOQ) or daily statistics (AOD, SOD). */
export function checkDemand(d: DemandInput): CheckedDemand {
  const shapes = '{orderRate, meanOrderSize, sdOrderSize} or {meanDaily, sdDaily}';
  if (typeof d !== 'object' || d === null) throw new TypeError(`demand must be an object: ${shapes}`);
  if ('orderRate' in d) {
    return {
      kind: 'orders',
      OAR: checkFiniteNumber(d.orderRate, 'demand.orderRate', 'positive'),
      AOQ: checkFiniteNumber(d.meanOrderSize, 'demand.meanOrderSize', 'positive'),
      SOQ: checkFiniteNumber(d.sdOrderSize, 'demand.sdOrderSize', 'nonneg'),
    };
  }
  if ('meanDaily' in d) {
    return { kind: 'daily', AOD: checkFiniteNumber(d.meanDaily, 'demand.meanDaily', 'positive'), SOD: checkFiniteNumber((d as { sdDaily: number }).sdDaily, 'demand.sdDaily', 'nonneg') };
  }
  throw new TypeError(`demand must be ${shapes}`);
}

/** Step 5 lot rule and its restrictions QUNIT, QMIN ≤ QMAX. */
export function checkLotSpec(lot: LotSpec): LotSpec {
  if (typeof lot !== 'object' || lot === null) throw new TypeError("lot must be an object {rule: 'default'|'fixed'|'eoq'|'flexible', fixed?, multiple?, min?, max?}");
  checkAlternative(lot.rule, 'lot.rule', LOT_RULES);
  if (lot.multiple !== undefined) checkFiniteNumber(lot.multiple, 'lot.multiple', 'positive');
  if (lot.min !== undefined) checkFiniteNumber(lot.min, 'lot.min', 'positive');
  if (lot.max !== undefined) checkFiniteNumber(lot.max, 'lot.max', 'positive');
  if (lot.min !== undefined && lot.max !== undefined && lot.min > lot.max) throw new RangeError(`lot.min (${lot.min}) must be ≤ lot.max (${lot.max})`);
  return lot;
}

/** MLT: a whole number of days > 0 under periodic review; 0 under continuous review. */
function checkReviewPeriod(review: Review, reviewPeriod: unknown): number {
  if (review !== 'periodic') return 0;
  const mlt = checkFiniteNumber(reviewPeriod, 'reviewPeriod', 'positive');
  if (!Number.isInteger(mlt)) throw new RangeError(`reviewPeriod must be a whole number of days, got ${mlt}`);
  return mlt;
}

/**
 * The parameters every objective needs, checked in the order the paper's steps use them
 * (settings, Step 1 demand, Step 2 lead times, MLT, the Step 5 lot rule). TypeError for a
 * missing or mistyped field, RangeError for a value outside its domain.
 */
export function checkSqlPolicyParams(params: SqlPolicyParams): CheckedParams {
  checkObject(params, 'params');
  const objective = checkAlternative(params.objective, 'objective', OBJECTIVES);
  const review = checkAlternative(params.review, 'review', ['continuous', 'periodic'] as const);
  const variant = checkAlternative(params.variant, 'variant', ['printed', 'corrected'] as const);
  const kMethod = checkAlternative(params.kMethod, 'kMethod', ['approx', 'exact'] as const);
  const demand = checkDemand(params.demand);
  const lt: LeadTimeComponents = params.leadTime ?? {};
  checkObject(lt, 'leadTime');
  const opt = checkComponent('orderProcessing', lt.orderProcessing);
  const tlt = checkComponent('transportation', lt.transportation);
  const plt = checkComponent('supply', lt.supply);
  const cltr = checkComponent('customerRequested', lt.customerRequested);
  const cltc = params.committedLeadTime === undefined ? 0 : checkFiniteNumber(params.committedLeadTime, 'committedLeadTime', 'nonneg');
  const mlt = checkReviewPeriod(review, params.reviewPeriod);
  const lot = checkLotSpec(params.lot);
  return { params, objective, review, variant, kMethod, demand, opt, tlt, plt, cltr, cltc, mlt, lot, costs: params.costs ?? {}, flexible: lot.rule === 'flexible' };
}
