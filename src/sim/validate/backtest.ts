/**
 * Backtest of seed 001's policies on a real order history (Katircioglu, Brown & Asghar 2007,
 * "Implementation issues": "simulation tests can be performed using actual sales and lead time
 * data"): estimate each SKU's policy on the history up to a date (Steps 1-7 of sql-policy),
 * then replay the rest of the SKU's real daily demand, day by day, against it in the engine
 * (src/sim/engine.ts), with lead times constant or drawn from records. Baselines run on the
 * same replay (same demand path, same lead-time draws: common random numbers).
 *
 * Pure (no I/O). Conventions:
 * - one period = one calendar day; days without trading are zero-demand days and lead times
 *   run through them (the data window T is counted in calendar days too);
 * - initial stock: the policy's natural top (ROP + LOT for sQ/RsQ, S for RS/RsS), nothing on
 *   order, no backorders (the engine's default), then `warmup` unmeasured days (the real days
 *   before the test window in 'replay' mode, bootstrap days in 'bootstrap' mode) so the measured
 *   window starts from the state the policy reached rather than from a full shelf;
 * - unmet demand is backordered (the paper's assumption);
 * - 'replay' mode replays the test window once per replication in order (replications differ
 *   only in lead-time draws); 'bootstrap' resamples the test window in blocks (circular block
 *   bootstrap) so the spread across replications gives a confidence interval.
 */
import { estimateMean, type Estimate } from '../../core/stats.ts';
import { solveSqlPolicy } from '../../models/sql-policy/model.ts';
import { orderStatistics } from '../../models/sql-policy/raw.ts';
import type { LeadTimeComponents, SqlPolicyParams, SqlPolicyResult } from '../../models/sql-policy/types.ts';
import { inventoryKernel, type InventorySimSpec } from '../inventory.ts';
import type { InventoryPolicy, ServiceMetric } from '../policy.ts';
import type { LeadTimeSpec } from '../processes/lead-time.ts';
import { baselinePolicies, type BaselineId } from './baselines.ts';

/** The columns of an order history this module needs (OrderLines of src/io/orders-csv.ts fits). */
export interface OrderHistory {
  skus: string[];
  skuIndex: Int32Array;
  day: Int32Array;
  quantity: Float64Array;
}

/** Syntetos-Boylan-Croston demand pattern: cut-offs ADI 1.32 and CV² 0.49 (Syntetos, Boylan & Croston 2005). */
export type DemandPattern = 'smooth' | 'erratic' | 'intermittent' | 'lumpy' | 'no demand';

/**
 * SBC classification of a daily series on trading days: ADI = trading days / days with demand
 * (average inter-demand interval), CV² = squared coefficient of variation of the non-zero daily
 * demands (population). smooth: ADI < 1.32 and CV² < 0.49; erratic: ADI < 1.32, CV² ≥ 0.49;
 * intermittent: ADI ≥ 1.32, CV² < 0.49; lumpy: both above.
 * @param daily demand per calendar day; @param trading true for the days that count (e.g. days the business traded)
 */
export function demandPattern(daily: ArrayLike<number>, trading: ArrayLike<boolean>): { adi: number; cv2: number; pattern: DemandPattern } {
  let days = 0;
  let k = 0;
  let sum = 0;
  let sum2 = 0;
  for (let d = 0; d < daily.length; d++) {
    if (!trading[d]) continue;
    days++;
    const x = daily[d]!;
    if (x > 0) {
      k++;
      sum += x;
      sum2 += x * x;
    }
  }
  if (k === 0) return { adi: Infinity, cv2: NaN, pattern: 'no demand' };
  const mean = sum / k;
  const cv2 = Math.max(0, sum2 / k - mean * mean) / (mean * mean);
  const adi = days / k;
  const pattern: DemandPattern = adi < 1.32 ? (cv2 < 0.49 ? 'smooth' : 'erratic') : cv2 < 0.49 ? 'intermittent' : 'lumpy';
  return { adi, cv2, pattern };
}

