/**
 * One chunk of a portfolio backtest (./backtest.ts), computed in one task: every policy and
 * every replication of each SKU of the chunk, summarised into the SKU's outcomes, so a worker
 * returns a few numbers per (SKU, policy) instead of one row per replication.
 *
 * Bit-identical to one runReplications call of kernel 'sim.inventory' per (SKU, policy): the same
 * streams (seed, scenario/SKU, replication, process) and the same draws. What is shared instead
 * of recomputed: the demand path of a (SKU, replication) is drawn once and read by every policy
 * (the engine asks one demand per period, in order, whatever the policy), the lead times of its
 * i-th order likewise (each policy's i-th order gets the i-th draw of the 'leadTime' stream, as
 * in the kernel), and the alias table of resampled lead-time records is built once per task
 * rather than once per replication. Pure (no I/O).
 */
import { AliasTable, TableSampler } from '../../../dist/alias.ts';
import { createLeadTimeSampler, leadTimeTable } from '../../../dist/lead-time.ts';
import { replayDemandKind } from '../../../dist/replay.ts';
import type { PeriodSampler } from '../../../dist/types.ts';
import { naturalTop, orderingRule } from '../../../policy/rules.ts';
import type { RandomStream } from '../../../rng/stream.ts';
import { simulateWithRule, type EngineSettings, type InventoryRow, type ProcessSources } from '../../../sim/engine.ts';
import { engineSettings, processStream, type InventorySimSpec } from '../../../sim/inventory.ts';
import { outcomeOf, type BacktestChunkPayload, type PolicyOutcome } from './backtest.ts';

/** A stream of draws recorded as it is read, so several readers see the same sequence. */
class RecordedDraws {
  private values = new Float64Array(256);
  private n = 0;
  private sampler: PeriodSampler | null = null;
  /** Start a new sequence from `sampler`. */
  reset(sampler: PeriodSampler | null): void {
    this.sampler = sampler;
    this.n = 0;
  }
  /** Draw i (0-based), drawing the missing ones first. */
  at(i: number): number {
    if (i < this.n) return this.values[i]!;
    while (this.n <= i) {
      if (this.n === this.values.length) {
        const grown = new Float64Array(2 * this.values.length);
        grown.set(this.values);
        this.values = grown;
      }
      this.values[this.n++] = this.sampler!.next();
    }
    return this.values[i]!;
  }
}

/** The sources of one policy's replay: the i-th call of each process reads the i-th recorded draw. */
class SharedSources implements ProcessSources {
  private d = 0;
  private l = 0;
  private q = 0;
  constructor(
    private readonly demandDraws: RecordedDraws,
    private readonly leadDraws: RecordedDraws,
    private readonly requestedDraws: RecordedDraws,
  ) {}
  /** Read every process from its first draw again (the next policy). */
  rewind(): void {
    this.d = 0;
    this.l = 0;
    this.q = 0;
  }
  demand(_t: number): number {
    return this.demandDraws.at(this.d++);
  }
  leadTime(_t: number): number {
    return this.leadDraws.at(this.l++);
  }
  requestedLeadTime(_t: number): number {
    return this.requestedDraws.at(this.q++);
  }
}

/** The samplers of one (SKU, replication), made as kernel 'sim.inventory' makes them (specs validated by the planner). */
interface SamplerFactory {
  demand(history: Float64Array, rng: RandomStream): PeriodSampler;
  leadTime(rng: RandomStream): PeriodSampler;
  requested: ((rng: RandomStream) => PeriodSampler) | null;
}

