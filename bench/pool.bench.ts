/**
 * Benchmark of the worker pool as a user meets it (issue 17 §1): whole-command time of
 * `invlab simulate` on one spec with --threads 1, with --threads 2, and as two independent
 * --threads 1 processes of half the replications each, started together (what two plain
 * processes reach on this machine: the bar the pool must meet). Each is a child process timed
 * from spawn to exit (start-up, the TypeScript loader, the pilot estimate, the pool, the output).
 *
 * The machine may be shared, so the figures are ratios measured in the same run, in rounds that
 * interleave the three variants (rotating their order), and each ratio is the median over rounds
 * of the round's ratio (paired): speed-up of 2 threads = t(1 thread) / t(2 threads), speed-up of
 * 2 processes = t(1 thread) / t(both processes done), and the pool's efficiency against the
 * processes = their quotient. The workload is bench/simulate.bench.ts's reference (s, Q)
 * workload, 12 replications × 2·10^7 days by default (about 15 s on one thread).
 *
 *   npm run bench -- pool [--quick] [--dist]   (node --import tsx bench/pool.bench.ts [--rounds N] [--days N] [--replications N])
 *
 * --quick: one round of 12 × 10^7 days (about 30 s in all). --dist: the compiled CLI
 * (dist/cli/main.js; `npm run build` first) instead of the sources through tsx, whose loader adds
 * about 0.6 s of start-up to every command. Each round also times the same command on 1,000 days:
 * its fixed part O (start-up, loader, pilot estimate, output), which bounds any 2-thread speed-up
 * at T / (O + (T − O)/2) (Amdahl); the report gives that bound beside the measured speed-ups.
 * Writes results/bench/pool.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeJsonAtomic } from '../src/io/files.ts';
import { loadAverageNow, machineInfo } from './machine.ts';
import { median } from 'simple-statistics';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const option = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const ROUNDS = option('--rounds', QUICK ? 1 : 3);
/** --dist: time the compiled CLI (dist/cli/main.js, after `npm run build`) instead of the sources through tsx */
const DIST = args.includes('--dist');
const DAYS = option('--days', QUICK ? 10_000_000 : 20_000_000);
const REPLICATIONS = option('--replications', 12);
if (REPLICATIONS % 2 !== 0) throw new RangeError(`--replications must be even (two processes of half each), got ${REPLICATIONS}`);

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const specFile = join(mkdtempSync(join(tmpdir(), 'invlab-pool-bench-')), 'spec.json');
const spec = {
  demand: { kind: 'compoundPoisson', ordersPerPeriod: 5, orderSize: { kind: 'normalRounded', mean: 10, sd: 3 } },
  leadTime: { kind: 'uniformInteger', min: 3, max: 7 },
  policy: { kind: 'sQ', reorderPoint: 300, lotSize: 500, multiples: 'multiples' },
  horizon: DAYS,
  warmup: 100,
  seed: 20261121,
};
writeFileSync(specFile, JSON.stringify(spec));
// preloaded into each child: writes the process's CPU time (all its threads: getrusage of the
// process) on exit, so the report shows CPU seconds beside wall seconds (CPU time is what a
// busy machine does not disturb)
const cpuPreload = join(dirname(specFile), 'cpu-usage.mjs');
writeFileSync(cpuPreload, "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.cpuUsage(); writeFileSync(process.env.INVLAB_BENCH_CPU_FILE, String((u.user + u.system) / 1e6)); });\n");
let childCount = 0;

interface Timing {
  /** wall seconds from spawn to exit */
  wall: number;
  /** CPU seconds of the process (all threads) */
  cpu: number;
}

const cli = DIST ? ['--import', pathToFileURL(cpuPreload).href, join(root, 'dist/cli/main.js')] : ['--import', tsx, '--import', pathToFileURL(cpuPreload).href, join(root, 'src/cli/main.ts')];
if (DIST && !existsSync(join(root, 'dist/cli/main.js'))) throw new Error('--dist: dist/cli/main.js is missing; run `npm run build` first');

/** One `invlab simulate` child process: its wall and CPU seconds (`extra`: more options, e.g. a tiny horizon). */
function simulate(threads: number, replications: number, extra: string[] = []): Promise<Timing> {
  const t0 = performance.now();
  const cpuFile = join(dirname(specFile), `cpu-${childCount++}.txt`);
  const argv = [...cli, 'simulate', '--spec', specFile, '--threads', String(threads), '--replications', String(replications), '--json', '--force', ...extra];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, INVLAB_BENCH_CPU_FILE: cpuFile } });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ wall: (performance.now() - t0) / 1000, cpu: Number(readFileSync(cpuFile, 'utf8')) }) : reject(new Error(`invlab simulate --threads ${threads} exited ${code}: ${err}`))));
  });
}

