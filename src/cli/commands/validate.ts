/**
 * `invlab validate`: the sql-policy model (Katircioglu, Brown & Asghar 2007) checked on a real
 * order history. Each SKU's policy is estimated on the orders up to --train-until (Steps 1-7, the
 * same options as `invlab policy`), then the rest of the SKU's real daily demand is replayed day
 * by day against it (src/models/sql-policy/backtest/), with lead times drawn from the records or
 * constant, beside baselines on the same replay; the replications run on a worker pool of
 * --threads threads (the output does not depend on it). Reports per SKU target against achieved
 * (the metric the objective promises), average on hand, days without stock, orders; flags SKUs
 * below target beyond their CI; summarises by demand class when --classes is given.
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { Option } from 'commander';
import { isoDayNumber, dayNumberToIso } from '../../io/common-csv.ts';
import { toCsv, type Row } from '../../io/csv-write.ts';
import { checkOutputPath, writeFileAtomic } from '../../io/files.ts';
import { POOLED_KEY, readLeadTimesCsv } from '../../io/lead-times-csv.ts';
import { markdownTable } from '../../io/markdown.ts';
import { progressReporter } from '../../io/progress.ts';
import { readOrdersCsv, type OrderLines } from '../../io/orders-csv.ts';
import { readSkuClassesCsv } from '../../io/sku-classes-csv.ts';
import { backtestChunkPayload, backtestChunkResult, CONTINUOUS_ID, hasTestDemand, planBacktest, plainMean, reduceBacktestChunks, summarizeByGroup, type BacktestChunkResult, type BacktestPlan, type BacktestSettings, type GroupSummary, type RunBacktestChunks, type SimulateReplications, type SkuBacktest } from '../../models/sql-policy/backtest/backtest.ts';
import { backtestChunkTask } from '../../models/sql-policy/backtest/batch.ts';
import { BASELINES, type BaselineId } from '../../models/sql-policy/backtest/baselines.ts';
import { recordMeanSd, rescaleRecords } from '../../models/sql-policy/backtest/records.ts';
import type { LeadTimeComponents, SqlPolicyParams } from '../../models/sql-policy/types.ts';
import { runReplications, runTasks, WorkerPool } from '../../pool/run.ts';
import { maxThreads, THREADS_PER_CORE } from '../../pool/estimate.ts';
import { inventoryKernel, type InventorySimSpec } from '../../sim/inventory.ts';
import type { InventoryRow } from '../../sim/engine.ts';
import { EXIT_PARTIAL, setExitCode } from '../exit-code.ts';
import { UsageError } from '../model-registry.ts';
import { parseNumberOption } from '../models/sql-policy.ts';
import { addOrderColumnOptions, addPolicyRuleOptions, settingsFromOptions, type PolicyOptions } from './policy.ts';

type SimLeadTime = BacktestSettings['simLeadTime'];

export interface ValidateOptions extends PolicyOptions {
  trainUntil: string;
  testUntil?: string;
  leadTimeScale?: string;
  mode: string;
  replications?: string;
  blockLength: string;
  warmup: string;
  baselines: string;
  classes?: string;
  seed: string;
  threads?: string;
  /** --shard i/N | auto, --shard-count, --checkpoint (the shard file), --resume: ./validate-shard.ts */
  shard?: string;
  shardCount?: string;
  checkpoint?: string;
  resume?: boolean;
}

export interface ValidateRun {
  rows: SkuBacktest[];
  trainDays: number;
  testDays: number;
  lines: number;
  classes: Map<string, { class: string; pattern: string }> | undefined;
  simLeadTime: SimLeadTime;
  modelLeadTime: LeadTimeComponents;
  replications: number;
  warmup: number;
}

/** Where the replications run: `threads` worker threads (1: in this thread), on `pool` when given. */
export interface Execution {
  threads: number;
  pool?: WorkerPool;
}

/**
 * The backtest's replications on the worker pool: runReplications of the inventory kernel, rows
 * in replication order whatever the thread count; and its batched form (runChunks), one task per
 * chunk of SKUs (every policy and replication of each), which backtest() uses: same rows, bit for bit.
 */
