/**
 * The mapping from a sql-policy result (Katircioglu, Brown & Asghar 2007, Step 7 and
 * "Implementation issues") to the InventoryPolicy the simulator runs, with its origin: the
 * metric and level the policy promises. README.md, "Policy mapping". Pure.
 */
import type { InventoryPolicy, LotRule, PolicyOrigin, ServiceMetric } from '../../policy/types.ts';
import type { KMethod, LotSpec, Objective, Review, Variant } from './types.ts';
import { OBJECTIVES } from './types.ts';

/** The metric each objective's PVALUE promises (objectives 1-3: no stock-out in a cycle). */
export const TARGET_METRIC: Readonly<Record<Objective, ServiceMetric>> = {
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

/** What the policy mapping needs from a solved SKU. */
export interface PolicyInputs {
  objective: Objective;
  review: Review;
  /** MLT (days) */
  mlt: number;
  flexible: boolean;
  lot: LotSpec;
  LOT: number;
  ROP: number;
  MAX: number;
  /** PDURATION as used for RLT (objective 2), else 0 */
  season: number;
}

/** QUNIT, QMIN, QMAX as the policy's lot rule (absent when none is set). */
function lotRuleOf(lot: LotSpec): { lotRule?: LotRule } {
  const lotRule: LotRule = {};
  if (lot.multiple !== undefined) lotRule.multiple = lot.multiple;
  if (lot.min !== undefined) lotRule.min = lot.min;
  if (lot.max !== undefined) lotRule.max = lot.max;
  return Object.keys(lotRule).length > 0 ? { lotRule } : {};
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
export function buildPolicy(a: PolicyInputs): InventoryPolicy {
  const rule = lotRuleOf(a.lot);
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

/**
 * The policy's origin: the metric its objective promises and at what level. For objectives 1 and
 * 2 the level is the implied no-stock-out probability PVALUE; for case 1B as printed, whose PVALUE
 * is a stock-out probability, its complement (the probability the costs call for).
 */
export function policyOrigin(a: { sku: string | undefined; objective: Objective; review: Review; variant: Variant; kMethod: KMethod; lot: LotSpec; flexible: boolean; pValue: number; k: number }): PolicyOrigin {
  const value = a.objective === 'cost' && a.variant === 'printed' && !a.flexible ? 1 - a.pValue : a.pValue;
  return {
    model: 'sql-policy',
    ...(a.sku !== undefined ? { sku: a.sku } : {}),
    target: { metric: TARGET_METRIC[a.objective], value },
    details: { objective: a.objective, objectiveNumber: objectiveNumber(a.objective), review: a.review, variant: a.variant, kMethod: a.kMethod, lotRule: a.lot.rule, PVALUE: a.pValue, k: a.k },
  };
}

/** Tolerance below an integer under which a level counts as that integer (round-off of the formulas). */
const WHOLE_EPS = 1e-9;

/** A level rounded up to whole units (values within 1e-9 above an integer count as that integer). */
function ceilUnits(x: number): number {
  return Math.ceil(x - WHOLE_EPS);
}

/**
 * The whole-unit policy the engine runs where demand comes in whole units (README, "Whole
 * units"). The model's continuous figures (ROP, LOT, S) stay in its result; the engine gets:
 * - reorder point s rounded UP: with whole-unit demand the inventory position is whole, so the
 *   trigger "IP ≤ 2.52" is in effect "IP ≤ 2"; rounding up to 3 keeps at least the stock the
 *   stated ROP asks for, so the service the model computed from it is not undercut;
 * - order-up-to level S rounded up, for the same reason;
 * - lot Q rounded to the nearest whole unit and at least one unit (a lot of 0.56 units would make
 *   the position fractional and reorder every few days; the nearest whole lot keeps the ordering
 *   frequency the model's EOQ or lot rule intended).
 * Review periods and lot rules (QUNIT, QMIN, QMAX) are unchanged.
 */
export function wholeUnitPolicy(p: InventoryPolicy): InventoryPolicy {
  const lot = (q: number): number => Math.max(1, Math.round(q));
  switch (p.kind) {
    case 'sQ':
    case 'RsQ':
      return { ...p, reorderPoint: ceilUnits(p.reorderPoint), lotSize: lot(p.lotSize) };
    case 'sS':
    case 'RsS':
      return { ...p, reorderPoint: ceilUnits(p.reorderPoint), orderUpTo: Math.max(ceilUnits(p.reorderPoint) + 1, ceilUnits(p.orderUpTo)) };
    case 'RS':
      return { ...p, orderUpTo: ceilUnits(p.orderUpTo) };
    default:
      // rules that set their levels as they run (adaptive kinds) are left as they are
      return p;
  }
}

/** Is the policy already in whole units (levels and lot integers)? */
export function isWholeUnitPolicy(p: InventoryPolicy): boolean {
  const w = wholeUnitPolicy(p);
  return JSON.stringify(w) === JSON.stringify(p);
}
