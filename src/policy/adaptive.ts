/**
 * A forecast-driven (R, S) or (R, s, S) policy: at every review (the end of periods R − 1, 2R − 1, …)
 * the levels are re-estimated from the demand observed so far only,
 *   s_t = F_t(R + L) + SS_t,   S_t = s_t + F_t(c)   (c = orderCover periods; c = 0: (R, S), S_t = s_t),
 * and an order up to S_t is placed when the position is below S_t (c = 0) or at most s_t (c > 0);
 * with F_t(R + L) the forecaster's forecast of total demand over the protection interval
 * (review period R + lead time L, in the engine's convention that an order placed at the end of
 * period t with lead time L covers demand up to period t + L + R) and SS_t the safety stock from
 * the lead-time-cumulated forecast errors resolved so far (src/forecast/safety-stock.ts); F_t(c) is
 * the forecast demand of the next c periods, a lot that makes orders less frequent. The
 * rule learns through observe(t, d), which the engine calls once per period before review, so a
 * decision at t cannot depend on demand after t (test/policy/adaptive.test.ts proves it).
 */
import { checkKnownKeys, checkNumber, checkObject } from '../core/validate.ts';
import { createForecaster, validateForecasterSpec, type ForecasterSpec } from '../forecast/spec.ts';
import { ErrorTracker, validateSafetyStockSpec, validateServiceTarget, type SafetyStockSpec, type ServiceTarget } from '../forecast/safety-stock.ts';
import type { Forecaster } from '../forecast/types.ts';
import { roundLot } from './lot.ts';
import type { OrderingRule } from './rules.ts';
import type { LotRule, PolicyOrigin } from './types.ts';

/** Plain data (crosses into workers and files). */
export interface AdaptivePolicy {
  kind: 'adaptive';
  forecaster: ForecasterSpec;
  safetyStock: SafetyStockSpec;
  /** R: periods between reviews, integer ≥ 1 (R = 1: every period) */
  reviewPeriod: number;
  /** L: the lead time the policy plans for (periods ≥ 0) */
  leadTime: number;
  target: ServiceTarget;
  /** c: periods of forecast demand between the reorder level s and the order-up-to level S (integer ≥ 0; default 0, an (R, S) policy) */
  orderCover?: number;
  /** on-hand stock at the start when the simulation settings give none (default 0) */
  initialStock?: number;
  lotRule?: LotRule;
  origin?: PolicyOrigin;
}

export const ADAPTIVE_KEYS = ['kind', 'forecaster', 'safetyStock', 'reviewPeriod', 'leadTime', 'target', 'orderCover', 'initialStock', 'lotRule', 'origin', '$schema'] as const;

/** Field checks of an adaptive policy (lot rule and kind are checked by validatePolicy). */
export function validateAdaptivePolicy(p: AdaptivePolicy, name = 'policy'): void {
  checkKnownKeys(checkObject(p, name), name, ADAPTIVE_KEYS);
  validateForecasterSpec(p.forecaster, `${name}.forecaster`);
  validateSafetyStockSpec(p.safetyStock, `${name}.safetyStock`);
  checkNumber(p.reviewPeriod, `${name}.reviewPeriod`, 'int1');
  checkNumber(p.leadTime, `${name}.leadTime`, 'nonneg');
  validateServiceTarget(p.target, `${name}.target`);
  if (p.orderCover !== undefined) checkNumber(p.orderCover, `${name}.orderCover`, 'int0');
  if (p.initialStock !== undefined) checkNumber(p.initialStock, `${name}.initialStock`, 'nonneg');
}

/** The rule of an adaptive policy (fresh state: one per replication). */
export class AdaptiveRule implements OrderingRule {
  positionAfter = NaN;
  readonly forecaster: Forecaster;
  readonly errors: ErrorTracker;
  /** the reorder level s set at the latest review (NaN before the first; = S for an (R, S) policy) */
  lastLevel = NaN;
  private readonly horizon: number;
  private countdown: number;
  constructor(private readonly p: AdaptivePolicy) {
    this.forecaster = createForecaster(p.forecaster);
    this.horizon = p.reviewPeriod + Math.ceil(p.leadTime);
    this.errors = new ErrorTracker(this.horizon, p.safetyStock);
    this.countdown = p.reviewPeriod;
  }
  observe(_t: number, demand: number): void {
    this.forecaster.update(demand);
    this.errors.record(demand, this.forecaster.cumulative(this.horizon));
  }
  /** s from the state now: F(R + L) + SS. */
  level(): number {
    const f = this.forecaster.cumulative(this.horizon);
    if (f !== f) return NaN;
    return f + this.errors.safetyStock(this.p.target, this.forecaster.cumulative(this.p.reviewPeriod));
  }
  review(_t: number, ip: number): number {
    if (--this.countdown !== 0) return 0;
    this.countdown = this.p.reviewPeriod;
    const s = this.level();
    this.lastLevel = s;
    if (!(s === s)) return 0;
    this.errors.markUpper(s);
    const cover = this.p.orderCover ?? 0;
    if (cover === 0 ? !(ip < s) : ip > s) return 0;
    const S = cover === 0 ? s : s + this.forecaster.cumulative(cover);
    if (!(ip < S)) return 0;
    const q = S - ip;
    const lot = this.p.lotRule;
    const r = lot === undefined ? q : roundLot(q, lot);
    this.positionAfter = r === q ? S : NaN;
    return r;
  }
}
