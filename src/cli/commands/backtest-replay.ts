/**
 * Replaying an outside tool's forecasts as an inventory policy (`invlab backtest --forecasts`).
 *
 * Policy. A periodic-review order-up-to policy, review period R, planned lead time L,
 * protection interval H = R + L. At a review on day r (after its demand), the order-up-to level
 * is the forecast made at origin r of the demand of days r + 1 … r + H plus a safety stock,
 *   S_r = ⌈F_r(H) + SS_r⌉ (whole units, at least 0),  F_r(H) = Σ_{h=1..H} point_{r,h},
 * and the order brings the inventory position up to S_r. The safety stock comes from
 *  - 'quantiles': the file's quantile columns at the target level p (cycle service):
 *    d_h = q_{p,r,h} − point_{r,h}; 'independent': SS = sign(Σd)·√(Σ d_h²) (exact when the daily
 *    errors are independent normal), 'comonotone': SS = Σ d_h (exact when they move together);
 *  - 'empirical' / 'normal' / 'gamma' / 'negbin' / 'bootstrap': the errors of the file's own
 *    earlier forecasts of H-day totals, e_o = y_{o+1} + … + y_{o+H} − F_o(H), for every origin o
 *    with o + H ≤ r (no look-ahead), the most recent `window` of them, fed to the ErrorTracker of
 *    src/forecast/safety-stock.ts, which sizes the safety stock exactly as for the adaptive
 *    policy (type-7 quantile, Φ⁻¹(p)·sd, or the moment-fitted gamma / negative binomial with
 *    mean F_r(H) for cycle service; the loss-function inverses for a fill rate, with F_r(R) the
 *    forecast of one review period); 'bootstrap' sums H one-step errors y_d − F_{d−1}(1) of the
 *    file's origins (1000 sums, i.i.d., stream of --seed); SS = 0 until `minErrors` errors.
 *
 * Replay. Per SKU, the first review r₁ is the first origin with at least R − 1 days of history
 * before it; the replay starts on day r₁ − R + 1 (so that the engine's reviews, at the end of
 * periods R − 1, 2R − 1, …, fall on r₁, r₁ + R, …), the first R days are warm-up (not measured),
 * and the days after r₁ up to the end of the history (or --until) are measured on the real
 * demand. Every review day before the last day needs a forecast of horizons 1..H. The stock on
 * hand at the start is the policy's level at r₁ (its top; nothing on order), as `invlab validate`
 * starts a policy at its top. Lead times are L (constant), or drawn per order from a rounded
 * normal N(L, sd²) ≥ 0 from a stream keyed by (seed, SKU, replication): common random numbers,
 * so the forecast policy and the baseline meet the same lead times.
 *
 * Baseline. The built-in adaptive policy (src/policy/adaptive.ts) with a named forecaster, the
 * same target, R, L, whole units and start: it learns from the history before the replay (its
 * forecaster and error tracker observe those days first) and then online. With forecasts made
 * by `invlab forecast` with the same method at every day (origins from the first day, every 1)
 * and errors-based safety stock, the two policies are the same (test/cli/backtest.test.ts).
 */
import { createLeadTimeSampler } from '../../dist/lead-time.ts';
import { ErrorTracker, type SafetyStockSpec, type ServiceTarget } from '../../forecast/safety-stock.ts';
import type { ForecasterSpec } from '../../forecast/spec.ts';
import { dayNumberToIso, InputError } from '../../io/common-csv.ts';
import type { OriginForecasts, SkuForecasts } from '../../io/forecasts-csv.ts';
import { AdaptiveRule, type AdaptivePolicy } from '../../policy/adaptive.ts';
import type { OrderingRule } from '../../policy/rules.ts';
import { simulateWithRule, type InventoryRow, type ProcessSources } from '../../sim/engine.ts';
import { processStream } from '../../sim/inventory.ts';

/** 'quantiles': the file's quantile columns; otherwise a method of src/forecast/safety-stock.ts on the file's past errors. */
export type SafetyStockSource = 'quantiles' | SafetyStockSpec['method'];

