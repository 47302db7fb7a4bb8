/**
 * Why the backtest misses its targets (Katircioglu, Brown & Asghar 2007, objective 3: no stock-out
 * in a cycle, continuous review sQ): the gap between the target PVALUE and the cycle service the
 * backtest achieves, decomposed per SKU into measured steps, each one assumption of the model
 * given up at a time, on common random numbers (one stream key per SKU for every level):
 *
 *   L0 target PVALUE (what the normal approximation promises for ROP = AOD·RLT + k·SRLT…)
 *   L1 exact lead-time demand: P(LTD ≤ ROP) with LTD the SKU's own compound Poisson over a constant
 *      lead time (its order rate, its training order sizes, i.i.d.), by Monte Carlo  → step "normal approximation"
 *   L2 the engine, daily review, whole units, the same stationary compound-Poisson demand and
 *      constant lead time (the synthetic control: every assumption met but review timing)  → step "review timing (undershoot)"
 *   L3 the real daily history (block bootstrap), otherwise as L2  → step "real history (non-stationarity, autocorrelation)"
 *   L4 lead times drawn from the records, and the policy trained with their variability (SRLT)  → step "lead-time variability"
 *   L5 the model's continuous (fractional) policy instead of the whole-unit one  → step "fractional policy"
 *
 * Steps are differences of consecutive levels (they add up to L0 − L5); L4 is what the backtest
 * now reports, L5 what it reported before whole units. Pure; replications run through `simulate`.
 */
import { estimateMean, type Estimate } from '../../../core/stats.ts';
import type { InventoryPolicy } from '../../../policy/types.ts';
import { stream } from '../../../rng/stream.ts';
import type { InventorySimSpec } from '../../../sim/inventory.ts';
import { wholeUnitPolicy } from '../policy.ts';
import type { SqlPolicyParams } from '../types.ts';
import { backtest, CONTINUOUS_ID, outcomeOf, type BacktestSettings, type OrderHistory, type SimulateReplications, type SkuBacktest } from './backtest.ts';

/** The levels L0-L5, in order. */
export const WATERFALL_LEVELS = ['target', 'exactLeadTimeDemand', 'syntheticDailyReview', 'realHistory', 'leadTimeRecords', 'fractionalPolicy'] as const;
export type WaterfallLevel = (typeof WATERFALL_LEVELS)[number];

/** The steps between consecutive levels (step i = level i − level i + 1), in order. */
export const WATERFALL_STEPS = ['normal approximation', 'review timing (undershoot)', 'real history', 'lead-time variability', 'fractional policy'] as const;
export type WaterfallStep = (typeof WATERFALL_STEPS)[number];

export interface WaterfallSettings {
  /** objective 3 settings (continuous review) shared by all SKUs */
  policy: Omit<SqlPolicyParams, 'sku' | 'demand' | 'leadTime'>;
  /** the constant lead time of L1-L3 (days): the records' mean */
  leadTimeMean: number;
  /** the records: their moments (the model's Step 2) and the replay spec */
  records: { model: { mean: number; sd: number }; sim: InventorySimSpec['leadTime'] };
  trainFrom: number;
  trainTo: number;
  testFrom: number;
  testTo: number;
  blockLength: number;
  warmup: number;
  replications: number;
  /** Monte Carlo draws of the lead-time demand per SKU (L1) */
  ltdDraws: number;
  seed: number | string;
  scenario: string;
  only?: Set<string>;
}

export interface SkuWaterfall {
  sku: string;
  /** the levels L0-L5 (NaN where the cycle service could not be measured) */
  levels: Record<WaterfallLevel, number>;
  /** level differences; NaN when either level is */
  steps: Record<WaterfallStep, number>;
  /** continuous ROP (constant-lead-time policy of L1-L3, records policy of L4-L5) */
  ropConstant: number;
  ropRecords: number;
}

