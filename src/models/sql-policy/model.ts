/**
 * The sql-policy model: Steps 1-7 of Katircioglu, Brown & Asghar (2007), "An SQL-based
 * cost-effective inventory optimization solution", IBM J. Res. & Dev. 51(3/4), seed 001.
 * From demand statistics, lead-time statistics, an objective and a lot-size rule to the
 * safety stock SS, reorder point ROP, lot LOT, maximum MAX, and a policy the simulator runs.
 * Pure (no I/O). Units: quantities in units, times in days, rates per day.
 * Every printed formula that contradicts the paper's own assumptions has a 'printed' and a
 * 'corrected' variant; README.md names each one and every other decision.
 */
import type { InventoryPolicy, LotRule, ServiceMetric } from '../../sim/policy.ts';
import { safetyFactorLossApprox, safetyFactorLossExact, safetyFactorNormalApprox, safetyFactorNormalExact } from './safety-factor.ts';
import type { DemandInput, LeadTimeComponents, LotSpec, MeanSd, Objective, SqlPolicyParams, SqlPolicyResult, Variant } from './types.ts';
import { OBJECTIVES } from './types.ts';

/**
 * Step 1, SOD as printed: sqrt(AOD² + OAR·SOQ²) (units per day).
 * @param orderRate OAR, orders per day (≥ 0)
 * @param meanOrderSize AOQ, units per order
 * @param sdOrderSize SOQ, units per order (≥ 0)
 */
export function dailySdPrinted(orderRate: number, meanOrderSize: number, sdOrderSize: number): number {
  const aod = orderRate * meanOrderSize;
  return Math.sqrt(aod * aod + orderRate * sdOrderSize * sdOrderSize);
}

/**
 * Step 1, SOD corrected: the sd of a compound-Poisson day (Poisson orders at rate OAR,
 * i.i.d. sizes with mean AOQ and sd SOQ), sqrt(OAR·(AOQ² + SOQ²)) (units per day).
 */
export function dailySdCompoundPoisson(orderRate: number, meanOrderSize: number, sdOrderSize: number): number {
  return Math.sqrt(orderRate * (meanOrderSize * meanOrderSize + sdOrderSize * sdOrderSize));
}

/**
 * Step 4: mean and sd of demand over the replenishment lead time.
 * ADLT = AOD·RLT; SDLT = sqrt(SRLT²·AOD² + SOD²·RLT) (= SOD·sqrt(RLT) when SRLT = 0).
 */
export function leadTimeDemand(aod: number, sod: number, rlt: number, srlt: number): { ADLT: number; SDLT: number } {
  return { ADLT: aod * rlt, SDLT: Math.sqrt(srlt * srlt * aod * aod + sod * sod * rlt) };
}

/** Step 5, case 5: EOQ = sqrt(2·AOD·OCOST/HCOST) (units; AOD per day, HCOST per unit per day). */
export function economicOrderQuantity(aod: number, orderCost: number, holdingCost: number): number {
  return Math.sqrt((2 * aod * orderCost) / holdingCost);
}

/**
 * Step 5, cases 2-4 applied to a base lot: round up to a multiple of QUNIT, then clamp to
 * [QMIN, QMAX] (the order in which src/sim/policy.ts applies a LotRule).
 */
export function applyLotRestrictions(base: number, lot: Pick<LotSpec, 'multiple' | 'min' | 'max'>): number {
  let q = base;
  if (lot.multiple !== undefined) q = Math.max(1, Math.ceil(q / lot.multiple - 1e-12)) * lot.multiple;
  if (lot.min !== undefined) q = Math.max(q, lot.min);
  if (lot.max !== undefined) q = Math.min(q, lot.max);
  return q;
}

/**
 * Case 1B (lot size LOT exists), printed: PVALUE = LOT·HCOST/(AOD·NDAYS·SCOST), a stock-out
 * probability per cycle (Hadley-Whitin). HCOST in this formula is per unit per year, i.e. the
 * daily HCOST·NDAYS, so NDAYS cancels: r = LOT·HCOST_day/(AOD·SCOST).
 * 'printed' returns r (used as if it were a service level); 'corrected' returns 1 − r.
 */
