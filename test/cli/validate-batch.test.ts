/**
 * Portfolio batching of `invlab validate` (issue 17 §2): the backtest's work goes to the pool in
 * chunks of BACKTEST_CHUNK_SKUS SKUs (every policy and replication of each SKU in one task,
 * summaries back), which must give the very rows of one runReplications call per (SKU, policy),
 * for 1 or 2 threads, whatever order the chunks finish or are reduced in.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replicationsOnPool } from '../../src/cli/commands/validate.ts';
import { BACKTEST_CHUNK_SKUS, backtest, backtestChunkPayload, backtestChunkResult, planBacktest, reduceBacktestChunks, type BacktestSettings, type OrderHistory, type SimulateReplications, type SkuBacktest } from '../../src/models/sql-policy/backtest/backtest.ts';
import { runBacktestChunkPayload } from '../../src/models/sql-policy/backtest/batch.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';
import { closePool, WorkerPool } from '../../src/pool/run.ts';
import { RandomStream } from '../../src/rng/stream.ts';
import { runCli } from '../helpers/cli.ts';

/** A seeded history of `n` SKUs over `days` days: fast, slow, intermittent and lumpy ones, whole units. */
function portfolio(n: number, days: number): OrderHistory {
  const day: number[] = [];
  const sku: number[] = [];
  const qty: number[] = [];
  const rates = [1.5, 0.3, 0.06, 0.05];
  for (let k = 0; k < n; k++) {
    const r = new RandomStream([11, 'batch-test', k]);
    for (let d = 0; d < days; d++) {
      for (let o = r.poisson(rates[k % 4]!); o > 0; o--) {
        day.push(d);
        sku.push(k);
        qty.push(k % 4 === 3 ? 1 + Math.round(Math.exp(1 + 1.4 * r.normal())) : 1 + r.int(6));
      }
    }
  }
  return { skus: Array.from({ length: n }, (_, k) => `S${k}`), skuIndex: Int32Array.from(sku), day: Int32Array.from(day), quantity: Float64Array.from(qty) };
}

const policy = { objective: 'fill-rate' as const, target: 0.95, review: 'continuous' as const, lot: { rule: 'default' as const }, variant: 'corrected' as const, kMethod: 'exact' as const };
const base: BacktestSettings = {
  policy,
  modelLeadTime: { supply: { mean: 5, sd: 2 } },
  simLeadTime: { kind: 'normal', mean: 5, sd: 2, integer: true },
  trainFrom: 0,
  trainTo: 200,
  testFrom: 200,
  testTo: 290,
  mode: 'bootstrap',
  blockLength: 7,
  replications: 5,
  seed: 3,
  scenario: 'batch',
  baselines: ['no-safety-stock', 'two-week-cover'],
  warmup: 20,
};

/** One runReplications call per (SKU, policy) in this thread: the unbatched reference. */
const perJob: SimulateReplications = (spec, seed, scenario, replications) => replicationsOnPool({ threads: 1 })(spec, seed, scenario, replications);

/** Every number of two backtests equal bit for bit (NaN = NaN, 0 ≠ −0), same keys in the same order. */
function expectSameRows(a: readonly SkuBacktest[], b: readonly SkuBacktest[]): void {
  expect(a.length).toBe(b.length);
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (typeof x === 'number' || typeof y === 'number') {
      if (!Object.is(x, y)) throw new Error(`${path}: ${String(x)} ≠ ${String(y)}`);
      return;
    }
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') {
      expect(x, path).toEqual(y);
      return;
    }
    expect(Object.keys(x), path).toEqual(Object.keys(y));
    for (const k of Object.keys(x)) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
  };
  walk(a, b, 'rows');
}

afterAll(() => closePool());

