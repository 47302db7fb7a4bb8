/**
 * Backtest of the sql-policy model (Katircioglu, Brown & Asghar 2007, "Implementation issues":
 * "simulation tests can be performed using actual sales and lead time data"): estimate each
 * SKU's policy on the history up to a date (Steps 1-7), then replay the rest of the SKU's real
 * daily demand, day by day, against it in the engine (src/sim/inventory.ts), with lead times
 * constant or drawn from records. Baselines run on the same replay (same demand path, same
 * lead-time draws: common random numbers).
 *
 * Pure (no I/O). The replications themselves are run by the caller's `simulate` function (the
 * CLI and the experiments pass runReplications on the worker pool, src/pool/run.ts), so this
 * module plans and summarises and never loops over replications itself. Conventions:
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
import type { Estimate } from '../../../core/stats.ts';
import { sbcClassOf } from '../../../forecast/sbc.ts';
import type { InventoryPolicy, ServiceMetric } from '../../../policy/types.ts';
import type { InventoryRow } from '../../../sim/engine.ts';
import type { InventorySimSpec } from '../../../sim/inventory.ts';
import { summarizeRows } from '../../../sim/metrics.ts';
import { solveSqlPolicy } from '../model.ts';
import { wholeUnitPolicy } from '../policy.ts';
import { orderStatistics } from '../raw.ts';
import type { LeadTimeComponents, SqlPolicyParams, SqlPolicyResult } from '../types.ts';
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
  // the class rule is src/forecast/sbc.ts's; the ADI is not SbcStatistics' (which counts periods up to the last demand): here trailing days without demand count too
  return { adi, cv2, pattern: sbcClassOf(adi, cv2).sbcClass };
}

/**
 * Per SKU: order sums over [fromDay, toDay) and the daily demand series over [fromDay, toDay).
 * With `wanted` (1 per SKU index to split), only those SKUs are: the others get zero sums and an
 * empty series (a shard plans only the SKUs of its chunks; see planBacktest).
 */
export function splitHistory(h: OrderHistory, fromDay: number, toDay: number, wanted?: Uint8Array): { n: Float64Array; sum: Float64Array; sumSquares: Float64Array; daily: Float64Array[] } {
  const m = h.skus.length;
  const len = Math.max(0, toDay - fromDay);
  const n = new Float64Array(m);
  const sum = new Float64Array(m);
  const sumSquares = new Float64Array(m);
  const none = new Float64Array(0);
  const daily = Array.from({ length: m }, (_, s) => (wanted === undefined || wanted[s] === 1 ? new Float64Array(len) : none));
  for (let i = 0; i < h.day.length; i++) {
    const d = h.day[i]!;
    if (d < fromDay || d >= toDay) continue;
    const s = h.skuIndex[i]!;
    if (wanted !== undefined && wanted[s] !== 1) continue;
    const q = h.quantity[i]!;
    n[s]! += 1;
    sum[s]! += q;
    sumSquares[s]! += q * q;
    daily[s]![d - fromDay]! += q;
  }
  return { n, sum, sumSquares, daily };
}

export interface BacktestSettings {
  /**
   * a SKU the model cannot solve: reported as a row with status 'error' and the reason (true:
   * `invlab validate`'s partial success), or thrown, naming the SKU (default)
   */
  reportSkuErrors?: boolean;
  /** the sql-policy settings shared by all SKUs (objective, target, review, lot, variant, k, costs …) */
  policy: Omit<SqlPolicyParams, 'sku' | 'demand' | 'leadTime'>;
  /** lead-time statistics the model uses (Step 2) */
  modelLeadTime: LeadTimeComponents;
  /** lead times of the replay (days): constant, or replay of records ('resample' draws them i.i.d.) */
  simLeadTime: InventorySimSpec['leadTime'];
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
  /**
   * run whole-unit policies (wholeUnitPolicy: ROP and S rounded up, lot to the nearest unit, ≥ 1).
   * Default: true when every quantity of the history is a whole number.
   */
  wholeUnits?: boolean;
  /**
   * with whole units, also run the model's continuous policy on the same replay as outcome
   * 'model-continuous' (default true), so both achieved figures are reported
   */
  continuousOutcome?: boolean;
}

