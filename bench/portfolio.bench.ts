/**
 * Benchmark of a portfolio backtest (issue 17 §2): `invlab validate` on a synthetic 10,000-SKU,
 * two-year order history of mixed demand classes (fast, slow, intermittent, lumpy; seeded),
 * replaying the last 180 days with 100 block-bootstrap replications × 4 policies (the model,
 * two baselines, the model's continuous policy) after 56 warm-up days, on 2 threads, timed as a
 * whole command (a child process: reading the CSV, planning, the pool, writing the output).
 *
 * The machine may be shared, so the figure that matters is a ratio: the command's simulated
 * SKU-days per second against the single-thread engine's throughput on the reference workload
 * (bench/simulate.bench.ts's (s, Q) workload) measured in this process just before and just
 * after the command (their mean is the reference; both are printed).
 *
 *   npm run bench -- portfolio [--quick] [--skus N] [--threads N] [--replications N]
 *
 * --quick: 1,000 SKUs (the same mix) and a shorter reference, for a re-run in under a minute.
 * Writes results/bench/portfolio.json. The generated CSV is kept under the OS temp folder
 * (named by its parameters) and reused by the next run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeJsonAtomic } from '../src/io/files.ts';
import { loadAverageNow, machineInfo } from './machine.ts';
import { dayNumberToIso, isoDayNumber } from '../src/io/common-csv.ts';
import { RandomStream } from '../src/rng/stream.ts';
import { inventoryKernel, type InventorySimSpec } from '../src/sim/inventory.ts';
import { median } from 'simple-statistics';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const option = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const QUICK = flag('--quick');
const SKUS = option('--skus', QUICK ? 1000 : 10_000);
const THREADS = option('--threads', 2);
const REPLICATIONS = option('--replications', 100);
const TEST_DAYS = 180;
const WARMUP = 56;
const HISTORY_DAYS = 730;
const SEED = 20261201;
const POLICIES = 4; // model, days-of-supply, two-week-cover, model-continuous (whole units)
const FIRST_DAY = isoDayNumber('2011-01-01');

/** The demand classes of the synthetic portfolio: share of SKUs, order lines per day, order size. */
const CLASSES = [
  { name: 'fast', share: 0.15, rate: [0.8, 2], size: (r: RandomStream) => 1 + Math.round(Math.exp(1.5 + 0.5 * r.normal())) },
  { name: 'slow', share: 0.35, rate: [0.1, 0.5], size: (r: RandomStream) => 1 + Math.round(Math.exp(0.8 + 0.6 * r.normal())) },
  { name: 'intermittent', share: 0.25, rate: [0.02, 0.08], size: (r: RandomStream) => 1 + r.int(3) },
  { name: 'lumpy', share: 0.25, rate: [0.02, 0.08], size: (r: RandomStream) => 1 + Math.round(Math.exp(1 + 1.4 * r.normal())) },
] as const;

/** The synthetic order history as CSV text (date,sku,quantity), seeded: same bytes for the same arguments. */
export function syntheticOrders(skus: number, days: number, seed: number): string {
  const parts: string[] = ['date,sku,quantity\n'];
  const dates = Array.from({ length: days }, (_, d) => dayNumberToIso(FIRST_DAY + d));
  let k = 0;
  for (const c of CLASSES) {
    const n = c === CLASSES[CLASSES.length - 1] ? skus - k : Math.round(c.share * skus);
    for (let j = 0; j < n; j++, k++) {
      const sku = `S${String(k).padStart(5, '0')}-${c.name}`;
      const r = new RandomStream([seed, 'portfolio', sku]);
      const rate = c.rate[0] + (c.rate[1] - c.rate[0]) * r.uniform();
      let lines = '';
      for (let d = 0; d < days; d++) {
        const orders = r.poisson(rate);
        for (let o = 0; o < orders; o++) lines += `${dates[d]},${sku},${c.size(r)}\n`;
      }
      parts.push(lines);
    }
  }
  return parts.join('');
}

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * Single-thread engine throughput on bench/simulate.bench.ts's reference workload, median of
 * `runs`: per wall second and per CPU second (the latter is what a busy machine disturbs least).
 */