/** Per SKU: order sums over [fromDay, toDay) and the daily demand series over [fromDay, toDay). */
export function splitHistory(h: OrderHistory, fromDay: number, toDay: number): { n: Float64Array; sum: Float64Array; sumSquares: Float64Array; daily: Float64Array[] } {
  const m = h.skus.length;
  const len = Math.max(0, toDay - fromDay);
  const n = new Float64Array(m);
  const sum = new Float64Array(m);
  const sumSquares = new Float64Array(m);
  const daily = Array.from({ length: m }, () => new Float64Array(len));
  for (let i = 0; i < h.day.length; i++) {
    const d = h.day[i]!;
    if (d < fromDay || d >= toDay) continue;
    const s = h.skuIndex[i]!;
    const q = h.quantity[i]!;
    n[s]! += 1;
    sum[s]! += q;
    sumSquares[s]! += q * q;
    daily[s]![d - fromDay]! += q;
  }
  return { n, sum, sumSquares, daily };
}

export interface BacktestSettings {
  /** the sql-policy settings shared by all SKUs (objective, target, review, lot, variant, k, costs …) */
  policy: Omit<SqlPolicyParams, 'sku' | 'demand' | 'leadTime'>;
  /** lead-time statistics the model uses (Step 2) */
  modelLeadTime: LeadTimeComponents;
  /** lead times of the replay (days): constant, or replay of records ('resample' draws them i.i.d.) */
  simLeadTime: LeadTimeSpec;
  /** training window [trainFrom, trainTo) and test window [trainTo, testTo) as day numbers */
  trainFrom: number;
  trainTo: number;
  testFrom: number;
  testTo: number;
  mode: 'replay' | 'bootstrap';
  /** block length of the bootstrap (days) */
  blockLength?: number;
  replications: number;
  seed: number | string;
  /** scenario key prefix (experiment + scenario); the SKU is appended */
  scenario: string;
  /** baselines to run on the same replay */
  baselines?: BaselineId[];
  /** customer lead times for objectives 4 and 5 */
  customerLeadTime?: InventorySimSpec['customerLeadTime'];
  /** SKUs to use (default all) */
  only?: Set<string>;
  /** the data window T of Step 1 in days (default: the training window's calendar days) */
  windowDays?: number;
  /**
   * warm-up days before the measured window (default 0: start at the policy's top). 'replay':
   * the real days just before testFrom are replayed first (as many as exist, up to this many);
   * 'bootstrap': this many days are drawn from the same bootstrap first. Either way the measured
   * window starts from the state the policy itself reached, not from a full shelf.
   */
  warmup?: number;
}

export interface PolicyOutcome {
  /** 'model' or a baseline id */
  policyId: string;
  policy: InventoryPolicy;
  /** the metric the model's objective promises, estimated over replications */
  achieved: Estimate | undefined;
  fillRate: Estimate | undefined;
  cycleServiceLevel: Estimate | undefined;
  readyRate: Estimate | undefined;
  averageOnHand: number;
  /** days ending with nothing on hand, per replication average */
  daysWithoutStock: number;
  /** replenishment orders placed, per replication average */
  orders: number;
}

export interface SkuBacktest {
  sku: string;
  /** SBC pattern of the training window's demand on trading days (days with any order in the history) */
  pattern: DemandPattern;
  adi: number;
  cv2: number;
  /** warm-up days simulated before the measured window */
  warmup?: number;
  status: 'ok' | 'skipped';
  reason?: string;
  trainOrders: number;
  testDemand: number;
  result?: SqlPolicyResult;
  metric?: ServiceMetric;
  target?: number;
  outcomes: PolicyOutcome[];
  /** model's achieved point ≥ target */
  meetsTarget?: boolean;
  /** model's CI upper bound below target (undefined without a CI, i.e. one replication) */
  belowBeyondCi?: boolean;
}

function est(v: number[]): Estimate | undefined {
  const x = v.filter((a) => !Number.isNaN(a));
  if (x.length === 0) return undefined;
  // one observation: a point without a standard error, so no confidence interval (not [x, x])
  if (x.length === 1) return { n: 1, mean: x[0]!, sd: NaN, se: NaN, halfWidth: NaN, low: NaN, high: NaN, level: 0.95 };
  return estimateMean(x);
}

