/**
 * `invlab policy`: the sql-policy model's policy (Katircioglu, Brown & Asghar 2007: SS, ROP, LOT,
 * MAX and a simulator policy) for every SKU of an order-transactions CSV, with lead times from a
 * CSV or given as mean and sd. --policies-out writes the versioned policy file (src/policy/file.ts)
 * that `invlab simulate --policy` reads.
 * Everything is computed before any file is written, so an error leaves no partial output.
 * A SKU that cannot be computed (one order line, no lead-time records, a case-1B ratio not below
 * 1, ...) does not stop the others: it is reported with status 'error' and its reason in the
 * table, the CSV and the JSON, with a summary line, and the exit code is 3 (partial success);
 * --strict makes any SKU error fatal (exit 2), as does a run where no SKU could be computed.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { toCsv } from '../../io/csv-write.ts';
import { checkOutputPath, writeFileAtomic, writeFiniteJsonAtomic } from '../../io/files.ts';
import { POOLED_KEY, readLeadTimesCsv, type LeadTimeColumns, type LeadTimeTable } from '../../io/lead-times-csv.ts';
import { readOrdersCsv, type OrderLines } from '../../io/orders-csv.ts';
import { dataWindowDays, solveEachSku, solveForSkus, type SkuInput, type SkuPolicy, type WindowMode } from '../../models/sql-policy/raw.ts';
import { EXIT_PARTIAL, setExitCode } from '../exit-code.ts';
import { markdownTable } from '../../io/markdown.ts';
import type { LeadTimeComponents, LotSpec, SqlPolicyParams } from '../../models/sql-policy/types.ts';
import { policyFile } from '../../policy/file.ts';
import { wholeUnitDemand } from '../../models/sql-policy/backtest/backtest.ts';
import { wholeUnitPolicy } from '../../models/sql-policy/policy.ts';
import { UsageError } from '../model-registry.ts';
import { runPolicyOnServer, withSqlEngine } from './policy-sql.ts';
import { parseKMethod, parseNumberOption, parseObjective, parseVariant, resultRow, resultsTable } from '../models/sql-policy.ts';

export interface PolicyOptions {
  /** the orders CSV (absent when the orders are a table on the --db server; runPolicy checks it) */
  orders: string;
  /** a PostgreSQL connection string: run the SQL on that server, reading --orders-table (and --lead-times-table) */
  db?: string;
  ordersTable?: string;
  leadTimesTable?: string;
  /** write the policy table on the server (one transaction) */
  writeTable?: string;
  /** --write-table may replace an existing table */
  replace?: boolean;
  dateColumn: string;
  skuColumn: string;
  quantityColumn: string;
  orderIdColumn?: string;
  supplierColumn?: string;
  sku?: string;
  window: string;
  windowDays?: string;
  leadTimes?: string;
  leadTimeKey?: string;
  leadTimeColumn?: string;
  optColumn?: string;
  tltColumn?: string;
  pltColumn?: string;
  cltrColumn?: string;
  leadTimeDedupe?: string;
  leadTimeMean?: string;
  leadTimeSd?: string;
  cltrMean?: string;
  cltrSd?: string;
  cltc?: string;
  objective: string;
  target?: string;
  review: string;
  reviewPeriod?: string;
  lot: string;
  lotFixed?: string;
  lotMultiple?: string;
  lotMin?: string;
  lotMax?: string;
  holdingCost?: string;
  shortageCost?: string;
  orderCost?: string;
  unitCost?: string;
  price?: string;
  salvage?: string;
  priceDecline?: string;
  seasonDays?: string;
  seasonDaysSd?: string;
  workingDays?: string;
  variant: string;
  k: string;
  out?: string;
  policiesOut?: string;
  json?: boolean;
  /** 'ts' (default) or 'sql': the SQL of src/models/sql-policy/sql/ on an embedded PostgreSQL */
  engine?: string;
  /** any SKU error is fatal (exit 2) instead of being reported (exit 3) */
  strict?: boolean;
}

/** A SKU that could not be computed, and why. */
export interface SkuFailure {
  sku: string;
  status: 'error';
  reason: string;
}

export interface PolicyRun {
  orders: OrderLines;
  days: number;
  windowMode: WindowMode | 'given';
  leadTimes: LeadTimeTable | undefined;
  /** the SKUs computed */
  policies: SkuPolicy[];
  /** the SKUs that could not be computed (none with --strict, which throws instead), in file order */
  failed: SkuFailure[];
}

