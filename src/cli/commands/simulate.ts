/**
 * `invlab simulate`: Monte Carlo simulation of one or more inventory policies (src/sim/).
 *
 *   invlab simulate --spec run.json [--json]
 *   invlab simulate --policy policies.json --sku 84029E --demand-csv daily_demand.csv \
 *       --lead-time '{"kind":"normal","mean":7,"sd":2,"integer":true}' --replications 50 --seed 1
 *
 * A spec file holds { demand, leadTime, policy | policies, horizon, warmup, replications, seed,
 * threads, scenario?, shortage?, costs?, customerLeadTime?, initialOnHand? }; flags override it.
 * Policies are read as written by `invlab policy --policies-out` (an array of InventoryPolicy
 * carrying origin.sku), `invlab policy --json`, `invlab solve … --json` (an object with
 * `policy`), or a bare InventoryPolicy. Output: the settings, then every metric with its 95 %
 * confidence interval over replications (table, or --json). The output does not depend on
 * --threads (rows are combined in replication order); wall time and threads go to stderr.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Estimate } from '../../core/stats.ts';
import { markdownTable } from '../../io/markdown.ts';
import { ONLINE_RETAIL_ATTRIBUTION, readDailyDemandCsv, skuHistory, type DailyDemand } from '../../io/daily-demand-csv.ts';
import { POOLED_KEY, readLeadTimesCsv, type LeadTimeColumns } from '../../io/lead-times-csv.ts';
import { closePool, runReplications } from '../../pool/run.ts';
import { validateSimSpec, type InventorySimSpec } from '../../sim/inventory.ts';
import { METRIC_LABELS, pairedDifferences, summarizeRows } from '../../sim/metrics.ts';
import type { InventoryPolicy } from '../../sim/policy.ts';
import type { DemandSpec } from '../../sim/processes/demand.ts';
import type { LeadTimeSpec } from '../../sim/processes/lead-time.ts';
import { UsageError } from '../model-registry.ts';
import { progressReporter } from '../progress.ts';

export interface SimulateOptions {
  spec?: string;
  policy?: string;
  sku?: string;
  each?: boolean;
  demand?: string;
  leadTime?: string;
  demandCsv?: string;
  demandSku?: string;
  days?: string;
  replay?: string;
  blockLength?: string;
  horizon?: string;
  warmup?: string;
  replications?: string;
  seed?: string;
  threads?: string;
  scenario?: string;
  lostSales?: boolean;
  costs?: string;
  checkpoint?: string;
  resume?: boolean;
  chunkSize?: string;
  compare?: string;
  requestedLeadTime?: string;
  committedLeadTime?: string;
  leadTimeCsv?: string;
  leadTimeColumn?: string;
  leadTimeKey?: string;
  leadTimeGroup?: string;
  leadTimeDedupe?: string;
  leadTimeReplay?: string;
  json?: boolean;
}

/** The file-level spec of `invlab simulate --spec`. */
export interface SimulateFileSpec {
  demand?: DemandSpec;
  leadTime?: LeadTimeSpec;
  policy?: unknown;
  policies?: unknown;
  horizon?: number;
  warmup?: number;
  replications?: number;
  seed?: number | string;
  threads?: number;
  scenario?: string;
  shortage?: 'backorder' | 'lostSales';
  costs?: InventorySimSpec['costs'];
  customerLeadTime?: InventorySimSpec['customerLeadTime'];
  initialOnHand?: number;
}

function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${what} ${path}: cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what} ${path}: not valid JSON (${(e as Error).message})`);
  }
}

/** A JSON option: inline JSON text, or @file. */
function jsonOption(flag: string, text: string): unknown {
  if (text.startsWith('@')) return readJsonFile(text.slice(1), flag);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${flag}: not valid JSON (${(e as Error).message}); give JSON text or @file`);
  }
}

function intOption(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) throw new UsageError(`${flag} must be an integer ≥ ${min}, got '${text}'`);
  return v;
}

export interface NamedPolicy {
  policy: InventoryPolicy;
  sku: string | undefined;
}

