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
import type { Command } from 'commander';
import type { Estimate } from '../../core/stats.ts';
import { markdownTable } from '../../io/markdown.ts';
import { ONLINE_RETAIL_ATTRIBUTION, readDailyDemandCsv, skuHistory, type DailyDemand } from '../../io/daily-demand-csv.ts';
import { POOLED_KEY, readLeadTimesCsv, type LeadTimeColumns } from '../../io/lead-times-csv.ts';
import { RunIncompleteError, runReplications, WorkerPool } from '../../pool/run.ts';
import { parseShard, runAsShard, shardFilePath } from '../../pool/shard.ts';
import { coreCount, estimateRun, formatBytes, formatSeconds, maxThreads, overLimit, THREADS_PER_CORE } from '../../pool/estimate.ts';
import { inventoryKernel, inventorySummaryKernel, validateSimSpec, type InventorySimSpec, type InventorySummarySpec } from '../../sim/inventory.ts';
import { fixedWarmupRule, mserWarmup, type MserWarmup } from '../../sim/warmup.ts';
import { ESTIMATORS, METRIC_LABELS, pairedDifferences, SummaryAccumulator, summaryBlockSize, type EstimatorName } from '../../sim/metrics.ts';
import { policyReviewPeriod } from '../../sim/engine.ts';
import { demandMoments } from '../../dist/demand.ts';
import { leadTimeMoments } from '../../dist/lead-time.ts';
import type { InventoryPolicy } from '../../policy/types.ts';
import { PolicyFileError, readPolicyDocument, type NamedPolicy } from '../../policy/file.ts';
import type { DemandSpec } from '../../dist/demand.ts';
import type { LeadTimeSpec } from '../../dist/lead-time.ts';
import { UsageError } from '../model-registry.ts';
import { progressReporter } from '../../io/progress.ts';
import { jsonOption, readJsonFile } from '../../io/json-input.ts';
import { parseCosts, parseDemandSpec, parseLeadTimeSpec, parseSimulateSpec } from '../../io/schemas.ts';
import { parseDecimal } from '../../core/validate.ts';

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
  force?: boolean;
  chunkSize?: string;
  shard?: string;
  shardCount?: string;
  compare?: string;
  requestedLeadTime?: string;
  committedLeadTime?: string;
  leadTimeCsv?: string;
  leadTimeColumn?: string;
  leadTimeKey?: string;
  leadTimeGroup?: string;
  leadTimeDedupe?: string;
  leadTimeReplay?: string;
  estimator?: string;
  json?: boolean;
}

/** The file-level spec of `invlab simulate --spec`. */
export interface SimulateFileSpec {
  demand?: DemandSpec;
  leadTime?: LeadTimeSpec;
  policy?: unknown;
  policies?: unknown;
  horizon?: number;
  /** periods, or 'mser5' (as --warmup mser5) */
  warmup?: number | 'mser5';
  replications?: number;
  seed?: number | string;
  threads?: number;
  scenario?: string;
  shortage?: 'backorder' | 'lostSales';
  costs?: InventorySimSpec['costs'];
  customerLeadTime?: InventorySimSpec['customerLeadTime'];
  initialOnHand?: number;
}


function intOption(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = parseDecimal(text.trim());
  if (!Number.isSafeInteger(v) || v < min) throw new UsageError(`${flag} must be an integer ≥ ${min}, got '${text}'`);
  return v;
}

export type { NamedPolicy } from '../../policy/file.ts';

/**
 * The policies in a JSON document: the policy file (src/policy/file.ts) or what `invlab policy`
 * / `invlab solve` print; errors become usage errors naming the source and the JSON path.
 */
export function policiesFromJson(doc: unknown, source: string): NamedPolicy[] {
  try {
    return readPolicyDocument(doc, source);
  } catch (e) {
    if (e instanceof PolicyFileError) throw new UsageError(e.message);
    throw e;
  }
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
  /** how the warm-up was chosen */
  warmupRule: string;
  /** a caution about the chosen warm-up (MSER-5 at the end of its range) */
  warmupWarning?: string;
  estimator: EstimatorName;
}

export interface SimulationReport {
  sku: string | undefined;
  seed: number | string;
  scenario: string;
  replications: number;
  demandSource: string;
  leadTimeSource?: string;
  spec: InventorySimSpec;
  /** how the warm-up was chosen, and what the estimates are of */
  warmupRule: string;
  /** the estimators used, in words */
  estimator: string;
  estimates: Record<string, Estimate>;
  /** cautions about the run's regime (few replications, few cycles, censored cycles) */
  warnings?: string[];
  target?: { metric: string; value: number; achieved: Estimate; verdict: 'met' | 'below' | 'above' | 'consistent' | 'not estimable' };
  targetNote?: string;
  data?: string;
  /** another policy on the same random numbers, and the paired differences (other − this) */
  comparison?: { policy: InventoryPolicy; estimates: Record<string, Estimate>; differences: Record<string, Estimate> };
}

