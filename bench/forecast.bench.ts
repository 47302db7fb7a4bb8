/**
 * Benchmark of the forecasters (src/forecast/), three figures, each with a reference measured in
 * the same run (timings on a shared machine are disturbed; the ratios travel better):
 *
 * 1. Per-period update cost is O(1): for every forecaster, the time of 5,000 updates (each
 *    followed by cumulative(7), what a policy asks) after 730 observations and after 7,300;
 *    ratio ≈ 1 means the cost does not grow with the history. The fitted methods (ets,
 *    crostonOpt) fit once at period 730 (not timed, refitEvery 0) and then update with the fitted
 *    constants; their default re-fits (each time the history doubles) add an amortised O(1).
 * 2. Rolling-origin evaluation of the fast methods (naive through IMAPA) on 10,000 synthetic
 *    daily series of 730 days (Poisson demand, weekly profile, means 0.3 to 20): at every origin
 *    the one-step forecast and the forecast of the next 7 days' total, scored by absolute error.
 *    Reference: the same loop with an inline running mean (the cheapest online forecaster).
 *    Each method runs in its own process (as one evaluation run would), so no method pays for
 *    call sites the others made polymorphic. Forecasts that are not yet defined (ADIDA before
 *    its first full bucket) are not scored. Goal (issue): under 2 s per method on one core.
 * 3. ETS selected by AICc over the six additive models on a 730-day series with a weekly season
 *    (ets-fit.ts), median of 10 fits after 3 untimed ones; reference: one pass of the filter over
 *    the series (the fit's cost in filter passes). Goal (issue): under 5 ms.
 *
 * Printed and written to results/bench/forecast.json. `npm run bench -- forecast`.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { etsSse, etsType } from '../src/forecast/ets-core.ts';
import { etsFitModel, etsSelect } from '../src/forecast/ets-fit.ts';
import { createForecaster, type ForecasterSpec } from '../src/forecast/spec.ts';
import { writeJsonAtomic } from '../src/io/files.ts';
import { RandomStream } from '../src/rng/stream.ts';
import { median } from 'simple-statistics';

const loadAverageAtStart = loadavg();
const WEEK = [0.8, 0.9, 1.0, 1.0, 1.1, 1.4, 0.8];
const H = 7;

function poissonSeries(rng: RandomStream, n: number, mean: number): Float64Array {
  return Float64Array.from({ length: n }, (_, t) => rng.poisson(mean * WEEK[t % 7]!));
}

const FAST: Record<string, ForecasterSpec> = {
  naive: { method: 'naive' },
  seasonalNaive: { method: 'seasonalNaive', period: 7 },
  movingAverage28: { method: 'movingAverage', window: 28 },
  ses: { method: 'ses', alpha: 0.1 },
  holtDamped: { method: 'holt', alpha: 0.1, beta: 0.05, phi: 0.9 },
  croston: { method: 'croston', alpha: 0.1 },
  sba: { method: 'sba', alpha: 0.1 },
  tsb: { method: 'tsb', alpha: 0.1, beta: 0.1 },
  sbc: { method: 'sbc', alpha: 0.1 },
  adida7: { method: 'adida', level: 7, inner: { method: 'ses', alpha: 0.1 } },
  imapa7: { method: 'imapa', maxLevel: 7, inner: { method: 'sba', alpha: 0.1 } },
};
const ALL: Record<string, ForecasterSpec> = {
  ...FAST,
  regression: { method: 'regression', start: '2024-01-01' },
  ets: { method: 'ets', model: 'auto', fitAt: 730, refitEvery: 0 },
  crostonOpt: { method: 'crostonOpt', cost: 'msr', fitAt: 730, refitEvery: 0 },
};

/** 1. time per update after `before` observations. */
function updateCost(spec: ForecasterSpec, y: Float64Array, before: number, K: number): number {
  const f = createForecaster(spec);
  for (let t = 0; t < before; t++) f.update(y[t]!);
  let sink = 0;
  const t0 = performance.now();
  for (let t = before; t < before + K; t++) {
    f.update(y[t]!);
    sink += f.cumulative(H);
  }
  const dt = performance.now() - t0;
  if (sink !== sink) process.stdout.write('');
  return (dt * 1e6) / K; // ns per update
}

