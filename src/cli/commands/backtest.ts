/**
 * `invlab backtest --forecasts f.csv`: bring your own forecast. An outside tool's forecasts (SKU,
 * origin date, horizon, point, optional quantiles; src/io/forecasts-csv.ts) become a periodic
 * order-up-to policy, replayed on the real daily demand of the history with the simulator
 * (src/cli/commands/backtest-replay.ts has the definitions): so any forecast, "AI" or not, is
 * judged by the stock and service it leads to, optionally against the built-in adaptive policy
 * with a named forecaster on common random numbers. Reports per SKU the fill rate, the share of
 * review cycles without a stock-out and the average stock on hand, with 95 % intervals over
 * replications when lead times are random (ratio metrics as ratios of sums, src/sim/metrics.ts),
 * and a summary over SKUs with paired intervals.
 */
import type { Command } from 'commander';
import { estimateMean, estimatePairedDifference, type Estimate } from '../../core/stats.ts';
import { SAFETY_STOCK_METHODS, type ServiceTarget } from '../../forecast/safety-stock.ts';
import { cellError, dayNumberToIso, isoDayNumber } from '../../io/common-csv.ts';
import { toCsv, type Row } from '../../io/csv-write.ts';
import { readDailyDemandCsv, skuHistory } from '../../io/daily-demand-csv.ts';
import { checkOutputPath, writeFileAtomic } from '../../io/files.ts';
import { DEFAULT_FORECAST_COLUMNS, readForecastsCsv, type ForecastColumns, type ForecastTable } from '../../io/forecasts-csv.ts';
import { markdownTable } from '../../io/markdown.ts';
import { readOrdersCsv } from '../../io/orders-csv.ts';
import { maxThreads } from '../../pool/estimate.ts';
import { runTasks, WorkerPool } from '../../pool/run.ts';
import { pairedDifferences, summarizeRows } from '../../sim/metrics.ts';
import { UsageError } from '../model-registry.ts';
import { parseNumberOption } from '../models/sql-policy.ts';
import { sbcClassAt } from '../../forecast/accuracy.ts';
import { planSku, skuReplayTask, type DemandHistory, type ReplayResult, type ReplaySettings, type SafetyStockSource, type SkuPlan, type SkuReplayPayload } from './backtest-replay.ts';
import { autoMethod, methodSpec, type MethodChoice } from './forecast-methods.ts';

export interface BacktestCliOptions {
  forecasts: string;
  history?: string;
  orders?: string;
  method?: string;
  columns?: string;
  leadTime: string;
  leadTimeSd: string;
  review: string;
  target: string;
  service: string;
  safetyStock?: string;
  combine: string;
  baseline?: string;
  replications?: string;
  seed: string;
  until?: string;
  sku?: string;
  threads: string;
  out?: string;
  json?: boolean;
}

function wholeOption(name: string, text: string, min: number): number {
  const x = parseNumberOption(name, text, 'any')!;
  if (!Number.isInteger(x) || x < min) throw new UsageError(`${name} must be a whole number ≥ ${min}, got ${text}`);
  return x;
}

/** --columns key=name,…: the forecasts file's column names. */
export function parseColumns(text: string | undefined): Partial<ForecastColumns> {
  if (text === undefined) return {};
  const keys: Record<string, keyof ForecastColumns> = { sku: 'sku', origin: 'origin', horizon: 'horizon', point: 'point', method: 'method', 'quantile-prefix': 'quantilePrefix' };
  const out: Partial<ForecastColumns> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = part.indexOf('=');
    const key = eq > 0 ? keys[part.slice(0, eq)] : undefined;
    if (key === undefined || part.slice(eq + 1) === '') throw new UsageError(`--columns: expected key=name with key one of ${Object.keys(keys).join(', ')}, got '${part}'`);
    out[key] = part.slice(eq + 1);
  }
  return out;
}

/** The service target from --target and --service. */
function targetOf(o: BacktestCliOptions): ServiceTarget {
  const value = parseNumberOption('--target', o.target, 'positive')!;
  if (!(value < 1)) throw new UsageError(`--target must lie strictly between 0 and 1, got ${o.target}`);
  if (o.service !== 'cycle' && o.service !== 'fill') throw new UsageError(`--service must be 'cycle' (no stock-out over the protection interval) or 'fill' (fill rate), got '${o.service}'`);
  return { metric: o.service === 'cycle' ? 'cycleServiceLevel' : 'fillRate', value };
}