export interface ReplaySettings {
  /** L: planned lead time, whole days ≥ 0 (the mean when random) */
  leadTime: number;
  /** sd of the lead time (0: constant) */
  leadTimeSd: number;
  /** R: days between reviews ≥ 1 */
  review: number;
  target: ServiceTarget;
  safetyStock: SafetyStockSource;
  combine: 'independent' | 'comonotone';
  /** index of the target level among the file's quantile levels ('quantiles' only) */
  levelIndex: number;
  replications: number;
  seed: number;
  /** last day replayed (day number); undefined: each SKU's last day */
  until?: number;
  window: number;
  minErrors: number;
}

/** One SKU's daily demand: quantities[i] is the demand of day firstDay + i (no gaps). */
export interface DemandHistory {
  sku: string;
  firstDay: number;
  quantities: readonly number[];
}

export interface SkuPlan {
  sku: string;
  /** day of t = 0 */
  start: number;
  /** first review (day) */
  firstReview: number;
  /** last day replayed */
  end: number;
  reviews: number;
  /** measured days (after the first review) */
  horizon: number;
}

/**
 * The safety-stock spec of the settings' error-based method (bootstrap: 1000 sums of one-step
 * errors, i.i.d. (block 1), from the stream of --seed).
 */
export function errorSafetyStockSpec(s: ReplaySettings): SafetyStockSpec {
  const method = s.safetyStock === 'quantiles' ? 'empirical' : s.safetyStock;
  return method === 'bootstrap' ? { method, window: s.window, minErrors: s.minErrors, seed: s.seed } : { method, window: s.window, minErrors: s.minErrors };
}

/** Σ of the first n point forecasts of an origin (NaN if one is missing). */
export function pointTotal(o: OriginForecasts, n: number): number {
  let s = 0;
  for (let h = 0; h < n; h++) s += o.point[h] ?? NaN;
  return s;
}

/** Safety stock from the quantile columns at one level over horizons 1..H (module doc). */
export function quantileSafetyStock(o: OriginForecasts, level: number, H: number, combine: 'independent' | 'comonotone'): number {
  let sum = 0, sq = 0;
  for (let h = 0; h < H; h++) {
    const d = o.quantiles[level]![h]! - o.point[h]!;
    sum += d;
    sq += d * d;
  }
  return combine === 'comonotone' ? sum : Math.sign(sum) * Math.sqrt(sq);
}

/** The policy of a forecasts table on one SKU: reviews, levels and the errors of past origins. */
export class ForecastTableRule implements OrderingRule {
  positionAfter = NaN;
  /** order-up-to level of each review so far, and its day */
  readonly levels: number[] = [];
  readonly reviewDays: number[] = [];
  private readonly errors: ErrorTracker;
  private readonly H: number;
  private resolvedTo: number;
  private countdown: number;
  constructor(
    private readonly history: DemandHistory,
    private readonly forecasts: SkuForecasts,
    private readonly plan: SkuPlan,
    private readonly s: ReplaySettings,
  ) {
    this.H = s.review + s.leadTime;
    this.errors = new ErrorTracker(this.H, errorSafetyStockSpec(s));
    this.resolvedTo = history.firstDay - 1;
    this.countdown = s.review;
    this.resolveThrough(plan.start - 1);
  }
  /** Resolve the errors of every origin o with o + H ≤ day (and the one-step errors of o = day − 1), in origin order. */
  private resolveThrough(day: number): void {
    const y = this.history.quantities;
    for (let d = this.resolvedTo + 1; d <= day; d++) {
      const one = this.forecasts.origins.get(d - 1)?.point[0];
      if (one !== undefined && d - 1 >= this.history.firstDay) this.errors.addOneStepError(y[d - this.history.firstDay]! - one);
      const o = this.forecasts.origins.get(d - this.H);
      if (o === undefined || d - this.H < this.history.firstDay) continue;
      const f = pointTotal(o, this.H);
      if (f !== f) continue;
      let actual = 0;
      for (let i = d - this.H + 1; i <= d; i++) actual += y[i - this.history.firstDay]!;
      this.errors.addError(actual - f);
    }
    this.resolvedTo = Math.max(this.resolvedTo, day);
  }
  observe(t: number, _demand: number): void {
    this.resolveThrough(this.plan.start + t);
  }
  /** The whole-unit level at a review day (the day's errors resolved). */
  levelAt(day: number): number {
    const o = this.forecasts.origins.get(day)!;
    const f = pointTotal(o, this.H);
    const s = this.s;
    const ss = s.safetyStock === 'quantiles' ? quantileSafetyStock(o, s.levelIndex, this.H, s.combine) : this.errors.safetyStock(s.target, pointTotal(o, s.review), f);
    return Math.max(0, Math.ceil(f + ss - 1e-12));
  }
  review(t: number, ip: number): number {
    if (--this.countdown !== 0) return 0;
    this.countdown = this.s.review;
    const day = this.plan.start + t;
    if (!this.forecasts.origins.has(day)) return 0; // only the last day may lack one (checked by planSku)
    const S = this.levelAt(day);
    this.levels.push(S);
    this.reviewDays.push(day);
    if (!(ip < S)) return 0;
    this.positionAfter = S;
    return S - ip;
  }
}