export function replicationsOnPool(e: Execution): SimulateReplications {
  const one = (spec: InventorySimSpec, seed: number | string, scenario: string, replications: number): Promise<InventoryRow[]> =>
    runReplications({ kernel: inventoryKernel, spec, seed, scenario, replications, threads: e.threads, ...(e.pool ? { pool: e.pool } : {}) });
  const runChunks: RunBacktestChunks = (payloads, onChunk) => runTasks({ task: backtestChunkTask, payloads, threads: e.threads, ...(e.pool ? { pool: e.pool } : {}), ...(onChunk ? { onResult: onChunk } : {}) });
  return Object.assign(one, { runChunks });
}

/**
 * Run the chunks `indices` of a planned backtest (planBacktest; chunk = BACKTEST_CHUNK_SKUS SKUs)
 * on `threads` threads; results in the order of `indices`, `onChunk` called as each finishes (e.g.
 * to append it to a shard file). reduceBacktestChunks puts any complete set back together.
 */
export async function runBacktestChunksOnPool(plan: BacktestPlan, indices: readonly number[], exec: Execution, onChunk?: (r: BacktestChunkResult) => void): Promise<BacktestChunkResult[]> {
  const payloads = indices.map((k) => backtestChunkPayload(plan, k));
  const outcomes = await replicationsOnPool(exec).runChunks!(payloads, onChunk ? (j, o) => onChunk(backtestChunkResult(plan, indices[j]!, o)) : undefined);
  return outcomes.map((o, j) => backtestChunkResult(plan, indices[j]!, o));
}

/** --threads: a whole number ≥ 1, default the machine's available cores. */
export function threadsOption(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  const n = parseNumberOption('--threads', text, 'positive')!;
  if (!Number.isInteger(n)) throw new UsageError(`--threads must be a whole number, got ${text}`);
  if (n > maxThreads()) throw new UsageError(`--threads is ${n}, more than ${maxThreads()} (${THREADS_PER_CORE} × the ${availableParallelism()} cores of this machine): extra threads add memory and no speed`);
  return n;
}

/**
 * Lead times for the model (Step 2 moments) and the replay: pooled records (drawn i.i.d.,
 * optionally rescaled to --lead-time-scale days keeping their shape), or a given mean and sd.
 */
function leadTimesFromOptions(o: ValidateOptions): { modelLeadTime: LeadTimeComponents; simLeadTime: SimLeadTime } {
  const hasTable = o.leadTimes !== undefined;
  const hasGiven = o.leadTimeMean !== undefined || o.leadTimeSd !== undefined;
  if (hasTable === hasGiven) throw new UsageError('give lead times either as --lead-times <file> or as --lead-time-mean <days> [--lead-time-sd <days>]');
  if (o.leadTimeKey) throw new UsageError('--lead-time-key is not supported by validate: lead-time records are pooled (one distribution for all SKUs)');
  if (hasTable) {
    const cols: Parameters<typeof readLeadTimesCsv>[1] = {};
    if (o.leadTimeColumn) cols.total = o.leadTimeColumn;
    if (o.leadTimeDedupe) cols.dedupe = o.leadTimeDedupe;
    let records = readLeadTimesCsv(o.leadTimes!, cols).groups.get(POOLED_KEY)!.samples.supply!;
    const scale = parseNumberOption('--lead-time-scale', o.leadTimeScale, 'positive');
    if (scale !== undefined) records = rescaleRecords(records, scale);
    return { modelLeadTime: { supply: recordMeanSd(records) }, simLeadTime: { kind: 'replay', records, mode: 'resample' } };
  }
  if (o.leadTimeScale !== undefined) throw new UsageError('--lead-time-scale applies to --lead-times records only');
  const mean = parseNumberOption('--lead-time-mean', o.leadTimeMean, 'positive');
  if (mean === undefined) throw new UsageError('--lead-time-sd needs --lead-time-mean <days>');
  const sd = parseNumberOption('--lead-time-sd', o.leadTimeSd) ?? 0;
  return { modelLeadTime: { supply: { mean, sd } }, simLeadTime: sd === 0 ? { kind: 'constant', value: mean } : { kind: 'normal', mean, sd, integer: true } };
}