/**
 * The policies in a JSON document written by `invlab policy` / `invlab solve`, or a bare policy:
 * an InventoryPolicy (has `kind`), an object with `policy`, `policies` or `results`, or an array
 * of any of these. The SKU is origin.sku, else a `sku` field beside the policy.
 */
export function policiesFromJson(doc: unknown, source: string): NamedPolicy[] {
  const out: NamedPolicy[] = [];
  const visit = (x: unknown, sku: string | undefined, path: string): void => {
    if (Array.isArray(x)) {
      x.forEach((e, i) => visit(e, sku, `${path}[${i}]`));
      return;
    }
    if (x === null || typeof x !== 'object') throw new UsageError(`${source}: ${path} is not a policy (expected an object with 'kind', 'policy', 'policies' or 'results')`);
    const o = x as Record<string, unknown>;
    const here = typeof o.sku === 'string' ? o.sku : sku;
    if (typeof o.kind === 'string') {
      const p = o as unknown as InventoryPolicy;
      out.push({ policy: p, sku: p.origin?.sku ?? here });
    } else if (o.policy !== undefined) visit(o.policy, here, `${path}.policy`);
    else if (o.policies !== undefined) visit(o.policies, here, `${path}.policies`);
    else if (o.results !== undefined) visit(o.results, here, `${path}.results`);
    else throw new UsageError(`${source}: ${path} has no policy (expected 'kind', 'policy', 'policies' or 'results')`);
  };
  visit(doc, undefined, '$');
  if (out.length === 0) throw new UsageError(`${source}: no policy found`);
  return out;
}

export interface SimulationJob {
  sku: string | undefined;
  spec: InventorySimSpec;
  replications: number;
  seed: number | string;
  scenario: string;
  /** where the demand came from, for the report */
  demandSource: string;
  /** where recorded lead times came from, when replayed from a file */
  leadTimeSource?: string;
}

export interface SimulationReport {
  sku: string | undefined;
  seed: number | string;
  scenario: string;
  replications: number;
  demandSource: string;
  leadTimeSource?: string;
  spec: InventorySimSpec;
  estimates: Record<string, Estimate>;
  target?: { metric: string; value: number; achieved: Estimate; verdict: 'met' | 'below' | 'above' | 'consistent' };
  targetNote?: string;
  data?: string;
  /** another policy on the same random numbers, and the paired differences (other − this) */
  comparison?: { policy: InventoryPolicy; estimates: Record<string, Estimate>; differences: Record<string, Estimate> };
}