/** Where the safety stock comes from; 'quantiles' needs the target's level among the file's columns. */
function safetyStockOf(o: BacktestCliOptions, table: ForecastTable, target: ServiceTarget): { source: SafetyStockSource; levelIndex: number } {
  const levelIndex = table.levels.findIndex((u) => Math.abs(u - target.value) < 1e-12);
  const source = (o.safetyStock ?? (levelIndex >= 0 && target.metric === 'cycleServiceLevel' ? 'quantiles' : 'empirical')) as SafetyStockSource;
  if (source !== 'quantiles' && !(SAFETY_STOCK_METHODS as readonly string[]).includes(source)) throw new UsageError(`--safety-stock must be quantiles, ${SAFETY_STOCK_METHODS.join(', ')}, got '${source}'`);
  if (source !== 'quantiles') return { source, levelIndex };
  if (target.metric !== 'cycleServiceLevel') throw new UsageError('--safety-stock quantiles needs --service cycle: a quantile is a cycle-service level, not a fill rate');
  if (levelIndex < 0) {
    const have = table.quantileColumns.length > 0 ? `its quantile columns are ${table.quantileColumns.join(', ')}` : 'it has no quantile columns';
    throw new UsageError(`--safety-stock quantiles: ${table.file} has no quantile column at the target level ${target.value} (${table.columns.quantilePrefix}${target.value}); ${have}. Set --target to one of the levels, or use --safety-stock empirical`);
  }
  return { source, levelIndex };
}

/** Replay settings from the options and the forecasts table. */
export function replaySettingsFrom(o: BacktestCliOptions, table: ForecastTable): ReplaySettings {
  const target = targetOf(o);
  const ss = safetyStockOf(o, table, target);
  if (o.combine !== 'independent' && o.combine !== 'comonotone') throw new UsageError(`--combine must be independent or comonotone, got '${o.combine}'`);
  const leadTimeSd = parseNumberOption('--lead-time-sd', o.leadTimeSd, 'nonnegative')!;
  const replications = o.replications === undefined ? (leadTimeSd > 0 ? 100 : 1) : wholeOption('--replications', o.replications, 1);
  let until: number | undefined;
  if (o.until !== undefined) {
    until = isoDayNumber(o.until);
    if (Number.isNaN(until)) throw new UsageError(`--until must be an ISO date YYYY-MM-DD, got '${o.until}'`);
  }
  return { leadTime: wholeOption('--lead-time', o.leadTime, 0), leadTimeSd, review: wholeOption('--review', o.review, 1), target, safetyStock: ss.source, combine: o.combine, levelIndex: ss.levelIndex, replications, seed: wholeOption('--seed', o.seed, 0), until, window: 1000, minErrors: 10 };
}

/** Daily demand per SKU from --history, or from --orders (order lines summed per day, zero on days without). */
export function demandHistories(o: BacktestCliOptions): { file: string; bySku: Map<string, DemandHistory> } {
  if ((o.history === undefined) === (o.orders === undefined)) throw new UsageError('give the real demand either as --history <daily.csv> or as --orders <orders.csv>');
  const bySku = new Map<string, DemandHistory>();
  if (o.history !== undefined) {
    const data = readDailyDemandCsv(o.history);
    for (const sku of data.skus) {
      const h = skuHistory(data, sku, 'calendar');
      bySku.set(sku, { sku, firstDay: isoDayNumber(h.dates[0]!), quantities: h.quantities });
    }
    return { file: o.history, bySku };
  }
  const lines = readOrdersCsv(o.orders!);
  const days = lines.maxDay - lines.minDay + 1;
  const q = lines.skus.map(() => new Array<number>(days).fill(0));
  for (let i = 0; i < lines.day.length; i++) q[lines.skuIndex[i]!]![lines.day[i]! - lines.minDay] += lines.quantity[i]!;
  lines.skus.forEach((sku, k) => bySku.set(sku, { sku, firstDay: lines.minDay, quantities: q[k]! }));
  return { file: o.orders!, bySku };
}