/**
 * Objectives 4 and 5 (Step 3, cases 4-5): the customer lead times enter the model (RLT − CLTR,
 * RLT − CLTC; CLTR is added to `modelLeadTime`) and the replay (the engine measures on-time shares
 * only when they are given).
 */
function customerLeadTimes(o: ValidateOptions, objective: SqlPolicyParams['objective'], modelLeadTime: LeadTimeComponents): NonNullable<BacktestSettings['customerLeadTime']> {
  const cltr = parseNumberOption('--cltr-mean', o.cltrMean);
  if (cltr !== undefined) modelLeadTime.customerRequested = { mean: cltr, sd: 0 };
  const cltc = parseNumberOption('--cltc', o.cltc);
  const customerLeadTime: NonNullable<BacktestSettings['customerLeadTime']> = {};
  if (objective === 'on-time-request') {
    if (!Number.isInteger(cltr ?? 0)) throw new UsageError(`--cltr-mean must be a whole number of days for the replay, got ${cltr}`);
    customerLeadTime.requested = { kind: 'constant', value: cltr ?? 0 };
  }
  if (objective === 'on-time-commit') {
    if (!Number.isInteger(cltc ?? 0)) throw new UsageError(`--cltc must be a whole number of days for the replay, got ${cltc}`);
    customerLeadTime.committed = cltc ?? 0;
  }
  return customerLeadTime;
}

/** Replay mode, replications, block length, warm-up and baselines from options. */
function replayOptions(o: ValidateOptions, simLeadTime: SimLeadTime): { mode: 'replay' | 'bootstrap'; replications: number; blockLength: number; warmup: number; baselines: BaselineId[] } {
  if (o.mode !== 'replay' && o.mode !== 'bootstrap') throw new UsageError(`--mode must be 'replay' or 'bootstrap', got '${o.mode}'`);
  const random = o.mode === 'bootstrap' || simLeadTime.kind !== 'constant';
  const replications = parseNumberOption('--replications', o.replications, 'positive') ?? (random ? 100 : 1);
  if (!Number.isInteger(replications)) throw new UsageError(`--replications must be a whole number, got ${replications}`);
  const blockLength = parseNumberOption('--block-length', o.blockLength, 'positive')!;
  if (!Number.isInteger(blockLength)) throw new UsageError(`--block-length must be a whole number of days, got ${blockLength}`);
  const warmup = parseNumberOption('--warmup', o.warmup)!;
  if (!Number.isInteger(warmup)) throw new UsageError(`--warmup must be a whole number of days, got ${warmup}`);
  const baselines = o.baselines === 'none' || o.baselines === '' ? [] : o.baselines.split(',').map((b) => b.trim());
  for (const b of baselines) if (!(BASELINES as readonly string[]).includes(b)) throw new UsageError(`--baselines: unknown baseline '${b}' (known: ${BASELINES.join(', ')}, or none)`);
  return { mode: o.mode, replications, blockLength, warmup, baselines: baselines as BaselineId[] };
}

/** A validate run read and planned, before any replication: the plan and what the report needs. */
export interface PreparedValidate {
  plan: BacktestPlan;
  run: Omit<ValidateRun, 'rows'>;
}

/** A validate run's inputs read and checked, nothing planned: what planBacktest needs, and what the report needs. */
export interface ValidateInputs {
  orders: OrderLines;
  settings: BacktestSettings;
  run: Omit<ValidateRun, 'rows'>;
}

/**
 * Read the inputs and plan the backtest: every input is checked and every SKU's policy solved
 * before any replication runs (errors at once).
 */
export function prepareValidate(o: ValidateOptions): PreparedValidate {
  const { orders, settings, run } = readValidateInputs(o);
  const plan = planBacktest(orders, settings);
  checkSkuErrors(plan.skus.map((p) => p.row), o.strict === true);
  return { plan, run };
}

/**
 * Read and check every input and option of a validate run, without planning any SKU (a shard
 * plans only the SKUs of its chunks: planBacktest(orders, settings, chunks)).
 */
