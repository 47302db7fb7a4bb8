/**
 * `invlab policy --engine sql`: the same run as the TypeScript engine, with every SKU's numbers
 * computed by the SQL of src/models/sql-policy/sql/ (Katircioglu, Brown & Asghar 2007, Steps 1-7)
 * on an embedded PostgreSQL (PGlite). The CSV files are read and validated by the same readers
 * (so bad input gets the same messages), the order lines and lead-time records are loaded into
 * the database, and the policy view replaces the policies of the SKUs the run computes.
 */
import { runSqlEngine, type SqlRunOptions } from '../../io/sql-engine.ts';
import { runOnServer, type LeadTimesTableSpec, type OrdersTableSpec } from '../../io/sql-server.ts';
import { UsageError } from '../model-registry.ts';
import { parseNumberOption } from '../models/sql-policy.ts';
import { settingsFromOptions, type PolicyOptions, type PolicyOutput, type PolicyRun } from './policy.ts';

/** Where the SQL takes each SKU's lead times and its data window from, as the options say. */
export function sqlRunOptions(o: PolicyOptions, run: PolicyRun): SqlRunOptions {
  const lt = run.leadTimes;
  const r: SqlRunOptions = {
    leadKeyMode: lt ? (!lt.keyColumn ? 'pooled' : run.orders.supplierOf ? 'supplier' : 'sku') : 'given',
    windowMode: o.window === 'trading' ? 'trading' : 'calendar',
    skus: run.policies.map((p) => p.result.sku ?? ''),
  };
  if (!lt) r.given = { mean: parseNumberOption('--lead-time-mean', o.leadTimeMean, 'positive')!, sd: parseNumberOption('--lead-time-sd', o.leadTimeSd) ?? 0 };
  const cltrMean = parseNumberOption('--cltr-mean', o.cltrMean);
  if (cltrMean !== undefined) r.cltr = { mean: cltrMean, sd: parseNumberOption('--cltr-sd', o.cltrSd) ?? 0 };
  const windowDays = parseNumberOption('--window-days', o.windowDays, 'positive');
  if (windowDays !== undefined) r.windowDays = windowDays;
  return r;
}

/** The run with its policies recomputed by the SQL engine (same SKUs, same order). */
export async function withSqlEngine(o: PolicyOptions, run: PolicyRun): Promise<PolicyRun> {
  if (o.engine !== undefined && o.engine !== 'sql' && o.engine !== 'ts') throw new UsageError(`--engine must be 'ts' or 'sql', got '${o.engine}'`);
  if (run.policies.length === 0) return run;
  const policies = await runSqlEngine({ orders: run.orders, leadTimes: run.leadTimes, settings: settingsFromOptions(o), run: sqlRunOptions(o, run) });
  return { ...run, policies };
}

/** The table specs of a --db run, from the same column options as the CSV readers. */
function tableSpecs(o: PolicyOptions): { orders: OrdersTableSpec; leadTimes?: LeadTimesTableSpec } {
  const orders: OrdersTableSpec = { table: o.ordersTable!, date: o.dateColumn, sku: o.skuColumn, quantity: o.quantityColumn };
  if (o.supplierColumn) {
    if (!o.leadTimesTable || !o.leadTimeKey) throw new UsageError("--supplier-column needs --lead-times-table <table> and --lead-time-key <column> (the records' supplier column)");
    orders.supplier = o.supplierColumn;
  }
  if (o.orderIdColumn) orders.orderId = o.orderIdColumn;
  if (!o.leadTimesTable) return { orders };
  const lt: LeadTimesTableSpec = { table: o.leadTimesTable };
  const put = (k: keyof Omit<LeadTimesTableSpec, 'table'>, v: string | undefined): void => {
    if (v !== undefined) lt[k] = v;
  };
  put('key', o.leadTimeKey);
  put('dedupe', o.leadTimeDedupe);
  put('total', o.leadTimeColumn);
  put('orderProcessing', o.optColumn);
  put('transportation', o.tltColumn);
  put('supply', o.pltColumn);
  put('customerRequested', o.cltrColumn);
  return { orders, leadTimes: lt };
}

/** The option combinations a --db run accepts (UsageError naming the option otherwise). */
function checkServerOptions(o: PolicyOptions): void {
  if (o.db === undefined) throw new UsageError('--orders-table needs --db <url> (the PostgreSQL server holding the table)');
  if (o.ordersTable === undefined) throw new UsageError('--db needs --orders-table <table> (the order lines on the server)');
  if (o.orders !== undefined) throw new UsageError('give the orders either as --orders <file> or as --db <url> --orders-table <table>, not both');
  if (o.leadTimes !== undefined) throw new UsageError('with --db, give lead-time records as --lead-times-table <table> (or --lead-time-mean), not --lead-times <file>');
  if (o.replace && o.writeTable === undefined) throw new UsageError('--replace needs --write-table <table>');
  const hasGiven = o.leadTimeMean !== undefined || o.leadTimeSd !== undefined;
  if ((o.leadTimesTable !== undefined) === hasGiven) throw new UsageError('give lead times either as --lead-times-table <table> or as --lead-time-mean <days> [--lead-time-sd <days>]');
}

/**
 * `invlab policy --db <url> --orders-table <t>`: the SQL of Steps 1-7 on the user's PostgreSQL
 * server (src/io/sql-server.ts), with --write-table writing the policy table back in the same
 * transaction. A SKU that cannot be computed is reported as with CSV input (exit 3; --strict: 2).
 */
export async function runPolicyOnServer(o: PolicyOptions): Promise<PolicyOutput> {
  checkServerOptions(o);
  const specs = tableSpecs(o);
  const run: Omit<SqlRunOptions, 'leadKeyMode'> = { windowMode: o.window === 'trading' ? 'trading' : 'calendar' };
  if (o.window !== 'calendar' && o.window !== 'trading') throw new UsageError(`--window must be 'calendar' or 'trading', got '${o.window}'`);
  if (!o.leadTimesTable) {
    const mean = parseNumberOption('--lead-time-mean', o.leadTimeMean, 'positive');
    if (mean === undefined) throw new UsageError('--lead-time-sd needs --lead-time-mean <days>');
    run.given = { mean, sd: parseNumberOption('--lead-time-sd', o.leadTimeSd) ?? 0 };
  }
  const cltrMean = parseNumberOption('--cltr-mean', o.cltrMean);
  if (cltrMean !== undefined) run.cltr = { mean: cltrMean, sd: parseNumberOption('--cltr-sd', o.cltrSd) ?? 0 };
  const windowDays = parseNumberOption('--window-days', o.windowDays, 'positive');
  if (windowDays !== undefined) run.windowDays = windowDays;
  if (o.sku !== undefined) run.skus = [...new Set(o.sku.split(',').map((s) => s.trim()))];
  const r = await runOnServer({ url: o.db!, ...specs, settings: settingsFromOptions(o), run, ...(o.writeTable !== undefined ? { write: { table: o.writeTable, replace: o.replace === true } } : {}), strict: o.strict === true });
  const extra = [`computed on ${r.server.split(' on ')[0]} by the SQL of Steps 1-7, in one transaction`];
  if (r.written) extra.push(`wrote table ${r.written.table} (${r.written.rows} rows)`);
  return { source: r.orders, lines: r.lines, days: r.days, window: windowDays !== undefined ? 'given' : run.windowMode, whole: r.wholeUnits, policies: r.policies, failed: r.failed, extra };
}