export interface SkuBacktest {
  result: ReplayResult;
  policy: Record<string, Estimate>;
  baseline?: { method: string; initialOnHand: number; summary: Record<string, Estimate>; difference: Record<string, Estimate> };
}

const METRICS = [
  ['fill_rate', 'fillRate'],
  ['no_stockout', 'cycleServiceLevel'],
  ['on_hand', 'averageOnHand'],
] as const;

function estimateCells(prefix: string, e: Estimate | undefined): Row {
  const ok = (x: number | undefined): number | null => (x === undefined || Number.isNaN(x) ? null : x);
  return { [prefix]: ok(e?.mean), [`${prefix}_low`]: ok(e?.low), [`${prefix}_high`]: ok(e?.high) };
}

/** One row per SKU. */
export function backtestRows(results: readonly SkuBacktest[]): Row[] {
  return results.map(({ result: r, policy, baseline }) => {
    const row: Row = { sku: r.plan.sku, first_review: dayNumberToIso(r.plan.firstReview), days: r.plan.horizon, reviews: r.plan.reviews, demand: r.rows[0]!.demandPerPeriod * r.plan.horizon, initial_on_hand: r.initialOnHand, mean_S: r.levels.length > 0 ? r.levels.reduce((a, b) => a + b, 0) / r.levels.length : null, coverage: Number.isNaN(r.coverage) ? null : r.coverage };
    for (const [name, m] of METRICS) Object.assign(row, estimateCells(name, policy[m]));
    if (baseline) {
      row.baseline_method = baseline.method;
      for (const [name, m] of METRICS) Object.assign(row, estimateCells(`baseline_${name}`, baseline.summary[m]));
      for (const [name, m] of METRICS) Object.assign(row, estimateCells(`d_${name}`, baseline.difference[m]));
    }
    return row;
  });
}

function interval(e: Estimate, digits: number): string {
  return Number.isFinite(e.halfWidth) ? `${e.mean.toFixed(digits)} [${e.low.toFixed(digits)}, ${e.high.toFixed(digits)}]` : e.mean.toFixed(digits);
}

/**
 * Over the SKUs with demand in the replay: mean per metric with a 95 % t-interval over SKUs,
 * share meeting the target, and (with a baseline) the paired difference over SKUs.
 */
export function backtestSummary(results: readonly SkuBacktest[], s: ReplaySettings): Row[] {
  const withDemand = results.filter((r) => Number.isFinite(r.policy.fillRate?.mean));
  const metric = s.target.metric === 'fillRate' ? 'fillRate' : 'cycleServiceLevel';
  const col = (f: (r: SkuBacktest) => number): number[] => withDemand.map(f);
  const out: Row[] = [];
  const families: [string, (r: SkuBacktest) => Record<string, Estimate>][] = [['forecasts', (r) => r.policy]];
  if (withDemand[0]?.baseline) families.push(['baseline', (r) => r.baseline!.summary]);
  for (const [policy, get] of families) {
    const row: Row = { policy, skus: withDemand.length, meeting_target: col((r) => (get(r)[metric]!.mean >= s.target.value ? 1 : 0)).reduce((a, b) => a + b, 0) / withDemand.length };
    for (const [name, m] of METRICS) row[name] = interval(estimateMean(col((r) => get(r)[m]!.mean)), name === 'on_hand' ? 2 : 4);
    if (policy === 'forecasts') {
      const cov = withDemand.map((r) => r.result.coverage).filter((c) => !Number.isNaN(c));
      row.level_coverage = cov.length > 0 ? interval(estimateMean(cov), 4) : '';
    }
    out.push(row);
  }
  if (families.length === 2) {
    const row: Row = { policy: 'forecasts − baseline', skus: withDemand.length };
    for (const [name, m] of METRICS) row[name] = interval(estimatePairedDifference(col((r) => r.policy[m]!.mean), col((r) => r.baseline!.summary[m]!.mean)), name === 'on_hand' ? 2 : 4);
    out.push(row);
  }
  return out;
}