/** The policies named by --policy (or the --spec file), narrowed by --sku / --each. */
function selectPolicies(o: SimulateOptions, file: SimulateFileSpec): NamedPolicy[] {
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
    return picked;
  }
  if (policies.length > 1 && !o.each) {
    throw new UsageError(`the policy file holds ${policies.length} policies (${policies.map((p) => p.sku ?? '(no sku)').slice(0, 10).join(', ')}${policies.length > 10 ? ', …' : ''}): choose with --sku <id[,id…]> or simulate each with --each`);
  }
  return policies;
}

/** Lead times: --lead-time JSON, the --spec file, or records replayed from --lead-time-csv. */
function leadTimeFromOptions(o: SimulateOptions, file: SimulateFileSpec): { leadTime: LeadTimeSpec; source?: string } {
  if (o.leadTimeCsv === undefined) {
    const leadTime = (o.leadTime !== undefined ? parseLeadTimeSpec(jsonOption('--lead-time', o.leadTime), '--lead-time') : file.leadTime) as LeadTimeSpec | undefined;
    if (leadTime === undefined) throw new UsageError('give a lead time: --lead-time <JSON> (e.g. \'{"kind":"constant","value":5}\') or "leadTime" in the --spec file');
    return { leadTime };
  }
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
  const source = `${mode === 'resample' ? 'resampled' : 'replayed in order'} from ${records.length} records of ${table.file}${o.leadTimeKey ? ` (${o.leadTimeKey} = ${groupKey})` : ''}, column ${cols.total}`;
  return { leadTime: { kind: 'replay', records, mode }, source };
}

/** How demand is given: a history replayed from --demand-csv, or a synthetic spec. */
interface DemandChoice {
  csv: DailyDemand | undefined;
  days: 'calendar' | 'trading';
  replay: 'inOrder' | 'blockBootstrap';
  blockLength: number | undefined;
}

function demandChoice(o: SimulateOptions, policies: NamedPolicy[]): DemandChoice {
  const days = o.days ?? 'calendar';
  if (days !== 'calendar' && days !== 'trading') throw new UsageError(`--days must be 'calendar' or 'trading', got '${days}'`);
  const replay = o.replay ?? 'inOrder';
  if (replay !== 'inOrder' && replay !== 'blockBootstrap') throw new UsageError(`--replay must be 'inOrder' or 'blockBootstrap', got '${replay}'`);
  const blockLength = intOption('--block-length', o.blockLength, 1);
  if (o.demandSku !== undefined && policies.length > 1) throw new UsageError('--demand-sku applies to one policy; with several, each policy replays its own SKU');
  return { csv: o.demandCsv !== undefined ? readDailyDemandCsv(o.demandCsv) : undefined, days, replay, blockLength };
}

/** The demand of one policy's job, where it came from, and the horizon/warm-up a history implies. */
function demandForSku(o: SimulateOptions, file: SimulateFileSpec, c: DemandChoice, sku: string | undefined, horizon: number | undefined, warmup: number | undefined): { demand: DemandSpec; source: string; horizon: number | undefined; warmup: number | undefined } {
  if (c.csv === undefined) {
    const d = (o.demand !== undefined ? parseDemandSpec(jsonOption('--demand', o.demand), '--demand') : file.demand) as DemandSpec | undefined;
    if (d === undefined) throw new UsageError('give demand: --demand <JSON> (e.g. \'{"kind":"poisson","mean":5}\'), --demand-csv <file>, or "demand" in the --spec file');
    return { demand: d, source: 'synthetic', horizon, warmup };
  }
  const histSku = o.demandSku ?? sku;
  if (histSku === undefined) throw new UsageError('--demand-csv needs the SKU to replay: --demand-sku <id> (the policy carries no origin.sku)');
  const h = skuHistory(c.csv, histSku, c.days);
  const demand: DemandSpec = { kind: 'replay', history: h.quantities, mode: c.replay };
  if (c.blockLength !== undefined) demand.blockLength = c.blockLength;
  const source = `${c.replay === 'inOrder' ? 'replay in order' : `block bootstrap (blocks of ${c.blockLength ?? 7})`} of ${c.csv.file}, SKU ${histSku}, ${h.quantities.length} ${c.days} days ${h.dates[0]} … ${h.dates[h.dates.length - 1]}`;
  const warm = warmup ?? 0;
  return { demand, source, warmup, horizon: horizon ?? Math.max(1, h.quantities.length - warm) };
}

