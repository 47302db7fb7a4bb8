/**
 * Experiment sql-policy-backtest (Katircioglu, Brown & Asghar 2007, "Implementation issues"): the
 * paper's policies replayed on a real wholesale order history, SKU by SKU.
 * Data (the shared data folder, src/io/shared-data.ts): order_transactions.csv (UCI Online Retail
 * extract, Chen 2015, CC BY 4.0; 170 SKUs), lead times from lead_times.csv (USAID SCMS Delivery
 * History; one observation per purchase order, rescaled to a 10-day mean keeping their shape,
 * since their 106-day mean is longer than any test window) and a constant 10 days as a control;
 * classes and SBC patterns from sku_summary.csv.
 * - in sample: train and replay the whole year (the paper's own test); out of sample: train
 *   until 2011-09-01, replay the autumn;
 * - policies: objectives 3 and 6 at 0.95, continuous (sQ) and periodic (weekly base stock),
 *   objectives 4 and 5 (continuous; assumed customer lead times: requested 1-3 days, committed 2),
 *   corrected and exact; variant and k effects for objective 3; the data window T in calendar
 *   days (default) and in trading days;
 * - baselines on the same replay: no safety stock, 7 days of supply, two-week cover;
 * - per-SKU CIs by block bootstrap of the replayed window (14-day blocks);
 * - whole-unit policies (the order lines are whole units), the continuous policy beside them;
 *   every SKU with demand in the denominator of the share meeting the target;
 * - the waterfall of the no-stock-out gap (objective 3, sQ, in sample) per class on common random
 *   numbers, with its synthetic control (src/models/sql-policy/backtest/waterfall.ts).
 * The replications run on the worker pool (ctx.pool); rows do not depend on the thread count.
 */
import { readFileSync } from 'node:fs';
import { normalLossInverse } from '../src/core/normal.ts';
import { sampleMeanSd } from '../src/core/stats.ts';
import type { Row } from '../src/io/csv-write.ts';
import { isoDayNumber } from '../src/io/common-csv.ts';
import { POOLED_KEY, readLeadTimesCsv } from '../src/io/lead-times-csv.ts';
import { fmt, markdownTable } from '../src/io/markdown.ts';
import { readOrdersCsv, type OrderLines } from '../src/io/orders-csv.ts';
import { renderSvg } from '../src/io/plot.ts';
import { sharedDataDir } from '../src/io/shared-data.ts';
import { readSkuClassesCsv, type SkuClass } from '../src/io/sku-classes-csv.ts';
import { replicationsOnPool } from '../src/cli/commands/validate.ts';
import { backtest, outcomeOf, summarizeByGroup, type BacktestSettings, type SimulateReplications, type SkuBacktest } from '../src/models/sql-policy/backtest/backtest.ts';
import { summarizeWaterfall, waterfall, WATERFALL_LEVELS, WATERFALL_STEPS, type SkuWaterfall } from '../src/models/sql-policy/backtest/waterfall.ts';
import { estimateMean } from '../src/core/stats.ts';
import { wholeUnitPolicy } from '../src/models/sql-policy/policy.ts';

/** Rows with NaN cells emptied (pages and CSVs print no NaN; each table's note says what an empty cell means). */
function withoutNaN(rows: Row[]): Row[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' && Number.isNaN(v) ? undefined : v])));
}
import { BASELINES, withReorderPoint } from '../src/models/sql-policy/backtest/baselines.ts';
import { recordMeanSd, rescaleRecords } from '../src/models/sql-policy/backtest/records.ts';
import type { KMethod, Objective, Review, SqlPolicyParams, Variant } from '../src/models/sql-policy/types.ts';
import type { Experiment, ExperimentContext, ExperimentOutput } from './framework.ts';

const ID = 'sql-policy-backtest';
/** objectives 4 and 5 (the history has no customer dates): requested lead time uniform on {1, 2, 3} days, committed 2 days */
const CLTR = { kind: 'uniformInteger', min: 1, max: 3 } as const;
const CLTC = 2;
const CLASS_ORDER = ['fast', 'medium', 'slow', 'very_slow', 'new', 'discontinued', 'all'];

/** The input of a run. */
export interface BacktestSpec {
  /** first day of the out-of-sample replay (ISO date) */
  split: string;
  /** mean the lead-time records are rescaled to, and the constant control lead time (days) */
  leadTimeMean: number;
  /** service target */
  target: number;
  /** bootstrap replications per SKU and policy, block length and unmeasured warm-up days */
  replications: number;
  blockLength: number;
  warmup: number;
  /** every how many SKUs are used (1: all 170) */
  skuEvery: number;
  /** fill-rate targets of the achieved-against-target scatter */
  scatterTargets: number[];
  /** the frontier: fill-rate targets of the model, days of supply / cover of the baselines, replications */
  frontierTargets: number[];
  frontierDays: number[];
  frontierReplications: number;
  /** the waterfall of the gap (objective 3, sQ, in sample): bootstrap replications per level and Monte Carlo draws of the exact lead-time demand */
  waterfallReplications: number;
  ltdDraws: number;
}

interface Config {
  id: string;
  objective: Objective;
  review: Review;
  variant: Variant;
  kMethod: KMethod;
  window: 'calendar' | 'trading';
}

const CONFIGS: Config[] = [
  { id: 'obj3-continuous', objective: 'no-stockout', review: 'continuous', variant: 'corrected', kMethod: 'exact', window: 'calendar' },
  { id: 'obj3-periodic', objective: 'no-stockout', review: 'periodic', variant: 'corrected', kMethod: 'exact', window: 'calendar' },
  { id: 'obj6-continuous', objective: 'fill-rate', review: 'continuous', variant: 'corrected', kMethod: 'exact', window: 'calendar' },
  { id: 'obj6-periodic', objective: 'fill-rate', review: 'periodic', variant: 'corrected', kMethod: 'exact', window: 'calendar' },
  { id: 'obj4-continuous', objective: 'on-time-request', review: 'continuous', variant: 'corrected', kMethod: 'exact', window: 'calendar' },
  { id: 'obj5-continuous', objective: 'on-time-commit', review: 'continuous', variant: 'corrected', kMethod: 'exact', window: 'calendar' },
  { id: 'obj3-continuous-printed', objective: 'no-stockout', review: 'continuous', variant: 'printed', kMethod: 'exact', window: 'calendar' },
  { id: 'obj3-continuous-approx', objective: 'no-stockout', review: 'continuous', variant: 'corrected', kMethod: 'approx', window: 'calendar' },
  { id: 'obj3-continuous-trading-T', objective: 'no-stockout', review: 'continuous', variant: 'corrected', kMethod: 'exact', window: 'trading' },
];

const PROFILES: Record<'quick' | 'full', BacktestSpec> = {
  quick: { split: '2011-09-01', leadTimeMean: 10, target: 0.95, replications: 4, blockLength: 14, warmup: 56, skuEvery: 10, scatterTargets: [0.9, 0.95], frontierTargets: [0.8, 0.95], frontierDays: [0, 14], frontierReplications: 2, waterfallReplications: 4, ltdDraws: 4000 },
  full: { split: '2011-09-01', leadTimeMean: 10, target: 0.95, replications: 40, blockLength: 14, warmup: 56, skuEvery: 1, scatterTargets: [0.8, 0.9, 0.95, 0.98], frontierTargets: [0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99], frontierDays: [0, 3, 7, 10, 14, 21, 28, 42], frontierReplications: 10, waterfallReplications: 40, ltdDraws: 20000 },
};