function updateCosts(): Record<string, { nsPerUpdateAt730: number; nsPerUpdateAt7300: number; ratio: number }> {
  const rng = new RandomStream([20261201, 'bench-forecast', 'updates']);
  const y = poissonSeries(rng, 7300 + 5000, 5);
  const out: Record<string, { nsPerUpdateAt730: number; nsPerUpdateAt7300: number; ratio: number }> = {};
  for (const [name, spec] of Object.entries(ALL)) {
    const a: number[] = [], b: number[] = [];
    updateCost(spec, y, 730, 5000); // warm-up (not counted)
    updateCost(spec, y, 7300, 5000);
    for (let r = 0; r < 5; r++) {
      a.push(updateCost(spec, y, 730, 5000));
      b.push(updateCost(spec, y, 7300, 5000));
    }
    const ma = median(a), mb = median(b);
    out[name] = { nsPerUpdateAt730: ma, nsPerUpdateAt7300: mb, ratio: mb / ma };
    process.stdout.write(`update cost ${name.padEnd(16)} ${ma.toFixed(0).padStart(6)} ns at n = 730, ${mb.toFixed(0).padStart(6)} ns at n = 7300, ratio ${(mb / ma).toFixed(2)}\n`);
  }
  return out;
}

/** 2. rolling origin over all series with one method; returns { seconds, mae1, maeH }. */
function rollingOrigin(series: Float64Array[], spec: ForecasterSpec | null): { seconds: number; cpuSeconds: number; mae1: number; maeH: number } {
  let ae1 = 0, aeH = 0, count = 0;
  const t0 = performance.now(), c0 = process.cpuUsage().user;
  for (const y of series) {
    const n = y.length;
    const f = spec === null ? null : createForecaster(spec);
    let sum = 0, ahead = 0; // running total (reference forecaster) and Σ y[t+1..t+H]
    for (let j = 1; j <= H; j++) ahead += y[j]!;
    for (let t = 0; t + H < n; t++) {
      const v = y[t]!;
      let f1: number, fH: number;
      if (f === null) {
        sum += v;
        f1 = sum / (t + 1);
        fH = H * f1;
      } else {
        f.update(v);
        f1 = f.forecast(1);
        fH = f.cumulative(H);
      }
      if (t > 0) ahead += y[t + H]! - y[t]!;
      if (f1 === f1 && fH === fH) {
        ae1 += Math.abs(y[t + 1]! - f1);
        aeH += Math.abs(ahead - fH);
        count++;
      }
    }
  }
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (process.cpuUsage().user - c0) / 1e6, mae1: ae1 / count, maeH: aeH / count };
}

function syntheticSeries(): Float64Array[] {
  const rng = new RandomStream([20261201, 'bench-forecast', 'series']);
  const means = [0.3, 1, 5, 20];
  return Array.from({ length: 10_000 }, (_, i) => poissonSeries(rng, 730, means[i % means.length]!));
}

/** In a child process: one method (or 'reference') over the 10,000 series; prints one JSON line. */
function rollingOriginChild(name: string): void {
  const series = syntheticSeries();
  const spec = name === 'reference' ? null : FAST[name]!;
  rollingOrigin(series.slice(0, 500), spec); // warm-up
  process.stdout.write(`${JSON.stringify(rollingOrigin(series, spec))}\n`);
}

