/**
 * The replication kernel of the adaptive-policy experiments: one replication draws ONE demand
 * path and runs EVERY policy of a SKU on it (common random numbers: the same demand path, and
 * the i-th order of each policy gets the i-th lead time of the same keyed stream), so paired
 * differences between policy families carry no demand noise of their own.
 *
 * Demand of a replication (period t = the engine's t-th period, warm-up included):
 * - 'history': the training window replayed in order (unmeasured warm-up: adaptive policies
 *   learn from it, static ones reach their own state), then the test window by circular block
 *   bootstrap (Politis & Romano 1992) from stream [seed, scenario, replication, 'demand'];
 * - 'process': a non-stationary generator (src/dist/non-stationary.ts) drawn afresh.
 * A rule that learns (observe, e.g. src/policy/adaptive.ts) may first be primed: it observes
 * the first `prime` periods without trading, then its simulation starts on the rest of the
 * warm-up (a forecaster started on one large first order would otherwise order for it as if it
 * were the daily rate, and carry that stock through the measured window). Static rules run the
 * whole warm-up. The measured window is the same days for every policy.
 * Policies are plain InventoryPolicy data, or an oracle (./adaptive-oracle.ts) that knows the
 * generator's true mean path.
 */
import { createLeadTimeSampler, type LeadTimeSpec } from '../../src/dist/lead-time.ts';
import { BlockBootstrap, CyclicReplay } from '../../src/dist/replay.ts';
import { NonStationarySampler, validateNonStationary, type NonStationarySpec } from '../../src/dist/non-stationary.ts';
import { validateLeadTime } from '../../src/dist/lead-time.ts';
import { AdaptiveRule } from '../../src/policy/adaptive.ts';
import { naturalTop, orderingRule } from '../../src/policy/rules.ts';
import type { InventoryPolicy } from '../../src/policy/types.ts';
import { validatePolicy } from '../../src/policy/validate.ts';
import { policyReviewPeriod, simulateWithRule, type InventoryRow, type ProcessSources } from '../../src/sim/engine.ts';
import { processStream } from '../../src/sim/inventory.ts';
import { defineKernel, type ReplicationContext } from '../../src/sim/kernel.ts';
import type { PeriodSampler } from '../../src/dist/types.ts';
import { OracleRule, validateOracle, type OraclePolicy } from './adaptive-oracle.ts';

export type DemandSource =
  /** prime: the first `prime` days of `warm` are only shown to adaptive rules (observe) before their simulation starts */
  | { source: 'history'; warm: number[]; test: number[]; blockLength: number; prime?: number }
  | { source: 'process'; spec: NonStationarySpec; warmup: number; horizon: number; prime?: number };

export type KernelPolicy = InventoryPolicy | OraclePolicy;

export interface MultiPolicySpec {
  demand: DemandSource;
  leadTime: LeadTimeSpec;
  policies: KernelPolicy[];
}

/** The columns kept per policy (the engine's names); per-policy keys are `p<i>.<column>`. */
export const KEPT = ['averageOnHand', 'demandUnits', 'filledUnits', 'periods', 'readyPeriods', 'ordersPerPeriod', 'fillRate', 'readyRate'] as const;
export type Kept = (typeof KEPT)[number];

/** Key of a kept column of policy i in a kernel row. */
export function keyOf(i: number, c: Kept): string {
  return `p${i}.${c}`;
}

function checkMultiPolicySpec(specIn: unknown): MultiPolicySpec {
  const s = specIn as MultiPolicySpec;
  if (s === null || typeof s !== 'object') throw new TypeError('spec must be an object');
  const d = s.demand;
  if (d?.source === 'history') {
    if (!Array.isArray(d.warm) || !Array.isArray(d.test) || d.test.length === 0) throw new RangeError('spec.demand.warm and spec.demand.test must be arrays (test non-empty)');
    if (!(Number.isInteger(d.blockLength) && d.blockLength >= 1)) throw new RangeError(`spec.demand.blockLength must be an integer ≥ 1, got ${d.blockLength}`);
    if (d.prime !== undefined && !(Number.isInteger(d.prime) && d.prime >= 0 && d.prime <= d.warm.length)) throw new RangeError(`spec.demand.prime must be an integer in [0, warm.length], got ${d.prime}`);
  } else if (d?.source === 'process') {
    validateNonStationary(d.spec, 'spec.demand.spec');
    if (!(Number.isInteger(d.warmup) && d.warmup >= 0 && Number.isInteger(d.horizon) && d.horizon >= 1)) throw new RangeError('spec.demand.warmup must be an integer ≥ 0 and spec.demand.horizon ≥ 1');
    if (d.prime !== undefined && !(Number.isInteger(d.prime) && d.prime >= 0 && d.prime <= d.warmup)) throw new RangeError(`spec.demand.prime must be an integer in [0, warmup], got ${d.prime}`);
  } else throw new RangeError("spec.demand.source must be 'history' or 'process'");
  validateLeadTime(s.leadTime, 'spec.leadTime');
  if (!Array.isArray(s.policies) || s.policies.length === 0) throw new RangeError('spec.policies must be a non-empty array');
  s.policies.forEach((p, i) => (p.kind === 'oracle' ? validateOracle(p, `spec.policies[${i}]`) : validatePolicy(p)));
  return s;
}

