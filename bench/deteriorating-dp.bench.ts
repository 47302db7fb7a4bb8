/**
 * Benchmark of the deteriorating-dp model (Sabahno 2008): the forward DP of Section III
 * over N grid intervals (N(N + 1)/2 cycles, each a full price/production-end fixed-point solve),
 * for N = 10 … 1,000 and both pricing rules; plus the per-cycle solve alone and the replay
 * kernel's replications per second. The issue asks for the DP with 1,000 boundaries (about
 * 500,000 cycles) in seconds. Median of several runs after a warm-up. Figures are printed and
 * written to results/bench/deteriorating-dp.json.
 */
import { writeJsonAtomic } from '../src/io/files.ts';
import { loadAverageNow, machineInfo } from './machine.ts';
import { cycleProfit, SABAHNO_EXAMPLE, solveDp, type PricingRule } from '../src/models/deteriorating-dp/index.ts';
import { replayPlan, replaySpecFromPlan } from '../src/models/deteriorating-dp/sim/replay.ts';
import { median } from 'simple-statistics';

function time(fn: () => void, runs: number): number {
  fn();
  const t: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return median(t) / 1000;
}

const loadAverageAtStart = loadAverageNow();
const p = SABAHNO_EXAMPLE;
// warm-up of the JIT on both pricing rules before any timing
for (const pricing of ['printed', 'optimal'] as const) solveDp(p, { step: 0.05, pricing });
const rows: { pricing: PricingRule; intervals: number; cycles: number; seconds: number; microsecondsPerCycle: number; totalProfit: number }[] = [];
for (const pricing of ['printed', 'optimal'] as const) {
  for (const n of [10, 20, 50, 100, 200, 500, 1000]) {
    let total = 0;
    let cycles = 0;
    const seconds = time(() => {
      const r = solveDp(p, { step: p.horizon / n, pricing });
      total = r.totalProfit;
      cycles = r.cyclesEvaluated;
    }, n >= 500 ? 3 : 7);
    rows.push({ pricing, intervals: n, cycles, seconds, microsecondsPerCycle: (seconds * 1e6) / cycles, totalProfit: total });
    process.stdout.write(`DP ${pricing.padEnd(7)} N=${String(n).padStart(4)} cycles=${String(cycles).padStart(6)}  ${seconds.toFixed(4)} s  ${((seconds * 1e6) / cycles).toFixed(3)} µs/cycle  TP=${total.toFixed(4)}\n`);
  }
}

// one cycle solve alone
let sink = 0;
const cycleSeconds = time(() => {
  for (let q = 0; q < 100000; q++) sink += cycleProfit(p, 0, 0.5 + (q % 100) * 0.095);
}, 5);
process.stdout.write(`cycle solve: ${((cycleSeconds / 100000) * 1e6).toFixed(3)} µs per cycle (checksum ${sink.toFixed(1)})\n`);

// replay kernel
const spec = replaySpecFromPlan(p, solveDp(p).plan, 0);
const reps = 20000;
const replaySeconds = time(() => {
  for (let r = 0; r < reps; r++) replayPlan(spec, { seed: 1, scenario: 'bench', replication: r });
}, 3);
process.stdout.write(`replay: ${(reps / replaySeconds).toFixed(0)} replications/s (one thread)\n`);

const at1000 = rows.find((r) => r.pricing === 'printed' && r.intervals === 1000)!;
writeJsonAtomic('results/bench/deteriorating-dp.json', {
  bench: 'deteriorating-dp',
  ...machineInfo(loadAverageAtStart),
  dp: rows,
  cycleSolveMicroseconds: (cycleSeconds / 100000) * 1e6,
  replayReplicationsPerSecond: reps / replaySeconds,
  target: { what: 'DP with 1,000 intervals (500,500 cycles) in seconds', seconds: at1000.seconds, met: at1000.seconds < 5 },
});
if (!(at1000.seconds < 5)) {
  process.stderr.write(`deteriorating-dp: DP with 1000 intervals took ${at1000.seconds.toFixed(2)} s (target: a few seconds)\n`);
  process.exitCode = 1;
}
