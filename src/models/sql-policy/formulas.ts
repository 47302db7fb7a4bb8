/**
 * The formulas of Katircioglu, Brown & Asghar (2007), "An SQL-based cost-effective inventory
 * optimization solution", IBM J. Res. & Dev. 51(3/4), one function per printed formula, each
 * doc naming its Step and case. The paper numbers no equations; Steps 1-7 and the cases of
 * "Calculation of key problem parameters" (cases 1-6) and of Step 5 (cases 1-5) are its
 * labels. Where a printed formula contradicts the paper's own assumptions there is a 'printed'
 * and a 'corrected' variant (README.md, "Errata and readings"). Pure; units: quantities in
 * units, times in days, rates per day, HCOST per unit per day.
 * The Step 6 safety factors are in ./safety-factor.ts.
 */
import { roundLot } from '../../policy/lot.ts';
import type { LotSpec, Variant } from './types.ts';

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

/** Step 5, case 1, the lot recommended when none is given: LOT = AOD·RLT (units). */
export function defaultLot(aod: number, rlt: number): number {
  return aod * rlt;
}

/**
 * Step 5, cases 2-4 applied to a base lot: round up to a multiple of QUNIT, then clamp to
 * [QMIN, QMAX]: roundLot of src/policy/lot.ts, the rounding the simulator applies to every order.
 * @deprecated use roundLot(base, { multiple, min, max }) from src/policy/lot.ts.
 */
export function applyLotRestrictions(base: number, lot: Pick<LotSpec, 'multiple' | 'min' | 'max'>): number {
  return roundLot(base, lot);
}

/**
 * Key parameters, case 1A (flexible lot, myopic cost): PVALUE = SCOST/(SCOST + HCOST), the
 * one-period critical fractile (SCOST per unit backordered per day, HCOST per unit per day).
 */
export function case1aPValue(shortage: number, holding: number): number {
  return shortage / (shortage + holding);
}

/**
 * Key parameters, case 1B (lot size LOT exists), printed: PVALUE = LOT·HCOST/(AOD·NDAYS·SCOST), a
 * stock-out probability per cycle (Hadley-Whitin). HCOST in this formula is per unit per year, i.e.
 * the daily HCOST·NDAYS, so NDAYS cancels: r = LOT·HCOST_day/(AOD·SCOST).
 * 'printed' returns r (used as if it were a service level); 'corrected' returns 1 − r.
 */
export function case1bPValue(lot: number, holdingPerDay: number, aod: number, workingDays: number, shortage: number, variant: Variant): number {
  const r = (lot * holdingPerDay * workingDays) / (aod * workingDays * shortage);
  return variant === 'printed' ? r : 1 - r;
}

/** Key parameters, case 2 (season profit, newsvendor): PVALUE = (PRICE − COST)/(PRICE − SVALUE). */
export function case2PValue(price: number, unitCost: number, salvage: number): number {
  return (price - unitCost) / (price - salvage);
}

/**
 * Step 6, case 6 GVALUE (expected shortage per replenishment cycle in units of SDLT, (1 − P)·cycle
 * demand/SDLT). With a lot LOT: (1 − P)·LOT/SDLT. Flexible lot, printed: (1 − P)·ADLT/(RLT·SDLT) =
 * (1 − P)·AOD/SDLT (one day's demand per cycle whatever the review period); corrected:
 * (1 − P)·AOD·R/SDLT with R = MLT under periodic review (the demand of one review cycle) and R = 1
 * under continuous review (daily base stock), so both agree under continuous review.
 */
export function fillRateGValue(p: number, sdlt: number, args: { lot: number; flexible: boolean; adlt: number; rlt: number; aod: number; cycleDays: number }, variant: Variant): number {
  if (!args.flexible) return ((1 - p) * args.lot) / sdlt;
  if (variant === 'printed') return ((1 - p) * args.adlt) / (args.rlt * sdlt);
  return ((1 - p) * args.aod * args.cycleDays) / sdlt;
}

/** Step 7: SS = k·SDLT, ROP = ADLT + SS, MAX = ROP + LOT (units). */
export function policyLevels(k: number, sdlt: number, adlt: number, lot: number): { SS: number; ROP: number; MAX: number } {
  const SS = k * sdlt;
  const ROP = adlt + SS;
  return { SS, ROP, MAX: ROP + lot };
}