/** One demand path of a replication: warm-up then measured periods. */
function demandPath(d: DemandSource, ctx: ReplicationContext): { path: Float64Array; warmup: number; horizon: number; prime: number } {
  const rng = processStream(ctx, 'demand');
  if (d.source === 'history') {
    const path = new Float64Array(d.warm.length + d.test.length);
    path.set(d.warm);
    const b = new BlockBootstrap(rng, d.test, d.blockLength);
    for (let t = d.warm.length; t < path.length; t++) path[t] = b.next();
    return { path, warmup: d.warm.length, horizon: d.test.length, prime: d.prime ?? 0 };
  }
  const s = new NonStationarySampler(rng, d.spec);
  const path = new Float64Array(d.warmup + d.horizon);
  for (let t = 0; t < path.length; t++) path[t] = s.next();
  return { path, warmup: d.warmup, horizon: d.horizon, prime: d.prime ?? 0 };
}

/**
 * The lead times of one replication, drawn once from the keyed stream and read by every policy
 * from the start (the i-th order of each policy gets the i-th draw): the same sequence as a fresh
 * sampler per policy on the same stream, built once.
 */
class SharedDraws {
  private readonly draws: number[] = [];
  constructor(private readonly sampler: PeriodSampler) {}
  get(i: number): number {
    while (this.draws.length <= i) this.draws.push(this.sampler.next());
    return this.draws[i]!;
  }
}

/** Demand from a fixed path, lead times from the shared draws. */
class PathSources implements ProcessSources {
  private readonly replay: CyclicReplay;
  private orders = 0;
  constructor(
    path: Float64Array,
    private readonly lead: SharedDraws,
  ) {
    this.replay = new CyclicReplay(path, 0);
  }
  demand(_t: number): number {
    return this.replay.next();
  }
  leadTime(_t: number): number {
    return this.lead.get(this.orders++);
  }
}

/** One policy on the path and the shared lead-time draws; learning rules primed first. */
function runPolicy(p: KernelPolicy, d: ReturnType<typeof demandPath>, lead: SharedDraws): InventoryRow {
  const { path, warmup, horizon } = d;
  if (p.kind === 'oracle') return simulateWithRule(new OracleRule(p), p.initialStock, { horizon, warmup, reviewPeriod: 1 }, new PathSources(path, lead));
  // adaptive rules solve their levels only as far as the order decision needs (same orders)
  const rule = p.kind === 'adaptive' ? new AdaptiveRule(p, { levelsOnOrderOnly: true }) : orderingRule(p);
  const R = policyReviewPeriod(p);
  const prime = rule.observe === undefined ? 0 : d.prime;
  for (let t = 0; t < prime; t++) rule.observe!(t, path[t]!);
  const settings = R === undefined ? { horizon, warmup: warmup - prime } : { horizon, warmup: warmup - prime, reviewPeriod: R };
  return simulateWithRule(rule, naturalTop(p), settings, new PathSources(path.subarray(prime), lead));
}

/** One replication: every policy on the same demand path and lead-time draws. */
export function runMultiPolicy(s: MultiPolicySpec, ctx: ReplicationContext): Record<string, number> {
  const d = demandPath(s.demand, ctx);
  const lead = new SharedDraws(createLeadTimeSampler(s.leadTime, processStream(ctx, 'leadTime')));
  const out: Record<string, number> = {};
  s.policies.forEach((p, i) => {
    const r = runPolicy(p, d, lead);
    for (const c of KEPT) out[keyOf(i, c)] = r[c];
  });
  return out;
}

/** Kernel 'adaptive.multi-policy': one replication of every policy of a SKU on common random numbers. */
export const multiPolicyKernel = defineKernel(import.meta.url, 'multiPolicyKernel', 'adaptive.multi-policy', checkMultiPolicySpec, runMultiPolicy);

/** The rows of policy i with the engine's column names (for summarizeRows and pairedDifferences). */
export function policyRows(rows: readonly Record<string, number>[], i: number): Record<Kept, number>[] {
  return rows.map((r) => Object.fromEntries(KEPT.map((c) => [c, r[keyOf(i, c)]!])) as Record<Kept, number>);
}
