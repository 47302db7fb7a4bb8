/**
 * Benchmark of the forecasters (src/forecast/), three figures, each with a reference measured in
 * the same run (timings on a shared machine are disturbed; the ratios travel better):
 *
 * 1. Per-period update cost is O(1): for every forecaster, the time of 5,000 updates (each
 *    followed by cumulative(7), what a policy asks) after 730 observations and after 7,300;
 *    ratio ≈ 1 means the cost does not grow with the history. The fitted methods (ets,
 *    crostonOpt) fit once at period 730 (not timed, refitEvery 0) and then update with the fitted
 *    constants; their default re-fits (each time the history doubles) add an amortised O(1).
 *    Each method in its own process (medians of 11), as in part 2.
 * 2. Rolling-origin evaluation of the fast methods (naive through IMAPA) on 10,000 synthetic
 *    daily series of 730 days (Poisson demand, weekly profile, means 0.3 to 20): at every origin
 *    the one-step forecast and the forecast of the next 7 days' total, scored by absolute error.
 *    Reference: the same loop with an inline running mean (the cheapest online forecaster).
 *    Each method runs in its own process (as one evaluation run would), so no method pays for
 *    call sites the others made polymorphic. Forecasts that are not yet defined (ADIDA before
 *    its first full bucket) are not scored. Goal (issue): all eleven together under 2 s on one
 *    core; the summed CPU seconds are judged against it (printed: met / NOT met), with the wall
 *    total and both totals as multiples of the reference.
 * 3. ETS selected by AICc over the six additive models on a 730-day series with a weekly season
 *    (ets-fit.ts), median of 10 timings (of 1 fit for 'r', of 10 for 'fast') after 3 untimed
 *    fits, with each optimiser ('r': R's Nelder–Mead path, the default; 'fast': profile
 *    likelihood); reference: one pass of the filter
 *    over the series (the fit's cost in filter passes, CPU time). Goal (issue): under 5 ms, judged
 *    on the median CPU time (process.cpuUsage; wall time is printed too).
 *    Then 'fast' against 'r' on 200 synthetic series (likelihoods, AICc choices, forecasts).
 *    `--ets-only` runs this part alone (printed, nothing written).
 *    (`--rolling-origin-only` likewise runs part 2 alone.)
 *
 * Printed and written to results/bench/forecast.json. `npm run bench -- forecast`.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { etsSse, etsType } from '../src/forecast/ets-core.ts';
import { etsFitModel, etsSelect, type EtsOptimizer } from '../src/forecast/ets-fit.ts';
import { createForecaster, type ForecasterSpec } from '../src/forecast/spec.ts';
import { writeJsonAtomic } from '../src/io/files.ts';
import { loadAverageNow, machineInfo } from './machine.ts';
import { RandomStream } from '../src/rng/stream.ts';
import { median } from 'simple-statistics';

const loadAverageAtStart = loadAverageNow();
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

interface UpdateCost {
  nsPerUpdateAt730: number;
  nsPerUpdateAt7300: number;
  ratio: number;
}

/**
 * In a child process: one method's update cost, medians of 11 after a warm-up. Its own process,
 * as in part 2: in one process shared by all methods the timing loop's call sites turn
 * megamorphic and every method after the first few pays tens of ns of dispatch per call.
 */
function updateCostChild(name: string): void {
  const rng = new RandomStream([20261201, 'bench-forecast', 'updates']);
  const y = poissonSeries(rng, 7300 + 5000, 5);
  const spec = ALL[name]!;
  const a: number[] = [], b: number[] = [];
  // warm-up (not counted): 30 rounds and 0.2 s at least (2 s at most), long enough for the
  // optimising compiler, which runs on a background thread, to finish on a busy machine too
  // (else some timed rounds run unoptimised code: bimodal figures)
  for (let r = 0, t0 = performance.now(); (r < 30 || performance.now() - t0 < 200) && performance.now() - t0 < 2000; r++) {
    updateCost(spec, y, 730, 5000);
    updateCost(spec, y, 7300, 5000);
  }
  for (let r = 0; r < 11; r++) {
    a.push(updateCost(spec, y, 730, 5000));
    b.push(updateCost(spec, y, 7300, 5000));
  }
  const ma = median(a), mb = median(b);
  process.stdout.write(`${JSON.stringify({ nsPerUpdateAt730: ma, nsPerUpdateAt7300: mb, ratio: mb / ma })}\n`);
}