function policySettings(c: Config, target: number): Omit<SqlPolicyParams, 'sku' | 'demand' | 'leadTime'> {
  const s: Omit<SqlPolicyParams, 'sku' | 'demand' | 'leadTime'> = { objective: c.objective, target, review: c.review, lot: { rule: c.review === 'periodic' ? 'flexible' : 'default' }, variant: c.variant, kMethod: c.kMethod };
  if (c.review === 'periodic') s.reviewPeriod = 7;
  if (c.objective === 'on-time-commit') s.committedLeadTime = CLTC;
  return s;
}

function tradingDaysIn(o: OrderLines, from: number, to: number): number {
  let n = 0;
  for (const d of o.tradingDayList) if (d >= from && d < to) n++;
  return n;
}

/** The lead-time settings of the replay: records (rescaled) and the constant control. */
interface LeadTimeSetting {
  id: string;
  label: string;
  model: { mean: number; sd: number };
  sim: BacktestSettings['simLeadTime'];
}

/** The data of a run: orders, classes, the SKUs used, lead-time settings and windows. */
interface Data {
  orders: OrderLines;
  classes: Map<string, SkuClass>;
  only: Set<string> | undefined;
  leadTimes: LeadTimeSetting[];
  records: { count: number; rawMean: number; rawSd: number; cv: number };
  first: number;
  end: number;
  splits: { id: string; trainFrom: number; trainTo: number; testFrom: number; testTo: number }[];
  groupClass: (sku: string) => string;
  groupPattern: (sku: string) => string;
}

/** Read the order history, classes and lead-time records (one per purchase order, rescaled to the spec's mean). */
function loadData(spec: BacktestSpec): Data {
  const dir = sharedDataDir();
  const orders = readOrdersCsv(`${dir}/order_transactions.csv`);
  const classes = readSkuClassesCsv(`${dir}/sku_summary.csv`);
  const only = spec.skuEvery > 1 ? new Set(orders.skus.filter((_, i) => i % spec.skuEvery === 0)) : undefined;
  const t = readLeadTimesCsv(`${dir}/lead_times.csv`, { dedupe: 'order_id' });
  const c = t.groups.get(POOLED_KEY)!.components.supply!;
  const records = rescaleRecords(t.groups.get(POOLED_KEY)!.samples.supply!, spec.leadTimeMean, c.mean);
  const recStats = recordMeanSd(records);
  const leadTimes: LeadTimeSetting[] = [
    { id: 'records', label: `SCMS records rescaled to mean ${spec.leadTimeMean} d (sd ${recStats.sd.toFixed(2)} d), drawn i.i.d.`, model: recStats, sim: { kind: 'replay', records, mode: 'resample' } },
    { id: 'constant', label: `constant ${spec.leadTimeMean} days (control)`, model: { mean: spec.leadTimeMean, sd: 0 }, sim: { kind: 'constant', value: spec.leadTimeMean } },
  ];
  const first = orders.minDay;
  const end = orders.maxDay + 1;
  const split = isoDayNumber(spec.split);
  return {
    orders,
    classes,
    only,
    leadTimes,
    records: { count: records.length, rawMean: c.mean, rawSd: c.sd, cv: recStats.sd / recStats.mean },
    first,
    end,
    splits: [
      { id: 'in-sample', trainFrom: first, trainTo: end, testFrom: first, testTo: end },
      { id: 'out-of-sample', trainFrom: first, trainTo: split, testFrom: split, testTo: end },
    ],
    groupClass: (sku) => classes.get(sku)?.class ?? '(unclassified)',
    groupPattern: (sku) => classes.get(sku)?.pattern ?? '(unclassified)',
  };
}

interface ConfigRun {
  split: string;
  leadTime: string;
  config: Config;
  rows: SkuBacktest[];
}

/** Every split × lead-time setting × configuration, backtested on the same replays (common random numbers). */
async function runConfigs(d: Data, spec: BacktestSpec, ctx: ExperimentContext, simulate: SimulateReplications): Promise<ConfigRun[]> {
  const runs: ConfigRun[] = [];
  const total = d.splits.length * d.leadTimes.length * CONFIGS.length;
  let done = 0;
  for (const sp of d.splits) {
    for (const l of d.leadTimes) {
      for (const c of CONFIGS) {
        const settings: BacktestSettings = {
          policy: policySettings(c, spec.target),
          modelLeadTime: c.objective === 'on-time-request' ? { supply: l.model, customerRequested: { mean: 2, sd: Math.sqrt(2 / 3) } } : { supply: l.model },
          customerLeadTime: { requested: CLTR, committed: CLTC },
          simLeadTime: l.sim,
          trainFrom: sp.trainFrom,
          trainTo: sp.trainTo,
          testFrom: sp.testFrom,
          testTo: sp.testTo,
          mode: 'bootstrap',
          blockLength: spec.blockLength,
          warmup: spec.warmup,
          replications: spec.replications,
          seed: ctx.seed,
          // common random numbers: the key names split and lead-time setting, never the policy
          scenario: `${ID}/${sp.id}/${l.id}`,
          baselines: c.id === 'obj3-continuous' || c.id === 'obj6-continuous' || c.id === 'obj3-periodic' ? [...BASELINES] : [],
          ...(d.only ? { only: d.only } : {}),
        };
        if (c.window === 'trading') settings.windowDays = tradingDaysIn(d.orders, sp.trainFrom, sp.trainTo);
        runs.push({ split: sp.id, leadTime: l.id, config: c, rows: await backtest(d.orders, settings, simulate) });
        ctx.progress?.(++done, total, 'backtest');
      }
    }
  }
  return runs;
}

/** The per-SKU table of every run. */
function perSkuTable(d: Data, runs: ConfigRun[]): Row[] {
  const perSku: Row[] = [];
  for (const r of runs) {
    for (const s of r.rows) {
      const m = s.outcomes[0];
      perSku.push({
        split: r.split,
        lead_time: r.leadTime,
        config: r.config.id,
        sku: s.sku,
        class: d.groupClass(s.sku),
        pattern: d.groupPattern(s.sku),
        status: s.status,
        reason: s.reason ?? '',
        metric: s.metric ?? '',
        target: s.target,
        achieved: m?.achieved?.mean,
        ci_low: m?.achieved?.low,
        ci_high: m?.achieved?.high,
        below_beyond_ci: s.belowBeyondCi,
        fill_rate: m?.fillRate?.mean,
        average_on_hand: m?.averageOnHand,
        on_hand_days: s.result ? (m?.averageOnHand ?? NaN) / s.result.AOD : undefined,
        ...Object.fromEntries(s.outcomes.slice(1).flatMap((b) => [[`${b.policyId}_achieved`, b.achieved?.mean], [`${b.policyId}_on_hand`, b.averageOnHand]])),
      });
    }
  }
  return perSku;
}

/** Summaries of every run by class and by SBC pattern (each with an 'all' row), baselines relative to the model. */
function groupTables(d: Data, runs: ConfigRun[]): { byClass: Row[]; byPattern: Row[] } {
  const byClass: Row[] = [];
  const byPattern: Row[] = [];
  for (const r of runs) {
    for (const [table, fn] of [[byClass, d.groupClass], [byPattern, d.groupPattern]] as const) {
      for (const g of [...summarizeByGroup(r.rows, fn), ...summarizeByGroup(r.rows, () => 'all')]) {
        const row: Row = { split: r.split, lead_time: r.leadTime, config: r.config.id, group: g.group, skus: g.skus, skipped: g.skipped, with_demand: g.withDemand, measured: g.measured, unmeasured: g.unmeasured, meeting: g.meetingTarget, share_meeting_target: g.shareMeetingTarget, below_beyond_ci: g.belowBeyondCi, mean_achieved: g.meanAchieved };
        for (const [id, v] of Object.entries(g.byPolicy)) {
          if (id === 'model') continue;
          row[`${id}_achieved`] = v.meanAchieved;
          row[`${id}_share_meeting`] = v.shareMeetingTarget;
          row[`${id}_on_hand_ratio`] = v.meanOnHand / g.byPolicy.model!.meanOnHand;
        }
        table.push(row);
      }
    }
  }
  return { byClass, byPattern };
}