export function case1bPValue(lot: number, holdingPerDay: number, aod: number, workingDays: number, shortage: number, variant: Variant): number {
  const r = (lot * holdingPerDay * workingDays) / (aod * workingDays * shortage);
  return variant === 'printed' ? r : 1 - r;
}

/**
 * Case 6 GVALUE (expected shortage per replenishment cycle in units of SDLT, (1 − P)·cycle demand/SDLT).
 * With a lot LOT: (1 − P)·LOT/SDLT. Flexible lot, printed: (1 − P)·ADLT/(RLT·SDLT) = (1 − P)·AOD/SDLT
 * (one day's demand per cycle whatever the review period); corrected: (1 − P)·AOD·R/SDLT with
 * R = MLT under periodic review (the demand of one review cycle) and R = 1 under continuous review
 * (daily base stock), so both agree under continuous review.
 */
export function fillRateGValue(p: number, sdlt: number, args: { lot: number; flexible: boolean; adlt: number; rlt: number; aod: number; cycleDays: number }, variant: Variant): number {
  if (!args.flexible) return ((1 - p) * args.lot) / sdlt;
  if (variant === 'printed') return ((1 - p) * args.adlt) / (args.rlt * sdlt);
  return ((1 - p) * args.aod * args.cycleDays) / sdlt;
}

function checkFinite(name: string, v: unknown, rule: 'positive' | 'nonnegative' | 'any' = 'nonnegative'): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`${name} must be a finite number, got ${JSON.stringify(v)}`);
  if (rule === 'positive' && !(v > 0)) throw new RangeError(`${name} must be > 0, got ${v}`);
  if (rule === 'nonnegative' && !(v >= 0)) throw new RangeError(`${name} must be ≥ 0, got ${v}`);
  return v;
}

function component(name: string, c: MeanSd | undefined): MeanSd {
  if (c === undefined) return { mean: 0, sd: 0 };
  if (typeof c !== 'object' || c === null) throw new TypeError(`leadTime.${name} must be an object {mean, sd}`);
  return { mean: checkFinite(`leadTime.${name}.mean`, c.mean), sd: checkFinite(`leadTime.${name}.sd`, c.sd) };
}

function demandStats(d: DemandInput, variant: Variant): Pick<SqlPolicyResult, 'OAR' | 'AOQ' | 'SOQ' | 'AOD' | 'SOD' | 'SODprinted' | 'SODcorrected'> {
  if (typeof d !== 'object' || d === null) throw new TypeError('demand must be an object: {orderRate, meanOrderSize, sdOrderSize} or {meanDaily, sdDaily}');
  if ('orderRate' in d) {
    const oar = checkFinite('demand.orderRate', d.orderRate, 'positive');
    const aoq = checkFinite('demand.meanOrderSize', d.meanOrderSize, 'positive');
    const soq = checkFinite('demand.sdOrderSize', d.sdOrderSize);
    const printed = dailySdPrinted(oar, aoq, soq);
    const corrected = dailySdCompoundPoisson(oar, aoq, soq);
    return { OAR: oar, AOQ: aoq, SOQ: soq, AOD: oar * aoq, SOD: variant === 'printed' ? printed : corrected, SODprinted: printed, SODcorrected: corrected };
  }
  if ('meanDaily' in d) {
    const aod = checkFinite('demand.meanDaily', d.meanDaily, 'positive');
    const sod = checkFinite('demand.sdDaily', (d as { sdDaily: number }).sdDaily);
    return { OAR: undefined, AOQ: undefined, SOQ: undefined, AOD: aod, SOD: sod, SODprinted: sod, SODcorrected: sod };
  }
  throw new TypeError('demand must be {orderRate, meanOrderSize, sdOrderSize} or {meanDaily, sdDaily}');
}

const TARGET_METRIC: Record<Objective, ServiceMetric> = {
  cost: 'cycleServiceLevel',
  profit: 'cycleServiceLevel',
  'no-stockout': 'cycleServiceLevel',
  'on-time-request': 'onTimeRequested',
  'on-time-commit': 'onTimeCommitted',
  'fill-rate': 'fillRate',
};

/** Paper objective number (1-6) of an objective name. */
export function objectiveNumber(o: Objective): number {
  return OBJECTIVES.indexOf(o) + 1;
}