function engineReference(days: number, runs: number): { wall: number; cpu: number } {
  const spec: InventorySimSpec = {
    demand: { kind: 'compoundPoisson', ordersPerPeriod: 5, orderSize: { kind: 'normalRounded', mean: 10, sd: 3 } },
    leadTime: { kind: 'uniformInteger', min: 3, max: 7 },
    policy: { kind: 'sQ', reorderPoint: 300, lotSize: 500, multiples: 'multiples' },
    horizon: days,
    warmup: 100,
  };
  for (let r = 0; r < 2; r++) inventoryKernel(spec, { seed: SEED, scenario: 'bench/portfolio/warm', replication: r });
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const [t0, c0] = [performance.now(), cpuSeconds()];
    inventoryKernel(spec, { seed: SEED, scenario: 'bench/portfolio/reference', replication: r });
    wall.push((days + 100) / ((performance.now() - t0) / 1000));
    cpu.push((days + 100) / (cpuSeconds() - c0));
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const root = fileURLToPath(new URL('..', import.meta.url));
const csv = join(tmpdir(), `invlab-portfolio-${SKUS}-${HISTORY_DAYS}-${SEED}.csv`);
if (!existsSync(csv)) {
  const t0 = performance.now();
  writeFileSync(csv, syntheticOrders(SKUS, HISTORY_DAYS, SEED));
  process.stdout.write(`generated ${csv} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}
const lines = readFileSync(csv, 'utf8').split('\n').length - 2;
const trainUntil = dayNumberToIso(FIRST_DAY + HISTORY_DAYS - TEST_DAYS);
const out = join(mkdtempSync(join(tmpdir(), 'invlab-portfolio-')), 'validate.csv');
const validateArgs = ['validate', '--orders', csv, '--train-until', trainUntil, '--lead-time-mean', '7', '--lead-time-sd', '2', '--target', '0.95', '--objective', 'fill-rate', '--mode', 'bootstrap', '--replications', String(REPLICATIONS), '--warmup', String(WARMUP), '--baselines', 'days-of-supply,two-week-cover', '--threads', String(THREADS), '--out', out, '--json'];
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
// preloaded into the command: writes its CPU seconds (all threads of the process) on exit
const cpuPreload = join(dirname(out), 'cpu-usage.mjs');
const cpuFile = join(dirname(out), 'cpu.txt');
writeFileSync(cpuPreload, "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.cpuUsage(); writeFileSync(process.env.INVLAB_BENCH_CPU_FILE, String((u.user + u.system) / 1e6)); });\n");

const loadAverageAtStart = loadAverageNow();
const refDays = QUICK ? 2_000_000 : 5_000_000;
const refBefore = engineReference(refDays, QUICK ? 3 : 5);
process.stdout.write(`single-thread engine before: ${(refBefore.wall / 1e6).toFixed(2)} M SKU-days/s (${(refBefore.cpu / 1e6).toFixed(2)} per CPU second)\n`);
const t0 = performance.now();
const r = spawnSync(process.execPath, ['--import', tsx, '--import', pathToFileURL(cpuPreload).href, join(root, 'src/cli/main.ts'), ...validateArgs], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, INVLAB_BENCH_CPU_FILE: cpuFile } });
const wall = (performance.now() - t0) / 1000;
if (r.status !== 0) throw new Error(`invlab validate failed (exit ${r.status}): ${r.stderr}`);
const commandCpu = Number(readFileSync(cpuFile, 'utf8'));
const refAfter = engineReference(refDays, QUICK ? 3 : 5);
process.stdout.write(`single-thread engine after: ${(refAfter.wall / 1e6).toFixed(2)} M SKU-days/s (${(refAfter.cpu / 1e6).toFixed(2)} per CPU second)\n`);

const rows = (JSON.parse(r.stdout) as { skus: { status: string }[] }).skus;
const simulated = rows.filter((x) => x.status !== 'skipped').length;
const skuDays = simulated * POLICIES * REPLICATIONS * (TEST_DAYS + WARMUP);
const reference = (refBefore.wall + refAfter.wall) / 2;
const referenceCpu = (refBefore.cpu + refAfter.cpu) / 2;
const rate = skuDays / wall;
const ratePerCpu = skuDays / commandCpu;
const result = {
  bench: 'portfolio',
  command: 'npm run bench -- portfolio [--quick]   (or: node --import tsx bench/portfolio.bench.ts)',
  ...machineInfo(loadAverageAtStart),
  workload: {
    skus: SKUS,
    classes: CLASSES.map((c) => ({ name: c.name, share: c.share, orderLinesPerDay: c.rate })),
    orderLines: lines,
    historyDays: HISTORY_DAYS,
    testDays: TEST_DAYS,
    warmupDays: WARMUP,
    replications: REPLICATIONS,
    policies: POLICIES,
    threads: THREADS,
    simulatedSkus: simulated,
    skuDays,
    command: `invlab ${validateArgs.join(' ').replace(csv, '<synthetic.csv>').replace(out, '<out.csv>')}`,
  },
  wallSeconds: wall,
  skuDaysPerSecond: rate,
  singleThreadEngine: { referenceWorkload: 'bench/simulate.bench.ts (s, Q) workload', days: refDays, before: refBefore, after: refAfter, meanPerWallSecond: reference, meanPerCpuSecond: referenceCpu },
  ratioToSingleThreadEngine: rate / reference,
  /** the command's CPU seconds (all its threads), and its SKU-days per CPU second against the engine's */
  cpuSeconds: commandCpu,
  skuDaysPerCpuSecond: ratePerCpu,
  cpuEfficiencyAgainstEngine: ratePerCpu / referenceCpu,
  /** what the command would take with its CPU seconds spread over the threads (a quiet machine, perfect spread): a lower bound */
  projectedQuietWallSeconds: commandCpu / THREADS,
  goal: { seconds: 60, met: wall < 60 },
};
writeJsonAtomic(join(root, 'results/bench/portfolio.json'), result);
process.stdout.write(
  `portfolio: ${SKUS} SKUs (${simulated} simulated), ${(skuDays / 1e9).toFixed(3)}·10^9 SKU-days on ${THREADS} threads in ${wall.toFixed(1)} s whole-command ` +
    `= ${(rate / 1e6).toFixed(2)} M SKU-days/s, ${(rate / reference).toFixed(2)}× the single-thread engine (${(reference / 1e6).toFixed(2)} M SKU-days/s in this run); goal < 60 s: ${wall < 60 ? 'met' : 'NOT met'}\n` +
    `CPU: ${commandCpu.toFixed(1)} s (${(ratePerCpu / 1e6).toFixed(2)} M SKU-days per CPU second = ${(ratePerCpu / referenceCpu).toFixed(2)} of the engine's ${(referenceCpu / 1e6).toFixed(2)}); spread over ${THREADS} threads ≥ ${(commandCpu / THREADS).toFixed(1)} s\n` +
    'wrote results/bench/portfolio.json\n',
);
