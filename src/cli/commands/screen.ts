/**
 * `invlab screen`: the data screen of a daily demand history, SKU by SKU (src/forecast/screen/):
 * Hampel filter (Hampel 1974), the seasonal-decomposition residual rule of R's
 * forecast::tsoutliers (quartiles ± 3·IQR of the remainders of a weekly decomposition, after
 * Cleveland et al. 1990), level shifts (binary segmentation with Page's 1954 CUSUM statistic) and
 * stock-out-censored demand (abnormal zero runs, unconstrained to the SKU's rate). Days flagged
 * as closed in the history (is_trading_day = 0) are never flagged. Writes every flag (SKU, date,
 * rule, value, proposed replacement, reason) as CSV or JSON, and prints the flags per rule and SKU.
 */
import type { Command } from 'commander';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { cleanSeries, countByRule, screenSeries, SCREEN_RULES, type ScreenFlag, type ScreenOptions, type ScreenRule } from '../../forecast/screen/index.ts';
import { toCsv, type Row } from '../../io/csv-write.ts';
import { readDailyDemandCsv, skuHistory, type DailyDemand } from '../../io/daily-demand-csv.ts';
import { checkOutputPath, writeFileAtomic } from '../../io/files.ts';
import { isoDayNumber } from '../../io/common-csv.ts';
import { markdownTable } from '../../io/markdown.ts';
import { UsageError } from '../model-registry.ts';
import { parseNumberOption } from '../models/sql-policy.ts';
import { effectRows, effectSummary, skuEffect, type EffectSettings, type SkuEffect } from './screen-effect.ts';
import { validateForecasterSpec, type ForecasterSpec } from '../../forecast/spec.ts';
import { jsonOption } from '../../io/json-input.ts';

export interface ScreenCliOptions {
  history: string;
  sku?: string;
  rules: string;
  hampelWindow: string;
  hampelK: string;
  iqrMultiplier: string;
  period: string;
  shiftCritical: string;
  shiftMinSegment: string;
  stockoutThreshold: string;
  out?: string;
  json?: boolean;
  effect?: boolean;
  trainUntil?: string;
  leadTime: string;
  review: string;
  target: string;
  effectOut?: string;
  effectForecaster?: string;
}

export interface SkuScreen {
  sku: string;
  dates: string[];
  /** units demanded per day */
  values: number[];
  /** open days (from the trading-day flag), undefined without one */
  open: boolean[] | undefined;
  flags: ScreenFlag[];
}

/** A whole number option ≥ `min`. */
function wholeOption(name: string, text: string, min: number): number {
  const x = parseNumberOption(name, text, min > 0 ? 'positive' : 'nonnegative')!;
  if (!Number.isInteger(x) || x < min) throw new UsageError(`${name} must be a whole number ≥ ${min}, got ${text}`);
  return x;
}

/** The rules named by --rules (comma-separated, or 'all'). */
function parseRules(text: string): ScreenRule[] {
  if (text.trim() === 'all') return [...SCREEN_RULES];
  const rules = text.split(',').map((r) => r.trim()).filter((r) => r !== '');
  for (const r of rules) if (!(SCREEN_RULES as readonly string[]).includes(r)) throw new UsageError(`--rules: unknown rule '${r}' (known: ${SCREEN_RULES.join(', ')}, or all)`);
  if (rules.length === 0) throw new UsageError('--rules must name at least one rule');
  return rules as ScreenRule[];
}

/** The screen's settings from the command-line options (each error names its option). */
export function screenOptionsFrom(o: ScreenCliOptions): ScreenOptions {
  const window = wholeOption('--hampel-window', o.hampelWindow, 3);
  if (window % 2 === 0) throw new UsageError(`--hampel-window must be odd, got ${o.hampelWindow}`);
  const period = wholeOption('--period', o.period, 2);
  return {
    rules: parseRules(o.rules),
    hampel: { window, k: parseNumberOption('--hampel-k', o.hampelK, 'positive')! },
    seasonalIqr: { period, multiplier: parseNumberOption('--iqr-multiplier', o.iqrMultiplier, 'positive')! },
    levelShift: { period, critical: parseNumberOption('--shift-critical', o.shiftCritical, 'positive')!, minSegment: wholeOption('--shift-min-segment', o.shiftMinSegment, 1) },
    stockout: { threshold: stockoutThreshold(o.stockoutThreshold) },
  };
}

