/**
 * The standard replication kernel 'sim.inventory': independent demand and lead-time processes
 * (src/dist/) driving the engine (src/sim/engine.ts) for one policy.
 *
 * Common random numbers: each process draws from its own stream keyed
 * [seed, scenario, replication, process] with process 'demand', 'leadTime' or
 * 'requestedLeadTime', and NOT by policy, so two policies simulated with the same seed and
 * scenario see the same demand path and the same sequence of lead times (the i-th order of
 * either policy gets the i-th lead time).
 */
import { RandomStream, type GeneratorName } from '../rng/stream.ts';
import { defineKernel, type ReplicationContext } from './kernel.ts';
import { SummaryAccumulator } from './metrics.ts';
import { checkNumber } from '../core/validate.ts';
import { policyReviewPeriod, simulateWithRule, validatePolicy, validateSettings, type CostRates, type EngineSettings, type InventoryRow, type ProcessSources } from './engine.ts';
import { naturalTop, orderingRule } from '../policy/rules.ts';
import type { InventoryPolicy } from '../policy/types.ts';
import { createDemandSampler, validateDemand, type DemandSpec, type PeriodSampler } from '../dist/demand.ts';
import { createLeadTimeSampler, leadTimeTable, validateLeadTime, type LeadTimeSpec } from '../dist/lead-time.ts';

/** Everything one simulated SKU needs; plain JSON. */
export interface InventorySimSpec {
  demand: DemandSpec;
  leadTime: LeadTimeSpec;
  policy: InventoryPolicy;
  /** measured periods per replication */
  horizon: number;
  /** unmeasured periods first */
  warmup: number;
  shortage?: 'backorder' | 'lostSales';
  costs?: CostRates;
  initialOnHand?: number;
  /**
   * customer lead times for on-time delivery (whole periods): requested = CLTR of seed 001
   * (a whole-number lead-time spec: constant, empirical, uniformInteger or integer normal,
   * drawn per period), committed = CLTC (a constant).
   */
  customerLeadTime?: { requested?: LeadTimeSpec; committed?: number };
  /** random generator (default 'xoshiro128**') */
  generator?: GeneratorName;
}

/** Demand and lead times drawn independently, each from its own keyed stream. */
export class IndependentSources implements ProcessSources {
  constructor(
    private readonly demandSampler: PeriodSampler,
    private readonly leadTimeSampler: PeriodSampler,
    private readonly requestedSampler: PeriodSampler | null = null,
  ) {}
  demand(_t: number): number {
    return this.demandSampler.next();
  }
  leadTime(_t: number): number {
    return this.leadTimeSampler.next();
  }
  requestedLeadTime(_t: number): number {
    return this.requestedSampler === null ? 0 : this.requestedSampler.next();
  }
}

/** The stream of one process of one replication. */
export function processStream(ctx: ReplicationContext, process: string, generator: GeneratorName = 'xoshiro128**'): RandomStream {
  return new RandomStream([ctx.seed, ctx.scenario, ctx.replication, process], generator);
}

function requestedTableMax(spec: LeadTimeSpec): number {
  const t = leadTimeTable(spec);
  if (t === null) throw new RangeError('customerLeadTime.requested must be a whole-number lead time (constant, empirical, uniformInteger, or normal with integer: true)');
  let m = 0;
  for (const v of t.values) {
    if (!Number.isInteger(v)) throw new RangeError(`customerLeadTime.requested values must be whole periods, got ${v}`);
    m = Math.max(m, v);
  }
  if (m > 100_000) throw new RangeError(`customerLeadTime.requested must be ≤ 100000 periods, got ${m}`);
  return m;
}

/** Engine settings of a spec. */
export function engineSettings(spec: InventorySimSpec): EngineSettings {
  const settings: EngineSettings = { horizon: spec.horizon, warmup: spec.warmup };
  const R = policyReviewPeriod(spec.policy);
  if (R !== undefined) settings.reviewPeriod = R;
  if (spec.shortage !== undefined) settings.shortage = spec.shortage;
  if (spec.costs !== undefined) settings.costs = spec.costs;
  if (spec.initialOnHand !== undefined) settings.initialOnHand = spec.initialOnHand;
  const c = spec.customerLeadTime;
  if (c !== undefined && (c.requested !== undefined || c.committed !== undefined)) {
    settings.onTime = {};
    if (c.requested !== undefined) {
      settings.onTime.requested = true;
      settings.onTime.requestedMax = requestedTableMax(c.requested);
    }
    if (c.committed !== undefined) settings.onTime.committed = c.committed;
  }
  return settings;
}