/** The id of the model's continuous (unrounded) policy among the outcomes. */
export const CONTINUOUS_ID = 'model-continuous';

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
  /**
   * 'ok': the target metric was measured; 'skipped': no policy (too few order lines) or no
   * demand in the test window (reason says which); 'unmeasured': simulated, but the target
   * metric has no value (e.g. no replenishment cycle closed): reason says why, and the outcomes
   * carry the metrics that were measured (fill rate, ready rate, stock-out days); 'error': the
   * model gives no policy for the SKU's training statistics (reason says why; not simulated).
   */
  status: 'ok' | 'skipped' | 'unmeasured' | 'error';
  reason?: string;
  /** whether the engine ran the whole-unit policy (the model's continuous figures stay in result) */
  wholeUnits?: boolean;
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

/**
 * The arithmetic mean summed left to right (NaN for no values). The tables of the sql-policy
 * experiments were computed with this summation order; a compensated or running mean would move
 * their last digits.
 */
export function plainMean(v: readonly number[] | Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return v.length ? s / v.length : NaN;
}

/** plainMean of the values that are not NaN. */
export function meanOfDefined(v: readonly number[]): number {
  return plainMean(v.filter((a) => !Number.isNaN(a)));
}

/**
 * The estimate of one metric from the engine's summary (src/sim/metrics.ts summarizeRows, whose
 * estimator and interval it names); undefined when no replication measured it. One observation
 * is a point without a standard error: its interval is left undefined (NaN), never [x, x].
 */
function est(summary: Record<string, Estimate>, m: string): Estimate | undefined {
  const e = summary[m];
  if (e === undefined || Number.isNaN(e.mean)) return undefined;
  // an estimator that does not name itself is a plain replication mean: no interval from one value
  if (e.n === 1 && e.estimator === undefined) return { ...e, sd: NaN, se: NaN, halfWidth: NaN, low: NaN, high: NaN };
  return e;
}

/**
 * Runs `replications` replications of one inventory spec with the stream keys (seed, scenario,
 * replication) and returns the rows in replication order: runReplications({ kernel:
 * inventoryKernel, … }) on the worker pool, or any equivalent.
 */
export type SimulateReplications = ((spec: InventorySimSpec, seed: number | string, scenario: string, replications: number) => Promise<readonly InventoryRow[]>) & {
  /**
   * Optional batched form (the CLI's and the experiments' pool runner has it): runs chunk payloads
   * (backtestChunkPayload) with runBacktestChunkPayload of ./batch.ts, one task per chunk, and
   * returns per chunk the outcomes of its simulated SKUs; `onChunk` is called as each finishes.
   * backtest() uses it when present: the same numbers, bit for bit, as one call per (SKU, policy).
   */
  runChunks?: RunBacktestChunks;
};

/** Runs chunk payloads (any subset, in the given order) and returns their outcomes in that order. */
export type RunBacktestChunks = (payloads: readonly BacktestChunkPayload[], onChunk?: (k: number, outcomes: PolicyOutcome[][]) => void) => Promise<PolicyOutcome[][][]>;

/** Outcome of one policy from its rows. */
export function outcomeOf(policyId: string, policy: InventoryPolicy, rows: readonly InventoryRow[], metric: ServiceMetric, horizon: number): PolicyOutcome {
  const col = (m: ServiceMetric | 'averageOnHand' | 'ordersPerPeriod'): number[] => rows.map((r) => r[m] ?? NaN);
  const summary = summarizeRows(rows as unknown as readonly Record<string, number>[]);
  return {
    policyId,
    policy,
    achieved: est(summary, metric),
    fillRate: est(summary, 'fillRate'),
    cycleServiceLevel: est(summary, 'cycleServiceLevel'),
    readyRate: est(summary, 'readyRate'),
    averageOnHand: meanOfDefined(col('averageOnHand')),
    daysWithoutStock: (1 - meanOfDefined(col('readyRate'))) * horizon,
    orders: meanOfDefined(col('ordersPerPeriod')) * horizon,
  };
}

/** The windows of a backtest, checked, and the history split over them. */
interface BacktestWindows {
  train: ReturnType<typeof splitHistory>;
  test: ReturnType<typeof splitHistory>;
  /** trading days of the training window (days with any order in the history) */
  trading: boolean[];
  warmup: number;
  /** index in the test series where the measured window starts */
  measuredFrom: number;
  horizon: number;
  /** the data window T of Step 1 (days) */
  T: number;
  /** the engine runs whole-unit policies */
  wholeUnits: boolean;
}