export function readValidateInputs(o: ValidateOptions): ValidateInputs {
  const settings = settingsFromOptions(o);
  if (settings.objective === 'profit') throw new UsageError('--objective profit (case 2) is not available in validate: it needs --price, --unit-cost and --season-days (PRICE, COST, PDURATION), which validate does not take; compute profit policies with `invlab policy --objective profit`');
  const split = isoDayNumber(o.trainUntil ?? '');
  if (Number.isNaN(split)) throw new UsageError(`--train-until must be an ISO date YYYY-MM-DD, got '${o.trainUntil}'`);
  const { modelLeadTime, simLeadTime } = leadTimesFromOptions(o);
  const customerLeadTime = customerLeadTimes(o, settings.objective, modelLeadTime);
  const replay = replayOptions(o, simLeadTime);
  const orders = readOrdersCsv(o.orders, { date: o.dateColumn, sku: o.skuColumn, quantity: o.quantityColumn });
  const testTo = o.testUntil === undefined ? orders.maxDay + 1 : isoDayNumber(o.testUntil);
  if (Number.isNaN(testTo)) throw new UsageError(`--test-until must be an ISO date YYYY-MM-DD, got '${o.testUntil}'`);
  if (!(split > orders.minDay && split < testTo)) {
    throw new UsageError(`--train-until ${o.trainUntil} must fall after the first order date (${dayNumberToIso(orders.minDay)}) and before the end of the test window (${dayNumberToIso(testTo - 1)})`);
  }
  const classes = o.classes ? readSkuClassesCsv(o.classes) : undefined;
  const only = o.sku === undefined ? undefined : new Set(o.sku.split(',').map((s) => s.trim()));
  if (only) for (const s of only) if (!orders.skus.includes(s)) throw new UsageError(`--sku: '${s}' has no order lines in ${orders.file}`);
  const seed = parseNumberOption('--seed', o.seed, 'any')!;
  const s: BacktestSettings = { policy: settings, modelLeadTime, simLeadTime, trainFrom: orders.minDay, trainTo: split, testFrom: split, testTo, ...replay, seed, scenario: `validate/${o.mode}` };
  if (Object.keys(customerLeadTime).length > 0) s.customerLeadTime = customerLeadTime;
  if (only) s.only = only;
  s.reportSkuErrors = true; // listed with status 'error' (exit 3), or fatal with --strict (checkSkuErrors)
  return { orders, settings: s, run: { trainDays: split - orders.minDay, testDays: testTo - split, lines: orders.day.length, classes, simLeadTime, modelLeadTime, replications: replay.replications, warmup: replay.warmup } };
}

/**
 * Read the inputs and run the backtest (no output written). Every input is checked before any
 * replication runs. `exec` says where the replications run (default: in this thread): chunks of
 * BACKTEST_CHUNK_SKUS SKUs, one task each; the rows do not depend on the thread count.
 */
export async function runValidate(o: ValidateOptions, onProgress?: (done: number, total: number) => void, exec: Execution = { threads: 1 }): Promise<ValidateRun> {
  const { plan, run } = prepareValidate(o);
  const all = Array.from({ length: plan.chunks }, (_, k) => k);
  let done = 0;
  const results = await runBacktestChunksOnPool(plan, all, exec, (r) => onProgress?.((done += r.skus.length), plan.skus.length));
  return { ...run, rows: reduceBacktestChunks(plan, results) };
}