function updateCosts(): Record<string, UpdateCost> {
  const out: Record<string, UpdateCost> = {};
  for (const name of Object.keys(ALL)) {
    const r = runChild<UpdateCost>('--update-cost', name);
    out[name] = r;
    process.stdout.write(`update cost ${name.padEnd(16)} ${r.nsPerUpdateAt730.toFixed(0).padStart(6)} ns at n = 730, ${r.nsPerUpdateAt7300.toFixed(0).padStart(6)} ns at n = 7300, ratio ${r.ratio.toFixed(2)}\n`);
  }
  return out;
}

/** This file run in a child process with `flag name`; its last stdout line parsed as JSON. */
function runChild<T>(flag: string, name: string): T {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const r = spawnSync(process.execPath, ['--import', tsx, fileURLToPath(import.meta.url), flag, name], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${flag} ${name} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as T;
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
  const run = (name: string) => runChild<{ seconds: number; cpuSeconds: number; mae1: number; maeH: number }>('--rolling-origin', name);
  const ref = run('reference');
  process.stdout.write(`rolling origin, reference (inline running mean): ${ref.seconds.toFixed(3)} s (CPU ${ref.cpuSeconds.toFixed(3)} s)\n`);
  const methods: Record<string, unknown> = {};
  let total = 0, totalCpu = 0;
  for (const name of Object.keys(FAST)) {
    const r = run(name);
    total += r.seconds;
    totalCpu += r.cpuSeconds;
    methods[name] = { ...r, ratioToReference: r.seconds / ref.seconds, cpuRatioToReference: r.cpuSeconds / ref.cpuSeconds };
    process.stdout.write(`rolling origin ${name.padEnd(16)} ${r.seconds.toFixed(3)} s, CPU ${r.cpuSeconds.toFixed(3)} s (${(r.seconds / ref.seconds).toFixed(1)}× reference, CPU ${(r.cpuSeconds / ref.cpuSeconds).toFixed(1)}×), MAE(1) ${r.mae1.toFixed(3)}, MAE(${H}-day total) ${r.maeH.toFixed(3)}\n`);
  }
  return { series: 10_000, days: 730, origins: 730 - H, horizon: H, reference: ref, methods, ...rollingOriginGoal(total, totalCpu, ref) };
}

/**
 * The issue's goal: the rolling-origin evaluation of all the fast methods under 2 s on one core.
 * Judged on the summed CPU seconds (each method runs single-threaded in its own process; CPU time
 * is less disturbed by other processes than wall time), printed with the wall total and both
 * totals' ratio to the reference loop measured in the same run.
 */
function rollingOriginGoal(total: number, totalCpu: number, ref: { seconds: number; cpuSeconds: number }): Record<string, unknown> {
  const goalSeconds = 2, goalMet = totalCpu < goalSeconds;
  process.stdout.write(
    `rolling origin, all ${Object.keys(FAST).length} fast methods together: ${total.toFixed(2)} s wall, ${totalCpu.toFixed(2)} s CPU ` +
      `(${(total / ref.seconds).toFixed(1)}× / CPU ${(totalCpu / ref.cpuSeconds).toFixed(1)}× the reference loop); ` +
      `goal < ${goalSeconds} s on one core: ${goalMet ? 'met' : 'NOT met'} (CPU ${((100 * totalCpu) / goalSeconds).toFixed(0)} % of it)\n`,
  );
  return { totalSeconds: total, totalCpuSeconds: totalCpu, totalRatioToReference: total / ref.seconds, totalCpuRatioToReference: totalCpu / ref.cpuSeconds, goalSeconds, goalMet };
}

/** 3. AICc-selected ETS on a 730-day weekly series, with each optimiser (ets-fit.ts). */
function etsFitWith(y: Float64Array, optimizer: EtsOptimizer, pass: { ms: number; cpuMs: number }): Record<string, unknown> {
  const opts = { optimizer };
  for (let r = 0; r < 3; r++) etsSelect(y, 7, undefined, opts);
  const runs: number[] = [], cpu: number[] = [];
  let best = etsSelect(y, 7, undefined, opts).best;
  const batch = optimizer === 'fast' ? 10 : 1; // CPU accounting is coarse: time fast fits in batches
  for (let r = 0; r < 10; r++) {
    const t0 = performance.now(), c0 = process.cpuUsage().user;
    for (let b = 0; b < batch; b++) best = etsSelect(y, 7, undefined, opts).best;
    runs.push((performance.now() - t0) / batch);
    cpu.push((process.cpuUsage().user - c0) / 1000 / batch);
  }
  const perModel: Record<string, { cpuMs: number; evaluations: number; loglik: number }> = {};
  for (const model of ['ANN', 'AAN', 'AAdN', 'ANA', 'AAA', 'AAdA'] as const) {
    const c0 = process.cpuUsage().user;
    let fit = etsFitModel(y, model, 7, opts)!;
    for (let r = 1; r < 5; r++) fit = etsFitModel(y, model, 7, opts)!;
    perModel[model] = { cpuMs: (process.cpuUsage().user - c0) / 5000, evaluations: fit.evaluations, loglik: fit.loglik };
  }
  const ms = median(runs), cpuMs = median(cpu);
  process.stdout.write(`ETS AICc selection on 730 points, optimizer '${optimizer}': CPU ${cpuMs.toFixed(2)} ms = ${(cpuMs / pass.cpuMs).toFixed(0)} filter passes (wall ${ms.toFixed(2)} ms; medians of 10 runs of ${batch}; selected ${best.model}, AICc ${best.aicc.toFixed(3)}); goal < 5 ms ${cpuMs < 5 ? 'met' : 'NOT met'} (CPU time)\n`);
  return { selected: best.model, aicc: best.aicc, medianMs: ms, medianCpuMs: cpuMs, runsMs: runs, cpuMs: cpu, fitInFilterPasses: cpuMs / pass.cpuMs, goalMet: cpuMs < 5, perModel };
}

/** 200 synthetic 730-day series: level ± weekly season ± random walk ± drift, noise sd 0.5–4.5. */
function etsCompareSeries(): number[][] {
  const rng = new RandomStream([20261201, 'ets-speed', 'synthetic']);
  return Array.from({ length: 200 }, (_, i) => {
    const kind = i % 4, level = 5 + (i % 50);
    let walk = 0;
    return Array.from({ length: 730 }, (_, t) => {
      walk += kind >= 2 ? 0.2 * rng.normal() : 0;
      const s = kind % 2 ? WEEK[t % 7]! : 1;
      return Math.round(100 * (level * s + walk + (kind === 3 ? 0.005 * t : 0) + (0.5 + (i % 5)) * rng.normal())) / 100;
    });
  });
}

/**
 * 3b. 'fast' against 'r' on 200 synthetic series: per model, the log-likelihood reached (equal
 * or better: ≥ R's − 10⁻⁶·|R's|), the AICc choice, and the forecasts of the chosen models
 * (h = 1 … 14, largest difference in units of R's σ).
 */
function etsCompare(): Record<string, unknown> {
  let sameChoice = 0, fits = 0, notWorse = 0, worst = 0, cpuR = 0, cpuFast = 0;
  const fcDiff: number[] = [];
  for (const y of etsCompareSeries()) {
    let c0 = process.cpuUsage().user;
    const r = etsSelect(y, 7);
    cpuR += process.cpuUsage().user - c0;
    c0 = process.cpuUsage().user;
    const f = etsSelect(y, 7, undefined, { optimizer: 'fast' });
    cpuFast += process.cpuUsage().user - c0;
    if (r.best.model === f.best.model) sameChoice++;
    for (const c of r.candidates) {
      const d = f.candidates.find((x) => x.model === c.model)!.loglik - c.loglik;
      fits++;
      if (d >= -1e-6 * Math.abs(c.loglik)) notWorse++;
      worst = Math.min(worst, d);
    }
    let dmax = 0;
    for (let h = 1; h <= 14; h++) dmax = Math.max(dmax, Math.abs(f.best.state.forecast(h) - r.best.state.forecast(h)) / Math.sqrt(r.best.sigma2));
    fcDiff.push(dmax);
  }
  fcDiff.sort((a, b) => a - b);
  const out = { series: 200, fits, fastLoglikNotWorse: notWorse, worstLoglikDifference: worst, sameChoice, forecastDiffInSigma: { median: median(fcDiff), p90: fcDiff[Math.floor(0.9 * fcDiff.length)]!, max: fcDiff.at(-1)! }, cpuMsPerSelection: { r: cpuR / 200 / 1000, fast: cpuFast / 200 / 1000 } };
  process.stdout.write(`ETS 'fast' vs 'r' on 200 synthetic series: log-likelihood ≥ R's in ${notWorse}/${fits} fits (worst ${worst.toFixed(3)}), same AICc choice ${sameChoice}/200, forecast difference (chosen models, h ≤ 14) median ${out.forecastDiffInSigma.median.toFixed(3)}σ, p90 ${out.forecastDiffInSigma.p90.toFixed(3)}σ, max ${out.forecastDiffInSigma.max.toFixed(3)}σ; CPU per selection ${out.cpuMsPerSelection.r.toFixed(2)} ms ('r') vs ${out.cpuMsPerSelection.fast.toFixed(2)} ms ('fast')\n`);
  return out;
}

/**
 * 3. Both optimisers on the same series; reference: one pass of the filter (etsSse at the fitted
 * model) measured in the same run, so the fit's cost reads in filter passes.
 */
function etsFit(): Record<string, unknown> {
  const rng = new RandomStream([20261201, 'bench-forecast', 'ets']);
  const y = Float64Array.from({ length: 730 }, (_, t) => 50 * WEEK[t % 7]! + 5 * rng.normal());
  const best = etsSelect(y, 7).best;
  const type = etsType(best.model);
  const passes: number[] = [], passesCpu: number[] = [];
  for (let r = 0; r < 20; r++) {
    const t0 = performance.now(), c0 = process.cpuUsage().user;
    for (let i = 0; i < 1000; i++) etsSse(y, type, best.par, best.initial, 7);
    passes.push((performance.now() - t0) / 1000);
    passesCpu.push((process.cpuUsage().user - c0) / 1000 / 1000);
  }
  const pass = { ms: median(passes), cpuMs: median(passesCpu) };
  process.stdout.write(`ETS: one filter pass over 730 points: CPU ${(pass.cpuMs * 1000).toFixed(1)} µs, wall ${(pass.ms * 1000).toFixed(1)} µs (the reference; medians of 20 batches of 1000)\n`);
  const r = etsFitWith(y, 'r', pass), fast = etsFitWith(y, 'fast', pass);
  return { points: 730, filterPassMs: pass.ms, filterPassCpuMs: pass.cpuMs, goalMs: 5, goalJudgedOn: 'median CPU time of the selection (process.cpuUsage)', optimizers: { r, fast }, fastOverRCpu: (fast.medianCpuMs as number) / (r.medianCpuMs as number), fastAgainstR: etsCompare() };
}

const child = process.argv.indexOf('--rolling-origin');
if (child >= 0) rollingOriginChild(process.argv[child + 1]!);
else if (process.argv.includes('--update-cost')) updateCostChild(process.argv[process.argv.indexOf('--update-cost') + 1]!);
else if (process.argv.includes('--rolling-origin-only')) rollingOriginAll(); // part 2 alone, printed, nothing written
else if (process.argv.includes('--ets-only')) etsFit(); // part 3 alone, printed, nothing written
else main();

function main(): void {
  const updates = updateCosts();
  const rolling = rollingOriginAll();
  const ets = etsFit();
  writeJsonAtomic('results/bench/forecast.json', {
    bench: 'forecast',
    command: 'npm run bench -- forecast   (or: node --import tsx bench/forecast.bench.ts)',
    ...machineInfo(loadAverageAtStart),
    note: 'timings on a shared machine; compare the ratios (update cost at n = 7300 over n = 730; rolling-origin time over the inline reference; ETS fit in filter passes) and the CPU times (process.cpuUsage, less disturbed by other processes than wall time)',
    updateCost: updates,
    rollingOrigin: rolling,
    etsAiccFit: ets,
  });
}
