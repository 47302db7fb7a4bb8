/**
 * `invlab forecast`: rolling-origin forecasts of a daily demand history, SKU by SKU, with the
 * accuracy measured the way the field does (src/forecast/accuracy.ts): MASE (Hyndman & Koehler
 * 2006), RMSSE and the scaled pinball loss of the quantiles (the M5 measures, Makridakis,
 * Spiliotis & Assimakopoulos 2022), bias, per SBC class (Syntetos, Boylan & Croston 2005), and
 * the forecast value added over the naive forecast. Writes the forecasts (SKU, method, origin
 * date, horizon, point, quantiles, actual) for `invlab backtest --forecasts`, and the accuracy
 * table.
 *
 * Conventions: an origin is the last day whose demand the forecast has seen; horizon h forecasts
 * the demand of the day origin + h. The SBC class (and `auto`'s choice) is that of the days up to
 * the first origin.
 */
import type { Command } from 'commander';
import { rollingOrigin, sbcClassAt, seriesAccuracy, summarizeAccuracy, validateRollingOrigin, type AccuracyRecord, type AccuracySummary, type OriginForecast, type RollingOriginSettings, type SeriesAccuracy } from '../../forecast/accuracy.ts';
import { createForecaster } from '../../forecast/spec.ts';
import { dayNumberToIso, isoDayNumber } from '../../io/common-csv.ts';
import { toCsv, type Row } from '../../io/csv-write.ts';
import { readDailyDemandCsv, skuHistory, type SkuHistory } from '../../io/daily-demand-csv.ts';
import { checkOutputPath, writeFileAtomic } from '../../io/files.ts';
import { markdownTable } from '../../io/markdown.ts';
import { UsageError } from '../model-registry.ts';
import { parseNumberOption } from '../models/sql-policy.ts';
import { autoMethod, methodSpec, methodTokens, registeredMethods, type MethodChoice } from './forecast-methods.ts';

export interface ForecastCliOptions {
  history: string;
  sku?: string;
  method: string;
  horizon: string;
  quantiles: string;
  quantileMethod: string;
  origins: string;
  scale: string;
  out?: string;
  accuracy?: string;
  accuracyBySku?: string;
  json?: boolean;
}

/** Errors of every horizon needed before quantiles are given. */
export const MIN_QUANTILE_ERRORS = 10;

export interface ForecastSettings {
  /** method tokens ('auto' among them: the SBC-class choice) */
  methods: string[];
  horizon: number;
  quantiles: number[];
  quantileMethod: 'empirical' | 'normal';
  /** first origin: observations seen (a number) or an ISO date */
  start: number | string;
  every: number;
  scalePeriod: number;
}

function wholeOption(name: string, text: string, min: number): number {
  const x = parseNumberOption(name, text, 'any')!;
  if (!Number.isInteger(x) || x < min) throw new UsageError(`${name} must be a whole number ≥ ${min}, got ${text}`);
  return x;
}

/** --quantiles: levels in (0, 1), or 'none'. */
export function parseQuantiles(text: string, option = '--quantiles'): number[] {
  if (text.trim() === 'none') return [];
  const q = text.split(',').map((t) => t.trim()).filter((t) => t !== '').map((t) => {
    const u = parseNumberOption(option, t, 'positive')!;
    if (!(u < 1)) throw new UsageError(`${option}: levels must lie strictly between 0 and 1, got ${t}`);
    return u;
  });
  if (q.length === 0) throw new UsageError(`${option} must name at least one level (or none)`);
  q.sort((a, b) => a - b);
  if (q.some((u, i) => i > 0 && u === q[i - 1])) throw new UsageError(`${option}: a level is named twice (${text})`);
  return q;
}

/** --origins start[:every]: start = days of history before the first origin, or its ISO date. */
function parseOrigins(text: string): { start: number | string; every: number } {
  const [a, b, ...rest] = text.split(':').map((t) => t.trim());
  if (rest.length > 0 || a === undefined || a === '') throw new UsageError(`--origins must be start[:every], e.g. 56:7 or 2011-06-01:7, got '${text}'`);
  const every = b === undefined ? 1 : wholeOption('--origins (every)', b, 1);
  if (/^\d{4}-/.test(a)) {
    if (Number.isNaN(isoDayNumber(a))) throw new UsageError(`--origins: '${a}' is not an ISO date YYYY-MM-DD`);
    return { start: a, every };
  }
  return { start: wholeOption('--origins (start: days before the first origin)', a, 1), every };
}