/** Is every quantity of the history a whole number? */
export function wholeUnitDemand(h: OrderHistory): boolean {
  for (let i = 0; i < h.quantity.length; i++) if (!Number.isInteger(h.quantity[i]!)) return false;
  return true;
}

/**
 * Check the settings and split the history into training and test (with warm-up) windows (of
 * the SKUs marked in `skusToSplit` only, when given). The trading days, the first day and whole
 * units are properties of the whole history, whichever SKUs are split.
 */
function backtestWindows(h: OrderHistory, s: BacktestSettings, skusToSplit?: Uint8Array): BacktestWindows {
  if (!(s.trainTo > s.trainFrom)) throw new RangeError('the training window must contain at least one day');
  if (!(s.testTo > s.testFrom)) throw new RangeError('the test window must contain at least one day');
  if (!(Number.isInteger(s.replications) && s.replications >= 1)) throw new RangeError(`replications must be an integer ≥ 1, got ${s.replications}`);
  const train = splitHistory(h, s.trainFrom, s.trainTo, skusToSplit);
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
  const test = splitHistory(h, s.mode === 'replay' ? s.testFrom - warmup : s.testFrom, s.testTo, skusToSplit);
  const wholeUnits = s.wholeUnits ?? wholeUnitDemand(h);
  return { train, test, trading, warmup, measuredFrom: s.mode === 'replay' ? warmup : 0, horizon: s.testTo - s.testFrom, T: s.windowDays ?? s.trainTo - s.trainFrom, wholeUnits };
}

/** One policy of one SKU to simulate. */
export interface PolicyJob {
  policyId: string;
  policy: InventoryPolicy;
  spec: InventorySimSpec;
}

/** One SKU planned: skipped (with the reason), or its policy, the metric it promises and the jobs. */
export interface SkuPlan {
  row: SkuBacktest;
  jobs: PolicyJob[];
  scenario: string;
  /** the replayed series (test window with its warm-up days), for the chunk payloads */
  series: Float64Array;
}

/** Steps 1-7 on the training window of one SKU; errors name the SKU, as solveForSkus does for invlab policy. */
function trainedPolicy(s: BacktestSettings, w: BacktestWindows, sku: string, i: number): SqlPolicyResult {
  const st = orderStatistics(w.train.n[i]!, w.train.sum[i]!, w.train.sumSquares[i]!, w.T);
  try {
    return solveSqlPolicy({ ...s.policy, sku, demand: { orderRate: st.OAR, meanOrderSize: st.AOQ, sdOrderSize: st.SOQ }, leadTime: s.modelLeadTime });
  } catch (e) {
    const err = e as Error;
    throw err instanceof TypeError ? new TypeError(`SKU '${sku}': ${err.message}`) : new RangeError(`SKU '${sku}': ${err.message}`);
  }
}

/**
 * Plan one SKU: skipped when it has fewer than 2 order lines in training (a policy needs SOQ) or
 * no demand in the test window (a service level needs demand); otherwise its policy and, for it
 * and each baseline, the replay spec (same demand and lead times: common random numbers).
 */
function planSku(s: BacktestSettings, w: BacktestWindows, sku: string, i: number): SkuPlan {
  const n = w.train.n[i]!;
  const series = w.test.daily[i]!;
  let testDemand = 0;
  for (let d = w.measuredFrom; d < series.length; d++) testDemand += series[d]!;
  const cls = demandPattern(w.train.daily[i]!, w.trading);
  const base: SkuBacktest = { sku, pattern: cls.pattern, adi: cls.adi, cv2: cls.cv2, status: 'skipped', trainOrders: n, testDemand, outcomes: [] };
  const scenario = `${s.scenario}/${sku}`;
  if (n < 2) return { row: { ...base, reason: `${n} order line(s) before the split: SOQ needs 2` }, jobs: [], scenario, series };
  if (!(testDemand > 0)) return { row: { ...base, reason: 'no demand in the test window' }, jobs: [], scenario, series };
  let result: SqlPolicyResult;
  try {
    result = trainedPolicy(s, w, sku, i);
  } catch (e) {
    // one SKU the model cannot solve (e.g. case 1B's ratio not below 1): reported when asked (validate's partial success), else thrown
    if (!s.reportSkuErrors) throw e;
    return { row: { ...base, status: 'error', reason: (e as Error).message.replace(`SKU '${sku}': `, '') }, jobs: [], scenario, series };
  }
  const history = Array.from(series);
  const demand: InventorySimSpec['demand'] = s.mode === 'replay' ? { kind: 'replay', history, mode: 'inOrder' } : { kind: 'replay', history, mode: 'blockBootstrap', blockLength: s.blockLength ?? 14 };
  const policies = skuPolicies(s, w, result);
  const jobs = policies.map(([policyId, policy]) => {
    const spec: InventorySimSpec = { demand, leadTime: s.simLeadTime, policy, horizon: w.horizon, warmup: w.warmup };
    if (s.customerLeadTime) spec.customerLeadTime = s.customerLeadTime;
    return { policyId, policy, spec };
  });
  const target = result.policy.origin!.target!;
  return { row: { ...base, status: 'ok', warmup: w.warmup, wholeUnits: w.wholeUnits, result, metric: target.metric, target: target.value, outcomes: [] }, jobs, scenario, series };
}

