/**
 * The SQL form of the sql-policy model (src/models/sql-policy/sql/, run on PGlite) gives the same
 * SS, ROP, LOT and MAX as the TypeScript engine (solveForSkus) on all 170 SKUs of the shared
 * order file, for every objective × review × variant × k method, over several lot rules.
 * Tolerance 1e-9 relative (both engines run the same float8 arithmetic; only libm's last bits
 * and the order of summation can differ).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLeadTimesCsv, POOLED_KEY, type LeadTimeTable } from '../../src/io/lead-times-csv.ts';
import { parseOrdersCsv, readOrdersCsv, type OrderLines } from '../../src/io/orders-csv.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';
import { installSql, loadInputs, openEmbeddedDb, openServerDb, queryPolicies, sqlScript, type SqlDb, type SqlRunOptions, type SqlSettings } from '../../src/io/sql-engine.ts';
import { dataWindowDays, solveForSkus, type SkuInput } from '../../src/models/sql-policy/raw.ts';
import type { KMethod, LeadTimeComponents, LotSpec, Objective, Variant } from '../../src/models/sql-policy/types.ts';
import { OBJECTIVES } from '../../src/models/sql-policy/types.ts';
import { startCluster } from '../helpers/pg-cluster.ts';
import { expectClose } from '../helpers/close.ts';
import { normalLossInverse, normalQuantile } from '../../src/core/normal.ts';

const REL = 1e-9;
const CLTR = { mean: 10, sd: 3 };

function objectiveSettings(objective: Objective): Partial<SqlSettings> {
  switch (objective) {
    case 'cost':
      return { costs: { holding: 0.001, shortage: 50, order: 20 } };
    case 'profit':
      return { costs: { price: 10, unitCost: 6, salvage: 2, holding: 0.01, order: 20 }, seasonDuration: 90 };
    case 'on-time-commit':
      return { target: 0.9, committedLeadTime: 7, costs: { holding: 0.01, order: 20 } };
    default:
      return { target: 0.95, costs: { holding: 0.01, order: 20 } };
  }
}

const LOTS: LotSpec[] = [{ rule: 'default' }, { rule: 'flexible' }, { rule: 'eoq', multiple: 6, min: 12, max: 5000 }, { rule: 'fixed', fixed: 500 }];

function within(actual: number, expected: number, what: string): void {
  const tol = REL * Math.max(Math.abs(expected), 1e-300);
  if (!(Math.abs(actual - expected) <= tol || actual === expected)) expect.fail(`${what}: actual ${actual}, expected ${expected}, difference ${actual - expected}, tolerance ${tol}`);
}

// PGlite always; a PostgreSQL server too: the one of INVLAB_TEST_PG_URL when set, else a throwaway
// cluster from the server binaries on this machine (test/helpers/pg-cluster.ts; none: PGlite only,
// with the reason printed). Its own schema, dropped after.
const cluster = process.env.INVLAB_TEST_PG_URL ? undefined : startCluster();
if (cluster && 'skip' in cluster) console.warn(`test/io/sql-engine.test.ts: server runs skipped: ${cluster.skip}`);
const SERVER_URL = process.env.INVLAB_TEST_PG_URL ?? (cluster && !('skip' in cluster) ? cluster.url : undefined);
afterAll(() => {
  if (cluster && !('skip' in cluster)) cluster.stop();
});
const SCHEMA = `invlab_test_${process.pid}`;
const ENGINES: [string, () => Promise<SqlDb & { close(): Promise<void> }>][] = [['PGlite', openEmbeddedDb]];
if (SERVER_URL) ENGINES.push(['server', () => openServerDb(SERVER_URL, SCHEMA)]);

describe.each(ENGINES)('sql engine (%s) equals the TypeScript engine', (engine, open) => {
  let db: SqlDb & { close(): Promise<void> };
  let orders: OrderLines;
  let leadTimes: LeadTimeTable;
  let days: number;
  beforeAll(async () => {
    orders = readOrdersCsv(sharedDataPath('order_transactions.csv'));
    leadTimes = readLeadTimesCsv(sharedDataPath('lead_times.csv'), { dedupe: 'order_id' });
    days = dataWindowDays(orders.minDay, orders.maxDay, orders.tradingDays, 'calendar');
    db = await open();
    await loadInputs(db, orders, leadTimes);
  }, 60_000);
  afterAll(async () => {
    if (engine === 'server') await db?.exec(`drop schema ${SCHEMA} cascade`);
    await db?.close();
  });

  function inputs(lt: LeadTimeComponents): SkuInput[] {
    return orders.skus.map((sku, i) => ({ sku, n: orders.count[i]!, sum: orders.sum[i]!, sumSquares: orders.sumSquares[i]!, leadTime: { ...lt, customerRequested: CLTR } }));
  }

  /** Compare both engines; where the TypeScript engine rejects the inputs the SQL must reject them too (returns false). */
  async function compare(settings: SqlSettings, run: SqlRunOptions, lt: LeadTimeComponents, label: string): Promise<boolean> {
    let ts: ReturnType<typeof solveForSkus>;
    try {
      ts = solveForSkus(inputs(lt), days, settings);
    } catch (e) {
      const rule = /case 1B|case 2|must be/.exec((e as Error).message)?.[0] ?? 'never';
      await expect(queryPolicies(db, settings, run), label).rejects.toThrow(rule);
      return false;
    }
    const sql = await queryPolicies(db, settings, run);
    expect(sql.map((p) => p.result.sku)).toEqual(ts.map((p) => p.result.sku));
    for (let i = 0; i < ts.length; i++) {
      const a = sql[i]!.result;
      const b = ts[i]!.result;
      for (const f of ['SS', 'ROP', 'LOT', 'MAX', 'PVALUE', 'SDLT', 'kApprox', 'kExact'] as const) within(a[f], b[f], `${label} ${b.sku} ${f}`);
      expect(a.notes).toEqual(b.notes);
      expect(a.policy.kind).toBe(b.policy.kind);
    }
    return true;
  }

  async function sweep(lots: LotSpec[], variants: readonly Variant[], kMethods: readonly KMethod[], objectives: readonly Objective[] = OBJECTIVES): Promise<{ equal: number; rejected: number }> {
    const pooled = leadTimes.groups.get(POOLED_KEY)!.components;
    let equal = 0;
    let rejected = 0;
    for (const objective of objectives)
      for (const review of ['continuous', 'periodic'] as const)
        for (const variant of variants)
          for (const kMethod of kMethods)
            for (const lot of lots) {
              const settings = { objective, review, variant, kMethod, lot, ...(review === 'periodic' ? { reviewPeriod: 7 } : {}), ...objectiveSettings(objective) } as SqlSettings;
              if (await compare(settings, { leadKeyMode: 'pooled', windowMode: 'calendar', cltr: CLTR }, pooled, `${objective}/${review}/${variant}/${kMethod}/${lot.rule}`)) equal++;
              else rejected++;
            }
    return { equal, rejected };
  }

  it('170 SKUs × 6 objectives × 2 reviews × 2 variants × 2 k methods (default lot), pooled lead-time records', async () => {
    expect(await sweep([LOTS[0]!], ['printed', 'corrected'], ['approx', 'exact'])).toEqual({ equal: 48, rejected: 0 });
  }, 120_000);

  it('the other lot rules (flexible, EOQ with QUNIT/QMIN/QMAX, fixed) × 6 objectives × 2 reviews', async () => {
    expect(await sweep(LOTS.slice(1), ['corrected'], ['exact'])).toEqual({ equal: 36, rejected: 0 });
    // the variants differ for a lot in case 1B and for a flexible lot in case 6; k approx on every rule
    expect(await sweep(LOTS.slice(1), ['printed'], ['approx'], ['cost', 'fill-rate'])).toEqual({ equal: 12, rejected: 0 });
  }, 120_000);

  it('a given lead time (mean and sd) and the trading-day window', async () => {
    const settings: SqlSettings = { objective: 'fill-rate', target: 0.95, review: 'periodic', reviewPeriod: 7, variant: 'corrected', kMethod: 'exact', lot: { rule: 'flexible' } };
    const tradingDays = dataWindowDays(orders.minDay, orders.maxDay, orders.tradingDays, 'trading');
    const ts = solveForSkus(inputs({ supply: { mean: 14, sd: 4 } }), tradingDays, settings);
    const sql = await queryPolicies(db, settings, { leadKeyMode: 'given', given: { mean: 14, sd: 4 }, cltr: CLTR, windowMode: 'trading' });
    expect(sql.length).toBe(170);
    for (let i = 0; i < ts.length; i++) within(sql[i]!.result.ROP, ts[i]!.result.ROP, `given ${ts[i]!.result.sku} ROP`);
  });

  it('inputs the TypeScript engine rejects are rejected by the SQL too (case 1B ratio ≥ 1)', async () => {
    const settings = { objective: 'cost', review: 'continuous', variant: 'printed', kMethod: 'exact', lot: { rule: 'fixed', fixed: 500 }, costs: { holding: 0.01, shortage: 5 } } as SqlSettings;
    expect(await compare(settings, { leadKeyMode: 'pooled', windowMode: 'calendar', cltr: CLTR }, leadTimes.groups.get(POOLED_KEY)!.components, 'cost/1B')).toBe(false);
  });

  it('a bad setting fails with a message naming the rule', async () => {
    const settings: SqlSettings = { objective: 'cost', review: 'continuous', variant: 'printed', kMethod: 'exact', lot: { rule: 'fixed', fixed: 1e6 }, costs: { holding: 1, shortage: 1 } };
    await expect(queryPolicies(db, settings, { leadKeyMode: 'pooled', windowMode: 'calendar' })).rejects.toThrow(/case 1B.*must be in \(0, 1\)/);
  });

  it('Φ⁻¹ and G⁻¹ in SQL (the exact k of Step 6) equal src/core/normal.ts over their range', async () => {
    const ps = [1e-15, 1e-10, 1e-6, 1e-3, 0.01, 0.02425, 0.05, 0.1, 0.25, 0.4, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999, 1 - 1e-6, 1 - 1e-10];
    // GVALUE from 1e-12 (k ≈ 6.9) to 100 (k ≈ −100), every start of the root finder
    const gs = Array.from({ length: 57 }, (_, i) => 10 ** (-12 + i / 4));
    const q = await db.query<{ x: number }>('select invlab_normal_quantile(p) as x from unnest($1::float8[]) with ordinality as u(p, i) order by i', [ps]);
    const g = await db.query<{ k: number }>('select invlab_normal_loss_inverse(g) as k from unnest($1::float8[]) with ordinality as u(g, i) order by i', [gs]);
    // each engine: Φ⁻¹ to a relative 1e-12, G⁻¹ to an absolute 1e-10 (src/core/normal.ts), so they differ by at most twice that
    ps.forEach((p, i) => expectClose(q.rows[i]!.x, normalQuantile(p), 2e-12 * Math.abs(normalQuantile(p)), `Φ⁻¹(${p})`));
    gs.forEach((x, i) => expectClose(g.rows[i]!.k, normalLossInverse(x), 2e-10, `G⁻¹(${x})`));
  });

  it('the printed script installs on a fresh database', async () => {
    const fresh = await open();
    try {
      await installSql(fresh);
      expect(sqlScript()).toMatch(/create or replace view invlab_policy/);
    } finally {
      await fresh.close();
    }
  });
});

