/**
 * Lot-size restrictions, the one implementation used by models and by the simulator:
 * Katircioglu, Brown & Asghar (2007), Step 5, cases 2-4. An order quantity is rounded up to a
 * multiple of QUNIT (`multiple`), then raised to QMIN (`min`), then cut to QMAX (`max`).
 */
import type { LotRule } from './types.ts';

/**
 * Apply a lot rule to a positive quantity q. Rounding to a multiple gives at least one multiple
 * (an order is never rounded away); the 1e-12 guard keeps q = 3·QUNIT computed as 2.9999999…·QUNIT
 * from becoming 4·QUNIT.
 */
export function roundLot(q: number, rule: LotRule | undefined): number {
  if (rule === undefined) return q;
  if (rule.multiple !== undefined && rule.multiple > 0) q = Math.max(1, Math.ceil(q / rule.multiple - 1e-12)) * rule.multiple;
  if (rule.min !== undefined && q < rule.min) q = rule.min;
  if (rule.max !== undefined && q > rule.max) q = rule.max;
  return q;
}

/** Does the rule restrict anything? */
export function hasLotRule(rule: LotRule | undefined): rule is LotRule {
  return rule !== undefined && (rule.multiple !== undefined || rule.min !== undefined || rule.max !== undefined);
}

/**
 * @deprecated use roundLot(q, { multiple, min, max }). Kept for library users: the engine's
 * former signature (multiple 0 = no rounding, min 0 / max Infinity = no bound).
 */
export function applyLotRule(q: number, multiple: number, min: number, max: number): number {
  return roundLot(q, { multiple, min, max });
}
