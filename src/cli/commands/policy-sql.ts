/**
 * `invlab policy --engine sql`: the same run as the TypeScript engine, with every SKU's numbers
 * computed by the SQL of src/models/sql-policy/sql/ (Katircioglu, Brown & Asghar 2007, Steps 1-7)
 * on an embedded PostgreSQL (PGlite). The CSV files are read and validated by the same readers
 * (so bad input gets the same messages), the order lines and lead-time records are loaded into
 * the database, and the policy view replaces the policies of the SKUs the run computes.
 */
import { runSqlEngine, type SqlRunOptions } from '../../io/sql-engine.ts';
import { UsageError } from '../model-registry.ts';
import { parseNumberOption } from '../models/sql-policy.ts';
import { settingsFromOptions, type PolicyOptions, type PolicyRun } from './policy.ts';

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
