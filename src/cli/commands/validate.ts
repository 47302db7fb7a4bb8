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
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { Option } from 'commander';
import { isoDayNumber, dayNumberToIso } from '../../io/common-csv.ts';
import { toCsv, type Row } from '../../io/csv-write.ts';
import { checkOutputPath, writeFileAtomic } from '../../io/files.ts';
import { POOLED_KEY, readLeadTimesCsv } from '../../io/lead-times-csv.ts';
import { markdownTable } from '../../io/markdown.ts';
import { readOrdersCsv } from '../../io/orders-csv.ts';
import { readSkuClassesCsv } from '../../io/sku-classes-csv.ts';
import { backtest, CONTINUOUS_ID, hasTestDemand, plainMean, summarizeByGroup, type BacktestSettings, type GroupSummary, type SimulateReplications, type SkuBacktest } from '../../models/sql-policy/backtest/backtest.ts';
import { BASELINES, type BaselineId } from '../../models/sql-policy/backtest/baselines.ts';
import { recordMeanSd, rescaleRecords } from '../../models/sql-policy/backtest/records.ts';
import type { LeadTimeComponents, SqlPolicyParams } from '../../models/sql-policy/types.ts';
import { runReplications, WorkerPool } from '../../pool/run.ts';
import { maxThreads, THREADS_PER_CORE } from '../../pool/estimate.ts';
import { inventoryKernel } from '../../sim/inventory.ts';
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
 * in replication order whatever the thread count.
 */
export function replicationsOnPool(e: Execution): SimulateReplications {
  return (spec, seed, scenario, replications) => runReplications({ kernel: inventoryKernel, spec, seed, scenario, replications, threads: e.threads, ...(e.pool ? { pool: e.pool } : {}) });
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

/**
 * Read the inputs and run the backtest (no output written). Every input is checked before any
 * replication runs. `exec` says where the replications run (default: in this thread).
 */
export async function runValidate(o: ValidateOptions, onProgress?: (done: number, total: number) => void, exec: Execution = { threads: 1 }): Promise<ValidateRun> {
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
  const rows = await backtest(orders, s, replicationsOnPool(exec), onProgress);
  return { rows, trainDays: split - orders.minDay, testDays: testTo - split, lines: orders.day.length, classes, simLeadTime, modelLeadTime, replications: replay.replications, warmup: replay.warmup };
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

/** A progress bar on stderr (a TTY only), started at the first report. */
function progressBar(): { update: (done: number, total: number) => void; stop: () => void } {
  let bar: cliProgress.SingleBar | null = null;
  const show = process.stderr.isTTY === true;
  return {
    update(done, total) {
      if (!show) return;
      if (bar === null) {
        bar = new cliProgress.SingleBar({ format: 'validate [{bar}] {percentage}% | {value}/{total} SKUs | ETA {eta_formatted}', stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}

/** The command's action: run on a worker pool of --threads threads (closed in any case), then report. */
async function validateAction(o: ValidateOptions): Promise<void> {
  checkOutputPath(o.out, '--out');
  const threads = threadsOption(o.threads);
  const pool = threads > 1 ? new WorkerPool(threads) : undefined;
  const bar = progressBar();
  let run: ValidateRun;
  try {
    run = await runValidate(o, bar.update, { threads, ...(pool ? { pool } : {}) });
  } finally {
    bar.stop();
    await pool?.close();
  }
  const rows = validateRows(run);
  if (o.out) writeFileAtomic(o.out, toCsv(rows, unionColumns(rows)));
  // by the given classes, else by the SBC pattern of each SKU's training demand
  const patternOf = new Map(run.rows.map((r) => [r.sku, r.pattern]));
  const groupOf = (sku: string): string => (run.classes ? (run.classes.get(sku)?.class ?? '(unclassified)') : `SBC ${patternOf.get(sku)}`);
  const summary = [...summarizeByGroup(run.rows, groupOf), ...summarizeByGroup(run.rows, () => 'all')];
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ trainDays: run.trainDays, testDays: run.testDays, warmup: run.warmup, replications: run.replications, simLeadTime: summarizeLeadTime(run.simLeadTime), modelLeadTime: run.modelLeadTime, skus: rows, summary }, null, 2)}\n`);
    return;
  }
  process.stdout.write(validateText(run, o, rows, summary));
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
    .option('--json', 'print everything as JSON');
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