/** Achieved against target per SKU (fill rate, continuous, records, in sample) at several targets. */
async function scatterTable(d: Data, spec: BacktestSpec, ctx: ExperimentContext, simulate: SimulateReplications): Promise<Row[]> {
  const scatter: Row[] = [];
  const main = CONFIGS.find((c) => c.id === 'obj6-continuous')!;
  const classIndex = (c: string): number => Math.max(0, ['fast', 'medium', 'slow', 'very_slow', 'new', 'discontinued'].indexOf(c));
  for (const t of spec.scatterTargets) {
    const settings: BacktestSettings = { policy: policySettings(main, t), modelLeadTime: { supply: d.leadTimes[0]!.model }, simLeadTime: d.leadTimes[0]!.sim, trainFrom: d.first, trainTo: d.end, testFrom: d.first, testTo: d.end, mode: 'bootstrap', blockLength: spec.blockLength, warmup: spec.warmup, replications: spec.replications, seed: ctx.seed, scenario: `${ID}/in-sample/records`, ...(d.only ? { only: d.only } : {}) };
    const rows = await backtest(d.orders, settings, simulate);
    // x is the target, spread by class (± 0.01) so the classes do not hide each other
    for (const s of rows) {
      const a = s.outcomes[0]?.achieved;
      if (s.status === 'ok' && a) scatter.push({ sku: s.sku, class: d.groupClass(s.sku), target: t, x: t + (classIndex(d.groupClass(s.sku)) - 2.5) * 0.004, achieved: a.mean, ci_low: a.low, ci_high: a.high });
    }
  }
  return scatter;
}

/**
 * Service-inventory frontier on the real history (in sample, records lead times, deterministic
 * replay): the model's fill-rate family (targets) against days of supply and cover families.
 */
async function frontierTable(d: Data, spec: BacktestSpec, ctx: ExperimentContext, simulate: SimulateReplications): Promise<Row[]> {
  const main = CONFIGS.find((c) => c.id === 'obj6-continuous')!;
  const lead = d.leadTimes[0]!;
  const settings: BacktestSettings = { policy: policySettings(main, 0.9), modelLeadTime: { supply: lead.model }, simLeadTime: lead.sim, trainFrom: d.first, trainTo: d.end, testFrom: d.first, testTo: d.end, mode: 'replay', replications: spec.frontierReplications, seed: ctx.seed, scenario: `${ID}/frontier`, ...(d.only ? { only: d.only } : {}) };
  const base = (await backtest(d.orders, settings, simulate)).filter((s) => s.status === 'ok');
  const horizon = d.end - d.first;
  const daily = new Map<string, number[]>();
  for (const s of base) daily.set(s.sku, new Array<number>(horizon).fill(0));
  for (let i = 0; i < d.orders.day.length; i++) {
    const arr = daily.get(d.orders.skus[d.orders.skuIndex[i]!]!);
    if (arr) arr[d.orders.day[i]! - d.first]! += d.orders.quantity[i]!;
  }
  const frontier: Row[] = [];
  const evalFamily = async (family: string, parameter: number, ropOf: (s: SkuBacktest) => number): Promise<void> => {
    const outcomes = await Promise.all(
      base.map(async (s) => {
        // whole units, as the backtest runs them (the order lines are whole units)
        const policy = wholeUnitPolicy(withReorderPoint(s.result!, ropOf(s)));
        const rows = await simulate({ demand: { kind: 'replay', history: daily.get(s.sku)!, mode: 'inOrder' }, leadTime: lead.sim, policy, horizon, warmup: 0 }, ctx.seed, `${ID}/frontier/${s.sku}`, spec.frontierReplications);
        return outcomeOf(family, policy, rows, 'fillRate', horizon);
      }),
    );
    let fr = 0;
    let days = 0;
    let meeting = 0;
    const perSku: number[] = [];
    base.forEach((s, j) => {
      const o = outcomes[j]!;
      fr += o.fillRate?.mean ?? 0;
      perSku.push(o.fillRate?.mean ?? 0);
      days += o.averageOnHand / s.result!.AOD;
      if ((o.fillRate?.mean ?? 0) >= 0.95) meeting++;
    });
    // the interval of the mean over SKUs (t over SKUs): the SKU-to-SKU spread dominates the replication noise
    const e = perSku.length >= 2 ? estimateMean(perSku) : undefined;
    frontier.push({ family, parameter, mean_fill_rate: fr / base.length, mean_on_hand_days: days / base.length, share_at_95: meeting / base.length, ci_low: e?.low, ci_high: e?.high });
  };
  for (const t of spec.frontierTargets) {
    // objective 6 with the default lot: k solves G(k) = (1 − t)·LOT/SDLT (continuous review)
    await evalFamily('model objective 6 (FRT)', t, (s) => s.result!.ADLT + normalLossInverse(((1 - t) * s.result!.LOT) / s.result!.SDLT) * s.result!.SDLT);
  }
  for (const x of spec.frontierDays) await evalFamily('days of supply (SS = d·AOD)', x, (s) => s.result!.ADLT + x * s.result!.AOD);
  for (const x of spec.frontierDays) await evalFamily('cover (ROP = d·AOD)', x, (s) => x * s.result!.AOD);
  return frontier;
}

/** The waterfall of the gap (objective 3, sQ, in sample) per SKU, on common random numbers (src/models/sql-policy/backtest/waterfall.ts). */
async function waterfallRows(d: Data, spec: BacktestSpec, ctx: ExperimentContext, simulate: SimulateReplications): Promise<SkuWaterfall[]> {
  const lead = d.leadTimes[0]!;
  const main = CONFIGS.find((c) => c.id === 'obj3-continuous')!;
  return waterfall(
    d.orders,
    { policy: policySettings(main, spec.target), leadTimeMean: spec.leadTimeMean, records: { model: lead.model, sim: lead.sim }, trainFrom: d.first, trainTo: d.end, testFrom: d.first, testTo: d.end, blockLength: spec.blockLength, warmup: spec.warmup, replications: spec.waterfallReplications, ltdDraws: spec.ltdDraws, seed: ctx.seed, scenario: `${ID}/waterfall`, ...(d.only ? { only: d.only } : {}) },
    simulate,
    (done, total) => ctx.progress?.(done, total, 'waterfall'),
  );
}

/** Per-SKU waterfall table: levels L0-L5, steps, continuous ROPs. */
function waterfallPerSku(d: Data, rows: SkuWaterfall[]): Row[] {
  return rows.map((r) => ({ sku: r.sku, class: d.groupClass(r.sku), ...r.levels, ...Object.fromEntries(WATERFALL_STEPS.map((st) => [`step: ${st}`, r.steps[st]])), rop_constant_lead_time: r.ropConstant, rop_records: r.ropRecords }));
}

/**
 * Per class (and all): each level and step as the mean over SKUs with its 95 % t-interval across
 * SKUs (paired: both levels of a step on the same random numbers), and for the levels the share of
 * SKUs at or above the target (the synthetic control's share next to the real history's).
 */