/** Simulate one policy on a spec for `replications` replications; rows in replication order. */
export function simulateRows(spec: InventorySimSpec, seed: number | string, scenario: string, replications: number): Record<string, number>[] {
  const rows: Record<string, number>[] = [];
  for (let r = 0; r < replications; r++) rows.push(inventoryKernel(spec, { seed, scenario, replication: r }));
  return rows;
}

/** Outcome of one policy from its rows. */
export function outcomeOf(policyId: string, policy: InventoryPolicy, rows: Record<string, number>[], metric: ServiceMetric, horizon: number): PolicyOutcome {
  const col = (m: string): number[] => rows.map((r) => r[m] ?? NaN);
  const mean = (m: string): number => {
    const v = col(m).filter((x) => !Number.isNaN(x));
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
  };
  return {
    policyId,
    policy,
    achieved: est(col(metric)),
    fillRate: est(col('fillRate')),
    cycleServiceLevel: est(col('cycleServiceLevel')),
    readyRate: est(col('readyRate')),
    averageOnHand: mean('averageOnHand'),
    daysWithoutStock: (1 - mean('readyRate')) * horizon,
    orders: mean('ordersPerPeriod') * horizon,
  };
}

/**
 * Backtest every SKU: train on [trainFrom, trainTo), replay [testFrom, testTo).
 * SKUs with fewer than 2 order lines in training, or no demand in the test window, are skipped
 * with the reason (a policy needs SOQ; a service level needs demand).
 */
export function backtest(h: OrderHistory, s: BacktestSettings, onProgress?: (done: number, total: number) => void): SkuBacktest[] {
  if (!(s.trainTo > s.trainFrom)) throw new RangeError('the training window must contain at least one day');
  if (!(s.testTo > s.testFrom)) throw new RangeError('the test window must contain at least one day');
  if (!(Number.isInteger(s.replications) && s.replications >= 1)) throw new RangeError(`replications must be an integer ≥ 1, got ${s.replications}`);
  const train = splitHistory(h, s.trainFrom, s.trainTo);
  const trading = new Array<boolean>(Math.max(0, s.trainTo - s.trainFrom)).fill(false);
  for (let i = 0; i < h.day.length; i++) {
    const d = h.day[i]! - s.trainFrom;
    if (d >= 0 && d < trading.length) trading[d] = true;
  }
  const wanted = s.warmup ?? 0;
  if (!(Number.isInteger(wanted) && wanted >= 0)) throw new RangeError(`warmup must be an integer ≥ 0 days, got ${s.warmup}`);
  let firstDay = Infinity;
  for (let i = 0; i < h.day.length; i++) firstDay = Math.min(firstDay, h.day[i]!);
  // replay: only real days before the test window can warm up; bootstrap: any number
  const warmup = s.mode === 'replay' ? Math.max(0, Math.min(wanted, s.testFrom - firstDay)) : wanted;
  const test = splitHistory(h, s.mode === 'replay' ? s.testFrom - warmup : s.testFrom, s.testTo);
  const measuredFrom = s.mode === 'replay' ? warmup : 0;
  const horizon = s.testTo - s.testFrom;
  const T = s.windowDays ?? s.trainTo - s.trainFrom;
  const out: SkuBacktest[] = [];
  const idx = h.skus.map((sku, i) => ({ sku, i })).filter((x) => !s.only || s.only.has(x.sku));
  let done = 0;
  for (const { sku, i } of idx) {
    const n = train.n[i]!;
    let testDemand = 0;
    const series = test.daily[i]!;
    for (let d = measuredFrom; d < series.length; d++) testDemand += series[d]!;
    const cls = demandPattern(train.daily[i]!, trading);
    const base: SkuBacktest = { sku, pattern: cls.pattern, adi: cls.adi, cv2: cls.cv2, status: 'skipped', trainOrders: n, testDemand, outcomes: [] };
    if (n < 2) {
      out.push({ ...base, reason: `${n} order line(s) before the split: SOQ needs 2` });
    } else if (!(testDemand > 0)) {
      out.push({ ...base, reason: 'no demand in the test window' });
    } else {
      const st = orderStatistics(n, train.sum[i]!, train.sumSquares[i]!, T);
      let result: SqlPolicyResult;
      try {
        result = solveSqlPolicy({ ...s.policy, sku, demand: { orderRate: st.OAR, meanOrderSize: st.AOQ, sdOrderSize: st.SOQ }, leadTime: s.modelLeadTime });
      } catch (e) {
        // name the SKU, as solveForSkus does for invlab policy
        const err = e as Error;
        throw err instanceof TypeError ? new TypeError(`SKU '${sku}': ${err.message}`) : new RangeError(`SKU '${sku}': ${err.message}`);
      }
      const metric = result.policy.origin!.target!.metric;
      const target = result.policy.origin!.target!.value;
      const history = Array.from(series);
      const demand: InventorySimSpec['demand'] = s.mode === 'replay' ? { kind: 'replay', history, mode: 'inOrder' } : { kind: 'replay', history, mode: 'blockBootstrap', blockLength: s.blockLength ?? 14 };
      const scenario = `${s.scenario}/${sku}`;
      const policies: [string, InventoryPolicy][] = [['model', result.policy], ...baselinePolicies(result, s.baselines ?? [])];
      const outcomes = policies.map(([id, policy]) => {
        const spec: InventorySimSpec = { demand, leadTime: s.simLeadTime, policy, horizon, warmup };
        if (s.customerLeadTime) spec.customerLeadTime = s.customerLeadTime;
        return outcomeOf(id, policy, simulateRows(spec, s.seed, scenario, s.replications), metric, horizon);
      });
      const m = outcomes[0]!.achieved;
      const row: SkuBacktest = { ...base, status: 'ok', warmup, result, metric, target, outcomes };
      if (m) {
        row.meetsTarget = m.mean >= target;
        // flagged only when there is a CI (≥ 2 replications); a single replay gives a point only
        if (Number.isFinite(m.high)) row.belowBeyondCi = m.high < target;
      }
      out.push(row);
    }
    done++;
    onProgress?.(done, idx.length);
  }
  return out;
}