/** Build the simulation jobs from options (reads files; no simulation yet). */
export function buildJobs(o: SimulateOptions): { jobs: SimulationJob[]; threads: number } {
  const file: SimulateFileSpec = o.spec ? (readJsonFile(o.spec, '--spec') as SimulateFileSpec) : {};
  if (file === null || typeof file !== 'object' || Array.isArray(file)) throw new UsageError(`--spec ${o.spec}: must be a JSON object`);
  // policies
  let policies: NamedPolicy[];
  if (o.policy !== undefined) policies = policiesFromJson(o.policy.trim().startsWith('{') || o.policy.trim().startsWith('[') ? jsonOption('--policy', o.policy) : readJsonFile(o.policy, '--policy'), `--policy ${o.policy.length > 40 ? 'JSON' : o.policy}`);
  else if (file.policy !== undefined || file.policies !== undefined) policies = policiesFromJson(file.policy ?? file.policies, `--spec ${o.spec}`);
  else throw new UsageError('give a policy: --policy <file or JSON> (as written by `invlab policy --policies-out` or `invlab solve --json`), or "policy" in the --spec file');
  if (o.sku !== undefined) {
    const wanted = o.sku.split(',').map((s) => s.trim()).filter(Boolean);
    const known = policies.map((p) => p.sku);
    const picked = policies.filter((p) => p.sku !== undefined && wanted.includes(p.sku));
    const missing = wanted.filter((w) => !known.includes(w));
    if (missing.length > 0) throw new UsageError(`--sku: no policy for ${missing.join(', ')}; the policies are for ${known.map((k) => k ?? '(no sku)').join(', ')}`);
    policies = picked;
  } else if (policies.length > 1 && !o.each) {
    throw new UsageError(`the policy file holds ${policies.length} policies (${policies.map((p) => p.sku ?? '(no sku)').slice(0, 10).join(', ')}${policies.length > 10 ? ', …' : ''}): choose with --sku <id[,id…]> or simulate each with --each`);
  }
  // settings
  const horizonFlag = intOption('--horizon', o.horizon, 1);
  const warmup = intOption('--warmup', o.warmup, 0) ?? file.warmup;
  const replications = intOption('--replications', o.replications, 1) ?? file.replications ?? 20;
  const threads = intOption('--threads', o.threads, 1) ?? file.threads ?? 1;
  const seed: number | string = o.seed !== undefined ? (/^-?\d+$/.test(o.seed) && Number.isSafeInteger(Number(o.seed)) ? Number(o.seed) : o.seed) : (file.seed ?? 1);
  let leadTime = (o.leadTime !== undefined ? jsonOption('--lead-time', o.leadTime) : file.leadTime) as LeadTimeSpec | undefined;
  let leadTimeSource: string | undefined;
  if (o.leadTimeCsv !== undefined) {
    if (o.leadTime !== undefined) throw new UsageError('give lead times either as --lead-time <JSON> or as --lead-time-csv <file>, not both');
    const cols: LeadTimeColumns = { total: o.leadTimeColumn ?? 'lead_time_days' };
    if (o.leadTimeKey !== undefined) cols.key = o.leadTimeKey;
    if (o.leadTimeDedupe !== undefined) cols.dedupe = o.leadTimeDedupe;
    const table = readLeadTimesCsv(o.leadTimeCsv, cols);
    const groupKey = o.leadTimeKey === undefined ? POOLED_KEY : o.leadTimeGroup;
    if (groupKey === undefined) throw new UsageError(`--lead-time-key ${o.leadTimeKey} needs --lead-time-group <value> (the group to replay)`);
    const group = table.groups.get(groupKey);
    if (!group) throw new UsageError(`--lead-time-group: no group '${groupKey}' in ${table.file} (groups: ${[...table.groups.keys()].slice(0, 10).join(', ')}${table.groups.size > 10 ? ', …' : ''})`);
    const records = group.samples.supply;
    if (!records || records.length === 0) throw new UsageError(`${table.file}: no lead-time records in group '${groupKey}'`);
    const mode = o.leadTimeReplay ?? 'resample';
    if (mode !== 'resample' && mode !== 'inOrder') throw new UsageError(`--lead-time-replay must be 'resample' or 'inOrder', got '${mode}'`);
    leadTime = { kind: 'replay', records, mode };
    leadTimeSource = `${mode === 'resample' ? 'resampled' : 'replayed in order'} from ${records.length} records of ${table.file}${o.leadTimeKey ? ` (${o.leadTimeKey} = ${groupKey})` : ''}, column ${cols.total}`;
  }
  if (leadTime === undefined) throw new UsageError('give a lead time: --lead-time <JSON> (e.g. \'{"kind":"constant","value":5}\') or "leadTime" in the --spec file');
  const costs = o.costs !== undefined ? (jsonOption('--costs', o.costs) as InventorySimSpec['costs']) : file.costs;
  let csv: DailyDemand | undefined;
  if (o.demandCsv !== undefined) csv = readDailyDemandCsv(o.demandCsv);
  const days = o.days ?? 'calendar';
  if (days !== 'calendar' && days !== 'trading') throw new UsageError(`--days must be 'calendar' or 'trading', got '${days}'`);
  const replay = o.replay ?? 'inOrder';
  if (replay !== 'inOrder' && replay !== 'blockBootstrap') throw new UsageError(`--replay must be 'inOrder' or 'blockBootstrap', got '${replay}'`);
  const blockLength = intOption('--block-length', o.blockLength, 1);
  if (o.demandSku !== undefined && policies.length > 1) throw new UsageError('--demand-sku applies to one policy; with several, each policy replays its own SKU');

  const jobs = policies.map(({ policy, sku }): SimulationJob => {
    let demand: DemandSpec;
    let demandSource: string;
    let horizon = horizonFlag ?? file.horizon;
    let warm = warmup;
    if (csv !== undefined) {
      const histSku = o.demandSku ?? sku;
      if (histSku === undefined) throw new UsageError('--demand-csv needs the SKU to replay: --demand-sku <id> (the policy carries no origin.sku)');
      const h = skuHistory(csv, histSku, days);
      demand = { kind: 'replay', history: h.quantities, mode: replay };
      if (blockLength !== undefined) demand.blockLength = blockLength;
      demandSource = `${replay === 'inOrder' ? 'replay in order' : `block bootstrap (blocks of ${blockLength ?? 7})`} of ${csv.file}, SKU ${histSku}, ${h.quantities.length} ${days} days ${h.dates[0]} … ${h.dates[h.dates.length - 1]}`;
      warm ??= 0;
      horizon ??= Math.max(1, h.quantities.length - warm);
    } else {
      const d = (o.demand !== undefined ? jsonOption('--demand', o.demand) : file.demand) as DemandSpec | undefined;
      if (d === undefined) throw new UsageError('give demand: --demand <JSON> (e.g. \'{"kind":"poisson","mean":5}\'), --demand-csv <file>, or "demand" in the --spec file');
      demand = d;
      demandSource = 'synthetic';
    }
    if (horizon === undefined) throw new UsageError('give --horizon <periods> (or "horizon" in the --spec file)');
    const spec: InventorySimSpec = { demand, leadTime, policy, horizon, warmup: warm ?? 0 };
    const shortage = o.lostSales ? 'lostSales' : file.shortage;
    if (shortage !== undefined) spec.shortage = shortage;
    if (costs !== undefined) spec.costs = costs;
    const customer = { ...(file.customerLeadTime ?? {}) };
    if (o.requestedLeadTime !== undefined) {
      const v = /^\s*\d+\s*$/.test(o.requestedLeadTime) ? { kind: 'constant' as const, value: Number(o.requestedLeadTime) } : (jsonOption('--requested-lead-time', o.requestedLeadTime) as LeadTimeSpec);
      customer.requested = v;
    }
    const committed = intOption('--committed-lead-time', o.committedLeadTime, 0);
    if (committed !== undefined) customer.committed = committed;
    if (customer.requested !== undefined || customer.committed !== undefined) spec.customerLeadTime = customer;
    if (file.initialOnHand !== undefined) spec.initialOnHand = file.initialOnHand;
    validateSimSpec(spec);
    const scenario = o.scenario ?? file.scenario ?? `simulate/${sku ?? 'item'}`;
    const job: SimulationJob = { sku, spec, replications, seed, scenario, demandSource };
    if (leadTimeSource !== undefined) job.leadTimeSource = leadTimeSource;
    return job;
  });
  return { jobs, threads };
}

