/**
 * The sql-policy solver: Steps 1-7 of Katircioglu, Brown & Asghar (2007), "An SQL-based
 * cost-effective inventory optimization solution", IBM J. Res. & Dev. 51(3/4), 433-445.
 * From demand statistics, lead-time statistics, an objective and a lot-size rule to the
 * safety stock SS, reorder point ROP, lot LOT, maximum MAX, and a policy the simulator runs.
 * One function per step below; the formulas are in ./formulas.ts and ./safety-factor.ts, the
 * validation in ./params.ts, the policy mapping in ./policy.ts. Pure (no I/O). Units:
 * quantities in units, times in days, rates per day. README.md names every reading and erratum.
 */
import { checkFiniteNumber, satisfies } from '../../core/validate.ts';
import { roundLot } from '../../policy/lot.ts';
import { case1aPValue, case1bPValue, case2PValue, dailySdCompoundPoisson, dailySdPrinted, defaultLot, economicOrderQuantity, fillRateGValue, leadTimeDemand, policyLevels } from './formulas.ts';
import { checkSqlPolicyParams, type CheckedParams } from './params.ts';
import { buildPolicy, policyOrigin } from './policy.ts';
import { safetyFactorLossApprox, safetyFactorLossExact, safetyFactorNormalApprox, safetyFactorNormalExact } from './safety-factor.ts';
import type { SqlPolicyParams, SqlPolicyResult, Variant } from './types.ts';

export {
  applyLotRestrictions,
  case1bPValue,
  dailySdCompoundPoisson,
  dailySdPrinted,
  economicOrderQuantity,
  fillRateGValue,
  leadTimeDemand,
} from './formulas.ts';
export { objectiveNumber } from './policy.ts';

/** Step 1 statistics as the result reports them. */
export type DemandStatistics = Pick<SqlPolicyResult, 'OAR' | 'AOQ' | 'SOQ' | 'AOD' | 'SOD' | 'SODprinted' | 'SODcorrected'>;

/**
 * Step 1: AOD = OAR·AOQ and SOD, printed sqrt(AOD² + OAR·SOQ²) or corrected sqrt(OAR·(AOQ² + SOQ²)).
 * Daily statistics given directly are used as given in both variants.
 */
export function demandStatistics(d: CheckedParams['demand'], variant: Variant): DemandStatistics {
  if (d.kind === 'daily') return { OAR: undefined, AOQ: undefined, SOQ: undefined, AOD: d.AOD, SOD: d.SOD, SODprinted: d.SOD, SODcorrected: d.SOD };
  const printed = dailySdPrinted(d.OAR, d.AOQ, d.SOQ);
  const corrected = dailySdCompoundPoisson(d.OAR, d.AOQ, d.SOQ);
  return { OAR: d.OAR, AOQ: d.AOQ, SOQ: d.SOQ, AOD: d.OAR * d.AOQ, SOD: variant === 'printed' ? printed : corrected, SODprinted: printed, SODcorrected: corrected };
}

/** Step 3's RLT and SRLT, and the lead time the default lot covers. */
export interface ReplenishmentLeadTime {
  /** RLT before the cases 4-5 clamp at 0 (days) */
  rltUnclamped: number;
  rlt: number;
  srlt: number;
  /** RLT of the default lot AOD·RLT: before subtracting a customer lead time (cases 4-5); PDURATION in case 2 */
  lotLeadTime: number;
}

/**
 * Step 3, RLT and SRLT of cases 1-6: RLT = OPT + TLT + PLT (+ MLT under periodic review), minus
 * CLTR (case 4) or CLTC (case 5); SRLT = sqrt(SOPT² + STLT² + SPLT²) (+ SCLTR² in case 4), printed
 * for periodic review and used for both (MLT is fixed and adds no variance). Case 2: RLT =
 * PDURATION, SRLT = SPDURATION (undefined in the paper: 0 unless given). RLT − CLT < 0 is
 * clamped at 0, with a note.
 */
export function replenishmentLeadTime(c: CheckedParams, notes: string[]): ReplenishmentLeadTime {
  const p = c.params;
  if (c.objective === 'profit') {
    const season = checkFiniteNumber(p.seasonDuration, 'seasonDuration', 'positive');
    const srlt = p.seasonDurationSd === undefined ? 0 : checkFiniteNumber(p.seasonDurationSd, 'seasonDurationSd', 'nonneg');
    if (p.seasonDurationSd === undefined) notes.push('SPDURATION undefined in the paper: taken as 0');
    return { rltUnclamped: season, rlt: season, srlt, lotLeadTime: season };
  }
  const supplyMean = c.opt.mean + c.tlt.mean + c.plt.mean;
  const supplyVar = c.opt.sd ** 2 + c.tlt.sd ** 2 + c.plt.sd ** 2;
  if (!(supplyMean > 0)) throw new RangeError('leadTime: OPT + TLT + PLT must be > 0 (the paper assumes a positive replenishment lead time)');
  let rltUnclamped = supplyMean + c.mlt;
  let srlt = Math.sqrt(supplyVar);
  if (c.objective === 'on-time-request') {
    rltUnclamped -= c.cltr.mean;
    srlt = Math.sqrt(supplyVar + c.cltr.sd ** 2);
  } else if (c.objective === 'on-time-commit') {
    rltUnclamped -= c.cltc;
  }
  let rlt = rltUnclamped;
  if (rlt < 0) {
    rlt = 0;
    notes.push(`RLT − CLT = ${rltUnclamped} < 0: the customer lead time covers the replenishment; RLT clamped at 0`);
  }
  return { rltUnclamped, rlt, srlt, lotLeadTime: supplyMean + c.mlt };
}