/** --threads: a whole number from 1 to the machine's cap. */
function threadsOf(text: string): number {
  const n = wholeOption('--threads', text, 1);
  if (n > maxThreads()) throw new UsageError(`--threads is ${n}, more than the ${maxThreads()} this machine allows`);
  return n;
}

/** Read, check (every SKU, every review date) and replay, SKUs spread over `--threads` threads; no output. */
export async function runBacktest(o: BacktestCliOptions): Promise<{ table: ForecastTable; settings: ReplaySettings; results: SkuBacktest[]; historyFile: string; baseline?: string }> {
  const threads = threadsOf(o.threads);
  if ((o.history === undefined) === (o.orders === undefined)) throw new UsageError('give the real demand either as --history <daily.csv> or as --orders <orders.csv>');
  const table = readForecastsCsv(o.forecasts, parseColumns(o.columns), o.method);
  const settings = replaySettingsFrom(o, table);
  const baseline = o.baseline === undefined || o.baseline === 'auto' ? undefined : methodSpec(o.baseline, '--baseline');
  const { file, bySku } = demandHistories(o);
  for (const sku of table.skus) if (!bySku.has(sku)) throw cellError(table.file, table.bySku.get(sku)!.firstRow, table.columns.sku, `unknown SKU '${sku}': not in the history ${file}`, sku);
  const skus = o.sku === undefined ? table.skus : o.sku.split(',').map((x) => x.trim()).filter((x) => x !== '');
  for (const sku of skus) if (!table.bySku.has(sku)) throw new UsageError(`--sku: '${sku}' has no forecasts in ${table.file}`);
  const plans = skus.map((sku) => planSku(bySku.get(sku)!, table.bySku.get(sku)!, settings, table.file));
  const baselineOf = (h: DemandHistory, plan: SkuPlan): MethodChoice | undefined => (o.baseline === 'auto' ? autoMethod(sbcClassAt(h.quantities, plan.firstReview - h.firstDay + 1), dayNumberToIso(h.firstDay)) : baseline);
  const payloads: SkuReplayPayload[] = plans.map((plan) => {
    const h = bySku.get(plan.sku)!;
    const b = baselineOf(h, plan);
    return { history: h, forecasts: table.bySku.get(plan.sku)!, plan, settings, ...(b ? { baseline: b.spec } : {}) };
  });
  const pool = threads > 1 ? new WorkerPool(threads) : undefined;
  let done;
  try {
    done = await runTasks({ task: skuReplayTask, payloads, threads, ...(pool ? { pool } : {}) });
  } finally {
    await pool?.close();
  }
  const results = done.map(({ forecast: result, baseline: b }, k) => {
    const out: SkuBacktest = { result, policy: summarizeRows(result.rows) };
    if (b) out.baseline = { method: payloads[k]!.baseline!.method, initialOnHand: b.initialOnHand, summary: summarizeRows(b.rows), difference: pairedDifferences(result.rows, b.rows) };
    return out;
  });
  return { table, settings, results, historyFile: file, ...(o.baseline !== undefined ? { baseline: o.baseline } : {}) };
}

function describeSettings(s: ReplaySettings, table: ForecastTable, baseline: string | undefined): string {
  const ss = s.safetyStock === 'quantiles' ? `the ${table.quantileColumns[s.levelIndex]} column (${s.combine})` : s.safetyStock === 'bootstrap' ? "the bootstrap of the file's past one-step forecast errors summed over R + L days" : `the ${s.safetyStock} distribution of the file's past H-day forecast errors`;
  const lt = s.leadTimeSd > 0 ? `lead time N(${s.leadTime}, ${s.leadTimeSd}²) rounded, ${s.replications} replications on common random numbers` : `lead time ${s.leadTime} days (constant: one deterministic replay, no intervals)`;
  return `order up to ⌈Σ point forecasts over R + L = ${s.review + s.leadTime} days + safety stock⌉ at each review (R = ${s.review} days), safety stock from ${ss}, target ${s.target.metric === 'fillRate' ? 'fill rate' : 'cycle service'} ${s.target.value}; ${lt}${baseline ? `; baseline: the adaptive policy with ${baseline === 'auto' ? 'the SBC-class choice of each SKU (auto)' : baseline}` : ''}`;
}