/** Throws RangeError/TypeError naming the first bad field. */
export function validateSimSpec(spec: InventorySimSpec): void {
  checkSimSpec(spec);
}

/** The spec, validated (the kernel's validator: untyped in, typed out). */
export function checkSimSpec(specIn: unknown): InventorySimSpec {
  const spec = specIn as InventorySimSpec;
  if (spec === null || typeof spec !== 'object') throw new TypeError('simulation spec must be an object');
  if (spec.demand === undefined) throw new TypeError('spec.demand is required');
  if (spec.leadTime === undefined) throw new TypeError('spec.leadTime is required');
  if (spec.policy === undefined) throw new TypeError('spec.policy is required');
  validateDemand(spec.demand);
  validateLeadTime(spec.leadTime);
  validatePolicy(spec.policy);
  if (spec.customerLeadTime?.requested !== undefined) validateLeadTime(spec.customerLeadTime.requested, 'customerLeadTime.requested');
  validateSettings(engineSettings(spec));
  return spec;
}

/** Sources of one replication. */
export function independentSources(spec: InventorySimSpec, ctx: ReplicationContext): IndependentSources {
  const g = spec.generator ?? 'xoshiro128**';
  const demand = createDemandSampler(spec.demand, processStream(ctx, 'demand', g));
  const lead = createLeadTimeSampler(spec.leadTime, processStream(ctx, 'leadTime', g));
  const req = spec.customerLeadTime?.requested;
  return new IndependentSources(demand, lead, req === undefined ? null : createLeadTimeSampler(req, processStream(ctx, 'requestedLeadTime', g)));
}

/** One replication of a validated spec → one row of metrics. */
export function runInventoryReplication(s: InventorySimSpec, ctx: ReplicationContext): InventoryRow {
  const settings = engineSettings(s);
  return simulateWithRule(orderingRule(s.policy), settings.initialOnHand ?? naturalTop(s.policy), settings, independentSources(s, ctx));
}

/** Kernel 'sim.inventory': one replication of an InventorySimSpec → one row of metrics. */
export const inventoryKernel = defineKernel(import.meta.url, 'inventoryKernel', 'sim.inventory', checkSimSpec, runInventoryReplication);

/** A block of replications summarised in the worker (kernel 'sim.inventory.summary'). */
export interface InventorySummarySpec {
  sim: InventorySimSpec;
  /** replications of the whole run */
  replications: number;
  /** replications per block: summaryBlockSize(replications) */
  blockSize: number;
}

function checkSummarySpec(specIn: unknown): InventorySummarySpec {
  const s = specIn as InventorySummarySpec;
  if (s === null || typeof s !== 'object') throw new TypeError('summary spec must be an object');
  checkNumber(s.replications, 'replications', 'int1');
  checkNumber(s.blockSize, 'blockSize', 'int1');
  checkSimSpec(s.sim);
  return s;
}

/**
 * Block b: replications b·blockSize … of the spec, each with its own replication number (so the
 * same streams as kernel 'sim.inventory'), summarised in a SummaryAccumulator; returns its state
 * (SummaryAccumulator.toRow) and the block's replication count under 'replications'.
 */
function runSummaryBlock(s: InventorySummarySpec, ctx: ReplicationContext): Record<string, number> {
  const acc = new SummaryAccumulator(); // one block: toRow() returns it whole
  const from = ctx.replication * s.blockSize;
  const to = Math.min(s.replications, from + s.blockSize);
  for (let r = from; r < to; r++) acc.add(runInventoryReplication(s.sim, { ...ctx, replication: r }));
  return { ...acc.toRow(), replications: to - from };
}

/**
 * Kernel 'sim.inventory.summary': replication b is block b of an 'sim.inventory' run; the run's
 * rows never exist at once (memory independent of the replication count). Number of blocks:
 * ⌈replications/blockSize⌉. Merge the blocks in order with SummaryAccumulator.mergeRow.
 */
export const inventorySummaryKernel = defineKernel(import.meta.url, 'inventorySummaryKernel', 'sim.inventory.summary', checkSummarySpec, runSummaryBlock);