function samplerFactory(p: BacktestChunkPayload): SamplerFactory {
  const lt = p.leadTime;
  // the table of a tabled lead-time law, built once: the kernel builds the same table in each
  // replication and draws from it with a TableSampler (normal with integer, uniformInteger,
  // empirical; resampled records: the equally weighted table of the records)
  const tabled = (lt.kind === 'normal' && lt.integer === true) || lt.kind === 'uniformInteger' || lt.kind === 'empirical';
  const table = lt.kind === 'replay' && lt.mode === 'resample' ? new AliasTable(lt.records, lt.records.map(() => 1), 'leadTime.records') : tabled ? leadTimeTable(lt) : null;
  const req = p.customerLeadTime?.requested;
  const demandSpec = (history: Float64Array): InventorySimSpec['demand'] =>
    p.mode === 'replay' ? { kind: 'replay', history: history as unknown as number[], mode: 'inOrder' } : { kind: 'replay', history: history as unknown as number[], mode: 'blockBootstrap', blockLength: p.blockLength };
  return {
    demand: (history, rng) => replayDemandKind.sampler(demandSpec(history) as Parameters<typeof replayDemandKind.sampler>[0], rng),
    leadTime: table !== null ? (rng) => new TableSampler(rng, table) : (rng) => createLeadTimeSampler(lt, rng),
    requested: req === undefined ? null : (rng) => createLeadTimeSampler(req, rng),
  };
}

/** Engine settings and initial stock of each policy of a SKU (as runInventoryReplication derives them). */
function policySettings(p: BacktestChunkPayload, policies: BacktestChunkPayload['skus'][number]['policies']): { settings: EngineSettings; initial: number }[] {
  return policies.map(([, policy]) => {
    const spec: InventorySimSpec = { demand: { kind: 'poisson', mean: 0 }, leadTime: p.leadTime, policy, horizon: p.horizon, warmup: p.warmup };
    if (p.customerLeadTime) spec.customerLeadTime = p.customerLeadTime;
    const settings = engineSettings(spec);
    return { settings, initial: settings.initialOnHand ?? naturalTop(policy) };
  });
}

/** Every policy × replication of one SKU; its outcomes in policy order. */
function runSkuReplications(p: BacktestChunkPayload, sku: BacktestChunkPayload['skus'][number], f: SamplerFactory, draws: RecordedDraws[]): PolicyOutcome[] {
  const [demandDraws, leadDraws, requestedDraws] = draws as [RecordedDraws, RecordedDraws, RecordedDraws];
  const sources = new SharedSources(demandDraws, leadDraws, requestedDraws);
  const perPolicy = policySettings(p, sku.policies);
  const rows: InventoryRow[][] = sku.policies.map(() => new Array<InventoryRow>(p.replications));
  for (let r = 0; r < p.replications; r++) {
    const ctx = { seed: p.seed, scenario: sku.scenario, replication: r };
    demandDraws.reset(f.demand(sku.history, processStream(ctx, 'demand')));
    leadDraws.reset(f.leadTime(processStream(ctx, 'leadTime')));
    requestedDraws.reset(f.requested === null ? null : f.requested(processStream(ctx, 'requestedLeadTime')));
    for (let j = 0; j < sku.policies.length; j++) {
      sources.rewind();
      const { settings, initial } = perPolicy[j]!;
      rows[j]![r] = simulateWithRule(orderingRule(sku.policies[j]![1]), initial, settings, sources);
    }
  }
  return sku.policies.map(([id, policy], j) => outcomeOf(id, policy, rows[j]!, sku.metric, p.horizon));
}

/**
 * Run one chunk: for each simulated SKU, its outcomes (policy order). What a pool worker runs;
 * also callable in this thread.
 */
export function runBacktestChunkPayload(p: BacktestChunkPayload): PolicyOutcome[][] {
  const f = samplerFactory(p);
  const draws = [new RecordedDraws(), new RecordedDraws(), new RecordedDraws()];
  return p.skus.map((sku) => runSkuReplications(p, sku, f, draws));
}

/** The task the worker pool runs for a chunk (src/pool/run.ts runTasks): found by module URL and export name. */
export const backtestChunkTask = {
  module: import.meta.url,
  exportName: 'backtestChunkTask',
  taskName: 'sql-policy.backtest-chunk',
  run: runBacktestChunkPayload,
};