/**
 * Steps 3-7 for one SKU from summary statistics: the key parameters PVALUE, RLT, SRLT; lead-time
 * demand ADLT, SDLT; the lot LOT; the safety factor k (approx and exact, one of them used); SS,
 * ROP, MAX; and the policy. Throws RangeError/TypeError naming the parameter and rule.
 */
export function solveSqlPolicy(params: SqlPolicyParams): SqlPolicyResult {
  if (typeof params !== 'object' || params === null) throw new TypeError('params must be an object');
  const { objective, review, variant, kMethod } = params;
  if (!OBJECTIVES.includes(objective)) throw new RangeError(`objective must be one of ${OBJECTIVES.join(', ')}, got ${JSON.stringify(objective)}`);
  if (review !== 'continuous' && review !== 'periodic') throw new RangeError(`review must be 'continuous' or 'periodic', got ${JSON.stringify(review)}`);
  if (variant !== 'printed' && variant !== 'corrected') throw new RangeError(`variant must be 'printed' or 'corrected', got ${JSON.stringify(variant)}`);
  if (kMethod !== 'approx' && kMethod !== 'exact') throw new RangeError(`kMethod must be 'approx' or 'exact', got ${JSON.stringify(kMethod)}`);
  const notes: string[] = [];
  const dem = demandStats(params.demand, variant);
  const lt: LeadTimeComponents = params.leadTime ?? {};
  if (typeof lt !== 'object' || lt === null) throw new TypeError('leadTime must be an object');
  const opt = component('orderProcessing', lt.orderProcessing);
  const tlt = component('transportation', lt.transportation);
  const plt = component('supply', lt.supply);
  const cltr = component('customerRequested', lt.customerRequested);
  const cltc = params.committedLeadTime === undefined ? 0 : checkFinite('committedLeadTime', params.committedLeadTime);
  let mlt = 0;
  if (review === 'periodic') {
    mlt = checkFinite('reviewPeriod', params.reviewPeriod, 'positive');
    if (!Number.isInteger(mlt)) throw new RangeError(`reviewPeriod must be a whole number of days, got ${mlt}`);
  }
  const costs = params.costs ?? {};
  const lot = params.lot;
  if (typeof lot !== 'object' || lot === null) throw new TypeError("lot must be an object {rule: 'default'|'fixed'|'eoq'|'flexible', fixed?, multiple?, min?, max?}");
  if (!['default', 'fixed', 'eoq', 'flexible'].includes(lot.rule)) throw new RangeError(`lot.rule must be one of default, fixed, eoq, flexible, got ${JSON.stringify(lot.rule)}`);
  if (lot.multiple !== undefined) checkFinite('lot.multiple', lot.multiple, 'positive');
  if (lot.min !== undefined) checkFinite('lot.min', lot.min, 'positive');
  if (lot.max !== undefined) checkFinite('lot.max', lot.max, 'positive');
  if (lot.min !== undefined && lot.max !== undefined && lot.min > lot.max) throw new RangeError(`lot.min (${lot.min}) must be ≤ lot.max (${lot.max})`);
  const flexible = lot.rule === 'flexible';

  // Step 3: RLT and SRLT. SRLT is printed only for periodic review; used for both (README).
  const supplyMean = opt.mean + tlt.mean + plt.mean;
  const supplyVar = opt.sd ** 2 + tlt.sd ** 2 + plt.sd ** 2;
  let rltUnclamped: number;
  let srlt: number;
  let lotLeadTime: number;
  if (objective === 'profit') {
    rltUnclamped = checkFinite('seasonDuration', params.seasonDuration, 'positive');
    srlt = params.seasonDurationSd === undefined ? 0 : checkFinite('seasonDurationSd', params.seasonDurationSd);
    if (params.seasonDurationSd === undefined) notes.push('SPDURATION undefined in the paper: taken as 0');
    lotLeadTime = rltUnclamped;
  } else {
    if (!(supplyMean > 0)) throw new RangeError('leadTime: OPT + TLT + PLT must be > 0 (the paper assumes a positive replenishment lead time)');
    rltUnclamped = supplyMean + mlt;
    lotLeadTime = supplyMean + mlt;
    srlt = Math.sqrt(supplyVar);
    if (objective === 'on-time-request') {
      rltUnclamped -= cltr.mean;
      srlt = Math.sqrt(supplyVar + cltr.sd ** 2);
    } else if (objective === 'on-time-commit') {
      rltUnclamped -= cltc;
    }
  }
  let rlt = rltUnclamped;
  if (rlt < 0) {
    rlt = 0;
    notes.push(`RLT − CLT = ${rltUnclamped} < 0: the customer lead time covers the replenishment; RLT clamped at 0`);
  }

  // Step 4
  const { ADLT, SDLT } = leadTimeDemand(dem.AOD, dem.SOD, rlt, srlt);

  // Step 5: the nominal lot
  let lotBase: number;
  if (lot.rule === 'fixed') lotBase = checkFinite('lot.fixed (QFIX)', lot.fixed, 'positive');
  else if (lot.rule === 'eoq') lotBase = economicOrderQuantity(dem.AOD, checkFinite('costs.order (OCOST)', costs.order, 'positive'), checkFinite('costs.holding (HCOST)', costs.holding, 'positive'));
  else if (lot.rule === 'default') {
    lotBase = dem.AOD * lotLeadTime;
    if (!(lotBase > 0)) throw new RangeError('lot: the default lot AOD·RLT must be > 0');
  } else lotBase = 0;
  const LOT = flexible ? 0 : applyLotRestrictions(lotBase, lot);

  // Step 3: PVALUE
  let pValue: number;
  const target = (): number => {
    const t = params.target;
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new TypeError(`target must be a number in (0, 1) for objective '${objective}', got ${JSON.stringify(t)}`);
    if (!(t > 0 && t < 1)) throw new RangeError(`target must be in (0, 1) (a fraction, not a percentage), got ${t}`);
    return t;
  };
  if (objective === 'cost') {
    const h = checkFinite('costs.holding (HCOST)', costs.holding, 'positive');
    const s = checkFinite('costs.shortage (SCOST)', costs.shortage, 'positive');
    if (flexible) pValue = s / (s + h);
    else {
      const ndays = params.workingDaysPerYear === undefined ? 365 : checkFinite('workingDaysPerYear (NDAYS)', params.workingDaysPerYear, 'positive');
      pValue = case1bPValue(LOT, h, dem.AOD, ndays, s, variant);
      if (!(pValue > 0 && pValue < 1)) {
        throw new RangeError(`case 1B: LOT·HCOST/(AOD·SCOST) = ${((LOT * h) / (dem.AOD * s)).toPrecision(6)} must be in (0, 1) (raise costs.shortage or lower the lot)`);
      }
    }
  } else if (objective === 'profit') {
    const price = checkFinite('costs.price (PRICE)', costs.price, 'positive');
    const cost = checkFinite('costs.unitCost (COST)', costs.unitCost);
    let salvage: number;
    if (costs.salvage !== undefined) salvage = checkFinite('costs.salvage (SVALUE)', costs.salvage, 'any');
    else salvage = price - checkFinite('costs.priceDecline (PDECLINE)', costs.priceDecline, 'positive');
    pValue = (price - cost) / (price - salvage);
    if (!(pValue > 0 && pValue < 1)) throw new RangeError(`case 2: (PRICE − COST)/(PRICE − SVALUE) = ${pValue} must be in (0, 1) (needs SVALUE < COST < PRICE)`);
  } else pValue = target();

  // Step 6
  let gValue: number | undefined;
  let kApprox: number;
  let kExact: number;
  if (SDLT === 0) {
    notes.push('SDLT = 0: no uncertainty over the lead time; k = 0 and SS = 0');
    kApprox = 0;
    kExact = 0;
  } else if (objective === 'fill-rate') {
    gValue = fillRateGValue(pValue, SDLT, { lot: LOT, flexible, adlt: ADLT, rlt, aod: dem.AOD, cycleDays: review === 'periodic' ? mlt : 1 }, variant);
    kApprox = safetyFactorLossApprox(gValue);
    kExact = safetyFactorLossExact(gValue);
  } else {
    kApprox = safetyFactorNormalApprox(pValue);
    kExact = safetyFactorNormalExact(pValue);
  }
  const k = kMethod === 'approx' ? kApprox : kExact;

  // Step 7
  const SS = k * SDLT;
  const ROP = ADLT + SS;
  const MAX = ROP + LOT;

  if (review === 'continuous' && objective !== 'profit') {
    notes.push(
      flexible
        ? 'continuous review, flexible lot: the formulas assume the position is watched continuously and protect RLT = L; a simulator that reviews once a period exposes the base stock to L + 1 periods and delivers much less than the target (README, "Continuous-review formulas in period-by-period simulation"); for daily review use periodic review with a 1-day review period'
        : 'continuous review: the formulas ignore the undershoot of ROP between reviews; reviewed once a period, achieved service falls below the target by an amount that grows with the daily demand (README, "Continuous-review formulas in period-by-period simulation")',
    );
  }
  const policy = buildPolicy({ objective, review, mlt, flexible, lot, LOT, ROP, MAX, season: objective === 'profit' ? rlt : 0 });
  const tgtValue = objective === 'cost' && variant === 'printed' && !flexible ? 1 - pValue : pValue;
  policy.origin = {
    model: 'sql-policy',
    ...(params.sku !== undefined ? { sku: params.sku } : {}),
    target: { metric: TARGET_METRIC[objective], value: tgtValue },
    details: { objective, objectiveNumber: objectiveNumber(objective), review, variant, kMethod, lotRule: lot.rule, PVALUE: pValue, k },
  };

  return {
    sku: params.sku,
    objective,
    review,
    variant,
    kMethod,
    ...dem,
    OPT: opt.mean,
    SOPT: opt.sd,
    TLT: tlt.mean,
    STLT: tlt.sd,
    PLT: plt.mean,
    SPLT: plt.sd,
    CLTR: cltr.mean,
    SCLTR: cltr.sd,
    CLTC: cltc,
    MLT: mlt,
    PVALUE: pValue,
    RLTunclamped: rltUnclamped,
    RLT: rlt,
    SRLT: srlt,
    ADLT,
    SDLT,
    LOT,
    lotBase,
    GVALUE: gValue,
    kApprox,
    kExact,
    k,
    SS,
    ROP,
    MAX,
    policy,
    notes,
  };
}