function waterfallByClass(d: Data, rows: SkuWaterfall[], target: number): Row[] {
  const { cells, complete } = summarizeWaterfall(rows, d.groupClass);
  const out: Row[] = [];
  for (const g of CLASS_ORDER) {
    const c = complete.get(g);
    if (!c) continue;
    const full = rows.filter((r) => (g === 'all' || d.groupClass(r.sku) === g) && WATERFALL_LEVELS.every((l) => Number.isFinite(r.levels[l])));
    for (const cell of cells.filter((x) => x.group === g)) {
      const e = cell.estimate;
      // no zero-width interval: a constant level (the target) or a single SKU has none
      const hasCi = e !== undefined && Number.isFinite(e.low) && Number.isFinite(e.high) && e.high > e.low;
      const row: Row = { group: g, skus: c.skus, complete: c.complete, kind: cell.kind, name: cell.name, mean: e?.mean, ci_low: hasCi ? e.low : undefined, ci_high: hasCi ? e.high : undefined };
      if (cell.kind === 'level') row.share_at_target = full.length ? full.filter((r) => r.levels[cell.name as (typeof WATERFALL_LEVELS)[number]] >= target - 1e-12).length / full.length : undefined;
      out.push(row);
    }
  }
  return out;
}

/** Waterfall bars: per class, each step from the level before it to the level after it, with the step's interval at its end. */
function waterfallBars(byClass: Row[]): Row[] {
  const bars: Row[] = [];
  for (const g of CLASS_ORDER) {
    const rs = byClass.filter((r) => r.group === g);
    if (rs.length === 0) continue;
    const label = `${g} (${rs[0]!.complete} SKUs)`;
    let level = rs.find((r) => r.name === 'target')?.mean as number;
    bars.push({ group: label, order: 0, name: 'target', start: 0, end: level, kind: 'level' });
    WATERFALL_STEPS.forEach((st, i) => {
      const r = rs.find((x) => x.name === st)!;
      const m = r.mean as number;
      const hasCi = r.ci_low !== undefined;
      bars.push({ group: label, order: i + 1, name: st, start: level, end: level - m, kind: m >= 0 ? 'loss' : 'gain', err_low: hasCi ? level - (r.ci_high as number) : undefined, err_high: hasCi ? level - (r.ci_low as number) : undefined });
      level -= m;
    });
    bars.push({ group: label, order: WATERFALL_STEPS.length + 1, name: 'achieved (fractional policy)', start: 0, end: level, kind: 'level' });
  }
  return bars;
}

/** The waterfall figure: one panel per class, steps in order, intervals, the target line labelled. */
async function waterfallFigure(byClass: Row[], target: number): Promise<string> {
  const order = ['target', ...WATERFALL_STEPS, 'achieved (fractional policy)'];
  return renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: 'Gap between target and achieved no-stock-out probability, by step (objective 3, sQ, in sample)', subtitle: 'mean over SKUs; error bars: 95 % interval of the step over SKUs (paired, common random numbers)' },
    data: { values: waterfallBars(byClass) },
    facet: { row: { field: 'group', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left', labelLimit: 0 } } },
    spec: {
      width: 520,
      height: 150,
      layer: [
        { mark: { type: 'bar', clip: true }, encoding: { x: { field: 'name', type: 'nominal', sort: order, title: null, axis: { labelAngle: -20, labelLimit: 0 } }, y: { field: 'start', type: 'quantitative', scale: { domain: [0.4, 1] }, title: 'no-stock-out probability (axis from 0.4)' }, y2: { field: 'end' }, color: { field: 'kind', type: 'nominal', title: 'bar', scale: { domain: ['level', 'loss', 'gain'], range: ['#4c78a8', '#e45756', '#54a24b'] }, legend: { labelLimit: 0 } } } },
        { mark: { type: 'rule', color: 'black' }, encoding: { x: { field: 'name', type: 'nominal', sort: order }, y: { field: 'err_low', type: 'quantitative' }, y2: { field: 'err_high' } } },
        { data: { values: [{ y: target, label: `target ${target}` }] }, layer: [{ mark: { type: 'rule', strokeDash: [4, 4], color: 'black' }, encoding: { y: { field: 'y', type: 'quantitative' } } }, { mark: { type: 'text', align: 'right', dx: -2, dy: -6, x: 'width' }, encoding: { y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } } }] },
      ],
    },
  });
}

/** Fill rate of the days-of-supply family at the model's stock (linear interpolation in on-hand days). */
function frontierSentence(frontier: Row[], target: number): string {
  const model = frontier.find((r) => String(r.family).startsWith('model') && r.parameter === target);
  const dos = frontier.filter((r) => String(r.family).startsWith('days of supply')).sort((a, b) => (a.mean_on_hand_days as number) - (b.mean_on_hand_days as number));
  if (!model || dos.length < 2) return '';
  const x = model.mean_on_hand_days as number;
  let i = dos.findIndex((r) => (r.mean_on_hand_days as number) >= x);
  if (i <= 0) i = i === 0 ? 1 : dos.length - 1;
  const a = dos[i - 1]!;
  const b = dos[i]!;
  const xa = a.mean_on_hand_days as number;
  const xb = b.mean_on_hand_days as number;
  const y = (a.mean_fill_rate as number) + (((b.mean_fill_rate as number) - (a.mean_fill_rate as number)) * (x - xa)) / (xb - xa);
  return `- **Frontier:** at the stock the model holds for a ${target} fill-rate target (${fmt(x, 1)} days of average demand on hand, mean over SKUs), a uniform days-of-supply rule reaches a mean fill rate of ${fmt(y, 3)} against the model's ${fmt(model.mean_fill_rate, 3)}: on this history the model's per-SKU allocation of safety stock is ${y > (model.mean_fill_rate as number) ? 'no better than' : 'better than'} a uniform rule at equal stock (deterministic replay, in sample).`;
}

/**
 * One SKU's real daily demand (calendar days, whole year) against Step 1's compound-Poisson sd:
 * the daily sd ratio, the ratio of the sd of rolling L-day demand to sqrt(L)·SOD, and the share of
 * L-day windows above the normal 95 % quantile L·AOD + 1.645·sqrt(L)·SOD.
 */
function skuOverdispersion(d: Data, i: number, series: Float64Array, L: number): Row {
  const len = series.length;
  const { mean, sd: sdEmp } = recordMeanSd(series);
  const n = d.orders.count[i]!;
  const { mean: aoq, sd: soq } = sampleMeanSd(n, d.orders.sum[i]!, d.orders.sumSquares[i]!);
  const oar = n / len;
  const sdCp = Math.sqrt(oar * (aoq * aoq + soq * soq));
  const sdPr = Math.sqrt((oar * aoq) ** 2 + oar * soq * soq);
  const sums: number[] = [];
  let w = 0;
  for (let t = 0; t < len; t++) {
    w += series[t]!;
    if (t >= L) w -= series[t - L]!;
    if (t >= L - 1) sums.push(w);
  }
  const sdL = recordMeanSd(sums).sd;
  const q95 = L * mean + 1.6448536269514722 * Math.sqrt(L) * sdCp;
  return { OAR: oar, SOD_empirical: sdEmp, SOD_corrected: sdCp, SOD_printed: sdPr, daily_sd_ratio: sdEmp / sdCp, lead_time_sd_ratio: sdL / (Math.sqrt(L) * sdCp), share_above_normal_95: sums.filter((x) => x > q95).length / sums.length };
}

/**
 * Why: the daily demand sd of the real history against the compound-Poisson sd Step 1 assumes
 * (corrected SOD = sqrt(OAR·(AOQ² + SOQ²))) and the printed one, per SKU over the whole year.
 */