describe('validate batching: chunks of SKUs give the rows of one run per (SKU, policy)', () => {
  const h = portfolio(2 * BACKTEST_CHUNK_SKUS + 5, 290);

  const cases: [string, Partial<BacktestSettings>][] = [
    ['bootstrap, integer normal lead times', {}],
    ['replay in order, constant lead time, warm-up from the real days', { mode: 'replay', replications: 1, simLeadTime: { kind: 'constant', value: 4 }, modelLeadTime: { supply: { mean: 4, sd: 0 } } }],
    ['bootstrap, resampled lead-time records', { simLeadTime: { kind: 'replay', records: [2, 3, 3, 4, 5, 8, 13], mode: 'resample' }, modelLeadTime: { supply: { mean: 5.43, sd: 3.8 } } }],
    ['bootstrap, continuous normal lead times, on-time to a committed lead time', { simLeadTime: { kind: 'normal', mean: 5, sd: 2 }, policy: { ...policy, objective: 'on-time-commit' }, customerLeadTime: { committed: 2 } }],
  ];
  for (const [name, over] of cases) {
    it(name, async () => {
      const s = { ...base, ...over } as BacktestSettings;
      const reference = await backtest(h, s, perJob);
      expect(reference.filter((r) => r.status === 'ok').length).toBeGreaterThan(10);
      expectSameRows(await backtest(h, s, replicationsOnPool({ threads: 1 })), reference);
    });
  }

  it('2 threads (calling thread + one worker) give the rows of 1 thread', async () => {
    const pool = new WorkerPool(2);
    try {
      const s = { ...base, simLeadTime: { kind: 'replay', records: [2, 3, 3, 4, 5, 8, 13], mode: 'resample' } } as BacktestSettings;
      expectSameRows(await backtest(h, s, replicationsOnPool({ threads: 2, pool })), await backtest(h, s, perJob));
    } finally {
      await pool.close();
    }
  });

  it('chunks are fixed by the SKU count; reduced in any order to the same rows; a gap or a duplicate is named', () => {
    const plan = planBacktest(h, base);
    expect(plan.chunks).toBe(Math.ceil(h.skus.length / BACKTEST_CHUNK_SKUS));
    const results = Array.from({ length: plan.chunks }, (_, k) => backtestChunkResult(plan, k, runBacktestChunkPayload(backtestChunkPayload(plan, k))));
    const rows = reduceBacktestChunks(plan, results);
    expect(rows.map((r) => r.sku)).toEqual(h.skus);
    expectSameRows(reduceBacktestChunks(plan, [...results].reverse()), rows);
    expect(() => reduceBacktestChunks(plan, results.slice(1))).toThrow(/missing chunk\(s\) 0 of 3/);
    expect(() => reduceBacktestChunks(plan, [...results, results[1]!])).toThrow(/chunk 1 is given twice/);
  });

  it("a shard's partial plan (only its chunks' SKUs planned) gives the chunks of the full plan, bit for bit; with `only` too", () => {
    for (const s of [base, { ...base, only: new Set(h.skus.filter((_, i) => i % 3 !== 1)) }]) {
      const full = planBacktest(h, s);
      const last = full.chunks - 1;
      const fullRows = Array.from({ length: full.chunks }, (_, k) => backtestChunkResult(full, k, runBacktestChunkPayload(backtestChunkPayload(full, k))));
      for (const chunks of [[0], [last], [1, last], []]) {
        const part = planBacktest(h, s, chunks);
        expect([part.chunks, part.skuCount]).toEqual([full.chunks, full.skuCount]);
        const span = chunks.length === 0 ? 0 : Math.min(full.skuCount, (Math.max(...chunks) + 1) * BACKTEST_CHUNK_SKUS) - Math.min(...chunks) * BACKTEST_CHUNK_SKUS;
        expect(part.skus.length).toBe(span);
        for (const k of chunks) {
          expect(backtestChunkPayload(part, k)).toEqual(backtestChunkPayload(full, k));
          expectSameRows(backtestChunkResult(part, k, runBacktestChunkPayload(backtestChunkPayload(part, k))).skus, fullRows[k]!.skus);
        }
      }
      expect(() => backtestChunkPayload(planBacktest(h, s, [last]), 0)).toThrow(/chunk 0 is not planned/);
      expect(() => planBacktest(h, s, [full.chunks])).toThrow(/chunk index must be an integer in 0…/);
    }
  });
});

describe('invlab validate --threads 1 and --threads 2 write the same bytes', () => {
  it('real order file, bootstrap with lead times drawn from the records (CSV and JSON identical)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invlab-validate-batch-'));
    const args = (threads: number): string[] => [
      'validate', '--orders', sharedDataPath('order_transactions.csv'), '--train-until', '2011-06-01', '--lead-times', sharedDataPath('lead_times.csv'), '--lead-time-dedupe', 'order_id',
      '--lead-time-scale', '10', '--target', '0.9', '--mode', 'bootstrap', '--replications', '4', '--threads', String(threads), '--out', join(dir, `t${threads}.csv`), '--json',
    ];
    const one = await runCli(args(1));
    const two = await runCli(args(2));
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.out).toBe(one.out);
    expect(readFileSync(join(dir, 't2.csv'), 'utf8')).toBe(readFileSync(join(dir, 't1.csv'), 'utf8'));
    expect((JSON.parse(one.out) as { skus: unknown[] }).skus.length).toBe(170);
  });
});