function stockoutThreshold(text: string): number {
  const t = parseNumberOption('--stockout-threshold', text, 'positive')!;
  if (t >= 1) throw new UsageError(`--stockout-threshold must be a probability strictly between 0 and 1, got ${text}`);
  return t;
}

/** The SKUs to screen: --sku (each must exist) or all, in file order. */
function chosenSkus(data: DailyDemand, sku: string | undefined): string[] {
  if (sku === undefined) return data.skus;
  const list = sku.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (list.length === 0) throw new UsageError('--sku must name at least one SKU');
  return list;
}

/** Screen every chosen SKU over calendar days; closed days (trading-day flag 0) are masked. */
export function screenHistory(data: DailyDemand, skus: readonly string[], options: ScreenOptions): SkuScreen[] {
  return skus.map((sku) => {
    const h = skuHistory(data, sku, 'calendar');
    const rows = data.bySku.get(sku)!.slice().sort((a, b) => a.day - b.day);
    const open = data.hasTradingDay ? rows.map((r) => r.tradingDay !== 0) : undefined;
    return { sku, dates: h.dates, values: h.quantities, open, flags: screenSeries(h.quantities, { ...options, open }) };
  });
}

/** One row per flag. */
export function flagRows(screens: readonly SkuScreen[]): Row[] {
  return screens.flatMap((s) => s.flags.map((f) => ({ sku: s.sku, date: s.dates[f.day]!, day: f.day, rule: f.rule, value: f.value, replacement: Number(f.replacement.toFixed(4)), note: f.note })));
}

/**
 * Flags per rule and SKU, with a total row; and what the point replacements change in the daily
 * demand a static policy would be estimated from: mean and sd before and after cleanSeries.
 */
export function summaryRows(screens: readonly SkuScreen[]): Row[] {
  const r4 = (x: number): number => Number(x.toFixed(4));
  const rows: Row[] = screens.map((s) => {
    const clean = cleanSeries(s.values, s.flags);
    const sd = (x: number[]): number => (x.length > 1 ? sampleStandardDeviation(x) : 0);
    const stats = { mean_raw: r4(mean(s.values)), mean_clean: r4(mean(clean)), sd_raw: r4(sd(s.values)), sd_clean: r4(sd(clean)) };
    return { sku: s.sku, days: s.dates.length, ...countByRule(s.flags), flagged_days: new Set(s.flags.map((f) => f.day)).size, ...stats };
  });
  const total: Row = { sku: 'all', days: screens.reduce((a, s) => a + s.dates.length, 0) };
  for (const c of [...SCREEN_RULES, 'flagged_days']) total[c] = rows.reduce((a, r) => a + (r[c] as number), 0);
  return [...rows, total];
}

/** --effect settings (each error names its option); undefined without --effect. */
export function effectSettingsFrom(o: ScreenCliOptions): EffectSettings | undefined {
  if (!o.effect) {
    if (o.trainUntil !== undefined || o.effectOut !== undefined) throw new UsageError('--train-until and --effect-out need --effect');
    if (o.effectForecaster !== undefined) throw new UsageError('--effect-forecaster needs --effect');
    return undefined;
  }
  if (o.trainUntil === undefined) throw new UsageError('--effect needs --train-until <date> (the first test day)');
  if (Number.isNaN(isoDayNumber(o.trainUntil))) throw new UsageError(`--train-until must be an ISO date YYYY-MM-DD, got '${o.trainUntil}'`);
  const target = parseNumberOption('--target', o.target, 'positive')!;
  if (target >= 1) throw new UsageError(`--target must be a fill-rate target strictly between 0 and 1, got ${o.target}`);
  const adaptive = o.effectForecaster === undefined ? undefined : effectForecaster(o.effectForecaster);
  return { trainUntil: o.trainUntil, leadTime: wholeOption('--lead-time', o.leadTime, 0), review: wholeOption('--review', o.review, 1), target, ...(adaptive ? { adaptive } : {}) };
}

