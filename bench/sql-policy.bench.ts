/**
 * Benchmark of `invlab policy` (seed 001): read an orders CSV, validate every line, compute
 * Steps 1-7 for every SKU.
 * 1. the real file ../shared/data/order_transactions.csv (UCI Online Retail extract,
 *    Chen 2015, CC BY 4.0): 44,799 lines, 170 SKUs;
 * 2. a synthetic file of 10^6 order lines over 1,000 SKUs (written to a temp file first).
 * Each is timed in process (median of 5 runs after a warm-up) and once as a fresh CLI process
 * (`node bin/invlab.js policy ...`, which includes Node start-up and on-the-fly TypeScript).
 * The issue asks for "well under a second" (real file) and "under a second" (10^6 lines).
 * 3. `invlab validate` on the real files (issue 7: "under a minute"): 170 SKUs, split 2011-09-01,
 *    lead times drawn from lead_times.csv rescaled to 10 days, block bootstrap, 100 replications,
 *    three baselines (run once, in process).
 * Figures are printed and written to results/bench/sql-policy.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPolicy, type PolicyOptions } from '../src/cli/commands/policy.ts';
import { runValidate } from '../src/cli/commands/validate.ts';
import { writeJsonAtomic } from '../src/io/files.ts';
import { RandomStream } from '../src/rng/stream.ts';
import { sharedDataPath } from '../src/io/shared-data.ts';

const REAL = sharedDataPath('order_transactions.csv');

function syntheticOrders(path: string, lines: number, skus: number): void {
  const rng = new RandomStream([1, 'bench', 'sql-policy', 'orders']);
  const parts: string[] = ['date,sku,quantity,order_id\n'];
  const start = Date.UTC(2020, 0, 1) / 86_400_000;
  for (let i = 0; i < lines; i++) {
    const day = start + Math.floor((i / lines) * 365);
    const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    parts.push(`${date},SKU${rng.int(skus)},${1 + rng.int(50)},${100000 + (i >> 2)}\n`);
  }
  writeFileSync(path, parts.join(''));
}

const base: PolicyOptions = { orders: REAL, dateColumn: 'date', skuColumn: 'sku', quantityColumn: 'quantity', window: 'calendar', objective: 'no-stockout', target: '0.95', review: 'continuous', lot: 'default', variant: 'corrected', k: 'exact', leadTimeMean: '10', leadTimeSd: '3' };

function timeInProcess(opts: PolicyOptions, runs = 5): { medianMs: number; minMs: number; skus: number; lines: number } {
  let r = runPolicy(opts);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    r = runPolicy(opts);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: round(times[Math.floor(runs / 2)]!), minMs: round(times[0]!), skus: r.policies.length, lines: r.orders.day.length };
}

function timeCli(file: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['bin/invlab.js', 'policy', '--orders', file, '--lead-time-mean', '10', '--lead-time-sd', '3', '--target', '0.95', '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`invlab policy failed: ${r.stderr}`);
  return round(ms);
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

const dir = mkdtempSync(join(tmpdir(), 'invlab-bench-'));
try {
  const synth = join(dir, 'orders-1e6.csv');
  const tGen = performance.now();
  syntheticOrders(synth, 1_000_000, 1_000);
  const genMs = round(performance.now() - tGen);
  const real = timeInProcess(base);
  const big = timeInProcess({ ...base, orders: synth });
  const tv = performance.now();
  const v = await runValidate({ ...base, leadTimeMean: undefined, leadTimeSd: undefined, objective: 'fill-rate', trainUntil: '2011-09-01', leadTimes: sharedDataPath('lead_times.csv'), leadTimeDedupe: 'order_id', leadTimeScale: '10', mode: 'bootstrap', replications: '100', blockLength: '14', warmup: '56', baselines: 'no-safety-stock,days-of-supply,two-week-cover', seed: '1' });
  const validateMs = round(performance.now() - tv);
  const realCli = timeCli(REAL);
  const bigCli = timeCli(synth);
  const result = {
    benchmark: 'sql-policy',
    node: process.version,
    real: { file: '../shared/data/order_transactions.csv', ...real, cliProcessMs: realCli },
    synthetic: { lines: big.lines, skus: big.skus, generateMs: genMs, medianMs: big.medianMs, minMs: big.minMs, cliProcessMs: bigCli },
    validate: { skus: v.rows.length, replications: v.replications, ms: validateMs },
    targets: { realUnderMs: 1000, syntheticUnderMs: 1000, validateUnderMs: 60_000 },
    pass: real.medianMs < 1000 && big.medianMs < 1000 && validateMs < 60_000,
  };
  process.stdout.write(
    `sql-policy bench: real file ${real.lines} lines / ${real.skus} SKUs: median ${real.medianMs} ms in process, ${realCli} ms as a fresh CLI process\n` +
      `                  synthetic ${big.lines} lines / ${big.skus} SKUs: median ${big.medianMs} ms in process, ${bigCli} ms as a fresh CLI process\n` +
      `                  validate (170 SKUs, bootstrap ${v.replications} replications, 4 policies): ${validateMs} ms\n`,
  );
  writeJsonAtomic('results/bench/sql-policy.json', result);
  if (!result.pass) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
