/**
 * Inventory policies as plain data: what models produce (`invlab policy`, `invlab solve`) and
 * what the simulator runs. Plain JSON, so a policy crosses into a worker thread or a file as is.
 *
 * Conventions (the simulator documents how it applies each):
 * - quantities in units, times in periods (days unless stated);
 * - the inventory position = on hand + on order − backorders;
 * - "sQ": continuous review, checked at the end of every period: when the position is ≤ s,
 *   order Q ('one': a single lot, even if the position stays ≤ s) or the smallest multiple of Q
 *   that lifts the position above s ('multiples');
 * - "sS": continuous review, order up to S when the position is ≤ s;
 * - "RS": every R periods, order up to S (base stock);
 * - "RsS": every R periods, if the position is ≤ s, order up to S;
 * - "RsQ": every R periods, if the position is ≤ s, order Q (or multiples as in sQ);
 * - "adaptive": every R periods, order up to a level re-estimated from a forecaster and its
 *   errors on the demand seen so far (./adaptive.ts).
 * An optional lot rule (seed 001, Step 5) rounds every order quantity: up to a multiple,
 * then clamped to [min, max].
 */

import type { AdaptivePolicy } from './adaptive.ts';

export interface LotRule {
  /** order quantities are rounded up to a multiple of this (units) */
  multiple?: number;
  /** smallest order quantity (units) */
  min?: number;
  /** largest order quantity (units) */
  max?: number;
}

/** What produced the policy and what it promises, carried through to simulation reports. */
export interface PolicyOrigin {
  /** model id, e.g. 'sql-policy' */
  model?: string;
  /** item identifier */
  sku?: string;
  /** the service metric the policy targets and its target value */
  target?: { metric: ServiceMetric; value: number };
  /** free-form details (objective, variant, k method, ...) */
  details?: Record<string, string | number | boolean>;
}

/** Service metrics the simulator reports (docs: src/sim/README.md). */
export type ServiceMetric = 'cycleServiceLevel' | 'fillRate' | 'readyRate' | 'onTimeRequested' | 'onTimeCommitted';

export type InventoryPolicy =
  | { kind: 'sQ'; reorderPoint: number; lotSize: number; multiples: 'one' | 'multiples'; lotRule?: LotRule; origin?: PolicyOrigin }
  | { kind: 'sS'; reorderPoint: number; orderUpTo: number; lotRule?: LotRule; origin?: PolicyOrigin }
  | { kind: 'RS'; reviewPeriod: number; orderUpTo: number; lotRule?: LotRule; origin?: PolicyOrigin }
  | { kind: 'RsS'; reviewPeriod: number; reorderPoint: number; orderUpTo: number; lotRule?: LotRule; origin?: PolicyOrigin }
  | { kind: 'RsQ'; reviewPeriod: number; reorderPoint: number; lotSize: number; multiples: 'one' | 'multiples'; lotRule?: LotRule; origin?: PolicyOrigin }
  | AdaptivePolicy;