/** Shortage rule, costs, customer lead times and initial stock of a spec, from flags and the --spec file. */
function addSettings(spec: InventorySimSpec, o: SimulateOptions, file: SimulateFileSpec, costs: InventorySimSpec['costs']): void {
  const shortage = o.lostSales ? 'lostSales' : file.shortage;
  if (shortage !== undefined) spec.shortage = shortage;
  if (costs !== undefined) spec.costs = costs;
  const customer = { ...(file.customerLeadTime ?? {}) };
  if (o.requestedLeadTime !== undefined) {
    customer.requested = /^\s*\d+\s*$/.test(o.requestedLeadTime) ? { kind: 'constant' as const, value: Number(o.requestedLeadTime) } : parseLeadTimeSpec(jsonOption('--requested-lead-time', o.requestedLeadTime), '--requested-lead-time');
  }
  const committed = intOption('--committed-lead-time', o.committedLeadTime, 0);
  if (committed !== undefined) customer.committed = committed;
  if (customer.requested !== undefined || customer.committed !== undefined) spec.customerLeadTime = customer;
  if (file.initialOnHand !== undefined) spec.initialOnHand = file.initialOnHand;
}

/** Build the simulation jobs from options (reads files; no simulation yet). */
export function buildJobs(o: SimulateOptions): { jobs: SimulationJob[]; threads: number } {
  const file: SimulateFileSpec = o.spec ? (parseSimulateSpec(readJsonFile(o.spec, '--spec'), `--spec ${o.spec}`) as SimulateFileSpec) : {};
  if (file === null || typeof file !== 'object' || Array.isArray(file)) throw new UsageError(`--spec ${o.spec}: must be a JSON object`);
  const policies = selectPolicies(o, file);
  const horizonFlag = intOption('--horizon', o.horizon, 1);
  const mser5 = o.warmup !== undefined ? o.warmup.trim().toLowerCase() === 'mser5' : file.warmup === 'mser5';
  if (!mser5 && o.warmup !== undefined && !/^\s*\d+\s*$/.test(o.warmup)) throw new UsageError(`--warmup must be a whole number of periods ≥ 0 or 'mser5', got '${o.warmup}'`);
  const warmup = mser5 ? undefined : (intOption('--warmup', o.warmup, 0) ?? (file.warmup as number | undefined));
  const estimator = (o.estimator ?? 'ratioOfSums') as EstimatorName;
  if (!ESTIMATORS.includes(estimator)) throw new UsageError(`--estimator must be one of ${ESTIMATORS.join(', ')}, got '${o.estimator}'`);
  const replications = intOption('--replications', o.replications, 1) ?? file.replications ?? 20;
  const threads = intOption('--threads', o.threads, 1) ?? file.threads ?? 1;
  if (threads > maxThreads()) throw new UsageError(`${o.threads !== undefined ? '--threads' : `"threads" in --spec ${o.spec}`} is ${threads}, more than ${maxThreads()} (${THREADS_PER_CORE} × the ${coreCount()} cores of this machine): extra threads add memory (about 64 MB each) and no speed; use at most --threads ${coreCount()}`);
  const seed: number | string = o.seed !== undefined ? (/^-?\d+$/.test(o.seed) && Number.isSafeInteger(Number(o.seed)) ? Number(o.seed) : o.seed) : (file.seed ?? 1);
  const { leadTime, source: leadTimeSource } = leadTimeFromOptions(o, file);
  const costs = o.costs !== undefined ? parseCosts(jsonOption('--costs', o.costs), '--costs') : file.costs;
  const choice = demandChoice(o, policies);
  const jobs = policies.map(({ policy, sku }): SimulationJob => {
    const d = demandForSku(o, file, choice, sku, horizonFlag ?? file.horizon, warmup);
    if (d.horizon === undefined) throw new UsageError('give --horizon <periods> (or "horizon" in the --spec file)');
    const spec: InventorySimSpec = { demand: d.demand, leadTime, policy, horizon: d.horizon, warmup: d.warmup ?? 0 };
    addSettings(spec, o, file, costs);
    validateSimSpec(spec);
    const w = chooseWarmup(d.warmup, d.demand, leadTime, policy);
    spec.warmup = w.warmup;
    const scenario = o.scenario ?? file.scenario ?? `simulate/${sku ?? 'item'}`;
    const job: SimulationJob = { sku, spec, replications, seed, scenario, demandSource: d.source, warmupRule: w.rule, estimator };
    if (mser5) applyMserWarmup(job);
    if (leadTimeSource !== undefined) job.leadTimeSource = leadTimeSource;
    return job;
  });
  return { jobs, threads };
}

/**
 * The warm-up: as given, or the default rule W = ⌈10·(E[L] + R + Q/μ)⌉ periods (E[L] mean lead
 * time, R review period (1 under continuous review), Q the lot (Q, or S − s; 0 for (R, S)), μ mean
 * demand per period): ten times the time the initial stock (the policy's top) and the first
 * replenishments take to pass, after which the run estimates long-run figures. A replayed history
 * is not warmed up by default (the estimate is of that history from the policy's top).
 */