function hasHorizons(o: OriginForecasts, H: number): boolean {
  for (let h = 0; h < H; h++) if (o.point[h] === undefined) return false;
  return true;
}

/** The replay of one SKU (module doc), or an InputError naming the SKU and the day a forecast is missing. */
export function planSku(h: DemandHistory, f: SkuForecasts, s: ReplaySettings, file: string): SkuPlan {
  const R = s.review;
  const H = R + s.leadTime;
  const last = h.firstDay + h.quantities.length - 1;
  const end = s.until === undefined ? last : Math.min(s.until, last);
  const origins = [...f.origins.keys()].sort((a, b) => a - b);
  const firstReview = origins.find((o) => o >= h.firstDay + R - 1 && o < end);
  if (firstReview === undefined) {
    throw new InputError(`${file}: SKU '${h.sku}' has no forecast origin from ${dayNumberToIso(h.firstDay + R - 1)} to ${dayNumberToIso(end - 1)}: the replay needs R − 1 = ${R - 1} days of history before its first review and a day after it`);
  }
  let reviews = 0;
  for (let d = firstReview; d < end; d += R) {
    const o = f.origins.get(d);
    if (o === undefined) {
      throw new InputError(`${file}: missing origin: SKU '${h.sku}' has no forecast made on ${dayNumberToIso(d)}, a review date of the replay (every ${R} days from its first origin ${dayNumberToIso(firstReview)} to ${dayNumberToIso(end)}); give forecasts at every review date, or change --review or --until`);
    }
    if (!hasHorizons(o, H)) {
      const have = o.point.findIndex((x) => x === undefined);
      throw new InputError(`${file}: row ${o.row}: SKU '${h.sku}', origin ${dayNumberToIso(d)} has horizons 1..${have < 0 ? o.point.length : have} but the policy needs 1..${H} (review ${R} + lead time ${s.leadTime} days)`);
    }
    reviews++;
  }
  return { sku: h.sku, start: firstReview - R + 1, firstReview, end, reviews, horizon: end - firstReview };
}

/** Demand of the replay and lead times of replication r (constant, or the keyed stream). */
function sources(h: DemandHistory, plan: SkuPlan, s: ReplaySettings, replication: number): ProcessSources {
  const offset = plan.start - h.firstDay;
  const y = h.quantities;
  if (s.leadTimeSd === 0) return { demand: (t) => y[offset + t]!, leadTime: () => s.leadTime };
  const sampler = createLeadTimeSampler({ kind: 'normal', mean: s.leadTime, sd: s.leadTimeSd, integer: true }, processStream({ seed: s.seed, scenario: `backtest/${h.sku}`, replication }, 'leadTime'));
  return { demand: (t) => y[offset + t]!, leadTime: () => sampler.next() };
}

export interface ReplayResult {
  plan: SkuPlan;
  rows: InventoryRow[];
  /** order-up-to levels of the first replication's reviews */
  levels: number[];
  initialOnHand: number;
  /**
   * calibration: the share of reviews r (with r + H within the replay) whose real demand over
   * r + 1 … r + H stayed at or below the level S_r, against the nominal cycle service
   */
  coverage: number;
}

