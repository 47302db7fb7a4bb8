/**
 * Benchmark of the simulation engine (issue 3 §8), the reference workload exactly:
 * one SKU, daily periods; daily demand = sum over n ~ Poisson(5) customer orders of
 * max(1, round(N(10, 3²))); lead time uniform on {3, …, 7} days, drawn per order (orders may
 * cross); continuous-review (s, Q) checked at the end of each day, s = 300, Q = 500, ordering Q
 * while the inventory position ≤ s ('multiples': the smallest multiple of Q that lifts the
 * position above s, one order); backorders; 100 warm-up days then 10^7 days.
 *
 * Figures: single-thread throughput in simulated SKU-days per second (10^7 measured + 100
 * warm-up days per run, counted as 10^7 + 100), median of 5 runs after four untimed warm-up runs; and
 * the 2-thread speed-up: two replications of the reference workload on a 2-thread pool (the
 * calling thread and one worker, src/pool/run.ts; the worker started and warmed beforehand, so
 * start-up is not timed; whole-command figures: bench/pool.bench.ts) against the same two replications
 * inline on one thread, median of 5 runs each (speed-up = median 1-thread time / median
 * 2-thread time). Also the cross-check figures (ready rate, fill
 * rate, average on-hand, orders per day, cycle service level). Printed and written to
 * results/bench/simulate.json.
 */
import { writeJsonAtomic } from '../src/io/files.ts';
import { loadAverageNow, machineInfo } from './machine.ts';
import { closePool, runReplications } from '../src/pool/run.ts';
import { inventoryKernel, type InventorySimSpec } from '../src/sim/inventory.ts';
import { median } from 'simple-statistics';

const DAYS = 10_000_000;
const WARMUP = 100;
const spec: InventorySimSpec = {
  demand: { kind: 'compoundPoisson', ordersPerPeriod: 5, orderSize: { kind: 'normalRounded', mean: 10, sd: 3 } },
  leadTime: { kind: 'uniformInteger', min: 3, max: 7 },
  policy: { kind: 'sQ', reorderPoint: 300, lotSize: 500, multiples: 'multiples' },
  horizon: DAYS,
  warmup: WARMUP,
};
const SEED = 20261121;

const loadAverageAtStart = loadAverageNow();

// JIT warm-up: four whole calls of the full workload (not timed), so the timed calls run the
// code V8 settles on for 10^7-day runs: a first call runs on-stack-replacement code, and once the
// running sums pass 2^31 V8 drops its integer representation (a "lost precision" deopt) and
// recompiles; shorter warm-up calls would leave that for the timed runs
for (let r = 0; r < 4; r++) inventoryKernel(spec, { seed: SEED, scenario: 'bench/warm', replication: r });

const singleRuns: number[] = [];
let crossCheck: Record<string, number> = {};
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  const row = inventoryKernel(spec, { seed: SEED, scenario: 'bench/simulate', replication: r });
  const s = (performance.now() - t0) / 1000;
  singleRuns.push((DAYS + WARMUP) / s);
  if (r === 0) crossCheck = row;
  process.stdout.write(`single thread run ${r + 1}: ${(((DAYS + WARMUP) / s) / 1e6).toFixed(2)} M SKU-days/s (${s.toFixed(3)} s)\n`);
}

// two replications of the workload: inline on one thread, then on a warmed 2-thread pool
const two = { kernel: 'sim.inventory', spec, seed: SEED, scenario: 'bench/simulate', replications: 2, chunkSize: 1 };
const t1: number[] = [];
const t2: number[] = [];
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  await runReplications({ ...two, threads: 1 });
  t1.push((performance.now() - t0) / 1000);
  process.stdout.write(`2 replications, 1 thread: ${t1[r]!.toFixed(3)} s\n`);
}
// start both workers and warm their JIT like the main thread's (untimed): each worker needs a
// few whole calls before V8 settles (see above); worker start-up (about a second with tsx) is not timed
for (let r = 0; r < 2; r++) await runReplications({ ...two, scenario: 'bench/warm', spec: { ...spec, horizon: 1_000_000 }, threads: 2 });
for (let r = 0; r < 5; r++) await runReplications({ ...two, scenario: 'bench/warm', threads: 2 });
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  await runReplications({ ...two, threads: 2 });
  t2.push((performance.now() - t0) / 1000);
  process.stdout.write(`2 replications, 2 threads: ${t2[r]!.toFixed(3)} s, speed-up against the median 1-thread time ${(median(t1) / t2[r]!).toFixed(3)}\n`);
}
await closePool();