export function chooseWarmup(given: number | undefined, demand: DemandSpec, leadTime: LeadTimeSpec, policy: InventoryPolicy): { warmup: number; rule: string } {
  if (given !== undefined) return { warmup: given, rule: given === 0 ? 'none (--warmup 0): estimates from the policy\'s top on hand, not long-run figures' : `${given} periods as given` };
  if (demand.kind === 'replay') return { warmup: 0, rule: 'none (replayed history, default): estimates of this history from the policy\'s top on hand, not long-run figures' };
  const mu = demandMoments(demand).mean;
  const L = leadTimeMoments(leadTime).mean;
  const R = policyReviewPeriod(policy) ?? 1;
  const Q = policy.kind === 'sQ' || policy.kind === 'RsQ' ? policy.lotSize : policy.kind === 'RS' || policy.kind === 'adaptive' ? 0 : policy.orderUpTo - policy.reorderPoint;
  const W = fixedWarmupRule(L, R, Q, mu);
  return { warmup: W, rule: `${W} periods by the default rule W = ⌈10·(E[L] + R + Q/μ)⌉ (removes the start from the policy's top; long-run estimates; --warmup 0 to estimate from the start)` };
}

/**
 * --warmup mser5: the warm-up chosen by MSER-5 (src/sim/warmup.ts: White 1997; Hoad, Robinson &
 * Davies 2010) on the job's own first replications (same streams) over its horizon from the
 * start; the job then measures its horizon after it. A minimum at the end of the admissible
 * range is reported as a warning (the run is too short to show its steady state).
 */
function applyMserWarmup(job: SimulationJob): void {
  let m: MserWarmup;
  try {
    m = mserWarmup({ ...job.spec, warmup: 0 }, job.seed, job.scenario, job.replications, job.spec.horizon);
  } catch (e) {
    throw new UsageError(`--warmup mser5: ${(e as Error).message}`);
  }
  job.spec.warmup = m.truncation;
  job.warmupRule = m.rule;
  if (m.atBoundary) job.warmupWarning = `MSER-5 found no truncation point before the middle of the ${m.periods} analysed periods: the horizon is too short for the transient; lengthen --horizon or give --warmup <periods>`;
}