/** One flat row per SKU (model and baselines side by side). */
export function validateRows(run: ValidateRun): Row[] {
  return run.rows.map((r) => {
    const row: Row = { sku: r.sku };
    if (run.classes) {
      row.class = run.classes.get(r.sku)?.class ?? '(unclassified)';
      row.pattern = run.classes.get(r.sku)?.pattern ?? '(unclassified)';
    }
    row.sbc_pattern = r.pattern;
    row.adi = r.adi;
    row.cv2 = r.cv2;
    row.status = r.status;
    row.reason = r.reason ?? '';
    row.train_orders = r.trainOrders;
    row.test_demand = r.testDemand;
    row.metric = r.metric ?? '';
    row.target = r.target;
    const m = r.outcomes[0];
    row.achieved = m?.achieved?.mean;
    // no CI from one replication: left empty rather than NaN
    row.ci_low = Number.isFinite(m?.achieved?.low) ? m!.achieved!.low : undefined;
    row.ci_high = Number.isFinite(m?.achieved?.high) ? m!.achieved!.high : undefined;
    // the estimator of the achieved figure and why it has no interval, when it has none
    row.estimator = m?.achieved?.estimator ?? '';
    row.ci_note = m?.achieved && !Number.isFinite(m.achieved.low) ? (m.achieved.note ?? '') : '';
    row.meets_target = r.meetsTarget;
    row.below_beyond_ci = r.belowBeyondCi;
    row.fill_rate = m?.fillRate?.mean;
    row.cycle_service = m?.cycleServiceLevel?.mean;
    row.ready_rate = m?.readyRate?.mean;
    row.average_on_hand = m?.averageOnHand;
    row.days_without_stock = m?.daysWithoutStock;
    row.orders = m?.orders;
    // the model's continuous figures, and the whole-unit levels the engine ran
    row.ROP = r.result?.ROP;
    row.LOT = r.result?.LOT;
    row.SS = r.result?.SS;
    row.whole_units = r.wholeUnits;
    const p = m?.policy as { reorderPoint?: number; orderUpTo?: number; lotSize?: number } | undefined;
    row.run_reorder_point = p?.reorderPoint;
    row.run_order_up_to = p?.orderUpTo;
    row.run_lot = p?.lotSize;
    for (const b of r.outcomes.slice(1)) {
      row[`${b.policyId}_achieved`] = b.achieved?.mean;
      row[`${b.policyId}_on_hand`] = b.averageOnHand;
    }
    return row;
  });
}

/** CSV columns: the union over rows, in order of first appearance (not the first row's keys). */
export function unionColumns(rows: readonly Row[]): string[] {
  const cols = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) cols.add(k);
  return [...cols];
}

/**
 * The counts of a run, the same numbers as the 'all' summary row and the CSV: SKUs, with demand
 * (the denominator), measured, unmeasured (no policy or no value; with reasons), meeting.
 */