// last, so that the timings above see only one demand sampler (a second one makes V8's call
// sites polymorphic): the same workload with the period total drawn from its exact
// distribution (Panjer table, one draw per day) instead of order by order: the same demand
// distribution, a different stream
const totalSpec: InventorySimSpec = { ...spec, demand: { kind: 'compoundPoisson', ordersPerPeriod: 5, orderSize: { kind: 'normalRounded', mean: 10, sd: 3 }, sampling: 'dailyTotal' } };
for (let r = 0; r < 4; r++) inventoryKernel(totalSpec, { seed: SEED, scenario: 'bench/warm', replication: r });
const totalRuns: number[] = [];
let totalCheck: Record<string, number> = {};
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  const row = inventoryKernel(totalSpec, { seed: SEED, scenario: 'bench/simulate', replication: r });
  const s = (performance.now() - t0) / 1000;
  totalRuns.push((DAYS + WARMUP) / s);
  if (r === 0) totalCheck = row;
  process.stdout.write(`single thread, dailyTotal sampling, run ${r + 1}: ${(((DAYS + WARMUP) / s) / 1e6).toFixed(2)} M SKU-days/s\n`);
}

const result = {
  bench: 'simulate',
  command: 'npm run bench -- simulate   (or: node --import tsx bench/simulate.bench.ts)',
  ...machineInfo(loadAverageAtStart),
  workload: {
    description: 'one SKU, daily periods; demand = sum of n ~ Poisson(5) orders of max(1, round(N(10, 3^2))); lead time uniform {3..7} per order (crossing allowed); (s, Q) s = 300, Q = 500 checked daily, multiples; backorders; 100 warm-up + 10^7 days',
    spec,
  },
  singleThread: {
    runs: singleRuns.length,
    skuDaysPerSecond: singleRuns,
    medianSkuDaysPerSecond: median(singleRuns),
  },
  twoThreads: {
    replications: 2,
    oneThreadSeconds: t1,
    twoThreadSeconds: t2,
    medianOneThreadSeconds: median(t1),
    medianTwoThreadSeconds: median(t2),
    speedUp: median(t1) / median(t2),
    medianTwoThreadSkuDaysPerSecond: (2 * (DAYS + WARMUP)) / median(t2),
  },
  singleThreadDailyTotal: {
    note: "demand sampling 'dailyTotal': the day's total drawn from its exact compound-Poisson distribution (Panjer's recursion), one table draw per day instead of one per order",
    runs: totalRuns.length,
    skuDaysPerSecond: totalRuns,
    medianSkuDaysPerSecond: median(totalRuns),
    crossCheck: { readyRate: totalCheck.readyRate, fillRate: totalCheck.fillRate, cycleServiceLevel: totalCheck.cycleServiceLevel, averageOnHand: totalCheck.averageOnHand, ordersPerDay: totalCheck.ordersPerPeriod },
  },
  crossCheck: {
    readyRate: crossCheck.readyRate,
    fillRate: crossCheck.fillRate,
    cycleServiceLevel: crossCheck.cycleServiceLevel,
    averageOnHand: crossCheck.averageOnHand,
    averageBackorders: crossCheck.averageBackorders,
    ordersPerDay: crossCheck.ordersPerPeriod,
    demandPerDay: crossCheck.demandPerPeriod,
  },
};
writeJsonAtomic('results/bench/simulate.json', result);
process.stdout.write(
  `simulate: single thread median ${(result.singleThread.medianSkuDaysPerSecond / 1e6).toFixed(2)} M SKU-days/s; ` +
    `dailyTotal sampling ${(result.singleThreadDailyTotal.medianSkuDaysPerSecond / 1e6).toFixed(2)} M SKU-days/s; ` +
    `2 threads speed-up ${result.twoThreads.speedUp.toFixed(3)}x (${(result.twoThreads.medianTwoThreadSkuDaysPerSecond / 1e6).toFixed(2)} M SKU-days/s)\n` +
    `cross-check: ready rate ${crossCheck.readyRate!.toFixed(5)}, fill rate ${crossCheck.fillRate!.toFixed(5)}, CSL ${crossCheck.cycleServiceLevel!.toFixed(5)}, average on hand ${crossCheck.averageOnHand!.toFixed(3)}, orders/day ${crossCheck.ordersPerPeriod!.toFixed(6)}\n` +
    'wrote results/bench/simulate.json\n',
);