/** Verdict of a target against the achieved estimate's 95 % CI. */
function verdict(e: Estimate, target: number): 'met' | 'below' | 'above' | 'consistent' {
  if (e.high < target) return 'below';
  if (e.low > target) return 'above';
  return 'consistent';
}

/** Attribution of data/lead_times.csv (data README). */
const USAID_ATTRIBUTION = 'U.S. Agency for International Development, Supply Chain Shipment Pricing Data (SCMS Delivery History Dataset), US-Government open data';

function describePolicy(p: InventoryPolicy): string {
  const f = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2));
  const lot = p.lotRule ? ` lot rule ${JSON.stringify(p.lotRule)}` : '';
  switch (p.kind) {
    case 'sQ':
      return `(s, Q) s=${f(p.reorderPoint)} Q=${f(p.lotSize)} (${p.multiples})${lot}`;
    case 'sS':
      return `(s, S) s=${f(p.reorderPoint)} S=${f(p.orderUpTo)}${lot}`;
    case 'RS':
      return `(R, S) R=${p.reviewPeriod} S=${f(p.orderUpTo)}${lot}`;
    case 'RsS':
      return `(R, s, S) R=${p.reviewPeriod} s=${f(p.reorderPoint)} S=${f(p.orderUpTo)}${lot}`;
    case 'RsQ':
      return `(R, s, Q) R=${p.reviewPeriod} s=${f(p.reorderPoint)} Q=${f(p.lotSize)} (${p.multiples})${lot}`;
  }
}