function overdispersionTable(d: Data, runs: ConfigRun[], leadTimeMean: number): Row[] {
  const out: Row[] = [];
  const len = d.end - d.first;
  const dailyAll = d.orders.skus.map(() => new Float64Array(len));
  for (let i = 0; i < d.orders.day.length; i++) dailyAll[d.orders.skuIndex[i]!]![d.orders.day[i]! - d.first]! += d.orders.quantity[i]!;
  const in6 = runs.find((r) => r.split === 'in-sample' && r.leadTime === 'records' && r.config.id === 'obj6-continuous')!;
  const achievedOf = new Map(in6.rows.map((r) => [r.sku, r.outcomes[0]?.achieved?.mean]));
  for (let i = 0; i < d.orders.skus.length; i++) {
    const sku = d.orders.skus[i]!;
    if (d.only && !d.only.has(sku)) continue;
    const o = skuOverdispersion(d, i, dailyAll[i]!, leadTimeMean);
    out.push({ sku, class: d.groupClass(sku), pattern: d.groupPattern(sku), ...o, achieved_fill_rate: achievedOf.get(sku) });
  }
  return out;
}

/** Median of the finite values ((a + b)/2 of the middle pair; the committed tables use this arithmetic). */
function median(v: number[]): number {
  const x = v.filter((a) => Number.isFinite(a)).sort((a, b) => a - b);
  return x.length ? (x.length % 2 ? x[(x.length - 1) / 2]! : (x[x.length / 2 - 1]! + x[x.length / 2]!) / 2) : NaN;
}

/** Medians of the overdispersion measures per class, with the mean achieved fill rate. */
function overdispersionByClass(overdispersion: Row[]): Row[] {
  return CLASS_ORDER.map((g) => {
    const rs = overdispersion.filter((r) => g === 'all' || r.class === g);
    return {
      group: g,
      skus: rs.length,
      median_OAR: median(rs.map((r) => r.OAR as number)),
      median_daily_sd_ratio: median(rs.map((r) => r.daily_sd_ratio as number)),
      median_lead_time_sd_ratio: median(rs.map((r) => r.lead_time_sd_ratio as number)),
      median_share_above_normal_95: median(rs.map((r) => r.share_above_normal_95 as number)),
      mean_achieved_fill_rate: rs.map((r) => r.achieved_fill_rate as number).filter((x) => Number.isFinite(x)).reduce((a, b, _, arr) => a + b / arr.length, 0),
    };
  });
}

/** Spearman rank correlation (no ties) between the lead-time sd ratio and the achieved fill rate across SKUs. */
function spearmanOf(overdispersion: Row[]): number {
  const rank = (v: number[]): number[] => {
    const idx = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(v.length);
    idx.forEach(([, i], k) => (r[i] = k));
    return r;
  };
  const pairs = overdispersion.filter((r) => Number.isFinite(r.achieved_fill_rate as number));
  const rx = rank(pairs.map((r) => r.lead_time_sd_ratio as number));
  const ry = rank(pairs.map((r) => r.achieved_fill_rate as number));
  const mx = (rx.length - 1) / 2;
  return rx.reduce((a, x, i) => a + (x - mx) * (ry[i]! - mx), 0) / Math.sqrt(rx.reduce((a, x) => a + (x - mx) ** 2, 0) * ry.reduce((a, y) => a + (y - mx) ** 2, 0));
}

/** Share of SKUs meeting the target (records lead times) per split, configuration and class. */
function shareTable(d: Data, byClass: Row[]): Row[] {
  const share: Row[] = [];
  for (const sp of d.splits) {
    for (const c of ['obj3-continuous', 'obj3-periodic', 'obj4-continuous', 'obj5-continuous', 'obj6-continuous', 'obj6-periodic']) {
      const row: Row = { split: sp.id, config: c };
      for (const g of CLASS_ORDER) row[g] = byClass.find((r) => r.split === sp.id && r.lead_time === 'records' && r.config === c && r.group === g)?.share_meeting_target;
      share.push(row);
    }
  }
  return share;
}

/** A dashed reference line with its label (target, bound). */
function labelledRule(values: { x?: number; y?: number; label: string }[], axis: 'x' | 'y'): object {
  return {
    data: { values },
    layer: [
      { mark: { type: 'rule', strokeDash: [4, 4], color: 'black' }, encoding: { [axis]: { field: axis, type: 'quantitative' } } },
      { mark: axis === 'y' ? { type: 'text', align: 'right', dx: -2, dy: -6, x: 'width' } : { type: 'text', align: 'left', dx: 3, y: 8, angle: 0 }, encoding: { [axis]: { field: axis, type: 'quantitative' }, text: { field: 'label' } } },
    ],
  };
}

async function backtestFigures(scatter: Row[], frontier: Row[], target: number): Promise<Record<string, string>> {
  const legend = { labelLimit: 0, titleLimit: 0 };
  const figScatter = await renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: 'Achieved fill rate against target per SKU (objective 6, sQ, in sample, SCMS-shaped lead times)', subtitle: 'bars: 95 % interval of each SKU (block bootstrap); dashed: achieved = target' },
    width: 420,
    height: 380,
    layer: [
      { data: { values: scatter }, mark: { type: 'rule', opacity: 0.35 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'ci_low', type: 'quantitative' }, y2: { field: 'ci_high' }, color: { field: 'class', type: 'nominal', legend } } },
      { data: { values: scatter }, mark: { type: 'point', opacity: 0.7, filled: true, size: 25 }, encoding: { x: { field: 'x', type: 'quantitative', scale: { domain: [0.75, 1] }, title: 'target fill rate (points spread by class)' }, y: { field: 'achieved', type: 'quantitative', scale: { domain: [0, 1] }, title: 'achieved fill rate' }, color: { field: 'class', type: 'nominal', legend } } },
      { data: { values: [{ x: 0.75, y: 0.75 }, { x: 1, y: 1 }] }, mark: { type: 'line', color: 'black', strokeDash: [4, 4] }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
      { data: { values: [{ x: 0.99, y: 0.99, label: 'achieved = target' }] }, mark: { type: 'text', align: 'right', dy: -8 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } } },
    ],
  });
  const figFrontier = await renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: 'Service-inventory frontier on the real history (mean over SKUs)', subtitle: 'bars: 95 % interval of the mean over SKUs' },
    width: 460,
    height: 300,
    layer: [
      { data: { values: frontier }, mark: { type: 'rule' }, encoding: { x: { field: 'mean_on_hand_days', type: 'quantitative' }, y: { field: 'ci_low', type: 'quantitative' }, y2: { field: 'ci_high' }, color: { field: 'family', type: 'nominal', legend } } },
      { data: { values: frontier }, mark: { type: 'line', point: true }, encoding: { x: { field: 'mean_on_hand_days', type: 'quantitative', title: 'average on hand (days of average demand)' }, y: { field: 'mean_fill_rate', type: 'quantitative', scale: { zero: false }, title: 'mean fill rate' }, color: { field: 'family', type: 'nominal', legend: { ...legend, orient: 'bottom', direction: 'vertical' } }, order: { field: 'mean_on_hand_days' } } },
      labelledRule([{ y: target, label: `target ${target}` }], 'y') as never,
    ],
  });
  return { 'achieved-vs-target': figScatter, frontier: figFrontier };
}

/** The tables of the run, by name. */
type Tables = Record<'overdispersion' | 'overdispersion-by-class' | 'per-sku' | 'by-class' | 'by-pattern' | 'share-meeting' | 'scatter' | 'frontier' | 'waterfall' | 'waterfall-per-sku', Row[]>;