async function backtestAction(o: BacktestCliOptions): Promise<void> {
  checkOutputPath(o.out, '--out');
  const run = await runBacktest(o);
  const rows = backtestRows(run.results);
  const summary = backtestSummary(run.results, run.settings);
  if (o.out) writeFileAtomic(o.out, toCsv(rows));
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ forecasts: run.table.file, method: run.table.method, history: run.historyFile, settings: run.settings, baseline: run.baseline, summary, skus: rows }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`backtest: ${rows.length} SKU(s) from ${run.table.file}${run.table.method ? ` (method ${run.table.method})` : ''}, replayed on ${run.historyFile}\n${describeSettings(run.settings, run.table, run.baseline)}\n\n`);
  process.stdout.write(`${markdownTable(summary)}\n\nmeans over SKUs with demand in the replay [95 % t-interval over SKUs; the difference is paired]; no_stockout = share of review cycles without a stock-out; on_hand = average units on hand; level_coverage = share of reviews whose real demand over the next R + L days stayed ≤ the order-up-to level (calibration of the level against the nominal ${run.settings.target.metric === 'cycleServiceLevel' ? `cycle service ${run.settings.target.value}` : 'target'})\n`);
  if (o.out) process.stdout.write(`per-SKU results written to ${o.out}\n`);
}

export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description(
      "bring your own forecast: turn a forecasts file (sku, origin, horizon, point[, q<level>…]; origin = the last day the forecast has seen) into a periodic order-up-to policy " +
        '(S = Σ point forecasts over review + lead time + safety stock from the quantile columns or from the forecasts\' past errors, whole units) and replay it on the real daily demand, ' +
        'reporting fill rate, cycles without stock-out and average stock per SKU, optionally against the built-in adaptive policy with a named forecaster on common random numbers',
    )
    .requiredOption('--forecasts <file>', 'forecasts CSV, e.g. from `invlab forecast --out`')
    .option('--history <file>', 'real daily demand CSV (date, sku, quantity)')
    .option('--orders <file>', 'or order transactions CSV (date, sku, quantity), summed per day')
    .option('--method <name>', "the forecasts file's method to replay, when it holds several")
    .option('--columns <map>', `column names of the forecasts file, key=name comma-separated (keys: sku, origin, horizon, point, method, quantile-prefix; defaults ${Object.values(DEFAULT_FORECAST_COLUMNS).join(', ')})`)
    .option('--lead-time <days>', 'lead time L the policy plans for and the replay uses (whole days)', '7')
    .option('--lead-time-sd <days>', 'random lead times: sd of a normal N(L, sd²) rounded to whole days ≥ 0 (0: constant)', '0')
    .option('--review <days>', 'review period R (days)', '7')
    .option('--target <p>', 'service target', '0.95')
    .option('--service <kind>', 'what the target means: cycle (no stock-out over R + L) or fill (fill rate)', 'cycle')
    .option('--safety-stock <source>', 'quantiles (the file\'s q<target> column), or from the file\'s past errors: empirical, normal, gamma, negbin (moment-fitted lead-time demand) or bootstrap (sums of one-step errors); default quantiles when the column exists, else empirical')
    .option('--combine <how>', 'quantiles over R + L days: independent (√Σ of squared deviations) or comonotone (their sum)', 'independent')
    .option('--baseline <method>', 'also replay the built-in adaptive policy with this forecaster (name[:key=value…], or auto: by the SBC class of the days up to the first review) on the same days and lead times')
    .option('--replications <n>', 'replications (default 1 with a constant lead time, else 100)')
    .option('--seed <n>', 'master seed of the lead-time streams', '1')
    .option('--until <date>', 'last day replayed (ISO date; default the end of each SKU\'s history)')
    .option('--sku <ids>', 'only these SKUs (comma-separated)')
    .option('--threads <n>', 'threads the SKUs are spread over (the output does not depend on it)', '1')
    .option('--out <file>', 'write one row per SKU as CSV')
    .option('--json', 'print settings, summary and per-SKU results as JSON')
    .action(backtestAction);
}