/** Per-group summary of a backtest: SKUs, share meeting the target, mean achieved, on hand. */
export interface GroupSummary {
  group: string;
  skus: number;
  skipped: number;
  meetingTarget: number;
  shareMeetingTarget: number;
  belowBeyondCi: number;
  meanTarget: number;
  meanAchieved: number;
  /** per policy id: mean achieved and mean average on-hand over the group's SKUs */
  byPolicy: Record<string, { meanAchieved: number; meanOnHand: number; shareMeetingTarget: number }>;
}

export function summarizeByGroup(rows: readonly SkuBacktest[], groupOf: (sku: string) => string): GroupSummary[] {
  const groups = new Map<string, SkuBacktest[]>();
  for (const r of rows) {
    const g = groupOf(r.sku);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(r);
  }
  const avg = (v: number[]): number => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);
  const out: GroupSummary[] = [];
  for (const [group, rs] of groups) {
    const ok = rs.filter((r) => r.status === 'ok' && r.outcomes[0]?.achieved);
    const byPolicy: GroupSummary['byPolicy'] = {};
    for (const id of ok[0]?.outcomes.map((o) => o.policyId) ?? []) {
      const a = ok.map((r) => r.outcomes.find((o) => o.policyId === id)!);
      byPolicy[id] = {
        meanAchieved: avg(a.map((o) => o.achieved?.mean ?? NaN).filter((x) => !Number.isNaN(x))),
        meanOnHand: avg(a.map((o) => o.averageOnHand)),
        shareMeetingTarget: ok.length ? ok.filter((r, j) => (a[j]!.achieved?.mean ?? -1) >= r.target!).length / ok.length : NaN,
      };
    }
    const meeting = ok.filter((r) => r.meetsTarget).length;
    out.push({
      group,
      skus: rs.length,
      skipped: rs.length - ok.length,
      meetingTarget: meeting,
      shareMeetingTarget: ok.length ? meeting / ok.length : NaN,
      belowBeyondCi: ok.filter((r) => r.belowBeyondCi).length,
      meanTarget: avg(ok.map((r) => r.target!)),
      meanAchieved: avg(ok.map((r) => r.outcomes[0]!.achieved!.mean)),
      byPolicy,
    });
  }
  return out.sort((a, b) => a.group.localeCompare(b.group));
}