export function validateCounts(run: ValidateRun): { skus: number; withDemand: number; measured: number; unmeasured: number; meeting: number; noDemand: number; reasons: Map<string, number> } {
  const withDemand = run.rows.filter(hasTestDemand);
  const measured = withDemand.filter((r) => r.status === 'ok');
  const reasons = new Map<string, number>();
  for (const r of withDemand) {
    if (r.status === 'ok') continue;
    const key = (r.reason ?? '').replace(/\d+(\.\d+)? orders per replication/, '… orders per replication').replace(/^\d+ order line/, 'n order line');
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  return { skus: run.rows.length, withDemand: withDemand.length, measured: measured.length, unmeasured: withDemand.length - measured.length, meeting: measured.filter((r) => r.meetsTarget).length, noDemand: run.rows.length - withDemand.length, reasons };
}

/** The sentence with the counts (text, tables and CSV agree on them). */
function countsSentence(run: ValidateRun): string {
  const c = validateCounts(run);
  const ok = run.rows.filter((r) => r.status === 'ok');
  const reasons = [...c.reasons].map(([k, n]) => `${n}: ${k}`).join('; ');
  const verdicts =
    run.replications > 1
      ? `${ok.filter((r) => r.belowBeyondCi).length} of ${ok.length} measured SKUs below target beyond their CI`
      : `${ok.filter((r) => r.meetsTarget === false).length} of ${ok.length} measured SKUs below target (one replication per SKU: points without CIs; --mode bootstrap or random lead times give CIs)`;
  return (
    `${c.skus} SKUs; ${c.withDemand} with demand in the test window (the denominator); ${c.measured} measured, ${c.unmeasured} unmeasured${reasons ? ` (${reasons})` : ''}; ` +
    `${c.meeting} of ${c.withDemand} meet the target (${c.withDemand ? ((100 * c.meeting) / c.withDemand).toFixed(1) : '–'} %; ${c.measured ? ((100 * c.meeting) / c.measured).toFixed(1) : '–'} % of those measured); ${c.noDemand} without demand in the test window (not counted). ${verdicts}.`
  );
}

/** The unmeasured SKUs with their reason and the metrics that could be measured. */
function unmeasuredTable(run: ValidateRun, rows: Row[]): string {
  const un = rows.filter((r) => r.status !== 'ok' && (r.test_demand as number) > 0);
  if (un.length === 0) return '';
  return ['', 'Unmeasured SKUs (demand in the test window, target metric without a value): the metrics that could be measured', '', markdownTable(un.map((r) => ({ sku: r.sku, ...(run.classes ? { class: r.class } : {}), reason: r.reason, fill_rate: r.fill_rate, ready_rate: r.ready_rate, days_no_stock: r.days_without_stock })), undefined, { days_no_stock: 1 }, 3)].join('\n');
}

/** The report printed without --json: per-SKU table, verdict counts, summary by group. */
function validateText(run: ValidateRun, o: ValidateOptions, rows: Row[], summary: GroupSummary[]): string {
  const lines = [
    `validate: ${run.rows.length} SKU(s), trained on ${run.trainDays} days, replayed ${run.testDays} days after ${run.warmup} warm-up days (${o.mode}, ${run.replications} replication(s) per SKU); ` +
      `lead time ${summarizeLeadTime(run.simLeadTime)}; objective ${settingsFromOptions(o).objective}, target ${o.target ?? '(from costs)'}`,
    '',
    markdownTable(
      rows.filter((r) => r.status === 'ok').map((r) => ({ sku: r.sku, ...(run.classes ? { class: r.class } : {}), metric: r.metric, target: r.target, achieved: r.achieved, ci_low: r.ci_low, ci_high: r.ci_high, flag: r.below_beyond_ci ? 'BELOW' : '', on_hand: r.average_on_hand, days_no_stock: r.days_without_stock, orders: r.orders })),
      undefined,
      { on_hand: 1, days_no_stock: 1, orders: 1 },
      3,
    ),
    unmeasuredTable(run, rows),
    '',
    countsSentence(run),
    '',
    `Summary by ${run.classes ? 'class' : 'SBC demand pattern of the training window (Syntetos-Boylan: ADI 1.32, CV² 0.49, on trading days)'} (share meeting = SKUs with achieved ≥ target over every SKU with demand in the test window, unmeasured ones included; per policy: mean achieved / mean on hand over the measured SKUs; model-continuous = the model's unrounded policy):`,
    '',
    markdownTable(
      summary.map((g) => {
        const r: Row = { group: g.group, skus: g.skus, skipped: g.skipped, with_demand: g.withDemand, measured: g.measured, unmeasured: g.unmeasured, meeting: g.meetingTarget, share_meeting: g.withDemand ? g.shareMeetingTarget : 'no SKU', below_beyond_ci: g.belowBeyondCi, mean_achieved: g.measured ? g.meanAchieved : '' };
        for (const [id, v] of Object.entries(g.byPolicy)) r[id] = `${v.meanAchieved.toFixed(3)} / ${v.meanOnHand.toFixed(1)}`;
        return r;
      }),
      ['group', 'skus', 'skipped', 'share_meeting', 'below_beyond_ci', 'mean_achieved', 'model', ...(o.baselines === 'none' ? [] : o.baselines.split(',').map((b) => b.trim())), CONTINUOUS_ID, 'with_demand', 'measured', 'unmeasured', 'meeting'],
      {},
      3,
    ),
  ];
  if (o.out) lines.push('', `wrote ${o.out}`);
  return `${lines.join('\n')}\n`;
}

/** The command's action: run on a worker pool of --threads threads (closed in any case), then report. */
async function validateAction(o: ValidateOptions): Promise<void> {
  if (o.shard !== undefined || o.shardCount !== undefined || process.env.INVLAB_SHARD !== undefined) {
    const shard = await import('./validate-shard.ts');
    if (await shard.validateShardAction(o)) return;
  }
  checkOutputPath(o.out, '--out');
  const threads = threadsOption(o.threads);
  const pool = threads > 1 ? new WorkerPool(threads) : undefined;
  // a bar on a terminal (stderr), from 2 s into the run; nothing in a pipe or log
  const bar = progressReporter('validate', { unit: 'SKUs' });
  let run: ValidateRun;
  try {
    run = await runValidate(o, bar.update, { threads, ...(pool ? { pool } : {}) });
  } finally {
    bar.stop();
    await pool?.close();
  }
  emitValidate(run, o);
}

/**
 * Write the output of a validate run: the --out CSV, then the text or JSON on stdout (and the exit
 * code of a partial success). `invlab merge` calls it on the rows reduced from the shard files.
 */
export function emitValidate(run: ValidateRun, o: ValidateOptions, stdout: (text: string) => void = (t) => process.stdout.write(t)): void {
  const rows = validateRows(run);
  if (o.out) writeFileAtomic(o.out, toCsv(rows, unionColumns(rows)));
  // by the given classes, else by the SBC pattern of each SKU's training demand
  const patternOf = new Map(run.rows.map((r) => [r.sku, r.pattern]));
  const groupOf = (sku: string): string => (run.classes ? (run.classes.get(sku)?.class ?? '(unclassified)') : `SBC ${patternOf.get(sku)}`);
  const summary = [...summarizeByGroup(run.rows, groupOf), ...summarizeByGroup(run.rows, () => 'all')];
  const summaryLine = validateSummaryLine(run);
  if (o.json) {
    stdout(`${JSON.stringify({ trainDays: run.trainDays, testDays: run.testDays, warmup: run.warmup, replications: run.replications, simLeadTime: summarizeLeadTime(run.simLeadTime), modelLeadTime: run.modelLeadTime, skus: rows, summary }, null, 2)}\n`);
    process.stderr.write(`invlab validate: ${summaryLine}\n`);
    return;
  }
  stdout(validateText(run, o, rows, summary));
  stdout(`${summaryLine}\n`);
}

/**
 * SKUs the model could not solve (status 'error') among `rows` (planned or reduced, in SKU order):
 * fatal with --strict (exit 2, before any replication), and when no SKU could be (`all`: the rows
 * are every SKU of the run, not a shard's share); otherwise listed with their reason (exit 3).
 */
export function checkSkuErrors(rows: readonly SkuBacktest[], strict: boolean, all = true): void {
  const failed = rows.filter((r) => r.status === 'error');
  if (failed.length === 0) return;
  const first = `SKU '${failed[0]!.sku}': ${failed[0]!.reason}${failed.length > 1 ? ` (and ${failed.length - 1} more SKU(s) failing)` : ''}`;
  if (strict) throw new UsageError(`--strict: ${first}`);
  if (all && failed.length === rows.length) throw new UsageError(`no SKU could be validated: ${first}`);
}

/** The summary line: SKUs validated and failed; sets exit code 3 (partial success) when some failed. */
function validateSummaryLine(run: ValidateRun): string {
  const failed = run.rows.filter((r) => r.status === 'error');
  if (failed.length === 0) return `summary: ${run.rows.length} of ${run.rows.length} SKU(s) validated or skipped with a reason; no SKU failed`;
  setExitCode(EXIT_PARTIAL);
  return `summary: ${failed.length} of ${run.rows.length} SKU(s) failed (status 'error': ${failed.slice(0, 5).map((r) => `${r.sku}: ${r.reason}`).join('; ')}${failed.length > 5 ? '; …' : ''}); exit code ${EXIT_PARTIAL}, partial success; --strict makes any SKU error fatal`;
}

export function registerValidate(program: Command): void {
  const cmd = program
    .command('validate')
    .description(
      "the sql-policy model (Katircioglu, Brown & Asghar 2007) on your own history: estimate each SKU's policy on the orders up to --train-until, replay the rest day by day against it " +
        '(lead times from the records or constant; initial stock = the policy\'s top, ROP + LOT or S, then --warmup unmeasured days), report target against achieved per SKU, beside baselines on the same replay. ' +
        'Policies run in whole units when the order quantities are whole (reorder point rounded up, lot to the nearest unit and at least 1; the continuous policy is reported beside it); ' +
        'every SKU with demand after --train-until counts in the share meeting the target, those whose metric cannot be measured are listed with the reason',
    )
    .requiredOption('--orders <file>', 'order transactions CSV (date, sku, quantity)')
    .requiredOption('--train-until <date>', 'first day of the test window (ISO date); the policy is estimated on the orders before it')
    .option('--test-until <date>', 'first day after the test window (default: the day after the last order)')
    .option('--sku <ids>', 'only these SKUs (comma-separated)')
    .option('--classes <file>', 'per-SKU classes CSV (sku, class[, pattern]) for a summary by class, e.g. sku_summary.csv')
    .option('--lead-times <file>', 'lead-time records CSV (pooled); the replay draws lead times from them at random')
    .option('--lead-time-column <name>', "lead-time column (default 'lead_time_days')")
    .option('--lead-time-dedupe <column>', 'keep one lead-time row per value of this column (e.g. order_id)')
    .option('--lead-time-scale <days>', 'rescale the records to this mean (keeps their shape), rounded to whole days')
    .option('--lead-time-mean <days>', 'lead time mean in days, instead of --lead-times (constant when --lead-time-sd is 0)')
    .option('--lead-time-sd <days>', 'lead time sd in days (normal, rounded to whole days)')
    .addOption(new Option('--lead-time-key <column>', 'refused: validate pools the lead-time records').hideHelp())
    .option('--cltr-mean <days>', 'customer requested lead time CLTR mean (objective 4)')
    .option('--cltc <days>', 'committed customer lead time CLTC (objective 5)')
    .addOption(new Option('--mode <mode>', 'replay the test window once per replication (replay), or resample it in blocks (bootstrap: CIs)').choices(['replay', 'bootstrap']).default('replay'))
    .option('--replications <n>', 'replications per SKU (default 1 for a deterministic replay, else 100)')
    .option('--block-length <days>', 'bootstrap block length (days)', '14')
    .option('--warmup <days>', 'unmeasured days before the test window: the real days before --train-until (replay) or bootstrap days (bootstrap), so the test starts from the state the policy reached (0: start at the top)', '56')
    .option('--baselines <list>', `baselines on the same replay (${BASELINES.join(', ')}, or none)`, BASELINES.join(','))
    .option('--seed <n>', 'master seed', '1')
    .option('--threads <n>', 'worker threads for the replications (default: the available cores; the output does not depend on it)')
    .option('--out <file>', 'write one row per SKU as CSV')
    .option('--json', 'print everything as JSON')
    .option('--shard <i/N|auto>', 'compute only shard i of N (1-based: 1/4 … 4/4) of the chunks of 16 SKUs (solving only their SKUs\' policies) into the shard file (--checkpoint, default shard-{i}-of-{n}.jsonl) instead of the output; `invlab merge <files…>` writes the output (and --out) of one process. auto: the index set by a Kubernetes Indexed Job, a Slurm array or an AWS Batch array job (also INVLAB_SHARD)')
    .option('--shard-count <N>', 'with --shard auto on Kubernetes or AWS Batch: the number of shards (or INVLAB_SHARD_COUNT)')
    .option('--checkpoint <file>', 'with --shard: the shard file ({i}, {n} are replaced by the index and count)')
    .option('--resume', 'with --shard: continue a shard that was stopped, running only its missing chunks')
    .option('--strict', "stop when a SKU's policy cannot be computed (exit 2, before any replication); by default such SKUs are listed with status 'error' and the reason, and the exit code is 3 (partial success)");
  cmd.addHelpText('after', `\nExit codes: 0 every SKU validated or skipped with a reason; ${EXIT_PARTIAL} partial success (some SKUs failed: listed with status 'error' and the reason in the table, --out CSV and --json); 2 bad input, no SKU computable, or any SKU error with --strict.`);
  addOrderColumnOptions(cmd);
  addPolicyRuleOptions(cmd);
  cmd.action(validateAction);
}

/** The replay's lead times in words. */
function summarizeLeadTime(s: SimLeadTime): string {
  switch (s.kind) {
    case 'constant':
      return `constant ${s.value} days`;
    case 'normal':
      return `normal ${s.mean} ± ${s.sd} days (whole days)`;
    case 'replay':
      return `drawn at random from ${s.records.length} records (mean ${plainMean(s.records).toFixed(1)} days)`;
    default:
      return s.kind;
  }
}