/**
 * The policies of one SKU in outcome order: the model's (whole units when the demand is), the
 * baselines (rounded the same way), then the model's continuous policy when it differs and
 * continuousOutcome is not false.
 */
function skuPolicies(s: BacktestSettings, w: BacktestWindows, result: SqlPolicyResult): [string, InventoryPolicy][] {
  const round = (p: InventoryPolicy): InventoryPolicy => (w.wholeUnits ? wholeUnitPolicy(p) : p);
  const out: [string, InventoryPolicy][] = [['model', round(result.policy)], ...baselinePolicies(result, s.baselines ?? []).map(([id, p]): [string, InventoryPolicy] => [id, round(p)])];
  if (w.wholeUnits && s.continuousOutcome !== false) out.push([CONTINUOUS_ID, result.policy]);
  return out;
}

/** Why the target metric of a simulated SKU has no value. */
function unmeasuredReason(metric: ServiceMetric, o: PolicyOutcome, replications: number): string {
  if (metric === 'cycleServiceLevel') return `no replenishment cycle closed in ${replications} replication(s) (${o.orders.toFixed(1)} orders per replication): cycle service is undefined`;
  return `${metric} has no value in ${replications} replication(s) (no demand reached it)`;
}

/** Simulate the jobs of one planned SKU and give its verdict against the target. */
async function runSku(p: SkuPlan, s: BacktestSettings, horizon: number, simulate: SimulateReplications): Promise<SkuBacktest> {
  if (p.row.status !== 'ok') return p.row;
  const metric = p.row.metric!;
  const outcomes = await Promise.all(p.jobs.map(async (j) => outcomeOf(j.policyId, j.policy, await simulate(j.spec, s.seed, p.scenario, s.replications), metric, horizon)));
  return skuVerdict(p, s, outcomes);
}

/** A simulated SKU's row from its outcomes (model first): the verdict against the target. */
function skuVerdict(p: SkuPlan, s: BacktestSettings, outcomes: PolicyOutcome[]): SkuBacktest {
  const metric = p.row.metric!;
  const row: SkuBacktest = { ...p.row, outcomes };
  const m = outcomes[0]!.achieved;
  if (!m) {
    row.status = 'unmeasured';
    row.reason = unmeasuredReason(metric, outcomes[0]!, s.replications);
  }
  if (m) {
    row.meetsTarget = m.mean >= row.target!;
    // flagged only when there is a CI (≥ 2 replications); a single replay gives a point only
    if (Number.isFinite(m.high)) row.belowBeyondCi = m.high < row.target!;
  }
  return row;
}

/**
 * Backtest every SKU: train on [trainFrom, trainTo), replay [testFrom, testTo). The settings are
 * checked and every SKU's policy solved before anything is simulated: a bad setting or a SKU the
 * model cannot solve throws at once (not through the promise). SKUs with fewer than 2 order
 * lines in training, or no demand in the test window, are skipped with the reason. All SKUs'
 * replications are handed to `simulate` at once (the pool keeps every worker busy); rows come
 * back in SKU order. With `simulate.runChunks` the work goes out in chunks of BACKTEST_CHUNK_SKUS
 * SKUs (every policy and replication of a SKU in one task): the same rows, bit for bit.
 */