function renderText(r: SimulationReport): string {
  const s = r.spec;
  const lines: string[] = [];
  lines.push(`SKU ${r.sku ?? '(none)'}: policy ${describePolicy(s.policy)}${s.policy.origin?.model ? ` from ${s.policy.origin.model}` : ''}`);
  const demandText = r.demandSource === 'synthetic' ? JSON.stringify(s.demand) : r.demandSource;
  lines.push(`demand: ${demandText}`);
  lines.push(`lead time: ${r.leadTimeSource ?? JSON.stringify(s.leadTime)}`);
  lines.push(`${s.horizon} measured periods after ${s.warmup} warm-up, ${r.replications} replications, seed ${JSON.stringify(r.seed)}, scenario '${r.scenario}', ${s.shortage === 'lostSales' ? 'lost sales' : 'backorders'}`);
  const fmt = (x: number): string => (Number.isFinite(x) ? (Math.abs(x) >= 1000 ? x.toFixed(1) : x.toPrecision(6)) : '–');
  const hide = new Set<string>();
  if (s.costs === undefined) for (const m of ['holdingCost', 'shortageCost', 'orderingCost', 'purchaseCost', 'totalCost']) hide.add(m);
  if (s.shortage !== 'lostSales') hide.add('lostSalesPerPeriod');
  const rows = Object.entries(r.estimates).filter(([m]) => !hide.has(m)).map(([m, e]) => ({ metric: METRIC_LABELS[m] ?? m, mean: fmt(e.mean), '95 % CI': Number.isFinite(e.halfWidth) ? `[${fmt(e.low)}, ${fmt(e.high)}]` : '–', se: fmt(e.se), n: String(e.n) }));
  lines.push('');
  lines.push(markdownTable(rows, ['metric', 'mean', '95 % CI', 'se', 'n']));
  if (r.target) {
    const t = r.target;
    const e = t.achieved;
    lines.push('');
    lines.push(`target ${METRIC_LABELS[t.metric] ?? t.metric} ${t.value}: achieved ${fmt(e.mean)} (95 % CI ${fmt(e.low)} … ${fmt(e.high)}): ${t.verdict === 'consistent' ? 'consistent with the target' : t.verdict === 'below' ? 'BELOW the target' : 'above the target'}`);
  }
  if (r.targetNote) lines.push(`\nnote: ${r.targetNote}`);
  if (r.comparison) {
    const c = r.comparison;
    lines.push('');
    lines.push(`compared with policy ${describePolicy(c.policy)} on the same random numbers (seed, scenario, replications): difference (compared − above), paired over replications`);
    const drows = Object.entries(c.differences)
      .filter(([m]) => !hide.has(m))
      .map(([m, e]) => ({ metric: METRIC_LABELS[m] ?? m, 'compared policy': fmt(c.estimates[m]?.mean ?? NaN), difference: fmt(e.mean), '95 % CI': Number.isFinite(e.halfWidth) ? `[${fmt(e.low)}, ${fmt(e.high)}]` : '–', n: String(e.n) }));
    lines.push('');
    lines.push(markdownTable(drows, ['metric', 'compared policy', 'difference', '95 % CI', 'n']));
  }
  if (r.data) lines.push(`\nData: ${r.data}`);
  return lines.join('\n');
}

export interface RunOptions {
  threads: number;
  checkpoint?: string;
  resume?: boolean;
  chunkSize?: number;
  signal?: AbortSignal;
  progress?: boolean;
}

/** Run one job and summarise it. */
export async function runJob(job: SimulationJob, run: RunOptions): Promise<SimulationReport> {
  return (await runJobRows(job, run)).report;
}