/**
 * Step 5: the base lot, case 1 QFIX ('fixed') or AOD·RLT ('default'), case 5 EOQ ('eoq'), or none
 * ('flexible'); then cases 2-4 (QUNIT, QMIN, QMAX) give the nominal LOT (0 for a flexible lot).
 */
export function nominalLot(c: CheckedParams, aod: number, lotLeadTime: number): { lotBase: number; LOT: number } {
  const { lot, costs } = c;
  let lotBase: number;
  if (lot.rule === 'fixed') lotBase = checkFiniteNumber(lot.fixed, 'lot.fixed (QFIX)', 'positive');
  else if (lot.rule === 'eoq') lotBase = economicOrderQuantity(aod, checkFiniteNumber(costs.order, 'costs.order (OCOST)', 'positive'), checkFiniteNumber(costs.holding, 'costs.holding (HCOST)', 'positive'));
  else if (lot.rule === 'default') {
    lotBase = defaultLot(aod, lotLeadTime);
    if (!(lotBase > 0)) throw new RangeError('lot: the default lot AOD·RLT must be > 0');
  } else lotBase = 0;
  return { lotBase, LOT: c.flexible ? 0 : roundLot(lotBase, lot) };
}

/** TSERVICE of objectives 3-6: a fraction in (0, 1). */
function serviceTarget(c: CheckedParams): number {
  const t = c.params.target;
  if (!satisfies(t, 'finite')) throw new TypeError(`target must be a number in (0, 1) for objective '${c.objective}', got ${JSON.stringify(t)}`);
  if (!satisfies(t, 'openProbability')) throw new RangeError(`target must be in (0, 1) (a fraction, not a percentage), got ${t}`);
  return t;
}

/** Case 1 PVALUE: 1A (flexible lot) SCOST/(SCOST + HCOST); 1B (a lot exists) LOT·HCOST/(AOD·NDAYS·SCOST), printed or its complement. */
function costPValue(c: CheckedParams, LOT: number, aod: number): number {
  const h = checkFiniteNumber(c.costs.holding, 'costs.holding (HCOST)', 'positive');
  const s = checkFiniteNumber(c.costs.shortage, 'costs.shortage (SCOST)', 'positive');
  if (c.flexible) return case1aPValue(s, h);
  const p = c.params.workingDaysPerYear;
  const ndays = p === undefined ? 365 : checkFiniteNumber(p, 'workingDaysPerYear (NDAYS)', 'positive');
  const pValue = case1bPValue(LOT, h, aod, ndays, s, c.variant);
  if (!(pValue > 0 && pValue < 1)) {
    throw new RangeError(`case 1B: LOT·HCOST/(AOD·SCOST) = ${((LOT * h) / (aod * s)).toPrecision(6)} must be in (0, 1) (raise costs.shortage or lower the lot)`);
  }
  return pValue;
}

/** Case 2 PVALUE = (PRICE − COST)/(PRICE − SVALUE), SVALUE = PRICE − PDECLINE when not given. */
function profitPValue(c: CheckedParams): number {
  const { costs } = c;
  const price = checkFiniteNumber(costs.price, 'costs.price (PRICE)', 'positive');
  const cost = checkFiniteNumber(costs.unitCost, 'costs.unitCost (COST)', 'nonneg');
  const salvage = costs.salvage !== undefined ? checkFiniteNumber(costs.salvage, 'costs.salvage (SVALUE)', 'finite') : price - checkFiniteNumber(costs.priceDecline, 'costs.priceDecline (PDECLINE)', 'positive');
  const pValue = case2PValue(price, cost, salvage);
  if (!(pValue > 0 && pValue < 1)) throw new RangeError(`case 2: (PRICE − COST)/(PRICE − SVALUE) = ${pValue} must be in (0, 1) (needs SVALUE < COST < PRICE)`);
  return pValue;
}

/** Step 3, PVALUE of cases 1-6: from costs (1, 2) or the service target PNS, OTDR, OTDC, FRT (3-6). */
export function pValueOf(c: CheckedParams, LOT: number, aod: number): number {
  if (c.objective === 'cost') return costPValue(c, LOT, aod);
  if (c.objective === 'profit') return profitPValue(c);
  return serviceTarget(c);
}

/** Step 6's outcome: k by the closed forms and exactly, and the one used. */
export interface SafetyFactor {
  gValue: number | undefined;
  kApprox: number;
  kExact: number;
  k: number;
}