/** Shared settings (objective, review, lot, costs, variant, k) from options. */
export function settingsFromOptions(o: PolicyOptions): Omit<SqlPolicyParams, 'sku' | 'demand' | 'leadTime'> {
  const objective = parseObjective(o.objective);
  if (o.review !== 'continuous' && o.review !== 'periodic') throw new UsageError(`--review must be 'continuous' or 'periodic', got '${o.review}'`);
  if (!['default', 'fixed', 'eoq', 'flexible'].includes(o.lot)) throw new UsageError(`--lot must be one of default, fixed, eoq, flexible, got '${o.lot}'`);
  const lot: LotSpec = { rule: o.lot as LotSpec['rule'] };
  const eoqMissing = [o.orderCost === undefined ? '--order-cost <per order> (OCOST)' : '', o.holdingCost === undefined ? '--holding-cost <per unit per day> (HCOST)' : ''].filter(Boolean);
  if (lot.rule === 'eoq' && eoqMissing.length > 0) throw new UsageError(`--lot eoq needs ${eoqMissing.join(' and ')}`);
  const fixed = parseNumberOption('--lot-fixed', o.lotFixed, 'positive');
  if (lot.rule === 'fixed' && fixed === undefined) throw new UsageError('--lot fixed needs --lot-fixed <units> (QFIX)');
  if (fixed !== undefined) lot.fixed = fixed;
  const multiple = parseNumberOption('--lot-multiple', o.lotMultiple, 'positive');
  if (multiple !== undefined) lot.multiple = multiple;
  const min = parseNumberOption('--lot-min', o.lotMin, 'positive');
  if (min !== undefined) lot.min = min;
  const max = parseNumberOption('--lot-max', o.lotMax, 'positive');
  if (max !== undefined) lot.max = max;
  const target = parseNumberOption('--target', o.target, 'any');
  if (target !== undefined && !(target > 0 && target < 1)) throw new UsageError(`--target must be in (0, 1) (a fraction, e.g. 0.95), got ${target}`);
  const needsTarget = objective !== 'cost' && objective !== 'profit';
  if (needsTarget && target === undefined) throw new UsageError(`--objective ${objective} needs --target <fraction in (0, 1)>`);
  const reviewPeriod = parseNumberOption('--review-period', o.reviewPeriod, 'positive');
  if (o.review === 'periodic' && reviewPeriod === undefined) throw new UsageError('--review periodic needs --review-period <days> (MLT)');
  const costs: NonNullable<SqlPolicyParams['costs']> = {};
  const put = (key: keyof typeof costs, flag: string, text: string | undefined): void => {
    const v = parseNumberOption(flag, text, key === 'salvage' ? 'any' : 'nonnegative');
    if (v !== undefined) costs[key] = v;
  };
  put('holding', '--holding-cost', o.holdingCost);
  put('shortage', '--shortage-cost', o.shortageCost);
  put('order', '--order-cost', o.orderCost);
  put('unitCost', '--unit-cost', o.unitCost);
  put('price', '--price', o.price);
  put('salvage', '--salvage', o.salvage);
  put('priceDecline', '--price-decline', o.priceDecline);
  const s: Omit<SqlPolicyParams, 'sku' | 'demand' | 'leadTime'> = {
    objective,
    review: o.review,
    lot,
    costs,
    variant: parseVariant(o.variant),
    kMethod: parseKMethod(o.k),
  };
  if (target !== undefined) s.target = target;
  if (reviewPeriod !== undefined) s.reviewPeriod = reviewPeriod;
  const cltc = parseNumberOption('--cltc', o.cltc);
  if (cltc !== undefined) s.committedLeadTime = cltc;
  const season = parseNumberOption('--season-days', o.seasonDays, 'positive');
  if (season !== undefined) s.seasonDuration = season;
  const seasonSd = parseNumberOption('--season-days-sd', o.seasonDaysSd);
  if (seasonSd !== undefined) s.seasonDurationSd = seasonSd;
  const wd = parseNumberOption('--working-days', o.workingDays, 'positive');
  if (wd !== undefined) s.workingDaysPerYear = wd;
  return s;
}