/** Look-ups into the by-class table. */
function lookups(byClass: Row[]) {
  const pick = (sp: string, l: string, c: string, g: string): Row | undefined => byClass.find((r) => r.split === sp && r.lead_time === l && r.config === c && r.group === g);
  const num = (r: Row | undefined, f: string): number => (typeof r?.[f] === 'number' ? (r[f] as number) : NaN);
  const allRow = (c: string, l = 'records', sp = 'in-sample'): Row | undefined => pick(sp, l, c, 'all');
  return { pick, num, allRow, allIn6: allRow('obj6-continuous'), allIn3: allRow('obj3-continuous'), allOut6: allRow('obj6-continuous', 'records', 'out-of-sample') };
}

/** A share as a percentage, or 'no SKU' when the group has none. */
function pc(x: unknown): string {
  return typeof x === 'number' && Number.isFinite(x) ? `${fmt(100 * x, 0)} %` : 'no SKU';
}

/** A number with `dec` decimals, or '–' when there is none (pages print no NaN). */
function fx(x: unknown, dec = 3): string {
  return typeof x === 'number' && Number.isFinite(x) ? fmt(x, dec) : '–';
}

function headlineOf(d: Data, spec: BacktestSpec, t: Tables): string {
  const { allIn6, allIn3, allOut6 } = lookups(t['by-class']);
  const w = waterfallLookups(t);
  return (
    `On ${d.only ? d.only.size : d.orders.skus.length} real wholesale SKUs (in sample, SCMS-shaped 10-day lead times), target ${spec.target}: ` +
    `${pc(allIn6?.share_meeting_target)} of SKUs with demand meet the fill-rate target (mean ${fx(allIn6?.mean_achieved)}) and ${pc(allIn3?.share_meeting_target)} the no-stock-out target (mean ${fx(allIn3?.mean_achieved)}); ` +
    `out of sample (train to ${spec.split}, replay the autumn) ${pc(allOut6?.share_meeting_target)} meet the fill-rate target (mean ${fx(allOut6?.mean_achieved)}). ` +
    `Of the no-stock-out gap of ${fx(spec.target - w.m('all', 'fractionalPolicy'))}, ${fx(w.m('all', 'normal approximation'))} comes from the normal approximation, ${fx(w.m('all', 'review timing (undershoot)'))} from daily review, ${fx(w.m('all', 'fractional policy'))} from fractional policies and ${fx(w.m('all', 'real history'))} from the real history.`
  );
}

/** The findings that follow from the waterfall (objective 3, all SKUs and by class). */
function waterfallFindings(spec: BacktestSpec, t: Tables): string[] {
  const w = waterfallLookups(t);
  const gap = spec.target - w.m('all', 'fractionalPolicy');
  const step = (st: string): string => `${fx(w.m('all', st))} (${w.ci('all', st)})`;
  const setUp = w.m('all', 'normal approximation') + w.m('all', 'review timing (undershoot)') + w.m('all', 'fractional policy');
  const classes = CLASS_ORDER.slice(0, -1).filter((g) => w.cell(g, 'target'));
  const perClass = classes.map((g) => `${g} ${fx(spec.target - w.m(g, 'fractionalPolicy'))} (normal ${fx(w.m(g, 'normal approximation'))}, review ${fx(w.m(g, 'review timing (undershoot)'))}, history ${fx(w.m(g, 'real history'))}, lead times ${fx(w.m(g, 'lead-time variability'))}, fractional ${fx(w.m(g, 'fractional policy'))})`);
  return [
    `- **Most of the gap is the formula and the set-up, not the data.** The mean gap between the ${spec.target} no-stock-out target and what the fractional policies achieved (objective 3, sQ, in sample) is ${fx(gap)}; measured step by step on common random numbers (section below): normal approximation of lead-time demand ${step('normal approximation')}, daily review instead of continuous (undershoot) ${step('review timing (undershoot)')}, fractional reorder points and lots ${step('fractional policy')}, the real history instead of stationary compound-Poisson demand ${step('real history')}, lead-time variability ${step('lead-time variability')} (negative: the SRLT term over-covers). The model and the way it is run account for ${fx(setUp)} of the ${fx(gap)}; the data for ${fx(w.m('all', 'real history'))}.`,
    `- **Synthetic control** (the same protocol on demand that meets the assumptions: i.i.d. compound Poisson at each SKU's own order rate and sizes, constant lead time): with the exact lead-time demand distribution ${pc(w.share('all', 'exactLeadTimeDemand'))} of SKUs would reach the target (mean ${fx(w.m('all', 'exactLeadTimeDemand'))}); run day by day in whole units ${pc(w.share('all', 'syntheticDailyReview'))} do (mean ${fx(w.m('all', 'syntheticDailyReview'))}); on the real history ${pc(w.share('all', 'realHistory'))} (mean ${fx(w.m('all', 'realHistory'))}). Demand that meets the paper's assumptions does not rescue the target: the normal approximation and the daily review already lose it.`,
    `- **Whole units:** the backtest now runs whole-unit policies (reorder point rounded up, lot to the nearest unit and at least one); against the model's fractional policy on the same replay the mean no-stock-out probability is ${fx(w.m('all', 'leadTimeRecords'))} instead of ${fx(w.m('all', 'fractionalPolicy'))} (share at target ${pc(w.share('all', 'leadTimeRecords'))} instead of ${pc(w.share('all', 'fractionalPolicy'))}).`,
    `- **By class** (gap, then steps): ${perClass.join('; ')}.`,
  ];
}