export function backtest(h: OrderHistory, s: BacktestSettings, simulate: SimulateReplications, onProgress?: (done: number, total: number) => void): Promise<SkuBacktest[]> {
  const plan = planBacktest(h, s);
  if (simulate.runChunks !== undefined) return backtestInChunks(plan, simulate.runChunks, onProgress);
  let done = 0;
  return Promise.all(
    plan.skus.map(async (p) => {
      const row = await runSku(p, s, plan.horizon, simulate);
      onProgress?.(++done, plan.skus.length);
      return row;
    }),
  );
}

async function backtestInChunks(plan: BacktestPlan, runChunks: RunBacktestChunks, onProgress?: (done: number, total: number) => void): Promise<SkuBacktest[]> {
  const indices = Array.from({ length: plan.chunks }, (_, k) => k);
  let done = 0;
  const outcomes = await runChunks(
    indices.map((k) => backtestChunkPayload(plan, k)),
    (k) => onProgress?.((done += chunkSkuRange(plan, k)[1] - chunkSkuRange(plan, k)[0]), plan.skus.length),
  );
  return reduceBacktestChunks(
    plan,
    indices.map((k) => backtestChunkResult(plan, k, outcomes[k]!)),
  );
}

// ---------------------------------------------------------------------------------------------
// Chunks: the unit of work (and of determinism) of a portfolio backtest

/**
 * SKUs per chunk: a constant, so the cut never depends on threads or shards (each SKU's numbers
 * depend only on its own streams anyway: seed, scenario/SKU, replication, process).
 */
export const BACKTEST_CHUNK_SKUS = 16;

/**
 * A planned backtest: the SKUs' rows (skipped, or its policy and jobs), cut into chunks. A full
 * plan holds every SKU; a partial one (planBacktest with chunks) the SKUs skuFrom … skuFrom +
 * skus.length − 1 of the skuCount SKUs, the span of the chunks it was asked for.
 */
export interface BacktestPlan {
  settings: BacktestSettings;
  horizon: number;
  warmup: number;
  /** the planned SKUs: all of them (skuFrom 0, skus.length = skuCount) or a span of whole chunks */
  skus: SkuPlan[];
  /** index (among all the run's SKUs) of skus[0] */
  skuFrom: number;
  /** SKUs of the run (after `only`), planned or not */
  skuCount: number;
  /** number of chunks: ⌈skuCount / BACKTEST_CHUNK_SKUS⌉ */
  chunks: number;
}

/** What one chunk task needs (plain, structured-clone data): each SKU's history once, its policies. */
export interface BacktestChunkPayload {
  seed: number | string;
  replications: number;
  horizon: number;
  warmup: number;
  mode: 'replay' | 'bootstrap';
  blockLength: number;
  leadTime: InventorySimSpec['leadTime'];
  customerLeadTime?: InventorySimSpec['customerLeadTime'];
  /** the simulated SKUs of the chunk, in SKU order (skipped ones are not sent) */
  skus: { scenario: string; history: Float64Array; metric: ServiceMetric; policies: [string, InventoryPolicy][] }[];
}

/** One finished chunk: its index and the full rows of its SKUs, in SKU order. */
export interface BacktestChunkResult {
  index: number;
  skus: SkuBacktest[];
}

/**
 * Check the settings, split the history and solve the SKUs' policies (throws at once on a bad
 * setting, or on a SKU the model cannot solve unless reportSkuErrors). The SKUs are those of the
 * history in order (after `only`), cut into chunks of BACKTEST_CHUNK_SKUS: the cut depends on
 * that list only. With `chunks`, only the SKUs of the span of those chunks (first … last) are
 * split and solved (a shard's share; [] plans none: the chunk count only): each planned SKU's
 * plan is the one of the full plan, bit for bit.
 */
export function planBacktest(h: OrderHistory, s: BacktestSettings, chunks?: readonly number[]): BacktestPlan {
  const idx = backtestSkus(h, s).map((i) => ({ sku: h.skus[i]!, i }));
  const count = Math.ceil(idx.length / BACKTEST_CHUNK_SKUS);
  const [from, to] = chunks === undefined ? [0, idx.length] : chunkSpan(chunks, count, idx.length);
  let wanted: Uint8Array | undefined;
  if (chunks !== undefined) {
    wanted = new Uint8Array(h.skus.length);
    for (let j = from; j < to; j++) wanted[idx[j]!.i] = 1;
  }
  const w = backtestWindows(h, s, wanted);
  const skus = idx.slice(from, to).map(({ sku, i }) => planSku(s, w, sku, i));
  return { settings: s, horizon: w.horizon, warmup: w.warmup, skus, skuFrom: from, skuCount: idx.length, chunks: count };
}