/** Read the inputs and compute every SKU's policy (no output written). */
export function runPolicy(o: PolicyOptions): PolicyRun {
  if (!o.orders) throw new UsageError('--orders <file> is required (or --db <url> with --orders-table <table>)');
  const settings = settingsFromOptions(o);
  const hasTable = o.leadTimes !== undefined;
  const hasGiven = o.leadTimeMean !== undefined || o.leadTimeSd !== undefined;
  if (hasTable === hasGiven) throw new UsageError('give lead times either as --lead-times <file> or as --lead-time-mean <days> [--lead-time-sd <days>]');
  let givenLt: LeadTimeComponents | undefined;
  if (hasGiven) {
    const mean = parseNumberOption('--lead-time-mean', o.leadTimeMean, 'positive');
    if (mean === undefined) throw new UsageError('--lead-time-sd needs --lead-time-mean <days>');
    givenLt = { supply: { mean, sd: parseNumberOption('--lead-time-sd', o.leadTimeSd) ?? 0 } };
  }
  const cltrMean = parseNumberOption('--cltr-mean', o.cltrMean);
  const cltrSd = parseNumberOption('--cltr-sd', o.cltrSd);
  const orderCols: Parameters<typeof readOrdersCsv>[1] = { date: o.dateColumn, sku: o.skuColumn, quantity: o.quantityColumn };
  if (o.orderIdColumn) orderCols.orderId = o.orderIdColumn;
  if (o.supplierColumn) {
    if (!o.leadTimes || !o.leadTimeKey) throw new UsageError('--supplier-column needs --lead-times <file> and --lead-time-key <column> (the records\' supplier column)');
    orderCols.supplier = o.supplierColumn;
  }
  const orders = readOrdersCsv(o.orders, orderCols);
  let leadTimes: LeadTimeTable | undefined;
  if (hasTable) {
    const cols: LeadTimeColumns = {};
    if (o.leadTimeKey) cols.key = o.leadTimeKey;
    if (o.leadTimeDedupe) cols.dedupe = o.leadTimeDedupe;
    if (o.optColumn) cols.orderProcessing = o.optColumn;
    if (o.tltColumn) cols.transportation = o.tltColumn;
    if (o.pltColumn) cols.supply = o.pltColumn;
    if (o.cltrColumn) cols.customerRequested = o.cltrColumn;
    if (o.leadTimeColumn) cols.total = o.leadTimeColumn;
    leadTimes = readLeadTimesCsv(o.leadTimes!, cols);
  }
  let windowMode: WindowMode | 'given';
  let days: number;
  const given = parseNumberOption('--window-days', o.windowDays, 'positive');
  if (given !== undefined) {
    windowMode = 'given';
    days = given;
  } else {
    if (o.window !== 'calendar' && o.window !== 'trading') throw new UsageError(`--window must be 'calendar' or 'trading', got '${o.window}'`);
    windowMode = o.window;
    days = dataWindowDays(orders.minDay, orders.maxDay, orders.tradingDays, windowMode);
  }
  const wanted = o.sku === undefined ? null : new Set(o.sku.split(',').map((s) => s.trim()));
  if (wanted) for (const s of wanted) if (!orders.skus.includes(s)) throw new UsageError(`--sku: '${s}' has no order lines in ${orders.file}`);
  const inputs: SkuInput[] = [];
  const failed: (SkuFailure & { at: number })[] = [];
  /** a SKU error: fatal with --strict, else reported */
  const skuError = (sku: string, at: number, reason: string): void => {
    if (o.strict) throw new UsageError(reason);
    failed.push({ sku, status: 'error', reason, at });
  };
  for (let i = 0; i < orders.skus.length; i++) {
    const sku = orders.skus[i]!;
    if (wanted && !wanted.has(sku)) continue;
    const n = orders.count[i]!;
    if (n < 2) {
      skuError(sku, i, `${orders.file}: row ${orders.lastRow[i]}, column '${o.skuColumn}': SKU '${sku}' has ${n} order line; at least 2 are needed for the order-size standard deviation SOQ (Step 1)`);
      continue;
    }
    let lt: LeadTimeComponents;
    if (leadTimes) {
      const key = !leadTimes.keyColumn ? POOLED_KEY : orders.supplierOf ? orders.supplierOf[i]! : sku;
      const g = leadTimes.groups.get(key);
      if (!g) {
        const what = orders.supplierOf ? `supplier '${key}' of SKU '${sku}'` : `SKU '${sku}'`;
        skuError(sku, i, `${leadTimes.file}: no lead-time records for ${what} (key column '${leadTimes.keyColumn}'); omit --lead-time-key to pool all records`);
        continue;
      }
      lt = { ...g.components };
    } else lt = { ...givenLt! };
    if (cltrMean !== undefined) lt.customerRequested = { mean: cltrMean, sd: cltrSd ?? 0 };
    inputs.push({ sku, n, sum: orders.sum[i]!, sumSquares: orders.sumSquares[i]!, leadTime: lt });
  }
  if (o.strict) return { orders, days, windowMode, leadTimes, policies: solveForSkus(inputs, days, settings), failed: [] };
  return { orders, days, windowMode, leadTimes, ...collectOutcomes(orders.skus, inputs, solveEachSku(inputs, days, settings), failed) };
}

