/**
 * `invlab sql`: prints the SQL form of the sql-policy model (Katircioglu, Brown & Asghar 2007,
 * Steps 1-7 as PostgreSQL tables, functions and one view per step) with the chosen options as the
 * row of invlab_settings, for a DBA to install and schedule. Load invlab_order_lines and
 * invlab_lead_time_records (or replace them by views over the ERP's tables), call
 * invlab_refresh(), then select * from invlab_policy.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { settingsRow, sqlScript, type SqlRunOptions } from '../../io/sql-engine.ts';
import { UsageError } from '../model-registry.ts';
import { parseNumberOption } from '../models/sql-policy.ts';
import { addModelInputOptions, addPolicyRuleOptions, settingsFromOptions, type PolicyOptions } from './policy.ts';

interface SqlOptions extends PolicyOptions {
  leadKey: SqlRunOptions['leadKeyMode'];
  schemaOnly?: boolean;
}

/** The run options (lead-time source, window) of the printed settings row. */
function runOptions(o: SqlOptions): SqlRunOptions {
  const r: SqlRunOptions = { leadKeyMode: o.leadKey, windowMode: o.window === 'trading' ? 'trading' : 'calendar' };
  if (o.leadKey === 'given') {
    const mean = parseNumberOption('--lead-time-mean', o.leadTimeMean, 'positive');
    if (mean === undefined) throw new UsageError('--lead-key given needs --lead-time-mean <days> [--lead-time-sd <days>]');
    r.given = { mean, sd: parseNumberOption('--lead-time-sd', o.leadTimeSd) ?? 0 };
  }
  const cltrMean = parseNumberOption('--cltr-mean', o.cltrMean);
  if (cltrMean !== undefined) r.cltr = { mean: cltrMean, sd: parseNumberOption('--cltr-sd', o.cltrSd) ?? 0 };
  const days = parseNumberOption('--window-days', o.windowDays, 'positive');
  if (days !== undefined) r.windowDays = days;
  if (o.sku !== undefined) r.skus = o.sku.split(',').map((s) => s.trim());
  return r;
}

export function registerSql(program: Command): void {
  const cmd = program
    .command('sql')
    .description(
      'print the sql-policy model (Katircioglu, Brown & Asghar 2007) as PostgreSQL: input tables, functions, one view per step (Steps 1-7) and the settings row of the chosen options; ' +
        'run it, load invlab_order_lines and invlab_lead_time_records, call invlab_refresh(), then select * from invlab_policy',
    )
    .addOption(new Option('--lead-key <mode>', "lead times: one pooled group '*', grouped by SKU or by the orders' supplier column, or given as --lead-time-mean/--lead-time-sd").choices(['pooled', 'sku', 'supplier', 'given']).default('pooled'))
    .option('--lead-time-mean <days>', 'lead time mean (days), with --lead-key given')
    .option('--lead-time-sd <days>', 'lead time sd (days), with --lead-key given')
    .addOption(new Option('--window <mode>', 'data window T').choices(['calendar', 'trading']).default('calendar'))
    .option('--window-days <days>', 'data window T in days (overrides --window)')
    .option('--sku <ids>', 'only these SKUs (comma-separated)')
    .option('--schema-only', 'print the tables, functions and views without a settings row');
  addModelInputOptions(cmd);
  addPolicyRuleOptions(cmd);
  cmd.action((o: SqlOptions) => {
    if (o.schemaOnly) {
      process.stdout.write(sqlScript());
      return;
    }
    process.stdout.write(sqlScript(settingsRow(settingsFromOptions(o), runOptions(o))));
  });
}