/** The findings, with their numbers: the waterfall first, then what else the runs show. */
function findingsOf(d: Data, spec: BacktestSpec, t: Tables, spearman: number): string {
  const { pick, num, allRow, allIn6, allIn3, allOut6 } = lookups(t['by-class']);
  const L = spec.leadTimeMean;
  const classRows = CLASS_ORDER.slice(0, -1).map((g) => ({ g, r: pick('in-sample', 'records', 'obj6-continuous', g) })).filter((x) => x.r && Number.isFinite(num(x.r, 'mean_achieved')));
  const best = classRows.reduce((a, b) => (num(b.r, 'mean_achieved') > num(a.r, 'mean_achieved') ? b : a));
  const worst = classRows.reduce((a, b) => (num(b.r, 'mean_achieved') < num(a.r, 'mean_achieved') ? b : a));
  let slow = 0;
  for (let i = 0; i < d.orders.skus.length; i++) if (d.orders.count[i]! / (d.orders.maxDay - d.orders.minDay + 1) < 1) slow++;
  const slowShare = slow / d.orders.skus.length;
  const allOver = t['overdispersion-by-class'].find((r) => r.group === 'all')!;
  return [
    '## Findings',
    '',
    `- **Targets are missed.** In sample, with the statistics of the very year that is replayed, ${pc(num(allIn6, 'share_meeting_target'))} of the ${fx(num(allIn6, 'with_demand'), 0)} SKUs with demand reach the ${spec.target} fill rate (${fx(num(allIn6, 'measured'), 0)} measured, ${fx(num(allIn6, 'unmeasured'), 0)} unmeasured and counted as missing it; mean ${fx(num(allIn6, 'mean_achieved'))}) and ${pc(num(allIn3, 'share_meeting_target'))} the ${spec.target} no-stock-out probability (mean ${fx(num(allIn3, 'mean_achieved'))}); ${fx(num(allIn6, 'below_beyond_ci'), 0)} SKUs are below the fill-rate target beyond their CI. The paper's claim ("on the average") does not hold here.`,
    ...waterfallFindings(spec, t),
    `- **What the real history adds:** Step 1's compound-Poisson day fits a single day (real daily sd a median ${fx(allOver.median_daily_sd_ratio, 2)} times sqrt(OAR·(AOQ² + SOQ²))), but over a ${L}-day lead time the sd of demand is a median ${fx(allOver.median_lead_time_sd_ratio, 2)} times sqrt(${L})·SOD (consecutive days are positively correlated: trend and the autumn peak), and a median ${pc(allOver.median_share_above_normal_95)} of ${L}-day windows exceed the normal 95 % quantile instead of 5 %. Across SKUs the rank correlation between the lead-time sd ratio and the achieved fill rate is ${fx(spearman, 2)}.`,
    `- **Where they come closest:** ${best.g} SKUs (mean fill rate ${fx(num(best.r, 'mean_achieved'))}); **where they fail most:** ${worst.g} (${fx(num(worst.r, 'mean_achieved'))}). Periodic review (weekly base stock) vs sQ: ${pc(num(allRow('obj6-periodic'), 'share_meeting_target'))} vs ${pc(num(allRow('obj6-continuous'), 'share_meeting_target'))} of SKUs at the fill-rate target.`,
    `- **Out of sample** (train to ${spec.split}, replay the autumn peak): ${pc(num(allOut6, 'share_meeting_target'))} at the fill-rate target (mean ${fx(num(allOut6, 'mean_achieved'))}); new SKUs, trained on a few months: ${fx(num(pick('out-of-sample', 'records', 'obj6-continuous', 'new'), 'mean_achieved'))}.`,
    `- **Formula choices:** the printed SOD gives mean no-stock-out ${fx(num(allRow('obj3-continuous-printed'), 'mean_achieved'))} against ${fx(num(allRow('obj3-continuous'), 'mean_achieved'))} corrected (${fmt(slowShare * 100, 0)} % of the SKUs have fewer than one order line a day over the year, OAR < 1, where the printed sd is the smaller); the approximate k gives ${fx(num(allRow('obj3-continuous-approx'), 'mean_achieved'))}; T in trading days gives ${fx(num(allRow('obj3-continuous-trading-T'), 'mean_achieved'))} (per-trading-day rates are 374/305 times larger).`,
    `- **Lead times:** with a constant ${L}-day lead time (SRLT = 0, so less safety stock) the in-sample mean fill rate is ${fx(num(allRow('obj6-continuous', 'constant'), 'mean_achieved'))} (records: ${fx(num(allIn6, 'mean_achieved'))}); the waterfall's lead-time step says the same: the records' SRLT·AOD term adds more safety stock than their own risk costs.`,
    frontierSentence(t.frontier, spec.target),
    `- **Baselines** (same replay): no safety stock reaches a mean fill rate of ${fx(num(allIn6, 'no-safety-stock_achieved'))} with ${fx(num(allIn6, 'no-safety-stock_on_hand_ratio'), 2)} of the model's stock, 7 days of supply ${fx(num(allIn6, 'days-of-supply_achieved'))} with ${fx(num(allIn6, 'days-of-supply_on_hand_ratio'), 2)}, a two-week cover ${fx(num(allIn6, 'two-week-cover_achieved'))} with ${fx(num(allIn6, 'two-week-cover_on_hand_ratio'), 2)}; compare families on the frontier below.`,
    '',
  ].join('\n');
}

/** Look-ups into the waterfall table. */
function waterfallLookups(t: Tables) {
  const cell = (g: string, name: string): Row | undefined => t.waterfall.find((r) => r.group === g && r.name === name);
  const m = (g: string, name: string): number => (cell(g, name)?.mean as number | undefined) ?? NaN;
  const ci = (g: string, name: string): string => {
    const r = cell(g, name);
    return r?.ci_low === undefined ? 'no interval' : `${fmt(r.ci_low, 3)} to ${fmt(r.ci_high, 3)}`;
  };
  const share = (g: string, name: string): number => (cell(g, name)?.share_at_target as number | undefined) ?? NaN;
  return { cell, m, ci, share };
}

/** The waterfall section: what each step measures, the table, the figure. */
function waterfallMarkdown(spec: BacktestSpec, t: Tables): string {
  const rows = t.waterfall.map((r) => ({ group: r.group, skus: r.complete, kind: r.kind, name: r.name, mean: r.mean, ci_low: r.ci_low, ci_high: r.ci_high, share_at_target: r.share_at_target }));
  return [
    '## Why the target is missed: the gap, step by step',
    '',
    `Objective 3 (no stock-out in a cycle, target ${spec.target}), continuous review sQ, in sample, every SKU with a policy. Each SKU runs a chain of levels on common random numbers (one stream key per SKU), giving up one assumption of the model at a time; a step is the difference of two consecutive levels, so the steps add up to the whole gap:`,
    '',
    `- **L0 target**: what the normal approximation of lead-time demand promises;`,
    `- **L1 exact lead-time demand**: P(LTD ≤ ROP) for the SKU's own compound Poisson (its order rate, its order sizes drawn i.i.d. from its order lines) over a constant ${spec.leadTimeMean}-day lead time, by ${spec.ltdDraws} Monte Carlo draws — step *normal approximation*;`,
    `- **L2 synthetic control** (every assumption met but the review): the engine, daily review, whole units, the same stationary compound-Poisson demand, constant lead time — step *review timing (undershoot)*: an order is placed only once a day, when the position is already below ROP;`,
    '- **L3 real history**: the real daily demand (block bootstrap), otherwise as L2 — step *real history* (non-stationarity, autocorrelation, the autumn peak);',
    '- **L4 lead-time records**: lead times drawn from the records and the policy trained with their variability (SRLT) — step *lead-time variability* (negative: the SRLT term adds more safety stock than the records\' own risk costs); L4 is what the backtest reports now (whole units);',
    '- **L5 fractional policy**: the model\'s continuous reorder point and lot as the engine ran them before whole units — step *fractional policy*.',
    '',
    `Mean over SKUs with its 95 % t-interval over SKUs (a paired comparison per step); ${spec.waterfallReplications} replications per level and SKU. share_at_target: share of SKUs at or above the target at that level. Empty cells: no interval (the target is a constant; a class with one SKU has none). Per SKU: [waterfall-per-sku.csv](waterfall-per-sku.csv).`,
    '',
    markdownTable(rows, undefined, { skus: 0 }, 3),
    '',
    '![waterfall](waterfall.svg)',
    '',
  ].join('\n');
}