/** Verdict of a target against the achieved estimate's 95 % CI ('not estimable' when there is none). */
function verdict(e: Estimate, target: number): 'met' | 'below' | 'above' | 'consistent' | 'not estimable' {
  if (!Number.isFinite(e.halfWidth)) return 'not estimable';
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
    case 'adaptive':
      return `adaptive ${p.orderQuantity !== undefined ? '(s, Q)' : p.orderCover ? '(R, s, S)' : '(R, S)'} R=${p.reviewPeriod} L=${f(p.leadTime)}${p.orderQuantity === undefined ? '' : ` Q ${p.orderQuantity.method === 'eoq' ? 'EOQ' : `${p.orderQuantity.periods} periods of forecast demand`}`} forecaster ${p.forecaster.method}, safety stock ${p.safetyStock.method}, ${p.target.metric} ${p.target.value}${lot}`;
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
  lines.push(`warm-up: ${r.warmupRule}`);
  lines.push(`estimator: ${r.estimator}`);
  for (const w of r.warnings ?? []) lines.push(`warning: ${w}`);
  const fmt = (x: number): string => (Number.isFinite(x) ? (Math.abs(x) >= 1000 ? x.toFixed(1) : x.toPrecision(6)) : '–');
  const hide = new Set<string>();
  if (s.costs === undefined) for (const m of ['holdingCost', 'shortageCost', 'orderingCost', 'purchaseCost', 'totalCost']) hide.add(m);
  if (s.shortage !== 'lostSales') hide.add('lostSalesPerPeriod');
  const rows = Object.entries(r.estimates).filter(([m]) => !hide.has(m)).map(([m, e]) => ({ metric: METRIC_LABELS[m] ?? m, mean: fmt(e.mean), '95 % CI': Number.isFinite(e.halfWidth) ? `[${fmt(e.low)}, ${fmt(e.high)}]` : '–', se: fmt(e.se), n: String(e.n), estimator: e.estimator ?? '', note: e.note ?? '' }));
  lines.push('');
  lines.push(markdownTable(rows, ['metric', 'mean', '95 % CI', 'se', 'n', 'estimator', 'note']));
  if (r.target) {
    const t = r.target;
    const e = t.achieved;
    lines.push('');
    if (t.verdict === 'not estimable') lines.push(`target ${METRIC_LABELS[t.metric] ?? t.metric} ${t.value}: achieved ${fmt(e.mean)}, no interval (${e.note ?? 'not estimable'}): not compared with the target`);
    else lines.push(`target ${METRIC_LABELS[t.metric] ?? t.metric} ${t.value}: achieved ${fmt(e.mean)} (95 % CI ${fmt(e.low)} … ${fmt(e.high)}): ${t.verdict === 'consistent' ? 'consistent with the target' : t.verdict === 'below' ? 'BELOW the target' : 'above the target'}`);
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
  /** the worker pool when threads > 1 (owned by the caller) */
  pool?: WorkerPool;
}

/** The estimators in words, for the report. */
function estimatorText(e: EstimatorName): string {
  return e === 'ratioOfSums'
    ? 'ratio metrics (fill rate, ready rate, cycle service, on-time) as the ratio of sums over replications (long-run ratio) with a delta-method 95 % CI, cycle service with few cycles or none short by Wilson on the pooled cycles; other metrics as the mean over replications with a Student-t 95 % CI'
    : 'every metric as the mean of per-replication values (finite-horizon mean) with a Student-t 95 % CI';
}

/** Run options for runReplications. */
function replicationRun(job: SimulationJob, run: RunOptions, progress: ReturnType<typeof progressReporter> | null): Omit<Parameters<typeof runReplications>[0], 'kernel' | 'spec' | 'replications'> {
  const r: Omit<Parameters<typeof runReplications>[0], 'kernel' | 'spec' | 'replications'> = { seed: job.seed, scenario: job.scenario, threads: run.threads };
  if (run.pool) r.pool = run.pool;
  if (progress) r.onProgress = progress.update;
  if (run.checkpoint !== undefined) r.checkpoint = run.checkpoint;
  if (run.resume) r.resume = true;
  if (run.chunkSize !== undefined) r.chunkSize = run.chunkSize;
  if (run.signal) r.signal = run.signal;
  return r;
}

/**
 * Run one job and summarise it. Replications are summarised in blocks in the workers (kernel
 * 'sim.inventory.summary'), so memory does not grow with the replication count; the estimates
 * are bit-identical to summarising the rows (runJobRows).
 */
export async function runJob(job: SimulationJob, run: RunOptions): Promise<SimulationReport> {
  const progress = run.progress ? progressReporter(`simulate ${job.sku ?? ''}`.trim()) : null;
  const blockSize = summaryBlockSize(job.replications);
  const acc = new SummaryAccumulator(blockSize);
  try {
    const spec: InventorySummarySpec = { sim: job.spec, replications: job.replications, blockSize };
    const blocks = await runReplications({ ...replicationRun(job, run, progress), kernel: inventorySummaryKernel, spec, replications: Math.ceil(job.replications / blockSize) });
    for (const b of blocks) acc.mergeRow(b, b.replications!);
  } finally {
    progress?.stop();
  }
  return buildReport(job, acc);
}

/** Run one job; its report and its rows (one per replication: memory grows with the replication count). */
export async function runJobRows(job: SimulationJob, run: RunOptions): Promise<{ report: SimulationReport; rows: Record<string, number>[] }> {
  const progress = run.progress ? progressReporter(`simulate ${job.sku ?? ''}`.trim()) : null;
  let rows: Record<string, number>[];
  try {
    rows = await runReplications({ ...replicationRun(job, run, progress), kernel: inventoryKernel, spec: job.spec, replications: job.replications });
  } finally {
    progress?.stop();
  }
  const acc = new SummaryAccumulator(summaryBlockSize(rows.length));
  for (const r of rows) acc.add(r);
  return { report: buildReport(job, acc), rows };
}

/** Cautions: censored cycles (with the bound on their effect), few replications. */
function runWarnings(job: SimulationJob, acc: SummaryAccumulator, est: Record<string, Estimate>): string[] {
  const out: string[] = [];
  if (job.replications < 2) out.push('one replication: no confidence intervals (give --replications 2 or more)');
  if (job.warmupWarning !== undefined) out.push(job.warmupWarning);
  const closed = acc.sumOf('cycles');
  const open = acc.sumOf('censoredCycles');
  const csl = est.cycleServiceLevel;
  if (open > 0 && csl !== undefined && closed + open > 0) {
    const good = Number.isFinite(csl.mean) ? Math.round(csl.mean * closed) : 0;
    out.push(`${open} replenishment cycle(s) still open at the end of the horizon were censored (not in cycle service); counting them, cycle service would lie in [${(good / (closed + open)).toFixed(4)}, ${((good + open) / (closed + open)).toFixed(4)}]`);
  }
  if (job.replications >= 2 && job.replications < 5) out.push(`only ${job.replications} replications: intervals rest on the normality of replication totals (see the ci-coverage experiment)`);
  return out;
}

/** The report of a job from its summary. */
function buildReport(job: SimulationJob, acc: SummaryAccumulator): SimulationReport {
  const estimates = acc.summarize(0.95, job.estimator);
  const report: SimulationReport = { sku: job.sku, seed: job.seed, scenario: job.scenario, replications: job.replications, demandSource: job.demandSource, spec: job.spec, warmupRule: job.warmupRule, estimator: estimatorText(job.estimator), estimates };
  const warnings = runWarnings(job, acc, estimates);
  if (warnings.length > 0) report.warnings = warnings;
  const t = job.spec.policy.origin?.target;
  if (t && estimates[t.metric]) report.target = { metric: t.metric, value: t.value, achieved: estimates[t.metric]!, verdict: verdict(estimates[t.metric]!, t.value) };
  else if (t) report.targetNote = `the policy targets ${t.metric} = ${t.value}, which this run does not measure${t.metric.startsWith('onTime') ? ' (give --requested-lead-time or --committed-lead-time)' : ''}`;
  if (job.leadTimeSource !== undefined) report.leadTimeSource = job.leadTimeSource;
  const credits: string[] = [];
  if (job.demandSource.includes('daily_demand')) credits.push(`daily demand derived from UCI Online Retail: ${ONLINE_RETAIL_ATTRIBUTION}`);
  if (job.leadTimeSource?.includes('lead_times')) credits.push(`lead times from ${USAID_ATTRIBUTION}`);
  if (credits.length > 0) report.data = credits.join('; ');
  return report;
}

/** The policy of `--compare` for a job: the one for the same SKU, or the only one. */
function comparePolicy(list: NamedPolicy[], sku: string | undefined, source: string): InventoryPolicy {
  if (list.length === 1) return list[0]!.policy;
  const same = list.filter((p) => p.sku !== undefined && p.sku === sku);
  if (same.length === 1) return same[0]!.policy;
  throw new UsageError(`${source}: ${list.length} policies and ${same.length} for SKU ${sku ?? '(none)'}; give one policy, or one per SKU`);
}

/** The options of `invlab simulate`: flags, description[, default]. */
const SIMULATE_OPTIONS: [string, string, string?][] = [
  ['--spec <file>', 'JSON spec {demand, leadTime, policy|policies, horizon, warmup (periods or "mser5"), replications, seed, threads, scenario, shortage, costs, customerLeadTime, initialOnHand}; flags override it'],
  ['--policy <file|JSON>', 'policy JSON: `invlab policy --policies-out` file, `invlab solve --json` output, or an InventoryPolicy'],
  ['--sku <ids>', 'simulate the policies of these SKUs (comma-separated)'],
  ['--each', 'simulate every policy in the file'],
  ['--demand <JSON|@file>', 'demand spec, e.g. \'{"kind":"compoundPoisson","ordersPerPeriod":5,"orderSize":{"kind":"normalRounded","mean":10,"sd":3}}\''],
  ['--lead-time <JSON|@file>', 'lead-time spec (periods), e.g. \'{"kind":"uniformInteger","min":3,"max":7}\''],
  ['--lead-time-csv <file>', 'replay recorded lead times (days) from a CSV, e.g. data/lead_times.csv'],
  ['--lead-time-column <name>', "lead-time column of --lead-time-csv (default 'lead_time_days')"],
  ['--lead-time-key <column>', 'group the records by this column (then choose one with --lead-time-group)'],
  ['--lead-time-group <value>', 'the group of --lead-time-key to replay'],
  ['--lead-time-dedupe <column>', 'one record per value of this column (e.g. order_id)'],
  ['--lead-time-replay <mode>', "'resample' (i.i.d. draws from the records, default) or 'inOrder'"],
  ['--demand-csv <file>', 'replay a daily demand history (date, sku, quantity[, is_trading_day]), e.g. data/daily_demand.csv'],
  ['--demand-sku <id>', 'SKU of the history to replay (default: the policy\'s SKU)'],
  ['--days <mode>', "history days: 'calendar' (every day) or 'trading' (is_trading_day = 1)", 'calendar'],
  ['--replay <mode>', "'inOrder' (the history as it happened, cyclically) or 'blockBootstrap'", 'inOrder'],
  ['--block-length <days>', 'block length of the block bootstrap (default 7)'],
  ['--horizon <periods>', 'measured periods per replication (default with --demand-csv: the history length − warm-up)'],
  ['--warmup <periods|mser5>', "unmeasured periods first (default: ⌈10·(E[L] + R + Q/μ)⌉, the rule in src/sim/README.md; 0 with --demand-csv); --warmup 0 estimates from the start; 'mser5' chooses it by MSER-5 (White 1997) on the net inventory of the run's first 5 replications over its horizon (Hoad, Robinson & Davies 2010), then measures the horizon after it"],
  ['--replications <n>', 'independent replications (default 20)'],
  ['--seed <seed>', 'master seed (default 1)'],
  ['--threads <n>', 'worker threads (default 1; the output does not depend on it)'],
  ['--scenario <key>', "stream key of the scenario (default 'simulate/<sku>'); runs with the same seed and scenario share random numbers"],
  ['--requested-lead-time <periods|JSON>', "customer's requested lead time (CLTR): whole periods, or a whole-number lead-time spec drawn per period; adds on-time delivery (requested)"],
  ['--committed-lead-time <periods>', 'committed customer lead time (CLTC), whole periods; adds on-time delivery (committed)'],
  ['--lost-sales', 'unmet demand is lost (default: backordered)'],
  ['--costs <JSON>', 'cost rates {holding, backorder, shortage, ordering, purchase}'],
  ['--checkpoint <file>', 'append each finished range of replications to this JSON-lines file (keeps finished work on Ctrl-C or a crash); with --shard, the shard file'],
  ['--resume', 'with --checkpoint (or --shard): continue an interrupted run'],
  ['--chunk-size <n>', 'replications per task (default ⌈replications/16⌉; without --compare replications run in blocks of ⌈replications/1024⌉ and n counts blocks); with --shard, chunks are what the shards divide: make at least as many as shards'],
  ['--shard <i/N|auto>', 'compute only shard i of N (1-based: 1/4 … 4/4) and write it to the shard file (--checkpoint, default shard-{i}-of-{n}.jsonl; {i}, {n} are replaced) instead of printing; `invlab merge <files…>` prints the output, identical to one process. auto: the index set by a Kubernetes Indexed Job, a Slurm array or an AWS Batch array job (also INVLAB_SHARD)'],
  ['--shard-count <N>', 'with --shard auto on Kubernetes or AWS Batch, which do not tell it: the number of shards (or INVLAB_SHARD_COUNT)'],
  ['--force', 'run even when the estimate (printed before a run of more than 10 s) exceeds 1 h or 75 % of the memory'],
  ['--compare <file|JSON>', 'also simulate this policy (same SKU, or a single one) on the same random numbers and report the paired differences'],
  ['--estimator <name>', "'ratioOfSums' (ratio metrics pooled over replications: long-run ratios; default) or 'replicationMean' (mean of per-replication values: a finite-horizon mean)", 'ratioOfSums'],
  ['--json', 'print the settings and estimates as JSON'],
];

export function registerSimulate(program: Command): void {
  const cmd = program
    .command('simulate')
    .description('simulate inventory policies (from `invlab policy` / `invlab solve`, or given) against demand and lead-time processes; every metric with a 95 % CI over replications');
  for (const [flags, description, def] of SIMULATE_OPTIONS) cmd.option(flags, description, def);
  cmd.action(simulateAction);
}

/** What `invlab merge` needs to render a sharded simulate run (written in each shard file's header). */
export interface SimulateRender {
  jobs: SimulationJob[];
  compare?: NamedPolicy[];
  json: boolean;
  /** --chunk-size (chunks are the unit the shards divide: part of the run's identity) */
  chunkSize?: number;
}

/**
 * Run the jobs (each with its --compare twin) and emit the output: each report's text as it is
 * ready, or all of them as JSON at the end. `invlab merge` calls this too, with the runs served
 * from the shard files, so a merged run prints exactly what one process prints.
 */
export async function simulateJobs(r: SimulateRender, base: RunOptions, emit: (text: string) => void, onError: (e: unknown) => Promise<never> = Promise.reject.bind(Promise)): Promise<void> {
  const reports: SimulationReport[] = [];
  if (r.chunkSize !== undefined) base = { ...base, chunkSize: r.chunkSize };
  for (const job of r.jobs) {
    // without --compare only the summary is needed: blocks summarised in the workers (memory independent of --replications)
    const { report: rep, rows } = await (r.compare === undefined ? runJob(job, base).then((report) => ({ report, rows: [] as Record<string, number>[] })) : runJobRows(job, base)).catch(onError);
    if (r.compare !== undefined) {
      const other = comparePolicy(r.compare, job.sku, '--compare');
      const otherJob: SimulationJob = { ...job, spec: { ...job.spec, policy: other } };
      validateSimSpec(otherJob.spec);
      const { checkpoint: _unused, resume: _unused2, ...plain } = base;
      const o2 = await runJobRows(otherJob, plain).catch(onError);
      rep.comparison = { policy: other, estimates: o2.report.estimates, differences: pairedDifferences(o2.rows, rows, 0.95, job.estimator) };
    }
    reports.push(rep);
    if (!r.json) emit(`${renderText(rep)}\n\n`);
  }
  if (r.json) emit(`${JSON.stringify(reports.length === 1 ? reports[0] : reports, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`);
}

/** `invlab simulate`: build the jobs, run each (and its --compare twin) on one pool, print; or, with --shard, write one shard. */
async function simulateAction(o: SimulateOptions): Promise<void> {
  const { jobs, threads } = buildJobs(o);
  const shard = parseShard(o.shard, o.shardCount);
  if (o.resume && o.checkpoint === undefined && shard === undefined) throw new UsageError('--resume needs --checkpoint <file>');
  if (o.checkpoint !== undefined && jobs.length > 1 && shard === undefined) throw new UsageError('--checkpoint applies to one policy at a time; choose one with --sku (or shard the run with --shard, whose file holds every policy)');
  const compareList = o.compare === undefined ? undefined : policiesFromJson(o.compare.trim().startsWith('{') || o.compare.trim().startsWith('[') ? jsonOption('--compare', o.compare) : readJsonFile(o.compare, '--compare'), '--compare');
  const cs = intOption('--chunk-size', o.chunkSize, 1);
  // start the workers first: they load (through tsx from the sources, ~0.5 s) while the estimate's
  // pilot runs in this thread; the process's own memory is taken before they start
  const residentBytes = process.memoryUsage().rss;
  const pool = threads > 1 ? new WorkerPool(threads) : undefined;
  try {
    // the workers import the kernel and run the pilot's spec once while this thread runs the pilot
    if (pool !== undefined && jobs[0] !== undefined) pool.prepare(inventoryKernel, pilotSpec(jobs[0]).spec);
    checkEstimates(jobs, threads, o.force === true, shard?.count ?? 1, compareList !== undefined, residentBytes);
  } catch (e) {
    await pool?.close(); // refused (or a bad spec): the workers must not keep the process alive
    throw e;
  }
  const ac = new AbortController();
  const onSigint = (): void => {
    if (ac.signal.aborted) process.exit(130); // a second Ctrl-C: stop at once
    process.stderr.write('\ninvlab: interrupted; stopping after the running replications (Ctrl-C again to stop at once; finished replications are kept in the checkpoint, if any)\n');
    ac.abort();
  };
  // any thread count: the run stops after the running ranges (inline runs yield between ranges), exit 130
  process.on('SIGINT', onSigint);
  const start = Date.now();
  const run: RunOptions = { threads, progress: !o.json || process.stderr.isTTY, signal: ac.signal };
  if (pool) run.pool = pool;
  const render: SimulateRender = { jobs, json: o.json === true };
  if (cs !== undefined) render.chunkSize = cs;
  if (compareList !== undefined) render.compare = compareList;
  const onError = (e: unknown): Promise<never> => exitIfInterrupted(e, ac.signal, pool);
  let done = '';
  try {
    if (shard !== undefined) {
      const file = shardFilePath(o.checkpoint, shard);
      await runAsShard(file, { command: 'simulate', seed: jobs[0]!.seed, spec: render }, shard, o.resume === true, () => simulateJobs(render, run, () => {}, onError));
      done = `, shard ${shard.index}/${shard.count} (${shard.source}) written to ${file}; merge all shards with \`invlab merge <files…>\``;
    } else {
      if (o.checkpoint !== undefined) run.checkpoint = o.checkpoint;
      if (o.resume) run.resume = true;
      await simulateJobs(render, run, (text) => process.stdout.write(text), onError);
    }
  } finally {
    process.off('SIGINT', onSigint);
    await pool?.close();
  }
  process.stderr.write(`invlab simulate: ${jobs.length} polic${jobs.length === 1 ? 'y' : 'ies'}, ${threads} thread(s), ${((Date.now() - start) / 1000).toFixed(2)} s${done}\n`);
}

/** After Ctrl-C: close the pool, say what was kept and exit 130 (any thread count); other errors go on. */
async function exitIfInterrupted(e: unknown, signal: AbortSignal, pool: WorkerPool | undefined): Promise<never> {
  if (!(signal.aborted && e instanceof RunIncompleteError)) throw e;
  await pool?.close();
  process.stderr.write(`invlab: ${e.message}\n`);
  process.exit(130);
}

/**
 * Estimate each job's time and memory from a short pilot; print it when the run is long (> 10 s)
 * and refuse a run over the limits (src/pool/estimate.ts) unless --force.
 */
/** The run estimate's pilot: the job's spec cut to at most 20,000 periods of horizon and of warm-up, validated. */
function pilotSpec(job: SimulationJob): { spec: InventorySimSpec; size: number } {
  const horizon = Math.max(1, Math.min(job.spec.horizon, 20_000));
  const warmup = Math.min(job.spec.warmup, 20_000);
  return { spec: inventoryKernel.validate({ ...job.spec, horizon, warmup }), size: horizon + warmup };
}

function checkEstimates(jobs: SimulationJob[], threads: number, force: boolean, shards = 1, compare = false, residentBytes?: number): void {
  let seconds = 0;
  let bytes = 0;
  let basis = '';
  for (const job of jobs) {
    const periods = job.spec.horizon + job.spec.warmup;
    if (periods * job.replications < 2e6) continue; // a short run: no pilot
    const pilot = pilotSpec(job);
    // without --compare rows are reduced into block summaries as they arrive (memory independent of --replications); with it both policies' rows are kept
    const e = estimateRun({ kernel: inventoryKernel, pilot, size: periods, replications: job.replications, threads, seed: job.seed, scenario: job.scenario, ...(residentBytes === undefined ? {} : { residentBytes }), ...(compare ? { rows: 'kept' as const, rowsPerReplication: 2 } : { rows: 'summary' as const }) });
    seconds += e.seconds / shards;
    bytes = Math.max(bytes, e.bytes);
    basis = e.basis;
  }
  if (seconds <= 10) return;
  process.stderr.write(`invlab simulate: estimated ${formatSeconds(seconds)} and ${formatBytes(bytes)} (${basis}${jobs.length > 1 ? `; ${jobs.length} policies` : ''})\n`);
  const over = overLimit({ seconds, bytes, basis });
  if (over !== null && !force) throw new UsageError(`this run ${over}; reduce --replications or --horizon, or pass --force to run it anyway`);
}