/**
 * P(LTD ≤ rop) for LTD = the sum of Poisson(orderRate·leadTime) i.i.d. order sizes drawn from
 * `sizes`, by `draws` Monte Carlo draws on the stream (seed, key…): the exact lead-time demand
 * of the model's compound-Poisson assumption, with the SKU's own order sizes.
 */
export function exactLtdService(orderRate: number, sizes: readonly number[], leadTime: number, rop: number, draws: number, seed: number | string, key: string): number {
  const rs = stream(seed, key, 'ltd');
  const mean = orderRate * leadTime;
  let ok = 0;
  for (let d = 0; d < draws; d++) {
    const n = rs.poisson(mean);
    let x = 0;
    for (let i = 0; i < n && x <= rop; i++) x += sizes[rs.int(sizes.length)]!;
    if (x <= rop) ok++;
  }
  return ok / draws;
}

/** The training window's order sizes per SKU index. */
function trainingSizes(h: OrderHistory, from: number, to: number): number[][] {
  const out = h.skus.map((): number[] => []);
  for (let i = 0; i < h.day.length; i++) if (h.day[i]! >= from && h.day[i]! < to) out[h.skuIndex[i]!]!.push(h.quantity[i]!);
  return out;
}

/** The two backtests of the chain: constant lead time (L3, and the policy of L1-L2) and records (L4, L5). */
async function chainBacktests(h: OrderHistory, s: WaterfallSettings, simulate: SimulateReplications): Promise<{ constant: SkuBacktest[]; records: SkuBacktest[] }> {
  const base: Omit<BacktestSettings, 'modelLeadTime' | 'simLeadTime'> = {
    policy: s.policy,
    trainFrom: s.trainFrom,
    trainTo: s.trainTo,
    testFrom: s.testFrom,
    testTo: s.testTo,
    mode: 'bootstrap',
    blockLength: s.blockLength,
    warmup: s.warmup,
    replications: s.replications,
    seed: s.seed,
    scenario: s.scenario,
    wholeUnits: true,
    ...(s.only ? { only: s.only } : {}),
  };
  const constant = await backtest(h, { ...base, modelLeadTime: { supply: { mean: s.leadTimeMean, sd: 0 } }, simLeadTime: { kind: 'constant', value: s.leadTimeMean }, continuousOutcome: false }, simulate);
  const records = await backtest(h, { ...base, modelLeadTime: { supply: s.records.model }, simLeadTime: s.records.sim, continuousOutcome: true }, simulate);
  return { constant, records };
}

/** Cycle service of an outcome (NaN when unmeasured). */
function cycleService(r: SkuBacktest | undefined, id: string): number {
  return r?.outcomes.find((o) => o.policyId === id)?.achieved?.mean ?? NaN;
}

/** L2: the whole-unit constant-lead-time policy on stationary compound-Poisson demand at the SKU's own rate and sizes. */
async function syntheticLevel(c: SkuBacktest, sizes: number[], s: WaterfallSettings, simulate: SimulateReplications): Promise<number> {
  const policy: InventoryPolicy = wholeUnitPolicy(c.result!.policy);
  const spec: InventorySimSpec = {
    demand: { kind: 'compoundPoisson', ordersPerPeriod: c.result!.OAR!, orderSize: { kind: 'empirical', values: sizes } },
    leadTime: { kind: 'constant', value: s.leadTimeMean },
    policy,
    horizon: s.testTo - s.testFrom,
    warmup: s.warmup,
  };
  const rows = await simulate(spec, s.seed, `${s.scenario}/${c.sku}`, s.replications);
  return outcomeOf('synthetic', policy, rows, 'cycleServiceLevel', spec.horizon).achieved?.mean ?? NaN;
}