/** Split the outcomes into policies and failures (file order); no SKU computed at all is an input error. */
function collectOutcomes(skus: readonly string[], inputs: SkuInput[], outcomes: ReturnType<typeof solveEachSku>, early: (SkuFailure & { at: number })[]): { policies: SkuPolicy[]; failed: SkuFailure[] } {
  const index = new Map(skus.map((s, i) => [s, i]));
  const policies: SkuPolicy[] = [];
  const failed = [...early];
  outcomes.forEach((r, j) => {
    if (r.status === 'ok') policies.push({ stats: r.stats, result: r.result });
    else failed.push({ sku: r.sku, status: 'error', reason: `SKU '${r.sku}': ${r.reason}`, at: index.get(inputs[j]!.sku) ?? 0 });
  });
  failed.sort((a, b) => a.at - b.at);
  if (policies.length === 0 && failed.length > 0) {
    const more = failed.length > 1 ? ` (and ${failed.length - 1} more SKU(s) failing)` : '';
    throw new UsageError(`no SKU could be computed: ${failed[0]!.reason}${more}`);
  }
  return { policies, failed: failed.map(({ sku, status, reason }) => ({ sku, status, reason })) };
}

/** The summary line of a run: SKUs computed and failed, and the exit code. */
export function policySummary(run: Pick<PolicyRun, 'policies' | 'failed'>): string {
  const total = run.policies.length + run.failed.length;
  if (run.failed.length === 0) return `summary: ${total} of ${total} SKU(s) computed`;
  return `summary: ${run.policies.length} of ${total} SKU(s) computed, ${run.failed.length} failed (status 'error' with the reason; exit code ${EXIT_PARTIAL}, partial success; --strict makes any SKU error fatal)`;
}

/** The column names of an order-transactions CSV: shared by `invlab policy` and `invlab validate`. */
export function addOrderColumnOptions(cmd: Command): Command {
  return cmd
    .option('--date-column <name>', 'order date column (ISO YYYY-MM-DD)', 'date')
    .option('--sku-column <name>', 'SKU column', 'sku')
    .option('--quantity-column <name>', 'order quantity column', 'quantity');
}

/** The model's inputs besides demand and lead time (customer lead times, season economics, NDAYS), shared by `policy` and `sql`. */
export function addModelInputOptions(cmd: Command): Command {
  return cmd
    .option('--cltr-mean <days>', 'customer requested lead time CLTR mean (objective 4)')
    .option('--cltr-sd <days>', 'customer requested lead time sd SCLTR (objective 4)')
    .option('--cltc <days>', 'committed customer lead time CLTC (objective 5)')
    .option('--unit-cost <c>', 'COST per unit (objective 2)')
    .option('--price <c>', 'PRICE per unit (objective 2)')
    .option('--salvage <c>', 'SVALUE per unit (objective 2)')
    .option('--price-decline <c>', 'PDECLINE per unit; SVALUE = PRICE − PDECLINE (objective 2)')
    .option('--season-days <days>', 'PDURATION, season length (objective 2)')
    .option('--season-days-sd <days>', 'SPDURATION, sd of the season length (objective 2; default 0)')
    .option('--working-days <days>', 'NDAYS, working days per year (case 1B)');
}

/**
 * The options that choose the sql-policy rule (objective, target, review, lot size, costs,
 * formula variant, k method): shared by `invlab policy` and `invlab validate`.
 */
