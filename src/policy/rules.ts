/**
 * The seam between a policy and the simulator: an OrderingRule says what to order at the end of
 * a period, given the inventory position. The engine (src/sim/engine.ts) knows nothing else of
 * the policy, so a rule re-estimated at every review (a forecast-driven policy) plugs in
 * without touching the loop: implement OrderingRule, and observe() sees each period's demand.
 *
 * Conventions (continuous review checks at the end of every period; periodic review at the end
 * of periods R − 1, 2R − 1, …): see ./README.md.
 */
import { roundLot, hasLotRule } from './lot.ts';
import type { InventoryPolicy, LotRule } from './types.ts';
import { AdaptiveRule } from './adaptive.ts';

export interface OrderingRule {
  /**
   * Units to order at the end of period t, given the inventory position ip (on hand + on order −
   * backorders) after that period's demand; 0 for no order. Lot restrictions are already applied.
   */
  review(t: number, ip: number): number;
  /**
   * After review() returned q > 0: the inventory position the order brings the system to exactly
   * (the order-up-to level S, so that ip is S and not ip + (S − ip) with round-off), or NaN when
   * the position is simply ip + q.
   */
  positionAfter: number;
  /** Optional: called once per period with its demand, before review (for adaptive rules). */
  observe?(t: number, demand: number): void;
}

/** (s, Q) quantity: Q, or the smallest multiple of Q that lifts ip above s. */
function lotQuantity(ip: number, s: number, Q: number, multiples: boolean): number {
  return multiples ? (Math.floor((s - ip) / Q) + 1) * Q : Q;
}

/** Continuous or periodic review of a reorder point s with lot Q (kinds sQ, RsQ). */
class ReorderLotRule implements OrderingRule {
  positionAfter = NaN;
  private countdown: number;
  constructor(
    private readonly R: number,
    private readonly s: number,
    private readonly Q: number,
    private readonly multiples: boolean,
    private readonly lot: LotRule | undefined,
  ) {
    this.countdown = R;
  }
  review(_t: number, ip: number): number {
    if (this.R !== 1) {
      if (--this.countdown !== 0) return 0;
      this.countdown = this.R;
    }
    if (ip > this.s) return 0;
    const q = lotQuantity(ip, this.s, this.Q, this.multiples);
    return this.lot === undefined ? q : roundLot(q, this.lot);
  }
}

/** Order up to S when ip ≤ s (kinds sS, RsS; s = S − ε… for RS is handled by OrderUpToRule). */
class ReorderUpToRule implements OrderingRule {
  positionAfter = NaN;
  private countdown: number;
  constructor(
    private readonly R: number,
    private readonly s: number,
    private readonly S: number,
    private readonly lot: LotRule | undefined,
  ) {
    this.countdown = R;
  }
  review(_t: number, ip: number): number {
    if (--this.countdown !== 0) return 0;
    this.countdown = this.R;
    if (ip > this.s) return 0;
    return upTo(this, ip, this.S, this.lot);
  }
}

/** Base stock every R periods: order up to S when ip < S (kind RS). */
class OrderUpToRule implements OrderingRule {
  positionAfter = NaN;
  private countdown: number;
  constructor(
    private readonly R: number,
    private readonly S: number,
    private readonly lot: LotRule | undefined,
  ) {
    this.countdown = R;
  }
  review(_t: number, ip: number): number {
    if (--this.countdown !== 0) return 0;
    this.countdown = this.R;
    if (!(ip < this.S)) return 0;
    return upTo(this, ip, this.S, this.lot);
  }
}

/** S − ip, lot-rounded; the position after is exactly S unless the lot rule changed the quantity. */
function upTo(rule: OrderingRule, ip: number, S: number, lot: LotRule | undefined): number {
  const q = S - ip;
  const r = lot === undefined ? q : roundLot(q, lot);
  rule.positionAfter = r === q ? S : NaN;
  return r;
}

/** The rule that runs a plain-data policy (fresh state: call once per replication). */
export function orderingRule(p: InventoryPolicy): OrderingRule {
  const lot = hasLotRule(p.lotRule) ? p.lotRule : undefined;
  switch (p.kind) {
    case 'sQ':
      return new ReorderLotRule(1, p.reorderPoint, p.lotSize, p.multiples === 'multiples', lot);
    case 'RsQ':
      return new ReorderLotRule(p.reviewPeriod, p.reorderPoint, p.lotSize, p.multiples === 'multiples', lot);
    case 'sS':
      return new ReorderUpToRule(1, p.reorderPoint, p.orderUpTo, lot);
    case 'RsS':
      return new ReorderUpToRule(p.reviewPeriod, p.reorderPoint, p.orderUpTo, lot);
    case 'RS':
      return new OrderUpToRule(p.reviewPeriod, p.orderUpTo, lot);
    case 'adaptive':
      return new AdaptiveRule(p);
  }
}

/** Natural starting stock of a policy: s + Q for (s, Q) rules, S for order-up-to rules. */
export function naturalTop(p: InventoryPolicy): number {
  switch (p.kind) {
    case 'sQ':
    case 'RsQ':
      return Math.max(0, p.reorderPoint + p.lotSize);
    case 'adaptive':
      return p.initialStock ?? 0;
    default:
      return Math.max(0, p.orderUpTo);
  }
}