/** --effect-forecaster: a forecaster spec as JSON (errors name the option). */
function effectForecaster(text: string): ForecasterSpec {
  const spec = jsonOption('--effect-forecaster', text);
  try {
    return validateForecasterSpec(spec, 'forecaster') as ForecasterSpec;
  } catch (e) {
    throw new UsageError(`--effect-forecaster: ${(e as Error).message}`);
  }
}

/** The --effect table (or JSON rows) over the screened SKUs. */
function effectReport(screens: readonly SkuScreen[], options: ScreenOptions, s: EffectSettings): { summary: Row[]; adaptiveSummary?: Row[]; rows: Row[] } {
  const effects = screens.map((h) => skuEffect(h, options, s)).filter((x): x is SkuEffect => x !== null);
  return { summary: effectSummary(effects, s.target), ...(s.adaptive ? { adaptiveSummary: effectSummary(effects, s.target, 'adaptive') } : {}), rows: effectRows(effects) };
}

async function screenAction(o: ScreenCliOptions): Promise<void> {
  const options = screenOptionsFrom(o);
  const effectSettings = effectSettingsFrom(o);
  checkOutputPath(o.out, '--out');
  checkOutputPath(o.effectOut, '--effect-out');
  const data = readDailyDemandCsv(o.history);
  const screens = screenHistory(data, chosenSkus(data, o.sku), options);
  const flags = flagRows(screens);
  const summary = summaryRows(screens);
  const effect = effectSettings ? effectReport(screens, options, effectSettings) : undefined;
  if (o.out) writeFileAtomic(o.out, o.out.endsWith('.json') ? `${JSON.stringify(flags, null, 2)}\n` : toCsv(flags, ['sku', 'date', 'day', 'rule', 'value', 'replacement', 'note']));
  if (o.effectOut && effect) writeFileAtomic(o.effectOut, toCsv(effect.rows));
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ file: data.file, rules: options.rules, summary, flags, ...(effect ? { effect: { settings: effectSettings, summary: effect.summary, ...(effect.adaptiveSummary ? { adaptiveSummary: effect.adaptiveSummary } : {}), skus: effect.rows } } : {}) }, null, 2)}\n`);
    return;
  }
  const skus = screens.length;
  process.stdout.write(`screen: ${skus} SKU(s), ${summary[summary.length - 1]!.days} SKU-days, ${flags.length} flag(s) (rules: ${options.rules!.join(', ')})\n\n`);
  process.stdout.write(`${markdownTable(summary, undefined, { mean_raw: 3, mean_clean: 3, sd_raw: 3, sd_clean: 3 }, 0)}\n`);
  process.stdout.write('mean/sd: daily demand before and after the point replacements (Hampel, residual rule, censored zero runs; level shifts are not replaced)\n');
  if (o.out) process.stdout.write(`flags written to ${o.out}\n`);
  if (effect && effectSettings) process.stdout.write(effectText(effect.summary, effectSettings));
  if (effect?.adaptiveSummary && effectSettings) process.stdout.write(adaptiveEffectText(effect.adaptiveSummary, effectSettings));
}

function adaptiveEffectText(rows: readonly Row[], s: EffectSettings): string {
  const head = `\neffect on an adaptive (R, S) policy: S_t = F_t(R + L) + SS_t, forecaster ${JSON.stringify(s.adaptive)}, SS_t from the empirical (R + L)-day forecast errors for the fill-rate target ${s.target}; forecaster and errors learn each variant's cleaned days before ${s.trainUntil} (no orders), then run online on the real days from ${s.trainUntil} from S_0 on hand (mean_S: mean S_0), R = ${s.review}, L = ${s.leadTime} days; d_* = paired difference from raw over SKUs, mean [95 % CI]\n\n`;
  return `${head}${markdownTable(rows, ['variant', 'skus', 'skus_changed', 'mean_S', 'fill_rate', 'meeting_target', 'on_hand', 'd_fill_rate', 'd_on_hand'], { skus: 0, skus_changed: 0, mean_S: 1, fill_rate: 4, meeting_target: 3, on_hand: 2 })}\n`;
}