/** The settings from the options (every error names its option). */
export function forecastSettingsFrom(o: ForecastCliOptions): ForecastSettings {
  const horizon = wholeOption('--horizon', o.horizon, 1);
  if (horizon > 366) throw new UsageError(`--horizon must be at most 366 days, got ${o.horizon}`);
  const methods = methodTokens(o.method);
  for (const m of methods) if (m !== 'auto') methodSpec(m);
  if (o.quantileMethod !== 'empirical' && o.quantileMethod !== 'normal') throw new UsageError(`--quantile-method must be 'empirical' or 'normal', got '${o.quantileMethod}'`);
  if (o.scale !== 'naive' && o.scale !== 'seasonal') throw new UsageError(`--scale must be 'naive' or 'seasonal', got '${o.scale}'`);
  return { methods, horizon, quantiles: parseQuantiles(o.quantiles), quantileMethod: o.quantileMethod, ...parseOrigins(o.origins), scalePeriod: o.scale === 'seasonal' ? 7 : 1 };
}

/** Rolling-origin settings for one SKU's history: the first origin resolved to a count of days seen. */
export function skuRollingSettings(h: SkuHistory, s: ForecastSettings): RollingOriginSettings {
  const n = h.dates.length;
  const minTrain = typeof s.start === 'number' ? s.start : h.dates.indexOf(s.start) + 1;
  if (minTrain === 0) throw new UsageError(`--origins: SKU '${h.sku}' has no day ${s.start} (its history runs ${h.dates[0]} to ${h.dates[n - 1]})`);
  if (minTrain + s.horizon > n) {
    throw new UsageError(`history too short for the origins: SKU '${h.sku}' has ${n} days, and the first origin after ${minTrain} days with horizon ${s.horizon} needs at least ${minTrain + s.horizon} (start earlier with --origins, or shorten --horizon)`);
  }
  if (s.quantiles.length > 0 && minTrain < s.horizon + MIN_QUANTILE_ERRORS) {
    throw new UsageError(`--origins: quantiles come from past errors of every horizon, so the first origin needs at least horizon + ${MIN_QUANTILE_ERRORS} = ${s.horizon + MIN_QUANTILE_ERRORS} days of history (got ${minTrain}); start later, or --quantiles none`);
  }
  const ro: RollingOriginSettings = { horizon: s.horizon, minTrain, every: s.every, quantiles: s.quantiles, quantileMethod: s.quantileMethod, minErrors: MIN_QUANTILE_ERRORS, scalePeriod: s.scalePeriod };
  validateRollingOrigin(ro);
  return ro;
}

export interface MethodRun {
  /** the label written in the files: the token, or 'auto' */
  label: string;
  /** the method actually run (differs from the label for auto) */
  method: string;
  origins: OriginForecast[];
  accuracy: SeriesAccuracy;
}

export interface SkuForecast {
  sku: string;
  dates: string[];
  sbcClass: string;
  /** the user's methods, in order */
  runs: MethodRun[];
  /** the naive benchmark (for FVA), also when not asked for */
  naive: MethodRun;
}

function runMethod(h: SkuHistory, label: string, choice: MethodChoice, ro: RollingOriginSettings): MethodRun {
  const origins = rollingOrigin(h.quantities, createForecaster(choice.spec), ro);
  return { label, method: choice.label, origins, accuracy: seriesAccuracy(origins, ro.quantiles) };
}

/** Forecasts and accuracy of one SKU under each method and the naive benchmark. */
export function forecastSku(h: SkuHistory, s: ForecastSettings): SkuForecast {
  const ro = skuRollingSettings(h, s);
  const sbcClass = sbcClassAt(h.quantities, ro.minTrain);
  const start = h.dates[0];
  const runs = s.methods.map((m) => runMethod(h, m, m === 'auto' ? autoMethod(sbcClass, start) : methodSpec(m, '--method', start), ro));
  const naive = runs.find((r) => r.method === 'naive') ?? runMethod(h, 'naive', methodSpec('naive'), ro);
  return { sku: h.sku, dates: h.dates, sbcClass, runs, naive };
}

