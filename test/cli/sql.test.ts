/**
 * `invlab policy --engine sql` prints what the TypeScript engine prints (same table: the numbers
 * agree to the table's rounding; the full equality to 1e-9 is test/io/sql-engine.test.ts), and
 * `invlab sql` prints a script that runs on PostgreSQL (PGlite) and gives the same policies.
 */
import { describe, expect, it } from 'vitest';
import { readOrdersCsv } from '../../src/io/orders-csv.ts';
import { readLeadTimesCsv } from '../../src/io/lead-times-csv.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';
import { loadInputs, openEmbeddedDb, type PolicyViewRow } from '../../src/io/sql-engine.ts';
import { runCli as run } from '../helpers/cli.ts';

const ORDERS = sharedDataPath('order_transactions.csv');
const LEAD_TIMES = sharedDataPath('lead_times.csv');
const ARGS = ['--orders', ORDERS, '--lead-times', LEAD_TIMES, '--lead-time-dedupe', 'order_id', '--objective', 'fill-rate', '--target', '0.95', '--review', 'periodic', '--review-period', '7', '--sku', '85123A,22423,84879'];

describe('invlab policy --engine sql and invlab sql', () => {
  it('--engine sql prints the same table as the TypeScript engine', async () => {
    const ts = await run(['policy', ...ARGS]);
    const sql = await run(['policy', ...ARGS, '--engine', 'sql']);
    expect(ts.code).toBe(0);
    expect(sql.err).toBe('');
    expect(sql.code).toBe(0);
    expect(sql.out).toBe(ts.out);
  }, 60_000);

  it('--engine rejects an unknown engine', async () => {
    const r = await run(['policy', ...ARGS, '--engine', 'oracle']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--engine/);
  });

  it('invlab sql prints a script that runs on PostgreSQL and gives the policies', async () => {
    const script = await run(['sql', '--objective', 'fill-rate', '--target', '0.95', '--review', 'periodic', '--review-period', '7', '--sku', '85123A,22423,84879']);
    expect(script.code).toBe(0);
    expect(script.out).toMatch(/create or replace view invlab_step6_k/);
    const db = await openEmbeddedDb();
    try {
      await db.exec(script.out.replace(/select \* from invlab_policy;\s*$/, ''));
      await loadInputs(db, readOrdersCsv(ORDERS), readLeadTimesCsv(LEAD_TIMES, { dedupe: 'order_id' }));
      const rows = (await db.query<PolicyViewRow>('select * from invlab_policy')).rows;
      expect(rows.map((r) => r.sku)).toEqual(['85123A', '84879', '22423']);
      const ts = await run(['policy', ...ARGS, '--json']);
      const results = JSON.parse(ts.out).results as { sku: string; ROP: number }[];
      for (const r of rows) {
        const t = results.find((x) => x.sku === r.sku)!;
        expect(Math.abs(r.rop - t.ROP)).toBeLessThanOrEqual(1e-9 * Math.abs(t.ROP));
      }
    } finally {
      await db.close();
    }
  }, 60_000);
});