type Variant = 'overhead' | 'oneThread' | 'twoThreads' | 'twoProcesses';
const run: Record<Variant, () => Promise<Timing>> = {
  // the command's fixed part (start-up, loader, reading, pilot estimate, output): the same command on 1,000 days
  overhead: () => simulate(1, REPLICATIONS, ['--horizon', '1000']),
  oneThread: () => simulate(1, REPLICATIONS),
  twoThreads: () => simulate(2, REPLICATIONS),
  // both started together; the pair is done when the slower one exits; CPU: both together
  twoProcesses: async () => {
    const [a, b] = await Promise.all([simulate(1, REPLICATIONS / 2), simulate(1, REPLICATIONS / 2)]);
    return { wall: Math.max(a!.wall, b!.wall), cpu: a!.cpu + b!.cpu };
  },
};

const loadAverageAtStart = loadAverageNow();
const order: Variant[] = ['overhead', 'oneThread', 'twoThreads', 'twoProcesses'];
const rounds: Record<Variant, Timing>[] = [];
for (let k = 0; k < ROUNDS; k++) {
  const t = {} as Record<Variant, Timing>;
  // rotate the order so no variant always runs first (or last) in a round
  for (let j = 0; j < order.length; j++) {
    const v = order[(j + k) % order.length]!;
    t[v] = await run[v]();
    process.stdout.write(`round ${k + 1}: ${v} ${t[v].wall.toFixed(2)} s wall, ${t[v].cpu.toFixed(2)} s CPU\n`);
  }
  rounds.push(t);
  process.stdout.write(`round ${k + 1}: speed-up 2 threads ${(t.oneThread.wall / t.twoThreads.wall).toFixed(3)}, 2 processes ${(t.oneThread.wall / t.twoProcesses.wall).toFixed(3)}\n`);
}
const med = (f: (t: Record<Variant, Timing>) => number): number => median(rounds.map(f));
const speedUpThreads = med((t) => t.oneThread.wall / t.twoThreads.wall);
const speedUpProcesses = med((t) => t.oneThread.wall / t.twoProcesses.wall);
// Amdahl: with a serial part O of the 1-thread time T, 2 threads take at least O + (T − O)/2
const bound = med((t) => t.oneThread.wall / (t.overhead.wall + (t.oneThread.wall - t.overhead.wall) / 2));
const result = {
  bench: 'pool',
  command: 'npm run bench -- pool [--quick]   (or: node --import tsx bench/pool.bench.ts)',
  ...machineInfo(loadAverageAtStart),
  workload: {
    description: `invlab simulate (whole command, from the TypeScript sources) of the reference (s, Q) workload: ${REPLICATIONS} replications × (${DAYS} + 100 warm-up) days; two processes: ${REPLICATIONS / 2} replications each, started together`,
    spec,
    replications: REPLICATIONS,
  },
  rounds,
  wallSeconds: { oneThread: med((t) => t.oneThread.wall), twoThreads: med((t) => t.twoThreads.wall), twoProcesses: med((t) => t.twoProcesses.wall) },
  cpuSeconds: { oneThread: med((t) => t.oneThread.cpu), twoThreads: med((t) => t.twoThreads.cpu), twoProcesses: med((t) => t.twoProcesses.cpu) },
  cli: DIST ? 'dist/cli/main.js (compiled)' : 'src/cli/main.ts through tsx (sources)',
  overheadSeconds: med((t) => t.overhead.wall),
  /** the best 2 threads can do given the fixed part: T / (O + (T − O)/2) */
  speedUpBound: bound,
  speedUpTwoThreads: speedUpThreads,
  speedUpTwoProcesses: speedUpProcesses,
  threadsAgainstProcesses: med((t) => t.twoProcesses.wall / t.twoThreads.wall),
  /** CPU seconds of 2 threads over those of 1 thread: the pool's extra work (1 = none); on an idle machine the speed-up is at most 2 / this */
  cpuOverheadTwoThreads: med((t) => t.twoThreads.cpu / t.oneThread.cpu),
  cpuOverheadTwoProcesses: med((t) => t.twoProcesses.cpu / t.oneThread.cpu),
  goal: { speedUpTwoThreads: 1.9, met: speedUpThreads >= 1.9 },
};
writeJsonAtomic(join(root, 'results/bench/pool.json'), result);
process.stdout.write(
  `pool: speed-up (median of ${ROUNDS} paired round(s)) 2 threads ${speedUpThreads.toFixed(3)}×, 2 processes ${speedUpProcesses.toFixed(3)}×; ` +
    `2 threads reach ${(100 * result.threadsAgainstProcesses).toFixed(1)} % of 2 processes; fixed part ${result.overheadSeconds.toFixed(2)} s bounds 2 threads at ${bound.toFixed(3)}×; CPU time of 2 threads / 1 thread ${result.cpuOverheadTwoThreads.toFixed(3)}, of 2 processes ${result.cpuOverheadTwoProcesses.toFixed(3)}; goal ≥ 1.9×: ${result.goal.met ? 'met' : 'NOT met'}\n` +
    'wrote results/bench/pool.json\n',
);
