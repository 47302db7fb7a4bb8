/**
 * A forecast-driven (R, S) or (R, s, S) policy: at every review (the end of periods R − 1, 2R − 1, …)
 * the levels are re-estimated from the demand observed so far only,
 *   s_t = F_t(R + L) + SS_t,   S_t = s_t + F_t(c)   (c = orderCover periods; c = 0: (R, S), S_t = s_t),
 * and an order up to S_t is placed when the position is below S_t (c = 0) or at most s_t (c > 0);
 * with F_t(R + L) the forecaster's forecast of total demand over the protection interval
 * (review period R + lead time L, in the engine's convention that an order placed at the end of
 * period t with lead time L covers demand up to period t + L + R) and SS_t the safety stock from
 * the lead-time-cumulated forecast errors resolved so far (src/forecast/safety-stock.ts); F_t(c) is
 * the forecast demand of the next c periods, a lot that makes orders less frequent (for a fill rate
 * with c > 0, s_t is sized like the (s, Q) point below, with the position after review uniform on
 * (s_t, s_t + F_t(c) + mean undershoot]: AdaptiveRule.coverLevel). With
 * `orderQuantity` the rule is an adaptive (s, Q) (with R > 1 an (R, s, nQ)): when the position is
 * ≤ s_t it orders the smallest multiple of Q_t lifting it above s_t, Q_t the EOQ on the forecast
 * rate or a number of periods of forecast demand (AdaptiveOrderQuantity). Its reorder point is
 * s_t = F_t(H) + x_t, H = R + ⌈L⌉; for a fill rate β, x_t solves
 *   (1/Q_t)[G²_H(s_t) − G²_H(s_t + Q_t)] − (1/Q_t)[G²_L(s_t) − G²_L(s_t + Q_t)] = (1 − β)·F_t(R),
 * the expected units short per review with the position after ordering uniform on
 * (s_t, s_t + Q_t] (Hadley & Whitin 1963, Analysis of Inventory Systems, ch. 4–5; Silver, Pyke &
 * Thomas 2017, Inventory and Production Management in Supply Chains, ch. 6–7), G²_k the
 * second-order loss function of the demand over the next k periods, L = ⌈L⌉ periods in the
 * engine's timing (an order placed at the end of t arrives at the start of t + 1 + ⌈L⌉, so the
 * demand of the R periods after it meets y − D_L), taken from the forecaster's cumulated forecast
 * and the laws of its H- and L-period errors under the safety-stock method
 * (src/forecast/lot-safety-stock.ts has the derivation). Sizing s_t like an (R, S) level with a
 * cycle demand of Q_t, the former rule, overshot: 0.986 for a 0.95 target (normal demand, EOQ lot).
 * For a cycle service level s_t = F_t(H) + the quantile of the H-period errors, as for (R, S). The
 * rule learns through observe(t, d), which the engine calls once per period before review, so a
 * decision at t cannot depend on demand after t (test/policy/adaptive.test.ts proves it).
 */
import { checkKnownKeys, checkNumber, checkObject, describeValue } from '../core/validate.ts';
import { createForecaster, validateForecasterSpec, type ForecasterSpec } from '../forecast/spec.ts';
import { ErrorTracker, validateSafetyStockSpec, validateServiceTarget, type SafetyStockSpec, type ServiceTarget } from '../forecast/safety-stock.ts';
import { coverLotSpread, lotFillRateSafetyStock } from '../forecast/lot-safety-stock.ts';
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
  /**
   * Q: with it the rule is an adaptive (s, Q) policy (not with orderCover): when the position is
   * ≤ s_t, order the smallest multiple of Q_t that lifts it above s_t (orderAdaptiveQuantity)
   */
  orderQuantity?: AdaptiveOrderQuantity;
  /** on-hand stock at the start when the simulation settings give none (default 0) */
  initialStock?: number;
  lotRule?: LotRule;
  origin?: PolicyOrigin;
}