/**
 * Step 6: cases 1-5 k = Φ⁻¹(PVALUE); case 6 k solves G(k) = GVALUE; each by the paper's closed
 * form ('approx') and exactly; SDLT = 0 gives k = 0 with a note (GVALUE would be infinite).
 */
export function safetyFactor(c: CheckedParams, pValue: number, d: { ADLT: number; SDLT: number; LOT: number; rlt: number; aod: number }, notes: string[]): SafetyFactor {
  let gValue: number | undefined;
  let kApprox: number;
  let kExact: number;
  if (d.SDLT === 0) {
    notes.push('SDLT = 0: no uncertainty over the lead time; k = 0 and SS = 0');
    kApprox = 0;
    kExact = 0;
  } else if (c.objective === 'fill-rate') {
    gValue = fillRateGValue(pValue, d.SDLT, { lot: d.LOT, flexible: c.flexible, adlt: d.ADLT, rlt: d.rlt, aod: d.aod, cycleDays: c.review === 'periodic' ? c.mlt : 1 }, c.variant);
    kApprox = safetyFactorLossApprox(gValue);
    kExact = safetyFactorLossExact(gValue);
  } else {
    kApprox = safetyFactorNormalApprox(pValue);
    kExact = safetyFactorNormalExact(pValue);
  }
  return { gValue, kApprox, kExact, k: c.kMethod === 'approx' ? kApprox : kExact };
}

/** The note on continuous-review formulas simulated period by period (README, "Continuous-review formulas in period-by-period simulation"). */
export function continuousReviewNote(flexible: boolean): string {
  return flexible
    ? 'continuous review, flexible lot: the formulas assume the position is watched continuously and protect RLT = L; a simulator that reviews once a period exposes the base stock to L + 1 periods and delivers much less than the target (README, "Continuous-review formulas in period-by-period simulation"); for daily review use periodic review with a 1-day review period'
    : 'continuous review: the formulas ignore the undershoot of ROP between reviews; reviewed once a period, achieved service falls below the target by an amount that grows with the daily demand (README, "Continuous-review formulas in period-by-period simulation")';
}

/** Step 2 lead-time means and sds as the result reports them (days). */
function leadTimeFields(c: CheckedParams): Pick<SqlPolicyResult, 'OPT' | 'SOPT' | 'TLT' | 'STLT' | 'PLT' | 'SPLT' | 'CLTR' | 'SCLTR' | 'CLTC' | 'MLT'> {
  return { OPT: c.opt.mean, SOPT: c.opt.sd, TLT: c.tlt.mean, STLT: c.tlt.sd, PLT: c.plt.mean, SPLT: c.plt.sd, CLTR: c.cltr.mean, SCLTR: c.cltr.sd, CLTC: c.cltc, MLT: c.mlt };
}

/**
 * Steps 3-7 for one SKU from summary statistics: the key parameters PVALUE, RLT, SRLT; lead-time
 * demand ADLT, SDLT; the lot LOT; the safety factor k (approx and exact, one of them used); SS,
 * ROP, MAX; and the policy. Throws RangeError/TypeError naming the parameter and rule.
 */
export function solveSqlPolicy(params: SqlPolicyParams): SqlPolicyResult {
  const c = checkSqlPolicyParams(params);
  const notes: string[] = [];
  const dem = demandStatistics(c.demand, c.variant);
  const lt = replenishmentLeadTime(c, notes);
  const { ADLT, SDLT } = leadTimeDemand(dem.AOD, dem.SOD, lt.rlt, lt.srlt);
  const { lotBase, LOT } = nominalLot(c, dem.AOD, lt.lotLeadTime);
  const pValue = pValueOf(c, LOT, dem.AOD);
  const sf = safetyFactor(c, pValue, { ADLT, SDLT, LOT, rlt: lt.rlt, aod: dem.AOD }, notes);
  const { SS, ROP, MAX } = policyLevels(sf.k, SDLT, ADLT, LOT);
  if (c.review === 'continuous' && c.objective !== 'profit') notes.push(continuousReviewNote(c.flexible));
  const policy = buildPolicy({ objective: c.objective, review: c.review, mlt: c.mlt, flexible: c.flexible, lot: c.lot, LOT, ROP, MAX, season: c.objective === 'profit' ? lt.rlt : 0 });
  policy.origin = policyOrigin({ sku: params.sku, objective: c.objective, review: c.review, variant: c.variant, kMethod: c.kMethod, lot: c.lot, flexible: c.flexible, pValue, k: sf.k });
  return {
    sku: params.sku,
    objective: c.objective,
    review: c.review,
    variant: c.variant,
    kMethod: c.kMethod,
    ...dem,
    ...leadTimeFields(c),
    PVALUE: pValue,
    RLTunclamped: lt.rltUnclamped,
    RLT: lt.rlt,
    SRLT: lt.srlt,
    ADLT,
    SDLT,
    LOT,
    lotBase,
    GVALUE: sf.gValue,
    kApprox: sf.kApprox,
    kExact: sf.kExact,
    k: sf.k,
    SS,
    ROP,
    MAX,
    policy,
    notes,
  };
}