export function addPolicyRuleOptions(cmd: Command): Command {
  return cmd
    .option('--objective <objective>', 'cost|profit|no-stockout|on-time-request|on-time-commit|fill-rate or 1-6', 'no-stockout')
    .option('--target <fraction>', 'service target in (0, 1): PNS, OTDR, OTDC or FRT (objectives 3-6)')
    .addOption(new Option('--review <mode>', 'review mode').choices(['continuous', 'periodic']).default('continuous'))
    .option('--review-period <days>', 'review period MLT in days (periodic review)')
    .addOption(new Option('--lot <rule>', 'lot size: default AOD·RLT, fixed (--lot-fixed), eoq, flexible (order up to ROP)').choices(['default', 'fixed', 'eoq', 'flexible']).default('default'))
    .option('--lot-fixed <units>', 'fixed lot size QFIX')
    .option('--lot-multiple <units>', 'lot must be a multiple of QUNIT')
    .option('--lot-min <units>', 'minimum lot QMIN')
    .option('--lot-max <units>', 'maximum lot QMAX')
    .option('--holding-cost <c>', 'HCOST per unit per day')
    .option('--shortage-cost <c>', 'SCOST per unit short')
    .option('--order-cost <c>', 'OCOST per order (EOQ)')
    .addOption(new Option('--variant <variant>', 'printed formulas, or corrected (see src/models/sql-policy/README.md)').choices(['printed', 'corrected']).default('corrected'))
    .addOption(new Option('--k <method>', "safety factor: the paper's closed-form approximation, or exact").choices(['approx', 'exact']).default('exact'));
}

export function registerPolicy(program: Command): void {
  const cmd = program
    .command('policy')
    .description(
      "the sql-policy model (Katircioglu, Brown & Asghar 2007): safety stock, reorder point, lot size and maximum for every SKU of an order-transactions CSV; " +
        'objectives: 1 cost, 2 profit, 3 no-stockout, 4 on-time-request, 5 on-time-commit, 6 fill-rate',
    )
    .option('--orders <file>', 'order transactions CSV (date, sku, quantity[, order_id]); or --db with --orders-table')
    .option('--db <url>', 'run the SQL form of Steps 1-7 on this PostgreSQL server (postgres://user@host:port/db, or ?host=/socket/dir), reading --orders-table and --lead-times-table there, in one transaction; column names as for CSV')
    .option('--orders-table <table>', '[schema.]table of order lines on the --db server (columns --date-column, --sku-column, --quantity-column; rows named by primary key, else by row number)')
    .option('--lead-times-table <table>', '[schema.]table of lead-time records on the --db server (columns as for --lead-times)')
    .option('--write-table <table>', '[schema.]table to create on the --db server with every SKU\'s policy and intermediates, in the same transaction (all or nothing)')
    .option('--replace', '--write-table may replace an existing table (dropped and re-created in the same transaction)')
    .option('--order-id-column <name>', 'order id column (optional)')
    .option('--supplier-column <name>', "orders column naming each SKU's supplier: lead times are looked up by it in the --lead-time-key column")
    .option('--sku <ids>', 'only these SKUs (comma-separated)')
    .addOption(new Option('--window <mode>', 'data window T: calendar days from first to last date, or trading days (dates with orders)').choices(['calendar', 'trading']).default('calendar'))
    .option('--window-days <days>', 'data window T in days (overrides --window)')
    .option('--lead-times <file>', 'lead-time records CSV (one total column, or OPT/TLT/PLT/CLTR components)')
    .option('--lead-time-key <column>', 'group lead times by this column and match it to the SKU (or to --supplier-column); default: pool all rows')
    .option('--lead-time-column <name>', "total lead-time column (days), read as PLT (default 'lead_time_days')")
    .option('--opt-column <name>', 'order processing time column (OPT)')
    .option('--tlt-column <name>', 'transportation time column (TLT)')
    .option('--plt-column <name>', 'supply lead time column (PLT)')
    .option('--cltr-column <name>', 'customer requested lead time column (CLTR)')
    .option('--lead-time-dedupe <column>', 'keep one lead-time row per value of this column (e.g. order_id)')
    .option('--lead-time-mean <days>', 'replenishment lead time mean (days), instead of --lead-times')
    .option('--lead-time-sd <days>', 'replenishment lead time sd (days)')
    .option('--out <file>', 'write every SKU with every intermediate as CSV')
    .option('--policies-out <file>', 'write the policies as a policy file {format: "invlab-policies", version: 1, policies: [...]} (for invlab simulate --policy); in whole units when every order quantity is whole (reorder point and S rounded up, lot to the nearest unit, at least 1)')
    .option('--json', 'print every result with every intermediate as JSON')
    .addOption(new Option('--engine <engine>', 'ts: the TypeScript engine; sql: the SQL form of Steps 1-7 (the paper\'s thesis) on an embedded PostgreSQL (PGlite)').choices(['ts', 'sql']).default('ts'))
    .option('--strict', 'stop at the first SKU that cannot be computed (exit 2); by default such SKUs are reported with their reason and the exit code is 3 (partial success)');
  addModelInputOptions(cmd);
  addOrderColumnOptions(cmd);
  addPolicyRuleOptions(cmd);
  cmd.addHelpText('after', `\nExit codes: 0 every SKU computed; ${EXIT_PARTIAL} partial success (some SKUs computed, the others listed with status 'error' and the reason in the table, --out CSV and --json); 2 bad input, no SKU computable, or any SKU error with --strict (nothing written).`);
  cmd.action(async (o: PolicyOptions) => {
    checkOutputPath(o.out, '--out');
    checkOutputPath(o.policiesOut, '--policies-out');
    if (o.db !== undefined || o.ordersTable !== undefined) {
      writePolicyOutputs(o, await runPolicyOnServer(o));
      return;
    }
    const run = o.engine === 'sql' ? await withSqlEngine(o, runPolicy(o)) : runPolicy(o);
    writePolicyOutputs(o, { source: run.orders.file, lines: run.orders.day.length, days: run.days, window: run.windowMode, whole: wholeUnitDemand(run.orders), policies: run.policies, failed: run.failed });
  });
}

