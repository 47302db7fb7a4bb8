/**
 * Baseline policies a planner would otherwise use, built in the same policy family as a
 * sql-policy result (same review, same lot; only the reorder point changes), so service and
 * inventory differences come from the safety stock alone. Pure.
 *
 * - 'no-safety-stock': ROP = ADLT (k = 0).
 * - 'days-of-supply': the paper's fourth objective, "calculate safety stock for a fixed
 *   days-of-supply policy": SS = DOS·AOD with DOS = 7 days, ROP = ADLT + SS.
 * - 'two-week-cover': reorder when the position covers less than two weeks of average demand:
 *   ROP = 14·AOD, whatever the lead time.
 * Order-up-to levels move with the reorder point: S = ROP + LOT (RsS), S = ROP (RS).
 */
import type { InventoryPolicy } from '../../../policy/types.ts';
import type { SqlPolicyResult } from '../types.ts';

export type BaselineId = 'no-safety-stock' | 'days-of-supply' | 'two-week-cover';
export const BASELINES: readonly BaselineId[] = ['no-safety-stock', 'days-of-supply', 'two-week-cover'];

/** Days of supply of the 'days-of-supply' baseline. */
export const DAYS_OF_SUPPLY = 7;
/** Cover of the 'two-week-cover' baseline (days). */
export const COVER_DAYS = 14;

/** The policy of `r` with its reorder point moved to `rop` (order-up-to levels moved with it). */
export function withReorderPoint(r: SqlPolicyResult, rop: number): InventoryPolicy {
  const p = r.policy;
  const origin = p.origin ? { origin: p.origin } : {};
  const lotRule = p.lotRule ? { lotRule: p.lotRule } : {};
  switch (p.kind) {
    case 'sQ':
      return { kind: 'sQ', reorderPoint: rop, lotSize: p.lotSize, multiples: p.multiples, ...lotRule, ...origin };
    case 'RsQ':
      return { kind: 'RsQ', reviewPeriod: p.reviewPeriod, reorderPoint: rop, lotSize: p.lotSize, multiples: p.multiples, ...lotRule, ...origin };
    case 'RsS':
      return { kind: 'RsS', reviewPeriod: p.reviewPeriod, reorderPoint: rop, orderUpTo: rop + (p.orderUpTo - p.reorderPoint), ...lotRule, ...origin };
    case 'sS':
      return { kind: 'sS', reorderPoint: rop, orderUpTo: rop + (p.orderUpTo - p.reorderPoint), ...lotRule, ...origin };
    case 'RS':
      return { kind: 'RS', reviewPeriod: p.reviewPeriod, orderUpTo: rop, ...lotRule, ...origin };
    default:
      // the sql-policy mapping never produces other kinds (adaptive rules have no fixed reorder point)
      throw new RangeError(`withReorderPoint: the sql-policy mapping gives sQ, RsQ, sS, RsS or RS, got '${p.kind}'`);
  }
}

/** Reorder point of a baseline for the SKU of `r`. */
export function baselineReorderPoint(r: SqlPolicyResult, id: BaselineId): number {
  switch (id) {
    case 'no-safety-stock':
      return r.ADLT;
    case 'days-of-supply':
      return r.ADLT + DAYS_OF_SUPPLY * r.AOD;
    case 'two-week-cover':
      return COVER_DAYS * r.AOD;
  }
}

/** The baselines' policies, labelled. */
export function baselinePolicies(r: SqlPolicyResult, ids: readonly BaselineId[]): [BaselineId, InventoryPolicy][] {
  return ids.map((id) => [id, withReorderPoint(r, baselineReorderPoint(r, id))]);
}