function rollingOriginAll(): Record<string, unknown> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const run = (name: string): { seconds: number; cpuSeconds: number; mae1: number; maeH: number } => {
    const r = spawnSync(process.execPath, ['--import', tsx, fileURLToPath(import.meta.url), '--rolling-origin', name], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`rolling origin ${name} failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { seconds: number; cpuSeconds: number; mae1: number; maeH: number };
  };
  const ref = run('reference');
  process.stdout.write(`rolling origin, reference (inline running mean): ${ref.seconds.toFixed(3)} s (CPU ${ref.cpuSeconds.toFixed(3)} s)\n`);
  const methods: Record<string, unknown> = {};
  let total = 0;
  for (const name of Object.keys(FAST)) {
    const r = run(name);
    total += r.seconds;
    methods[name] = { ...r, ratioToReference: r.seconds / ref.seconds };
    process.stdout.write(`rolling origin ${name.padEnd(16)} ${r.seconds.toFixed(3)} s, CPU ${r.cpuSeconds.toFixed(3)} s (${(r.seconds / ref.seconds).toFixed(1)}× reference), MAE(1) ${r.mae1.toFixed(3)}, MAE(${H}-day total) ${r.maeH.toFixed(3)}\n`);
  }
  process.stdout.write(`rolling origin, all ${Object.keys(FAST).length} fast methods together: ${total.toFixed(2)} s\n`);
  return { series: 10_000, days: 730, origins: 730 - H, horizon: H, reference: ref, methods, totalSeconds: total };
}

/** 3. AICc-selected ETS on a 730-day weekly series. */
function etsFit(): Record<string, unknown> {
  const rng = new RandomStream([20261201, 'bench-forecast', 'ets']);
  const y = Float64Array.from({ length: 730 }, (_, t) => 50 * WEEK[t % 7]! + 5 * rng.normal());
  for (let r = 0; r < 3; r++) etsSelect(y, 7);
  const runs: number[] = [], cpu: number[] = [];
  let best = etsSelect(y, 7).best;
  for (let r = 0; r < 10; r++) {
    const t0 = performance.now(), c0 = process.cpuUsage().user;
    best = etsSelect(y, 7).best;
    runs.push(performance.now() - t0);
    cpu.push((process.cpuUsage().user - c0) / 1000);
  }
  const passes: number[] = [];
  const type = etsType(best.model);
  for (let r = 0; r < 2000; r++) {
    const t0 = performance.now();
    etsSse(y, type, best.par, best.initial, 7);
    passes.push(performance.now() - t0);
  }
  const perModel: Record<string, { cpuMs: number; evaluations: number }> = {};
  for (const model of ['ANN', 'AAN', 'AAdN', 'ANA', 'AAA', 'AAdA'] as const) {
    const c0 = process.cpuUsage().user;
    let fit = etsFitModel(y, model, 7)!;
    for (let r = 1; r < 5; r++) fit = etsFitModel(y, model, 7)!;
    perModel[model] = { cpuMs: (process.cpuUsage().user - c0) / 5000, evaluations: fit.evaluations };
  }
  const ms = median(runs), pass = median(passes);
  process.stdout.write(`ETS AICc selection on 730 points: ${ms.toFixed(2)} ms, CPU ${median(cpu).toFixed(2)} ms (medians of 10; selected ${best.model}), one filter pass ${(pass * 1000).toFixed(1)} µs, fit = ${(ms / pass).toFixed(0)} filter passes (goal < 5 ms)\n`);
  return { points: 730, selected: best.model, medianMs: ms, medianCpuMs: median(cpu), runsMs: runs, cpuMs: cpu, filterPassMs: pass, fitInFilterPasses: ms / pass, perModel, goalMs: 5 };
}

const child = process.argv.indexOf('--rolling-origin');
if (child >= 0) rollingOriginChild(process.argv[child + 1]!);
else main();

function main(): void {
  const updates = updateCosts();
  const rolling = rollingOriginAll();
  const ets = etsFit();
  writeJsonAtomic('results/bench/forecast.json', {
    bench: 'forecast',
    command: 'npm run bench -- forecast   (or: node --import tsx bench/forecast.bench.ts)',
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    loadAverageAtStart,
    loadAverageAtEnd: loadavg(),
    note: 'timings on a shared machine; compare the ratios (update cost at n = 7300 over n = 730; rolling-origin time over the inline reference; ETS fit in filter passes) and the CPU times (process.cpuUsage, less disturbed by other processes than wall time)',
    updateCost: updates,
    rollingOrigin: rolling,
    etsAiccFit: ets,
  });
}