/**
 * The lot Q_t of an adaptive (s, Q) policy, re-estimated at every review from the forecast rate
 * F_t(1) (demand per period): 'eoq' Q_t = √(2·K·F_t(1)/h), the economic order quantity
 * (Harris 1913; Silver, Pyke & Thomas 2017, Inventory and Production Management in Supply
 * Chains, ch. 4) on the forecast rate, with K the cost per order and h the holding cost per unit
 * per period; 'daysOfSupply' Q_t = F_t(periods), the forecast demand of the next `periods`
 * periods. Either is raised to `min` (default 1 unit) so that Q_t > 0 when the forecast is 0.
 */
export type AdaptiveOrderQuantity =
  | { method: 'eoq'; orderingCost: number; holdingCost: number; min?: number }
  | { method: 'daysOfSupply'; periods: number; min?: number };

export const ADAPTIVE_KEYS = ['kind', 'forecaster', 'safetyStock', 'reviewPeriod', 'leadTime', 'target', 'orderCover', 'orderQuantity', 'initialStock', 'lotRule', 'origin', '$schema'] as const;

/** Field checks of an adaptive (s, Q) lot. */
function validateOrderQuantity(q: AdaptiveOrderQuantity, name: string): void {
  const o = checkObject(q, name);
  if (q.method === 'eoq') {
    checkKnownKeys(o, name, ['method', 'orderingCost', 'holdingCost', 'min']);
    checkNumber(q.orderingCost, `${name}.orderingCost`, 'nonneg');
    checkNumber(q.holdingCost, `${name}.holdingCost`, 'positive');
  } else if (q.method === 'daysOfSupply') {
    checkKnownKeys(o, name, ['method', 'periods', 'min']);
    checkNumber(q.periods, `${name}.periods`, 'int1');
  } else throw new RangeError(`${name}.method must be 'eoq' or 'daysOfSupply', got ${describeValue((q as { method?: unknown }).method)}`);
  if (q.min !== undefined) checkNumber(q.min, `${name}.min`, 'positive');
}

/** Q_t of an adaptive (s, Q) policy from the forecaster's state now (AdaptiveOrderQuantity). */
export function orderAdaptiveQuantity(q: AdaptiveOrderQuantity, forecaster: Forecaster): number {
  const raw = q.method === 'eoq' ? Math.sqrt((2 * q.orderingCost * Math.max(0, forecaster.cumulative(1))) / q.holdingCost) : forecaster.cumulative(q.periods);
  const min = q.min ?? 1;
  return raw >= min ? raw : min; // also when the forecast is NaN
}

/** Field checks of an adaptive policy (lot rule and kind are checked by validatePolicy). */
export function validateAdaptivePolicy(p: AdaptivePolicy, name = 'policy'): void {
  checkKnownKeys(checkObject(p, name), name, ADAPTIVE_KEYS);
  validateForecasterSpec(p.forecaster, `${name}.forecaster`);
  validateSafetyStockSpec(p.safetyStock, `${name}.safetyStock`);
  checkNumber(p.reviewPeriod, `${name}.reviewPeriod`, 'int1');
  checkNumber(p.leadTime, `${name}.leadTime`, 'nonneg');
  validateServiceTarget(p.target, `${name}.target`);
  if (p.orderCover !== undefined) checkNumber(p.orderCover, `${name}.orderCover`, 'int0');
  if (p.orderQuantity !== undefined) {
    validateOrderQuantity(p.orderQuantity, `${name}.orderQuantity`);
    if ((p.orderCover ?? 0) > 0) throw new RangeError(`${name}.orderQuantity and ${name}.orderCover exclude each other (an (s, Q) or an (R, s, S) policy), got both`);
  }
  if (p.initialStock !== undefined) checkNumber(p.initialStock, `${name}.initialStock`, 'nonneg');
}