/** Column name of a quantile level: q0.9, q0.95. */
export function quantileColumn(u: number): string {
  return `q${u}`;
}

/** One row per SKU, method, origin and horizon. */
export function forecastRows(results: readonly SkuForecast[], s: ForecastSettings): Row[] {
  const rows: Row[] = [];
  for (const r of results) {
    for (const run of r.runs) {
      for (const o of run.origins) {
        const originDay = isoDayNumber(r.dates[o.t - 1]!);
        for (let h = 0; h < s.horizon; h++) {
          const row: Row = { sku: r.sku, method: run.label, origin: r.dates[o.t - 1]!, horizon: h + 1, date: dayNumberToIso(originDay + h + 1), point: o.point[h]! };
          s.quantiles.forEach((u, i) => (row[quantileColumn(u)] = o.quantiles[i]![h]!));
          row.actual = Number.isNaN(o.actual[h]!) ? null : o.actual[h]!;
          rows.push(row);
        }
      }
    }
  }
  return rows;
}

/** The forecasts as CSV, built SKU by SKU (a history forecast at every day makes millions of rows). */
export function forecastCsv(results: readonly SkuForecast[], s: ForecastSettings): string {
  const columns = ['sku', 'method', 'origin', 'horizon', 'date', 'point', ...s.quantiles.map(quantileColumn), 'actual'];
  const parts = [toCsv([], columns)];
  for (const r of results) {
    const text = toCsv(forecastRows([r], s), columns);
    parts.push(text.slice(text.indexOf('\n') + 1));
  }
  return parts.join('');
}

function accuracyCells(a: SeriesAccuracy | AccuracySummary, quantiles: readonly number[]): Row {
  const row: Row = { mase: a.mase, rmsse: a.rmsse, me: a.me, sme: a.sme };
  quantiles.forEach((u, i) => (row[`spl_${u}`] = a.spl[i]!));
  return row;
}

/** One row per SKU and method (naive included), with FVA over naive. */
export function accuracyBySkuRows(results: readonly SkuForecast[], s: ForecastSettings): Row[] {
  return results.flatMap((r) => {
    const runs = r.runs.some((x) => x.method === 'naive') ? r.runs : [...r.runs, r.naive];
    return runs.map((run) => ({ sku: r.sku, sbc_class: r.sbcClass, method: run.label, chosen: run.method, origins: run.accuracy.origins, scaled_origins: run.accuracy.scaledOrigins, ...accuracyCells(run.accuracy, s.quantiles), mae: run.accuracy.mae, fva_mase: 1 - run.accuracy.mase / r.naive.accuracy.mase }));
  });
}

/** Per SBC class and method, and over all SKUs. */
export function accuracySummary(results: readonly SkuForecast[], s: ForecastSettings): AccuracySummary[] {
  const records: AccuracyRecord[] = [];
  for (const r of results) {
    for (const run of r.runs) records.push({ series: r.sku, sbcClass: r.sbcClass, method: run.label, accuracy: run.accuracy });
    if (!r.runs.some((x) => x.method === 'naive')) records.push({ series: r.sku, sbcClass: r.sbcClass, method: 'naive', accuracy: r.naive.accuracy });
  }
  return summarizeAccuracy(records, s.quantiles, 'naive');
}

export function summaryRows(summary: readonly AccuracySummary[], s: ForecastSettings): Row[] {
  return summary.map((a) => {
    const cells = accuracyCells(a, s.quantiles);
    return { sbc_class: a.sbcClass, method: a.method, skus: a.series, mase: cells.mase, mase_median: a.maseMedian, ...cells, fva_mase: a.fvaMase, fva_rmsse: a.fvaRmsse };
  });
}

function chosenSkus(all: readonly string[], sku: string | undefined): string[] {
  if (sku === undefined) return [...all];
  const list = sku.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (list.length === 0) throw new UsageError('--sku must name at least one SKU');
  return list;
}