/**
 * The policy the simulator runs (README, "Policy mapping"):
 * - continuous review with a lot: sQ (s = ROP, Q = LOT, multiples of Q lift IP above s);
 * - continuous review, flexible lot: RS with R = 1 day, S = ROP (daily base stock);
 * - periodic review, flexible lot: RS with R = MLT, S = ROP (the paper's base stock);
 * - periodic review with a lot (default, fixed, EOQ; any restriction): RsQ (s = ROP, Q = LOT, multiples
 *   of Q lift IP above s), the paper's "order ... for the predetermined lot size"; IP after ordering
 *   stays in (ROP, MAX], MAX = ROP + LOT;
 * - objective 2 (one season): RS with R = PDURATION rounded up, S = ROP (one buy per season).
 * Lot restrictions (QUNIT, QMIN, QMAX) travel as the policy's lotRule.
 */
function buildPolicy(a: { objective: Objective; review: 'continuous' | 'periodic'; mlt: number; flexible: boolean; lot: LotSpec; LOT: number; ROP: number; MAX: number; season: number }): InventoryPolicy {
  const lotRule: LotRule = {};
  if (a.lot.multiple !== undefined) lotRule.multiple = a.lot.multiple;
  if (a.lot.min !== undefined) lotRule.min = a.lot.min;
  if (a.lot.max !== undefined) lotRule.max = a.lot.max;
  const rule = Object.keys(lotRule).length > 0 ? { lotRule } : {};
  if (a.objective === 'profit') return { kind: 'RS', reviewPeriod: Math.max(1, Math.ceil(a.season)), orderUpTo: a.ROP, ...rule };
  if (a.review === 'continuous') {
    if (a.flexible) return { kind: 'RS', reviewPeriod: 1, orderUpTo: a.ROP, ...rule };
    return { kind: 'sQ', reorderPoint: a.ROP, lotSize: a.LOT, multiples: 'multiples', ...rule };
  }
  if (a.flexible) return { kind: 'RS', reviewPeriod: a.mlt, orderUpTo: a.ROP, ...rule };
  // "when IP drops below ROP, an inventory replenishment order should be triggered for the
  // predetermined lot size" (Implementation issues): every non-flexible lot is ordered as lots.
  return { kind: 'RsQ', reviewPeriod: a.mlt, reorderPoint: a.ROP, lotSize: a.LOT, multiples: 'multiples', ...rule };
}