/** What a policy run prints and writes, whichever engine or source computed it. */
export interface PolicyOutput {
  /** the orders file, or the table on the server */
  source: string;
  lines: number;
  days: number;
  window: string;
  /** every order quantity is a whole number (the policy file is then in whole units) */
  whole: boolean;
  policies: SkuPolicy[];
  failed: SkuFailure[];
  /** lines printed after the table (e.g. the table written on the server) */
  extra?: string[];
}

/** Print the table (or --json) and write --out and --policies-out. */
export function writePolicyOutputs(o: PolicyOptions, run: PolicyOutput): void {
  const rows = run.policies.map((p) => ({ ...resultRow(p.result, { N: p.stats.N, T: p.stats.T }), status: 'ok', reason: '' }));
  const csv = o.out ? toCsv([...rows, ...run.failed.map((f) => ({ ...f }))], Object.keys(rows[0]!)) : undefined;
  if (run.failed.length > 0) setExitCode(EXIT_PARTIAL);
  // the engine runs whole units where the order lines are whole units (README of sql-policy, "Whole units");
  // the continuous ROP, LOT and S stay in --out and --json
  const whole = run.whole;
  const policiesJson = policyFile(run.policies.map((p) => (whole ? wholeUnitPolicy(p.result.policy) : p.result.policy)));
  if (o.out) writeFileAtomic(o.out, csv!);
  if (o.policiesOut) writeFiniteJsonAtomic(o.policiesOut, policiesJson);
  const summary = policySummary({ policies: run.policies, failed: run.failed });
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ orders: run.source, lines: run.lines, skus: run.policies.length, T: run.days, window: run.window, results: run.policies.map((p) => ({ status: 'ok', ...p.stats, ...p.result })), failed: run.failed, summary }, null, 2)}\n`);
    return;
  }
  const head = `${run.policies.length} SKU(s) from ${run.source} (${run.lines} order lines, T = ${run.days} ${run.window} days); objective ${run.policies[0]?.result.objective}, ${o.review} review, variant ${o.variant}, k ${o.k}`;
  process.stdout.write(`${head}\n\n${resultsTable(run.policies.map((p) => p.result))}\n`);
  if (run.failed.length > 0) process.stdout.write(`\nSKUs not computed:\n\n${markdownTable(run.failed.map((f) => ({ ...f })), ['sku', 'status', 'reason'])}\n`);
  process.stdout.write(`\n${summary}\n`);
  for (const line of run.extra ?? []) process.stdout.write(`${line}\n`);
  if (o.out) process.stdout.write(`\nwrote ${o.out}\n`);
  if (o.policiesOut) process.stdout.write(`wrote ${o.policiesOut}${whole ? ' (whole units: reorder point and order-up-to level rounded up, lot to the nearest unit and at least 1)' : ''}\n`);
}