/** The page's introduction: data, calendar, replay. */
function introMarkdown(d: Data, spec: BacktestSpec): string {
  return [
    'Katircioglu, Brown & Asghar (2007) on real data. The paper reports that its formulas "deliver target service levels on the average, although for some SKUs actual service can be below the target" from client data; this replays the same check on an open history.',
    '',
    `Data: ${d.orders.day.length} order lines of ${d.orders.skus.length} SKUs, ${d.orders.maxDay - d.orders.minDay + 1} calendar days (UCI Online Retail extract: Chen, D. (2015). Online Retail [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C5BW33, CC BY 4.0). ` +
      `Lead times: USAID Supply Chain Shipment Pricing Data (SCMS Delivery History), one observation per purchase order (${d.records.count}; raw mean ${d.records.rawMean.toFixed(1)} d, sd ${d.records.rawSd.toFixed(1)} d), rescaled to mean ${spec.leadTimeMean} d keeping their shape (CV ${d.records.cv.toFixed(2)}), because a 106-day mean exceeds the whole test window; the two data sets come from different organisations, so lead times are drawn independently of demand. Classes and SBC patterns: sku_summary.csv.`,
    '',
    '**Calendar.** One period = one calendar day. The shop trades on 305 of 374 days; days without trading are zero-demand days, lead times run through them, and the data window T of Step 1 counts calendar days, so demand and lead times share one clock. Config `obj3-continuous-trading-T` counts T in trading days instead (per-trading-day rates with calendar-day lead times), to show what that choice does.',
    '',
    `Objectives 4 and 5 need customer dates the history does not have: the replay assumes a requested lead time uniform on {1, 2, 3} days and a committed lead time of ${CLTC} days; the metric is the share of units shipped within it.`,
    '',
    `**Replay.** Each SKU's policy is estimated on the training window (Steps 1-7, exact lead-time moments of the records) and its real daily demand of the replay window is block-bootstrapped (${spec.blockLength}-day blocks, ${spec.replications} replications) through the engine, in whole units (the order lines are whole units: reorder point rounded up so the stated service is not undercut, lot rounded to the nearest unit and at least one; the model's continuous figures stay in its output, and the continuous policy is run beside it as \`model-continuous\`); the point and its 95 % interval come from the engine's estimator (src/sim/metrics.ts, which names it). Initial stock: the policy's top (ROP + LOT for sQ, S for base stock), then ${spec.warmup} unmeasured days drawn from the same bootstrap, so the measured window starts from the state the policy reached, not from a full shelf; backorders. A SKU meets its target when the mean achieved ≥ target; it is flagged when the CI lies below the target. **Every SKU with demand in the replay window is in the denominator** of the share meeting the target: SKUs without 2 order lines in training (no policy) or whose metric has no value (no replenishment cycle closed) count as unmeasured, not meeting it (columns with_demand, measured, unmeasured); SKUs without demand in the replay window are left out. Empty cells: no SKU in the group, or no interval.`,
    '',
  ].join('\n');
}

/** The page's tables. */
function tablesMarkdown(spec: BacktestSpec, t: Tables): string {
  const L = spec.leadTimeMean;
  const show = (rows: Row[], sp: string, l: string, configs: string[]): Row[] => rows.filter((r) => r.split === sp && r.lead_time === l && configs.includes(r.config as string));
  const byClass = t['by-class'];
  const cols = ['config', 'group', 'skus', 'with_demand', 'measured', 'unmeasured', 'meeting', 'share_meeting_target', 'below_beyond_ci', 'mean_achieved'];
  return [
    '## Daily demand variability: real history against the compound-Poisson sd of Step 1',
    '',
    `Per class, over the whole year (calendar days): medians of the ratio of the real daily-demand sd to the corrected SOD, of the ratio of the sd of rolling ${L}-day demand to sqrt(${L})·SOD, and of the share of ${L}-day windows above the normal 95 % quantile (5 % if Step 1 and 4 held); and the mean achieved fill rate of objective 6 (sQ, in sample, records lead times). Per SKU: [overdispersion.csv](overdispersion.csv).`,
    '',
    markdownTable(t['overdispersion-by-class'], undefined, { median_OAR: 3, median_daily_sd_ratio: 2, median_lead_time_sd_ratio: 2, median_share_above_normal_95: 3, mean_achieved_fill_rate: 3 }),
    '',
    '## Share of SKUs meeting the target (records lead times), by class',
    '',
    markdownTable(t['share-meeting'], undefined, {}, 3),
    '',
    '![achieved vs target](achieved-vs-target.svg)',
    '',
    '## By class, model and baselines (in sample, records lead times)',
    '',
    "Per baseline: mean achieved, share meeting the target, and its average on hand relative to the model's.",
    '',
    markdownTable(show(byClass, 'in-sample', 'records', ['obj3-continuous', 'obj6-continuous']), undefined, {}, 3),
    '',
    '## By class, out of sample (records lead times)',
    '',
    markdownTable(show(byClass, 'out-of-sample', 'records', ['obj3-continuous', 'obj6-continuous', 'obj6-periodic']), cols, {}, 3),
    '',
    '## By SBC pattern (in sample, records lead times)',
    '',
    markdownTable(show(t['by-pattern'], 'in-sample', 'records', ['obj3-continuous', 'obj6-continuous']), cols, {}, 3),
    '',
    '## Formula choices and the calendar (in sample, records lead times, all SKUs)',
    '',
    markdownTable(byClass.filter((r) => r.split === 'in-sample' && r.group === 'all' && (r.config as string).startsWith('obj3-continuous')), ['lead_time', 'config', 'skus', 'with_demand', 'measured', 'unmeasured', 'share_meeting_target', 'below_beyond_ci', 'mean_achieved'], {}, 3),
    '',
    '## Constant lead times (control), all SKUs',
    '',
    markdownTable(byClass.filter((r) => r.lead_time === 'constant' && r.group === 'all'), ['split', 'config', 'skus', 'with_demand', 'measured', 'share_meeting_target', 'below_beyond_ci', 'mean_achieved'], {}, 3),
    '',
    '## Service-inventory frontier (in sample, records lead times, deterministic replay)',
    '',
    markdownTable(t.frontier, undefined, { mean_fill_rate: 4, mean_on_hand_days: 2, share_at_95: 3 }),
    '',
    '![frontier](frontier.svg)',
    '',
    'Per-SKU results of every run: [per-sku.csv](per-sku.csv).',
  ].join('\n');
}

export const sqlPolicyBacktest: Experiment<BacktestSpec> = {
  id: ID,
  title: "Katircioglu, Brown & Asghar (2007) backtest on a real order history: 170 wholesale SKUs, the paper's policies against their targets, by demand class",
  seeds: ['Katircioglu, Brown & Asghar (2007)'],
  seed: 11,
  profiles: PROFILES,
  async run(spec, ctx): Promise<ExperimentOutput> {
    const d = loadData(spec);
    const simulate = replicationsOnPool({ threads: ctx.threads, ...(ctx.pool ? { pool: ctx.pool } : {}) });
    const runs = await runConfigs(d, spec, ctx, simulate);
    const { byClass, byPattern } = groupTables(d, runs);
    const scatter = await scatterTable(d, spec, ctx, simulate);
    const frontier = await frontierTable(d, spec, ctx, simulate);
    const overdispersion = overdispersionTable(d, runs, spec.leadTimeMean);
    const wf = await waterfallRows(d, spec, ctx, simulate);
    const tables: Tables = {
      overdispersion,
      'overdispersion-by-class': overdispersionByClass(overdispersion),
      'per-sku': perSkuTable(d, runs),
      'by-class': byClass,
      'by-pattern': byPattern,
      'share-meeting': shareTable(d, byClass),
      scatter,
      frontier,
      waterfall: waterfallByClass(d, wf, spec.target),
      'waterfall-per-sku': waterfallPerSku(d, wf),
    };
    for (const k of Object.keys(tables) as (keyof Tables)[]) tables[k] = withoutNaN(tables[k]);
    const credit = readFileSync(`${sharedDataDir()}/README.md`, 'utf8').includes('CC BY 4.0') ? 'UCI Online Retail (CC BY 4.0); USAID SCMS Delivery History' : 'see README.md of the shared data folder';
    return {
      headline: headlineOf(d, spec, tables),
      tables,
      markdown: [introMarkdown(d, spec), findingsOf(d, spec, tables, spearmanOf(overdispersion)), waterfallMarkdown(spec, tables), tablesMarkdown(spec, tables)].join('\n'),
      figures: { ...(await backtestFigures(tables.scatter, tables.frontier, spec.target)), waterfall: await waterfallFigure(tables.waterfall, spec.target) },
      data: { dataCredit: credit },
    };
  },
};