/** Run one job; its report and its rows (one per replication). */
export async function runJobRows(job: SimulationJob, run: RunOptions): Promise<{ report: SimulationReport; rows: Record<string, number>[] }> {
  const progress = run.progress ? progressReporter(`simulate ${job.sku ?? ''}`.trim()) : null;
  let rows: Record<string, number>[];
  try {
    const r: Parameters<typeof runReplications>[0] = { kernel: 'sim.inventory', spec: job.spec, seed: job.seed, scenario: job.scenario, replications: job.replications, threads: run.threads };
    if (progress) r.onProgress = progress.update;
    if (run.checkpoint !== undefined) r.checkpoint = run.checkpoint;
    if (run.resume) r.resume = true;
    if (run.chunkSize !== undefined) r.chunkSize = run.chunkSize;
    if (run.signal) r.signal = run.signal;
    rows = await runReplications(r);
  } finally {
    progress?.stop();
  }
  const estimates = summarizeRows(rows);
  const report: SimulationReport = { sku: job.sku, seed: job.seed, scenario: job.scenario, replications: job.replications, demandSource: job.demandSource, spec: job.spec, estimates };
  const t = job.spec.policy.origin?.target;
  if (t && estimates[t.metric]) report.target = { metric: t.metric, value: t.value, achieved: estimates[t.metric]!, verdict: verdict(estimates[t.metric]!, t.value) };
  else if (t) report.targetNote = `the policy targets ${t.metric} = ${t.value}, which this run does not measure${t.metric.startsWith('onTime') ? ' (give --requested-lead-time or --committed-lead-time)' : ''}`;
  if (job.leadTimeSource !== undefined) report.leadTimeSource = job.leadTimeSource;
  const credits: string[] = [];
  if (job.demandSource.includes('daily_demand')) credits.push(`daily demand derived from UCI Online Retail: ${ONLINE_RETAIL_ATTRIBUTION}`);
  if (job.leadTimeSource?.includes('lead_times')) credits.push(`lead times from ${USAID_ATTRIBUTION}`);
  if (credits.length > 0) report.data = credits.join('; ');
  return { report, rows };
}