/** Options of an AdaptiveRule (how it computes, never what it orders). */
export interface AdaptiveRuleOptions {
  /**
   * Solve a fill-rate reorder level sized by (★) ((s, Q) and (R, s, S), lot-safety-stock.ts) only
   * as far as the order decision needs: the bisection stops as soon as it shows s < position (no
   * order is due); lastLevel is then NaN and no calibration mark is set (ErrorTracker.markUpper).
   * The orders are those of the full solve (the same bisection steps, stopped early). Default
   * false: every review's level is solved in full.
   */
  levelsOnOrderOnly?: boolean;
}

/** The rule of an adaptive policy (fresh state: one per replication). */
export class AdaptiveRule implements OrderingRule {
  positionAfter = NaN;
  readonly forecaster: Forecaster;
  readonly errors: ErrorTracker;
  /** the reorder level s set at the latest review (NaN before the first, and with levelsOnOrderOnly at a review settled without an order; = S for an (R, S) policy) */
  lastLevel = NaN;
  /** the lot Q set at the latest review of an (s, Q) policy (NaN otherwise) */
  lastLot = NaN;
  /** (s, Q) with a fill-rate target and L ≥ 1: the L-period forecast errors (lot-safety-stock.ts); null otherwise */
  readonly leadErrors: ErrorTracker | null;
  private readonly horizon: number;
  private readonly lead: number;
  private countdown: number;
  private readonly onOrderOnly: boolean;
  constructor(
    private readonly p: AdaptivePolicy,
    options: AdaptiveRuleOptions = {},
  ) {
    this.onOrderOnly = options.levelsOnOrderOnly === true;
    this.forecaster = createForecaster(p.forecaster);
    this.lead = Math.ceil(p.leadTime);
    this.horizon = p.reviewPeriod + this.lead;
    this.errors = new ErrorTracker(this.horizon, p.safetyStock);
    this.leadErrors = (p.orderQuantity !== undefined || (p.orderCover ?? 0) > 0) && p.target.metric === 'fillRate' && this.lead > 0 ? new ErrorTracker(this.lead, p.safetyStock) : null;
    this.countdown = p.reviewPeriod;
  }
  observe(_t: number, demand: number): void {
    this.forecaster.update(demand);
    this.errors.record(demand, this.forecaster.cumulative(this.horizon), this.forecaster.cumulative(1));
    this.leadErrors?.record(demand, this.forecaster.cumulative(this.lead), this.forecaster.cumulative(1));
  }
  /**
   * The expected demand of one order cycle, the denominator of a fill-rate target: the expected
   * shortage allowed per cycle is (1 − β)·(cycle demand) (Silver, Pyke & Thomas 2017, Inventory
   * and Production Management in Supply Chains, §7.3, the fill rate as 1 − shortage per
   * replenishment cycle / demand per cycle). For (R, S) (c = 0) an order is placed every review and
   * replaces one review period's demand: F(R). With an order cover c > 0 an order lifts the
   * position from at most s to S = s + F(c), so a cycle lasts until that cover and the demand of
   * about one more review period (the undershoot below s at the triggering review) are used:
   * F(R) + F(c). This is an approximation, and it over-achieves with c > 0 (simulated, SES +
   * empirical, L = 3, normal and Poisson demand: 0.92–0.99 for a 0.9 target): the shortage of a
   * cycle is charged as the H-period errors' expected excess over s, but the position at the
   * reviews of a cycle is spread over (s, S]. review() therefore sizes a fill-rate s with c > 0 by
   * coverLevel (0.900–0.907 for 0.9 on the same cases, test/policy/adaptive-rss-fill.test.ts);
   * level() with this cycle demand is kept for c = 0 and as the former rule.
   */
  cycleDemand(): number {
    const R = this.forecaster.cumulative(this.p.reviewPeriod);
    const c = this.p.orderCover ?? 0;
    return c === 0 ? R : R + this.forecaster.cumulative(c);
  }
  /** s from the state now: F(R + L) + SS, SS sized for the demand of one order cycle (cycleDemand). */
  level(cycleDemand = this.cycleDemand()): number {
    const f = this.forecaster.cumulative(this.horizon);
    if (f !== f) return NaN;
    return f + this.errors.safetyStock(this.p.target, cycleDemand);
  }
  /**
   * (s, Q) reorder point s = F(H) + x: for a fill rate, x from the expected shortage with the
   * position after ordering uniform on (s, s + Q] (lotFillRateSafetyStock, (★) in
   * lot-safety-stock.ts); for a cycle service level the (R, S) quantile of the H-period errors.
   * With `position`, −∞ as soon as the solve shows s < position (no order due; see levelsOnOrderOnly).
   */
  lotLevel(Q: number, position = NaN): number {
    if (this.p.target.metric !== 'fillRate') return this.level(Q);
    const f = this.forecaster.cumulative(this.horizon);
    if (f !== f) return NaN;
    const rest = f - (this.lead > 0 ? this.forecaster.cumulative(this.lead) : 0);
    return f + lotFillRateSafetyStock(this.errors, this.leadErrors, this.p.target.value, this.forecaster.cumulative(this.p.reviewPeriod), rest, Q, f, position);
  }
  /**
   * (R, s, S) reorder point s = F(H) + x for a fill rate (c > 0): x from (★) of lot-safety-stock.ts
   * with the position after review uniform on (s, s + Q′], Q′ = F(c) + the mean undershoot
   * (coverLotSpread: the (s, Q) approximation of (R, s, S), Hadley & Whitin 1963, ch. 5), Var D_R
   * estimated as Var e_H − Var e_L of the two error trackers (0 while either has < 2 errors).
   * With `position`, −∞ as soon as the solve shows s < position (no order due; see levelsOnOrderOnly).
   */
  coverLevel(cover: number, position = NaN): number {
    const f = this.forecaster.cumulative(this.horizon);
    if (f !== f) return NaN;
    const fL = this.lead > 0 ? this.forecaster.cumulative(this.lead) : 0;
    const fR = this.forecaster.cumulative(this.p.reviewPeriod);
    const sdH = this.errors.moments().sd, sdL = this.leadErrors === null ? 0 : this.leadErrors.moments().sd;
    const varR = sdH === sdH && sdL === sdL ? sdH * sdH - sdL * sdL : 0;
    const Q = coverLotSpread(this.forecaster.cumulative(cover), fR, varR);
    return f + lotFillRateSafetyStock(this.errors, this.leadErrors, this.p.target.value, fR, f - fL, Q, f, position);
  }
  review(_t: number, ip: number): number {
    if (--this.countdown !== 0) return 0;
    this.countdown = this.p.reviewPeriod;
    const Q = this.p.orderQuantity === undefined ? NaN : orderAdaptiveQuantity(this.p.orderQuantity, this.forecaster);
    const cover = this.p.orderCover ?? 0;
    const position = this.onOrderOnly ? ip : NaN;
    const s = Q === Q ? this.lotLevel(Q, position) : cover > 0 && this.p.target.metric === 'fillRate' ? this.coverLevel(cover, position) : this.level();
    this.lastLot = Q;
    this.lastLevel = s === -Infinity ? NaN : s;
    if (!(s === s) || s === -Infinity) return 0;
    this.errors.markUpper(s);
    if (Q === Q) return this.lotOrder(ip, s, Q);
    if (cover === 0 ? !(ip < s) : ip > s) return 0;
    const S = cover === 0 ? s : s + this.forecaster.cumulative(cover);
    if (!(ip < S)) return 0;
    const q = S - ip;
    const lot = this.p.lotRule;
    const r = lot === undefined ? q : roundLot(q, lot);
    this.positionAfter = r === q ? S : NaN;
    return r;
  }
  /** (s, Q): when ip ≤ s, the smallest multiple of Q that lifts ip above s (lot-rounded). */
  private lotOrder(ip: number, s: number, Q: number): number {
    if (ip > s) return 0;
    const q = (Math.floor((s - ip) / Q) + 1) * Q;
    const lot = this.p.lotRule;
    return lot === undefined ? q : roundLot(q, lot);
  }
}