function effectText(rows: readonly Row[], s: EffectSettings): string {
  const head = `\neffect on an (R, S) policy: S = ⌈μ(R + L) + z·σ·√(R + L)⌉ from the days before ${s.trainUntil} (screened, all rules, each variant applying its corrections), R = ${s.review}, L = ${s.leadTime} days, target ${s.target}; replayed on the real days from ${s.trainUntil}; d_* = paired difference from raw over SKUs, mean [95 % CI]\n\n`;
  return `${head}${markdownTable(rows, ['variant', 'skus', 'skus_changed', 'mean_S', 'fill_rate', 'meeting_target', 'on_hand', 'd_fill_rate', 'd_on_hand'], { skus: 0, skus_changed: 0, mean_S: 1, fill_rate: 4, meeting_target: 3, on_hand: 2 })}\n`;
}

export function registerScreen(program: Command): void {
  program
    .command('screen')
    .description(
      'screen a daily demand history for outliers, level shifts and stock-out-censored zero runs: Hampel filter (Hampel 1974), weekly-decomposition residuals outside quartiles ± 3·IQR (as R forecast::tsoutliers; Cleveland et al. 1990), ' +
        'level shifts by binary segmentation with the CUSUM statistic (Page 1954), abnormal zero runs with unconstraining; each flag proposes a replacement',
    )
    .requiredOption('--history <file>', 'daily demand CSV (date, sku, quantity[, is_trading_day]); every calendar day of a SKU must be present')
    .option('--sku <ids>', 'only these SKUs (comma-separated)')
    .option('--rules <list>', `rules to run (${SCREEN_RULES.join(', ')}, or all)`, 'all')
    .option('--hampel-window <days>', 'Hampel window (odd number of days)', '7')
    .option('--hampel-k <k>', 'Hampel threshold in scaled MADs (1.4826·MAD)', '3')
    .option('--iqr-multiplier <m>', 'residual rule: flag outside quartiles ± m·IQR', '3')
    .option('--period <days>', 'season length for the decomposition', '7')
    .option('--shift-critical <c>', 'level shifts: critical value of the CUSUM statistic (1.628: 1 %, 1.358: 5 %)', '1.628')
    .option('--shift-min-segment <days>', 'level shifts: fewest days on either side', '14')
    .option('--stockout-threshold <p>', 'zero runs less likely than this under the SKU\'s non-zero rate are censored', '0.0001')
    .option('--out <file>', 'write the flags (CSV; JSON when the name ends in .json)')
    .option('--json', 'print the summary and the flags as JSON')
    .option('--effect', 'also show what the corrections change in an (R, S) policy set from the days before --train-until and in the fill rate it achieves on the real days after')
    .option('--train-until <date>', '--effect: first test day (ISO date)')
    .option('--lead-time <days>', '--effect: constant lead time (whole days)', '7')
    .option('--review <days>', '--effect: review period R (whole days)', '7')
    .option('--target <fill>', '--effect: fill-rate target (sets z = Φ⁻¹(target))', '0.95')
    .option('--effect-out <file>', '--effect: write one row per SKU and variant as CSV')
    .option('--effect-forecaster <json>', '--effect: also measure the effect on an adaptive (forecast-driven) (R, S) policy with this forecaster (JSON or @file, e.g. \'{"method":"ses","alpha":0.1}\'; empirical safety stock for the --target fill rate): the forecaster learns each variant\'s cleaned training days, then runs on the same real test days')
    .action(screenAction);
}