/** Share of reviews whose next H days of real demand stayed ≤ their level (NaN when none can be judged). */
export function levelCoverage(h: DemandHistory, days: readonly number[], levels: readonly number[], H: number, end: number): number {
  let judged = 0, covered = 0;
  days.forEach((r, k) => {
    if (r + H > end) return;
    let d = 0;
    for (let i = r + 1; i <= r + H; i++) d += h.quantities[i - h.firstDay]!;
    judged++;
    if (d <= levels[k]!) covered++;
  });
  return judged === 0 ? NaN : covered / judged;
}

/** Replications of the forecast policy on one SKU. */
export function replayForecasts(h: DemandHistory, f: SkuForecasts, plan: SkuPlan, s: ReplaySettings): ReplayResult {
  const probe = new ForecastTableRule(h, f, plan, s);
  probe.observe(plan.firstReview - plan.start, 0);
  const initialOnHand = probe.levelAt(plan.firstReview);
  const settings = { horizon: plan.horizon, warmup: s.review, reviewPeriod: s.review };
  const rows: InventoryRow[] = [];
  let first: ForecastTableRule | undefined;
  for (let r = 0; r < s.replications; r++) {
    const rule = new ForecastTableRule(h, f, plan, s);
    rows.push(simulateWithRule(rule, initialOnHand, settings, sources(h, plan, s, r)));
    first ??= rule;
  }
  const coverage = levelCoverage(h, first!.reviewDays, first!.levels, s.review + s.leadTime, plan.end);
  return { plan, rows, levels: first!.levels, initialOnHand, coverage };
}

/** The adaptive baseline's policy for the settings. */
export function baselinePolicy(forecaster: ForecasterSpec, s: ReplaySettings): AdaptivePolicy {
  return { kind: 'adaptive', forecaster, safetyStock: errorSafetyStockSpec(s), reviewPeriod: s.review, leadTime: s.leadTime, target: s.target, lotRule: { multiple: 1 } };
}

/** An adaptive rule that has observed the history before the replay. */
function warmAdaptive(p: AdaptivePolicy, h: DemandHistory, upTo: number): AdaptiveRule {
  const rule = new AdaptiveRule(p);
  for (let d = h.firstDay; d < upTo; d++) rule.observe(d - h.firstDay, h.quantities[d - h.firstDay]!);
  return rule;
}

/** Replications of the built-in adaptive policy on the same replay (same lead-time streams). */
export function replayBaseline(h: DemandHistory, plan: SkuPlan, forecaster: ForecasterSpec, s: ReplaySettings): { rows: InventoryRow[]; initialOnHand: number } {
  const p = baselinePolicy(forecaster, s);
  const level = warmAdaptive(p, h, plan.firstReview + 1).level();
  const initialOnHand = level === level ? Math.max(0, Math.ceil(level - 1e-12)) : 0;
  const settings = { horizon: plan.horizon, warmup: s.review, reviewPeriod: s.review };
  const rows: InventoryRow[] = [];
  for (let r = 0; r < s.replications; r++) rows.push(simulateWithRule(warmAdaptive(p, h, plan.start), initialOnHand, settings, sources(h, plan, s, r)));
  return { rows, initialOnHand };
}

/** One SKU's work for the worker pool: the forecast policy's replications and the baseline's. */
export interface SkuReplayPayload {
  history: DemandHistory;
  forecasts: SkuForecasts;
  plan: SkuPlan;
  settings: ReplaySettings;
  baseline?: ForecasterSpec;
}

export interface SkuReplayResult {
  forecast: ReplayResult;
  baseline?: { rows: InventoryRow[]; initialOnHand: number };
}

export function runSkuReplay(p: SkuReplayPayload): SkuReplayResult {
  const forecast = replayForecasts(p.history, p.forecasts, p.plan, p.settings);
  return p.baseline === undefined ? { forecast } : { forecast, baseline: replayBaseline(p.history, p.plan, p.baseline, p.settings) };
}

/**
 * The task the worker pool runs per SKU (src/pool/run.ts runTasks), found by module URL and
 * export name; every random draw is keyed by (seed, SKU, replication), so the results do not
 * depend on the thread count.
 */
export const skuReplayTask = {
  module: import.meta.url,
  exportName: 'skuReplayTask',
  taskName: 'backtest.forecast-replay',
  run: runSkuReplay,
};