/**
 * The run's SKUs in plan order, as indices into h.skus: the history's SKUs in order, those of
 * `only` when given. The chunks cut this list (and nothing else) into BACKTEST_CHUNK_SKUS.
 */
export function backtestSkus(h: OrderHistory, s: Pick<BacktestSettings, 'only'>): number[] {
  const out: number[] = [];
  for (let i = 0; i < h.skus.length; i++) if (!s.only || s.only.has(h.skus[i]!)) out.push(i);
  return out;
}

/** The SKUs [from, to) spanned by chunks (each in 0…count − 1) of a run of `skus` SKUs; [0, 0) for none. */
function chunkSpan(chunks: readonly number[], count: number, skus: number): [number, number] {
  if (chunks.length === 0) return [0, 0];
  for (const k of chunks) if (!(Number.isInteger(k) && k >= 0 && k < count)) throw new RangeError(`chunk index must be an integer in 0…${count - 1}, got ${k}`);
  return [Math.min(...chunks) * BACKTEST_CHUNK_SKUS, Math.min(skus, (Math.max(...chunks) + 1) * BACKTEST_CHUNK_SKUS)];
}

/** The SKUs [from, to) of chunk k (indices among all the run's SKUs: plan.skus[from − plan.skuFrom] in a plan that holds it). */
export function chunkSkuRange(plan: BacktestPlan, k: number): [number, number] {
  if (!(Number.isInteger(k) && k >= 0 && k < plan.chunks)) throw new RangeError(`chunk index must be an integer in 0…${plan.chunks - 1}, got ${k}`);
  return [k * BACKTEST_CHUNK_SKUS, Math.min(plan.skuCount, (k + 1) * BACKTEST_CHUNK_SKUS)];
}

/** The planned SKUs of chunk k (a partial plan that does not hold it throws). */
function chunkSkus(plan: BacktestPlan, k: number): SkuPlan[] {
  const [from, to] = chunkSkuRange(plan, k);
  if (from < plan.skuFrom || to > plan.skuFrom + plan.skus.length) throw new RangeError(`chunk ${k} is not planned: this plan holds SKUs ${plan.skuFrom}…${plan.skuFrom + plan.skus.length - 1} of ${plan.skuCount} (plan it with planBacktest(h, s, chunks))`);
  return plan.skus.slice(from - plan.skuFrom, to - plan.skuFrom);
}

/** The payload of chunk k: the shared settings once, each simulated SKU's test series once. */
export function backtestChunkPayload(plan: BacktestPlan, k: number): BacktestChunkPayload {
  const s = plan.settings;
  const skus: BacktestChunkPayload['skus'] = [];
  for (const p of chunkSkus(plan, k)) {
    if (p.row.status !== 'ok') continue;
    skus.push({ scenario: p.scenario, history: Float64Array.from(p.series), metric: p.row.metric!, policies: p.jobs.map((j): [string, InventoryPolicy] => [j.policyId, j.policy]) });
  }
  const payload: BacktestChunkPayload = { seed: s.seed, replications: s.replications, horizon: plan.horizon, warmup: plan.warmup, mode: s.mode, blockLength: s.blockLength ?? 14, leadTime: s.simLeadTime, skus };
  if (s.customerLeadTime) payload.customerLeadTime = s.customerLeadTime;
  return payload;
}

/** Chunk k's rows from the outcomes of its simulated SKUs (as runBacktestChunkPayload returns them). */
export function backtestChunkResult(plan: BacktestPlan, k: number, outcomes: readonly PolicyOutcome[][]): BacktestChunkResult {
  let j = 0;
  const skus = chunkSkus(plan, k).map((p) => (p.row.status !== 'ok' ? p.row : skuVerdict(p, plan.settings, outcomes[j++]!)));
  if (j !== outcomes.length) throw new RangeError(`chunk ${k}: ${outcomes.length} simulated SKUs returned, ${j} expected`);
  return { index: k, skus };
}

/**
 * The backtest's rows from chunk results given in any order: each chunk index exactly once
 * (a gap or a duplicate is named), reduced in index order.
 */