describe('the embedded engine’s packed load (one row of arrays per SKU, binary COPY)', () => {
  it('gives the reader’s per-SKU N, TOQ, TOQS, suppliers, first and last dates and the window', async () => {
    // lines out of date order, fractional quantities, a supplier column, SKU names needing UTF-8
    const rows = ['date,sku,quantity,supplier'];
    for (let i = 0; i < 600; i++) rows.push(`2021-${String(1 + ((i * 7) % 12)).padStart(2, '0')}-${String(1 + ((i * 13) % 28)).padStart(2, '0')},SKU-é${i % 7},${(1 + ((i * 37) % 50) / 3).toFixed(4)},S${i % 7 % 3}`);
    const orders = parseOrdersCsv(`${rows.join('\n')}\n`, 'packed.csv', { supplier: 'supplier' });
    const db = await openEmbeddedDb();
    try {
      await loadInputs(db, orders, undefined);
      const sums = await db.query<{ sku: string; n: number; toq: number; toqs: number; supplier: string; first: number; last: number }>(
        `select sku, n, toq, toqs, supplier, first_date - date '1970-01-01' as first, last_date - date '1970-01-01' as last from invlab_order_sums order by first_line`,
      );
      expect(sums.rows.map((r) => r.sku)).toEqual(orders.skus);
      sums.rows.forEach((r, s) => {
        // the same lines summed in the same order: the same float8 operations
        expect([r.n, r.toq, r.toqs, r.supplier, r.first, r.last]).toEqual([orders.count[s], orders.sum[s], orders.sumSquares[s], orders.supplierOf![s], orders.firstDay[s], orders.lastDay[s]]);
      });
      const w = await db.query<{ calendar_days: number; trading_days: number }>('select * from invlab_order_window');
      expect(w.rows[0]).toEqual({ calendar_days: orders.maxDay - orders.minDay + 1, trading_days: orders.tradingDays });
    } finally {
      await db.close();
    }
  });
});