async function forecastAction(o: ForecastCliOptions): Promise<void> {
  const s = forecastSettingsFrom(o);
  for (const [path, flag] of [[o.out, '--out'], [o.accuracy, '--accuracy'], [o.accuracyBySku, '--accuracy-by-sku']] as const) checkOutputPath(path, flag);
  const data = readDailyDemandCsv(o.history);
  const results = chosenSkus(data.skus, o.sku).map((sku) => forecastSku(skuHistory(data, sku, 'calendar'), s));
  const summary = summaryRows(accuracySummary(results, s), s);
  const bySku = accuracyBySkuRows(results, s);
  if (o.out) writeFileAtomic(o.out, o.out.endsWith('.json') ? `${JSON.stringify(forecastRows(results, s))}\n` : forecastCsv(results, s));
  if (o.accuracy) writeFileAtomic(o.accuracy, toCsv(summary));
  if (o.accuracyBySku) writeFileAtomic(o.accuracyBySku, toCsv(bySku));
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ file: data.file, settings: s, summary, bySku }, null, 2)}\n`);
    return;
  }
  const first = results[0]!;
  const originCount = first.runs[0]!.origins.length;
  process.stdout.write(`forecast: ${results.length} SKU(s), ${s.methods.join(', ')}, horizon ${s.horizon} days, ${originCount} origin(s) per SKU (first ${typeof s.start === 'number' ? `after ${s.start} days` : `on ${s.start}`}, every ${s.every} days), ${first.runs[0]!.accuracy.origins} with all actuals\n\n`);
  process.stdout.write(`${markdownTable(summary, undefined, { skus: 0 }, 3)}\n`);
  process.stdout.write(`\nmeans over SKUs of the means over origins (mase_median: median over SKUs); ME in units/day (actual − forecast: > 0 under-forecasts); MASE, RMSSE, sME and SPL scaled by the ${s.scalePeriod === 1 ? 'one-step naive' : 'seasonal naive'} error of the training part (M5 convention); fva = 1 − measure/naive's on the same SKUs; SBC class of the days up to the first origin (none: no demand yet)\n`);
  if (o.out) process.stdout.write(`forecasts written to ${o.out}\n`);
}

export function registerForecast(program: Command): void {
  program
    .command('forecast')
    .description(
      'rolling-origin forecasts of a daily demand history with point forecasts and quantiles (from the empirical or normal distribution of past errors of the same horizon), ' +
        'and their accuracy: MASE (Hyndman & Koehler 2006), RMSSE and scaled pinball loss (M5, Makridakis, Spiliotis & Assimakopoulos 2022), bias, per SBC class (Syntetos, Boylan & Croston 2005), forecast value added over naive. ' +
        'An origin is the last day the forecast has seen; horizon h forecasts day origin + h.',
    )
    .requiredOption('--history <file>', 'daily demand CSV (date, sku, quantity); every calendar day of a SKU must be present')
    .option('--sku <ids>', 'only these SKUs (comma-separated)')
    .option('--method <list>', `methods, comma-separated, each name[:key=value…] (e.g. ses:alpha=0.2); known: ${registeredMethods().join(', ')}; or auto (per SKU by SBC class: SBA if intermittent/lumpy, else ETS/SES)`, 'auto')
    .option('--horizon <days>', 'forecast horizon H (days)', '7')
    .option('--quantiles <levels>', 'quantile levels, comma-separated, or none', '0.5,0.9,0.95')
    .option('--quantile-method <m>', 'quantiles from past h-step errors: empirical (type-7 quantiles) or normal (mean + z·sd)', 'empirical')
    .option('--origins <start[:every]>', 'first origin (days of history before it, or its ISO date) and days between origins', '56:7')
    .option('--scale <naive|seasonal>', 'scale of MASE/RMSSE/SPL: in-sample one-step naive (M5) or weekly seasonal naive error', 'naive')
    .option('--out <file>', 'write the forecasts (CSV: sku, method, origin, horizon, date, point, q<level>…, actual; JSON when the name ends in .json)')
    .option('--accuracy <file>', 'write the accuracy table per SBC class and method (CSV)')
    .option('--accuracy-by-sku <file>', 'write the accuracy per SKU and method (CSV)')
    .option('--json', 'print settings, the accuracy table and the per-SKU accuracy as JSON')
    .action(forecastAction);
}
