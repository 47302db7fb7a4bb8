/**
 * Simulation of the real repeating cycle process of Shah's model: a lot of n units is
 * bought at time 0 (ordering cost C0 plus n·C), customers arrive as a Poisson process with
 * mean inter-arrival time θ and take one unit each, the stock level j costs C1·j per unit time
 * while j > k and C2·j while j ≤ k (eq. 3.3), and the next lot arrives the instant the stock
 * hits zero (assumptions 2 and 3). Cycles follow each other for ever; a replication runs many
 * consecutive cycles and reports
 *   - the long-run cost per unit time: total cost / total time (what the shop pays; it
 *     estimates E[cycle cost]/E[T] by the renewal-reward theorem), and
 *   - the mean over cycles of cost/T (it estimates the paper's criterion E[cost/T], eq. 3.6).
 * Common random numbers: for every lot size in a replication the customers' inter-arrival
 * times are the SAME sequence (stream keyed by seed, scenario, replication, 'interarrival'),
 * so lots are compared on one customer path.
 * Pure (no I/O); randomness only from src/rng/stream.ts.
 */
import { checkNumber, checkNumberArray } from '../../../core/validate.ts';
import { RandomStream } from '../../../rng/stream.ts';
import { defineKernel, type ReplicationContext } from '../../../sim/kernel.ts';
import { assertParams, type StockPriceParams } from '../params.ts';

/** Totals of a run of consecutive cycles with one lot size. */
export interface CycleRunTotals {
  /** lot size n [units] */
  n: number;
  /** number of complete cycles simulated */
  cycles: number;
  /** customers served = n·cycles */
  customers: number;
  /** Σ cycle cost [currency] */
  totalCost: number;
  /** Σ holding cost [currency] */
  totalHoldingCost: number;
  /** Σ T [time] */
  totalTime: number;
  /** Σ (cycle cost / T) [currency per time] */
  sumCostOverT: number;
}

/**
 * Run `cycles` consecutive cycles with lot size n, drawing inter-arrival times θ·Exp(1) from
 * `stream` (one draw per customer, in customer order). Domain: n ≥ 1, cycles ≥ 1.
 */
export function simulateCycles(params: StockPriceParams, n: number, cycles: number, stream: RandomStream): CycleRunTotals {
  const theta = params.meanInterarrivalTime;
  const k = params.priceCutLevel;
  // rate[j] = cost per unit time at stock level j: C1·j above k, C2·j at or below k (eq. 3.3)
  const rate = new Float64Array(n + 1);
  for (let j = 1; j <= n; j++) rate[j] = (j > k ? params.holdingCostAboveK : params.holdingCostAtOrBelowK) * j;
  const fixed = params.orderingCost + n * params.unitCost;
  let totalCost = 0;
  let totalHolding = 0;
  let totalTime = 0;
  let sumCostOverT = 0;
  for (let c = 0; c < cycles; c++) {
    let holding = 0;
    let T = 0;
    for (let j = n; j >= 1; j--) {
      const t = theta * -Math.log(stream.uniformOpen());
      holding += rate[j]! * t;
      T += t;
    }
    const cost = fixed + holding;
    totalCost += cost;
    totalHolding += holding;
    totalTime += T;
    sumCostOverT += cost / T;
  }
  return { n, cycles, customers: n * cycles, totalCost, totalHoldingCost: totalHolding, totalTime, sumCostOverT };
}

/** What one replication simulates (plain data, crosses into worker threads). */
export interface CycleKernelSpec {
  params: StockPriceParams;
  /** lot sizes to simulate on the same customer path */
  lots: number[];
  /** customers per replication and lot: each lot runs floor(customers / n) complete cycles */
  customers: number;
}

/** Metrics of one lot in a replication's row, keyed `<metric>_<n>` for lot size n. */
export const CYCLE_METRICS = ['longRun', 'meanCostOverT', 'holdingPerTime', 'cycles', 'time'] as const;
export type CycleMetric = (typeof CYCLE_METRICS)[number];
/** One replication's row: for each lot n, longRun_n, meanCostOverT_n, holdingPerTime_n, cycles_n, time_n. */
export type CycleRow = Record<`${CycleMetric}_${number}`, number>;

/** The row key of lot n's metric. */
export function lotKey(metric: CycleMetric, n: number): `${CycleMetric}_${number}` {
  return `${metric}_${n}`;
}

/** Check a kernel spec (src/core/validate.ts); returns a typed copy, throws RangeError/TypeError naming the field. */
export function validateCycleSpec(spec: unknown): CycleKernelSpec {
  if (typeof spec !== 'object' || spec === null) throw new TypeError('cycle simulation spec must be an object {params, lots, customers}');
  const s = spec as Partial<CycleKernelSpec>;
  const params = assertParams(s.params as StockPriceParams);
  const lots = checkNumberArray(s.lots, 'spec.lots');
  for (const n of lots) if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`spec.lots: every lot size must be an integer ≥ 1, got ${String(n)}`);
  const customers = checkNumber(s.customers, 'spec.customers', 'int1');
  for (const n of lots) if (n > customers) throw new RangeError(`spec.customers (${customers}) must be at least the largest lot size (${n}) so each lot runs one cycle`);
  return { params, lots: [...lots], customers };
}

/** One replication of a validated spec (the kernel's run: no validation here). */
function runCycles(s: CycleKernelSpec, ctx: ReplicationContext): CycleRow {
  const row: CycleRow = {};
  for (const n of s.lots) {
    const stream = new RandomStream([ctx.seed, ctx.scenario, ctx.replication, 'interarrival']);
    const r = simulateCycles(s.params, n, Math.floor(s.customers / n), stream);
    row[lotKey('longRun', n)] = r.totalCost / r.totalTime;
    row[lotKey('meanCostOverT', n)] = r.sumCostOverT / r.cycles;
    row[lotKey('holdingPerTime', n)] = r.totalHoldingCost / r.totalTime;
    row[lotKey('cycles', n)] = r.cycles;
    row[lotKey('time', n)] = r.totalTime;
  }
  return row;
}

/**
 * Replication kernel 'stock-price-cubic.cycles': for each lot n in spec.lots, floor(customers/n)
 * cycles on the common customer path of this replication. Row fields per lot n:
 *   longRun_n = total cost / total time, meanCostOverT_n = mean over cycles of cost/T,
 *   holdingPerTime_n = total holding cost / total time, cycles_n, time_n = total time.
 * Pass it to runReplications({ kernel: stockPriceCyclesKernel, … }).
 */
export const stockPriceCyclesKernel = defineKernel(import.meta.url, 'stockPriceCyclesKernel', 'stock-price-cubic.cycles', validateCycleSpec, runCycles);