/** One SKU's levels and steps. */
async function skuWaterfall(c: SkuBacktest, r: SkuBacktest | undefined, sizes: number[], s: WaterfallSettings, simulate: SimulateReplications): Promise<SkuWaterfall> {
  const levels: Record<WaterfallLevel, number> = {
    target: c.target!,
    exactLeadTimeDemand: exactLtdService(c.result!.OAR!, sizes, s.leadTimeMean, c.result!.ROP, s.ltdDraws, s.seed, `${s.scenario}/${c.sku}`),
    syntheticDailyReview: await syntheticLevel(c, sizes, s, simulate),
    realHistory: cycleService(c, 'model'),
    leadTimeRecords: r?.status === 'ok' ? cycleService(r, 'model') : NaN,
    fractionalPolicy: r?.status === 'ok' ? cycleService(r, CONTINUOUS_ID) : NaN,
  };
  const steps = Object.fromEntries(WATERFALL_STEPS.map((st, i) => [st, levels[WATERFALL_LEVELS[i]!] - levels[WATERFALL_LEVELS[i + 1]!]])) as Record<WaterfallStep, number>;
  return { sku: c.sku, levels, steps, ropConstant: c.result!.ROP, ropRecords: r?.result?.ROP ?? NaN };
}

/**
 * The waterfall of every SKU whose policy could be trained and simulated (SKUs skipped by the
 * backtest are left out; a level that could not be measured is NaN and drops the SKU from the
 * steps next to it in the summary). In sample or out of sample as the windows say.
 */
export async function waterfall(h: OrderHistory, s: WaterfallSettings, simulate: SimulateReplications, onProgress?: (done: number, total: number) => void): Promise<SkuWaterfall[]> {
  const { constant, records } = await chainBacktests(h, s, simulate);
  const sizes = trainingSizes(h, s.trainFrom, s.trainTo);
  const ok = constant.filter((c) => c.status !== 'skipped' && c.result);
  let done = 0;
  return Promise.all(
    ok.map(async (c) => {
      const w = await skuWaterfall(c, records.find((r) => r.sku === c.sku), sizes[h.skus.indexOf(c.sku)]!, s, simulate);
      onProgress?.(++done, ok.length);
      return w;
    }),
  );
}

/** One step (or level) of a group: mean over the SKUs where it is defined, with its 95 % t-interval over SKUs. */
export interface WaterfallCell {
  group: string;
  name: string;
  kind: 'level' | 'step';
  estimate: Estimate | undefined;
}

/**
 * Per group: every level and step as the mean over SKUs with a 95 % t-interval across SKUs (the
 * SKU's paired difference is the observation: both levels of a step are on the same random
 * numbers, so the interval is that of a paired comparison). Only SKUs with every level measured
 * enter, so the steps add up to target − L5 in every group.
 */
export function summarizeWaterfall(rows: readonly SkuWaterfall[], groupOf: (sku: string) => string): { cells: WaterfallCell[]; complete: Map<string, { skus: number; complete: number }> } {
  const groups = new Map<string, SkuWaterfall[]>();
  for (const r of rows) for (const g of [groupOf(r.sku), 'all']) groups.set(g, [...(groups.get(g) ?? []), r]);
  const cells: WaterfallCell[] = [];
  const complete = new Map<string, { skus: number; complete: number }>();
  for (const [group, rs] of groups) {
    const full = rs.filter((r) => WATERFALL_LEVELS.every((l) => Number.isFinite(r.levels[l])));
    complete.set(group, { skus: rs.length, complete: full.length });
    const est = (v: number[]): Estimate | undefined => (v.length >= 2 ? estimateMean(v) : v.length === 1 ? { n: 1, mean: v[0]!, sd: NaN, se: NaN, level: 0.95, halfWidth: NaN, low: NaN, high: NaN } : undefined);
    for (const l of WATERFALL_LEVELS) cells.push({ group, name: l, kind: 'level', estimate: est(full.map((r) => r.levels[l])) });
    for (const st of WATERFALL_STEPS) cells.push({ group, name: st, kind: 'step', estimate: est(full.map((r) => r.steps[st])) });
  }
  return { cells, complete };
}