export function reduceBacktestChunks(plan: BacktestPlan, results: readonly BacktestChunkResult[]): SkuBacktest[] {
  const byIndex = Array.from({ length: plan.chunks }, (): BacktestChunkResult | undefined => undefined); // no holes: flatMap skips holes
  for (const r of results) {
    if (!(Number.isInteger(r.index) && r.index >= 0 && r.index < plan.chunks)) throw new RangeError(`chunk index ${r.index} is outside 0…${plan.chunks - 1}`);
    if (byIndex[r.index] !== undefined) throw new RangeError(`chunk ${r.index} is given twice`);
    byIndex[r.index] = r;
  }
  const missing = byIndex.flatMap((r, k) => (r === undefined ? [k] : []));
  if (missing.length > 0) throw new RangeError(`missing chunk(s) ${missing.join(', ')} of ${plan.chunks}`);
  return byIndex.flatMap((r) => r!.skus);
}

/**
 * Per-group summary of a backtest. Every SKU with demand in the test window is in the
 * denominator of the share meeting the target: those whose metric could not be measured (no
 * policy, or no value) count as not meeting it and are counted in `unmeasured`.
 */
export interface GroupSummary {
  group: string;
  skus: number;
  /** SKUs without a measured target metric (skus − measured): no demand, no policy or unmeasured */
  skipped: number;
  /** SKUs with demand in the test window: the denominator of shareMeetingTarget */
  withDemand: number;
  /** SKUs whose target metric was measured */
  measured: number;
  /** SKUs with demand whose target metric was not measured (no policy, or no value) */
  unmeasured: number;
  meetingTarget: number;
  /** meetingTarget / withDemand (NaN for a group without demand) */
  shareMeetingTarget: number;
  /** meetingTarget / measured */
  shareOfMeasured: number;
  belowBeyondCi: number;
  meanTarget: number;
  meanAchieved: number;
  /** per policy id: mean achieved and mean average on-hand over the group's measured SKUs; share meeting the target over withDemand */
  byPolicy: Record<string, { meanAchieved: number; meanOnHand: number; shareMeetingTarget: number }>;
}

/** Does a SKU count in the denominator (demand in the test window)? */
export function hasTestDemand(r: SkuBacktest): boolean {
  return r.testDemand > 0;
}

/** Mean achieved, on hand and share meeting per policy over the measured SKUs of a group. */
function byPolicyOf(ok: readonly SkuBacktest[], withDemand: number): GroupSummary['byPolicy'] {
  const byPolicy: GroupSummary['byPolicy'] = {};
  for (const id of ok[0]?.outcomes.map((o) => o.policyId) ?? []) {
    const a = ok.map((r) => r.outcomes.find((o) => o.policyId === id)!);
    byPolicy[id] = {
      meanAchieved: plainMean(a.map((o) => o.achieved?.mean ?? NaN).filter((x) => !Number.isNaN(x))),
      meanOnHand: plainMean(a.map((o) => o.averageOnHand)),
      shareMeetingTarget: withDemand ? ok.filter((r, j) => (a[j]!.achieved?.mean ?? -1) >= r.target!).length / withDemand : NaN,
    };
  }
  return byPolicy;
}

/** Summaries per group (groupOf maps a SKU to its group), sorted by group name. */
export function summarizeByGroup(rows: readonly SkuBacktest[], groupOf: (sku: string) => string): GroupSummary[] {
  const groups = new Map<string, SkuBacktest[]>();
  for (const r of rows) {
    const g = groupOf(r.sku);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(r);
  }
  const out: GroupSummary[] = [];
  for (const [group, rs] of groups) {
    const ok = rs.filter((r) => r.status === 'ok' && r.outcomes[0]?.achieved);
    const withDemand = rs.filter(hasTestDemand).length;
    const meeting = ok.filter((r) => r.meetsTarget).length;
    out.push({
      group,
      skus: rs.length,
      skipped: rs.length - ok.length,
      withDemand,
      measured: ok.length,
      unmeasured: withDemand - ok.length,
      meetingTarget: meeting,
      shareMeetingTarget: withDemand ? meeting / withDemand : NaN,
      shareOfMeasured: ok.length ? meeting / ok.length : NaN,
      belowBeyondCi: ok.filter((r) => r.belowBeyondCi).length,
      meanTarget: plainMean(ok.map((r) => r.target!)),
      meanAchieved: plainMean(ok.map((r) => r.outcomes[0]!.achieved!.mean)),
      byPolicy: byPolicyOf(ok, withDemand),
    });
  }
  return out.sort((a, b) => a.group.localeCompare(b.group));
}