/** The policy of `--compare` for a job: the one for the same SKU, or the only one. */
function comparePolicy(list: NamedPolicy[], sku: string | undefined, source: string): InventoryPolicy {
  if (list.length === 1) return list[0]!.policy;
  const same = list.filter((p) => p.sku !== undefined && p.sku === sku);
  if (same.length === 1) return same[0]!.policy;
  throw new UsageError(`${source}: ${list.length} policies and ${same.length} for SKU ${sku ?? '(none)'}; give one policy, or one per SKU`);
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('simulate inventory policies (from `invlab policy` / `invlab solve`, or given) against demand and lead-time processes; every metric with a 95 % CI over replications')
    .option('--spec <file>', 'JSON spec {demand, leadTime, policy|policies, horizon, warmup, replications, seed, threads, scenario, shortage, costs, customerLeadTime, initialOnHand}; flags override it')
    .option('--policy <file|JSON>', 'policy JSON: `invlab policy --policies-out` file, `invlab solve --json` output, or an InventoryPolicy')
    .option('--sku <ids>', 'simulate the policies of these SKUs (comma-separated)')
    .option('--each', 'simulate every policy in the file')
    .option('--demand <JSON|@file>', 'demand spec, e.g. \'{"kind":"compoundPoisson","ordersPerPeriod":5,"orderSize":{"kind":"normalRounded","mean":10,"sd":3}}\'')
    .option('--lead-time <JSON|@file>', 'lead-time spec (periods), e.g. \'{"kind":"uniformInteger","min":3,"max":7}\'')
    .option('--lead-time-csv <file>', 'replay recorded lead times (days) from a CSV, e.g. data/lead_times.csv')
    .option('--lead-time-column <name>', "lead-time column of --lead-time-csv (default 'lead_time_days')")
    .option('--lead-time-key <column>', 'group the records by this column (then choose one with --lead-time-group)')
    .option('--lead-time-group <value>', 'the group of --lead-time-key to replay')
    .option('--lead-time-dedupe <column>', 'one record per value of this column (e.g. order_id)')
    .option('--lead-time-replay <mode>', "'resample' (i.i.d. draws from the records, default) or 'inOrder'")
    .option('--demand-csv <file>', 'replay a daily demand history (date, sku, quantity[, is_trading_day]), e.g. data/daily_demand.csv')
    .option('--demand-sku <id>', 'SKU of the history to replay (default: the policy\'s SKU)')
    .option('--days <mode>', "history days: 'calendar' (every day) or 'trading' (is_trading_day = 1)", 'calendar')
    .option('--replay <mode>', "'inOrder' (the history as it happened, cyclically) or 'blockBootstrap'", 'inOrder')
    .option('--block-length <days>', 'block length of the block bootstrap (default 7)')
    .option('--horizon <periods>', 'measured periods per replication (default with --demand-csv: the history length − warm-up)')
    .option('--warmup <periods>', 'unmeasured periods first (default 0)')
    .option('--replications <n>', 'independent replications (default 20)')
    .option('--seed <seed>', 'master seed (default 1)')
    .option('--threads <n>', 'worker threads (default 1; the output does not depend on it)')
    .option('--scenario <key>', "stream key of the scenario (default 'simulate/<sku>'); runs with the same seed and scenario share random numbers")
    .option('--requested-lead-time <periods|JSON>', "customer's requested lead time (CLTR): whole periods, or a whole-number lead-time spec drawn per period; adds on-time delivery (requested)")
    .option('--committed-lead-time <periods>', 'committed customer lead time (CLTC), whole periods; adds on-time delivery (committed)')
    .option('--lost-sales', 'unmet demand is lost (default: backordered)')
    .option('--costs <JSON>', 'cost rates {holding, backorder, shortage, ordering, purchase}')
    .option('--checkpoint <file>', 'append each finished range of replications to this JSON-lines file (keeps finished work on Ctrl-C or a crash)')
    .option('--resume', 'with --checkpoint: continue an interrupted run')
    .option('--chunk-size <n>', 'replications per task (default ⌈replications/16⌉)')
    .option('--compare <file|JSON>', 'also simulate this policy (same SKU, or a single one) on the same random numbers and report the paired differences')
    .option('--json', 'print the settings and estimates as JSON')
    .action(async (o: SimulateOptions) => {
      const { jobs, threads } = buildJobs(o);
      if (o.resume && o.checkpoint === undefined) throw new UsageError('--resume needs --checkpoint <file>');
      if (o.checkpoint !== undefined && jobs.length > 1) throw new UsageError('--checkpoint applies to one policy at a time; choose one with --sku');
      const compareList = o.compare === undefined ? undefined : policiesFromJson(o.compare.trim().startsWith('{') || o.compare.trim().startsWith('[') ? jsonOption('--compare', o.compare) : readJsonFile(o.compare, '--compare'), '--compare');
      const ac = new AbortController();
      const onSigint = (): void => {
        process.stderr.write('\ninvlab: interrupted; stopping (finished replications are kept in the checkpoint, if any)\n');
        ac.abort();
      };
      // with threads = 1 the run blocks this thread, so Ctrl-C keeps its default (immediate exit);
      // the checkpoint is written range by range either way
      if (threads > 1) process.on('SIGINT', onSigint);
      const start = Date.now();
      const reports: SimulationReport[] = [];
      try {
        for (const job of jobs) {
          const run: RunOptions = { threads, progress: !o.json || process.stderr.isTTY, signal: ac.signal };
          if (o.checkpoint !== undefined) run.checkpoint = o.checkpoint;
          if (o.resume) run.resume = true;
          const cs = intOption('--chunk-size', o.chunkSize, 1);
          if (cs !== undefined) run.chunkSize = cs;
          const { report: r, rows } = await runJobRows(job, run);
          if (compareList !== undefined) {
            const other = comparePolicy(compareList, job.sku, '--compare');
            const otherJob: SimulationJob = { ...job, spec: { ...job.spec, policy: other } };
            validateSimSpec(otherJob.spec);
            const { checkpoint: _unused, resume: _unused2, ...plain } = run;
            const o2 = await runJobRows(otherJob, plain);
            r.comparison = { policy: other, estimates: o2.report.estimates, differences: pairedDifferences(o2.rows, rows) };
          }
          reports.push(r);
          if (!o.json) process.stdout.write(`${renderText(r)}\n\n`);
        }
      } finally {
        if (threads > 1) {
          process.off('SIGINT', onSigint);
          await closePool();
        }
      }
      if (o.json) process.stdout.write(`${JSON.stringify(reports.length === 1 ? reports[0] : reports, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`);
      process.stderr.write(`invlab simulate: ${jobs.length} polic${jobs.length === 1 ? 'y' : 'ies'}, ${threads} thread(s), ${((Date.now() - start) / 1000).toFixed(2)} s\n`);
    });
}
