/**
 * `invlab policy --db … --orders-table …` on a real PostgreSQL server: a throwaway cluster
 * (test/helpers/pg-cluster.ts) started from the server binaries installed on this machine
 * (Debian's postgresql-15 here); skipped, with the reason printed, when there are none.
 *
 * - Equality: the shared order lines and lead-time records loaded into server tables give the
 *   TypeScript engine's numbers (SS, ROP, LOT, MAX and the intermediates, 1e-9 relative) for all
 *   170 SKUs, over every objective × review, each review with one variant and k method
 *   (continuous: printed + approx; periodic: corrected + exact). Every objective × review ×
 *   variant × k combination of the SQL itself is test/io/sql-engine.test.ts, which runs on a
 *   server too when INVLAB_TEST_PG_URL is set.
 * - --write-table writes the policy table in one transaction: an existing table is refused
 *   without --replace, and a failure after the old table was dropped leaves it as it was.
 * - Bad data in the tables: the CSV readers' rules and messages, naming table, row (primary key
 *   or row number), column and rule; exit 2; nothing written.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLeadTimesCsv, POOLED_KEY } from '../../src/io/lead-times-csv.ts';
import { readOrdersCsv } from '../../src/io/orders-csv.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';
import { runOnServer } from '../../src/io/sql-server.ts';
import type { SqlSettings } from '../../src/io/sql-engine.ts';
import { dataWindowDays, solveForSkus } from '../../src/models/sql-policy/raw.ts';
import { OBJECTIVES, type Objective } from '../../src/models/sql-policy/types.ts';
import { runCli } from '../helpers/cli.ts';
import { startCluster } from '../helpers/pg-cluster.ts';

const ORDERS = sharedDataPath('order_transactions.csv');
const LEAD_TIMES = sharedDataPath('lead_times.csv');
const REL = 1e-9;

const started = startCluster();
const cluster = 'skip' in started ? undefined : started;
if (!cluster) console.warn(`test/cli/sql-server.test.ts skipped: ${(started as { skip: string }).skip}`);
afterAll(() => cluster?.stop());

/** Run SQL on the cluster. */
async function sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> {
  const c = new pg.Client({ connectionString: cluster!.url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** A CSV file's records (header → value), as csv-parse reads them. */
function records(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** Load the shared CSVs into typed tables; each row's key is its CSV row number (header = row 1). */
async function loadSharedData(): Promise<void> {
  const o = records(ORDERS);
  await sql('create table orders (line_id int primary key, date date, sku text not null, quantity numeric, order_id text)');
  await sql('insert into orders select * from unnest($1::int[], $2::date[], $3::text[], $4::numeric[], $5::text[])', [o.map((_, i) => i + 2), o.map((r) => r.date), o.map((r) => r.sku), o.map((r) => r.quantity), o.map((r) => r.order_id)]);
  const l = records(LEAD_TIMES);
  await sql('create table lead_times (line int primary key, sku text, supplier text, lead_time_days numeric, order_id text)');
  await sql('insert into lead_times select * from unnest($1::int[], $2::text[], $3::text[], $4::numeric[], $5::text[])', [l.map((_, i) => i + 2), l.map((r) => r.sku), l.map((r) => r.supplier), l.map((r) => r.lead_time_days), l.map((r) => r.order_id)]);
}

function settingsFor(objective: Objective, review: 'continuous' | 'periodic', variant: 'printed' | 'corrected', kMethod: 'approx' | 'exact'): SqlSettings {
  const extra: Partial<SqlSettings> =
    objective === 'cost'
      ? { costs: { holding: 0.001, shortage: 50, order: 20 } }
      : objective === 'profit'
        ? { costs: { price: 10, unitCost: 6, salvage: 2, holding: 0.01, order: 20 }, seasonDuration: 90 }
        : objective === 'on-time-commit'
          ? { target: 0.9, committedLeadTime: 7 }
          : { target: 0.95 };
  return { objective, review, variant, kMethod, lot: { rule: 'default' }, ...(review === 'periodic' ? { reviewPeriod: 7 } : {}), ...extra };
}

describe.skipIf(!cluster)(`invlab policy --db on a PostgreSQL server${cluster ? '' : ' (skipped: no server binaries)'}`, () => {
  let url: string;
  beforeAll(async () => {
    url = cluster!.url;
    await loadSharedData();
  }, 60_000);

  it('170 SKUs × 6 objectives × 2 reviews (× both variants and k methods) equal the TypeScript engine (tables with a primary key, lead times deduplicated)', async () => {
    const orders = readOrdersCsv(ORDERS);
    const lt = readLeadTimesCsv(LEAD_TIMES, { dedupe: 'order_id' });
    const days = dataWindowDays(orders.minDay, orders.maxDay, orders.tradingDays, 'calendar');
    const cltr = { mean: 10, sd: 3 };
    const inputs = orders.skus.map((sku, i) => ({ sku, n: orders.count[i]!, sum: orders.sum[i]!, sumSquares: orders.sumSquares[i]!, leadTime: { ...lt.groups.get(POOLED_KEY)!.components, customerRequested: cltr } }));
    let compared = 0;
    for (const objective of OBJECTIVES)
      for (const [review, variant, kMethod] of [['continuous', 'printed', 'approx'], ['periodic', 'corrected', 'exact']] as const) {
        const settings = settingsFor(objective, review, variant, kMethod);
        const ts = solveForSkus(inputs, days, settings);
        const db = await runOnServer({ url, orders: { table: 'orders', date: 'date', sku: 'sku', quantity: 'quantity' }, leadTimes: { table: 'lead_times', dedupe: 'order_id' }, settings, run: { windowMode: 'calendar', cltr } });
        expect(db.failed).toEqual([]);
        expect(db.policies.map((p) => p.result.sku)).toEqual(ts.map((p) => p.result.sku));
        for (let i = 0; i < ts.length; i++)
          for (const f of ['SS', 'ROP', 'LOT', 'MAX', 'PVALUE', 'SDLT', 'kApprox', 'kExact'] as const) {
            const a = db.policies[i]!.result[f];
            const b = ts[i]!.result[f];
            const tol = REL * Math.abs(b);
            if (!(Math.abs(a - b) <= tol)) expect.fail(`${objective}/${review}/${variant}/${kMethod} ${ts[i]!.result.sku} ${f}: actual ${a}, expected ${b}, difference ${a - b}, tolerance ${tol}`);
          }
        compared += ts.length;
      }
    expect(compared).toBe(170 * 12);
  }, 120_000);

  it('the CLI prints the same JSON results as with the CSV files, and writes the policy table', async () => {
    const common = ['--lead-time-dedupe', 'order_id', '--objective', 'fill-rate', '--target', '0.95', '--review', 'periodic', '--review-period', '7', '--json'];
    const csv = await runCli(['policy', '--orders', ORDERS, '--lead-times', LEAD_TIMES, ...common]);
    const db = await runCli(['policy', '--db', url, '--orders-table', 'orders', '--lead-times-table', 'public.lead_times', ...common, '--write-table', 'policies_cli']);
    expect(csv.code).toBe(0);
    expect(db.err).toBe('');
    expect(db.code).toBe(0);
    const a = JSON.parse(db.out) as { orders: string; lines: number; T: number; results: { sku: string; ROP: number; SS: number; LOT: number; MAX: number }[] };
    const b = JSON.parse(csv.out) as typeof a;
    expect(a.orders).toBe('public.orders');
    expect([a.lines, a.T, a.results.length]).toEqual([b.lines, b.T, 170]);
    for (let i = 0; i < b.results.length; i++) for (const f of ['ROP', 'SS', 'LOT', 'MAX'] as const) expect(Math.abs(a.results[i]![f] - b.results[i]![f])).toBeLessThanOrEqual(REL * Math.abs(b.results[i]![f]));
    const written = await sql<{ position: string; sku: string; rop: number; objective: string }>('select position, sku, rop, objective from policies_cli order by position');
    expect(written.map((r) => r.sku)).toEqual(b.results.map((r) => r.sku));
    expect(written.every((r, i) => Math.abs(r.rop - b.results[i]!.ROP) <= REL * b.results[i]!.ROP && r.objective === 'fill-rate')).toBe(true);
    expect(await sql("select nspname from pg_namespace where nspname like 'invlab_run_%'")).toEqual([]);
  }, 60_000);

  it('--write-table refuses an existing table without --replace, and a failure midway leaves the old table as it was', async () => {
    const args = ['policy', '--db', url, '--orders-table', 'orders', '--lead-time-mean', '10', '--lead-time-sd', '3', '--target', '0.9', '--sku', '85123A,22423', '--write-table', 'plan'];
    expect((await runCli(args)).code).toBe(0);
    const before = await sql('select * from plan order by position');
    expect(before.length).toBe(2);
    const refused = await runCli([...args.slice(0, -4), '--sku', '84879', '--write-table', 'plan']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--write-table: table public\.plan exists; pass --replace/);
    // an event trigger that fails once the new table has been created (after the old one was dropped)
    await sql(`create function fail_on_plan() returns event_trigger language plpgsql as $$
      begin if exists (select 1 from pg_event_trigger_ddl_commands() where object_identity = 'public.plan') then raise exception 'disk full (simulated)'; end if; end $$`);
    await sql('create event trigger fail_on_plan on ddl_command_end when tag in (\'CREATE TABLE AS\') execute function fail_on_plan()');
    const failed = await runCli([...args.slice(0, -4), '--sku', '84879', '--write-table', 'plan', '--replace']);
    await sql('drop event trigger fail_on_plan');
    expect(failed.code).not.toBe(0);
    expect(failed.err).toMatch(/disk full \(simulated\)/);
    expect(await sql('select * from plan order by position')).toEqual(before);
    expect(await sql("select nspname from pg_namespace where nspname like 'invlab_run_%'")).toEqual([]);
    const replaced = await runCli([...args.slice(0, -4), '--sku', '84879', '--write-table', 'plan', '--replace']);
    expect(replaced.code).toBe(0);
    expect(replaced.out).toMatch(/wrote table public\.plan \(1 rows\)/);
    expect((await sql<{ sku: string }>('select sku from plan')).map((r) => r.sku)).toEqual(['84879']);
  }, 60_000);
});

/** Bad data: a small orders table (text columns, as an ERP staging table might have) and its CSV twin. */
describe.skipIf(!cluster)('bad data in the database: the CSV readers\' rules and messages, exit 2, nothing written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'invlab-sql-bad-'));
  const header = 'date,sku,quantity';
  const good = ['2011-01-03,A,5', '2011-01-04,A,7', '2011-01-05,B,2', '2011-01-09,B,4'];

  /** Load the rows into table `name` (text columns; id primary key = CSV row number unless noKey) and write the CSV twin. */
  async function stage(name: string, rows: string[], noKey = false): Promise<string> {
    const cells = rows.map((r) => r.split(',').map((v) => (v === '\\N' ? null : v)));
    await sql(`create table ${name} (${noKey ? '' : 'id int primary key, '}date text, sku text, quantity text)`);
    for (let i = 0; i < cells.length; i++) await sql(`insert into ${name} values (${noKey ? '' : `${i + 2}, `}$1, $2, $3)`, cells[i]);
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, `${header}\n${rows.map((r) => r.replace(/\\N/g, '')).join('\n')}\n`);
    return file;
  }

  async function both(name: string, rows: string[], noKey = false): Promise<{ db: { code: number; err: string }; csv: { code: number; err: string } }> {
    const file = await stage(name, rows, noKey);
    const opts = ['--lead-time-mean', '10', '--target', '0.9'];
    const db = await runCli(['policy', '--db', cluster!.url, '--orders-table', name, ...opts, '--write-table', `${name}_out`]);
    const csv = await runCli(['policy', '--orders', file, ...opts]);
    const exists = await sql<{ t: string | null }>('select to_regclass($1)::text as t', [`${name}_out`]);
    expect(exists[0]!.t).toBeNull();
    return { db, csv };
  }

  /** The message after "file: row R, " / "table: row …, " (the rule, column and value) must be the same. */
  function sameRule(db: string, csv: string): void {
    const rest = (s: string): string => s.replace(/^invlab: /, '').replace(/^[^:]+: row [^,]+(?:\([^)]*\))?, /, '').trim();
    expect(rest(db)).toBe(rest(csv));
  }

  it.each([
    ['negative quantity', 'bad_negative', [...good, '2011-01-10,A,-3'], /^invlab: public\.bad_negative: row \(id = 6\), column 'quantity': must be > 0 \(returns and cancellations are not demand\) \(got '-3'\)/],
    ['non-numeric quantity', 'bad_text', [...good.slice(0, 2), '2011-01-06,A,12abc', ...good.slice(2)], /^invlab: public\.bad_text: row \(id = 4\), column 'quantity': must be a number \(got '12abc'\)/],
    ['empty SKU', 'bad_sku', [...good, '2011-01-10, ,3'], /^invlab: public\.bad_sku: row \(id = 6\), column 'sku': must not be empty$/m],
    ['impossible date', 'bad_date', ['2011-02-30,A,1', ...good], /^invlab: public\.bad_date: row \(id = 2\), column 'date': must be an ISO date YYYY-MM-DD \(got '2011-02-30'\)/],
    ['year out of range', 'bad_year', [...good, '0011-01-05,B,1'], /column 'date': must be a date with a year in 1900–2200 \(got '0011-01-05'\)/],
  ])('%s', async (_what, name, rows, message) => {
    const { db, csv } = await both(name, rows);
    expect(db.code).toBe(2);
    expect(csv.code).toBe(2);
    expect(db.err).toMatch(message);
    sameRule(db.err, csv.err);
  }, 30_000);

  it('a NULL SKU and a NULL quantity in a table without a primary key are named by row number', async () => {
    const { db } = await both('bad_null', [...good, '2011-01-10,\\N,3'], true);
    expect(db.code).toBe(2);
    expect(db.err).toMatch(/^invlab: public\.bad_null: row 5, column 'sku': must not be empty$/m);
    const q = await both('bad_null_q', ['2011-01-10,A,\\N', ...good], true);
    expect(q.db.err).toMatch(/^invlab: public\.bad_null_q: row 1, column 'quantity': must be a number \(got ''\)/m);
  }, 30_000);

  it('a SKU with one order line is reported and the others computed (exit 3), as with CSV; --strict makes it fatal (2)', async () => {
    const rows = [...good, '2011-01-10,C,3'];
    const file = await stage('partial', rows);
    const opts = ['--lead-time-mean', '10', '--target', '0.9'];
    const db = await runCli(['policy', '--db', cluster!.url, '--orders-table', 'partial', ...opts, '--write-table', 'partial_out']);
    const csv = await runCli(['policy', '--orders', file, ...opts]);
    expect([db.code, csv.code]).toEqual([3, 3]);
    expect(db.out).toMatch(/\| C \| error \| public\.partial: row \(id = 6\), column 'sku': SKU 'C' has 1 order line; at least 2 are needed for the order-size standard deviation SOQ \(Step 1\) \|/);
    expect(db.out).toMatch(/summary: 2 of 3 SKU\(s\) computed, 1 failed/);
    expect((await sql<{ sku: string }>('select sku from partial_out order by position')).map((r) => r.sku)).toEqual(['A', 'B']);
    const strict = await runCli(['policy', '--db', cluster!.url, '--orders-table', 'partial', ...opts, '--strict', '--write-table', 'partial_strict']);
    expect(strict.code).toBe(2);
    expect((await sql<{ t: string | null }>("select to_regclass('partial_strict')::text as t"))[0]!.t).toBeNull();
  }, 30_000);

  it('a missing column names the table and its columns', async () => {
    await stage('no_qty_col', good);
    const r = await runCli(['policy', '--db', cluster!.url, '--orders-table', 'no_qty_col', '--quantity-column', 'qty', '--lead-time-mean', '10', '--target', '0.9']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/public\.no_qty_col: missing column 'qty' \(order quantity\); the table has: id, date, sku, quantity/);
  }, 30_000);

  it('a SKU with two suppliers names both rows; a view works as the orders table; the write goes to a named schema', async () => {
    await sql('create table sup_orders (id int primary key, date date, sku text, quantity int, supplier text)');
    await sql("insert into sup_orders values (2, '2011-01-03', 'A', 5, 'S1'), (3, '2011-01-04', 'A', 7, 'S1'), (4, '2011-01-05', 'B', 2, 'S2'), (5, '2011-01-09', 'B', 4, 'S2'), (6, '2011-01-10', 'A', 1, 'S9')");
    await sql("create table sup_lt (id int primary key, supplier text, lead_time_days int); insert into sup_lt values (1, 'S1', 4), (2, 'S1', 6), (3, 'S2', 8), (4, 'S2', 9), (5, 'S9', 3), (6, 'S9', 5)");
    const args = ['policy', '--db', cluster!.url, '--lead-times-table', 'sup_lt', '--lead-time-key', 'supplier', '--supplier-column', 'supplier', '--target', '0.9'];
    const two = await runCli([...args, '--orders-table', 'sup_orders']);
    expect(two.code).toBe(2);
    expect(two.err).toMatch(/public\.sup_orders: row \(id = 6\), column 'supplier': SKU 'A' must have one supplier; row \(id = 2\) names 'S1' \(got 'S9'\)/);
    await sql("create schema plans; create view sup_orders_ok as select * from sup_orders where id < 6 order by id");
    const ok = await runCli([...args, '--orders-table', 'sup_orders_ok', '--write-table', 'plans.targets', '--json']);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.out) as { orders: string; results: { sku: string; PLT: number }[] };
    expect(json.orders).toBe('public.sup_orders_ok');
    expect(json.results.map((r) => [r.sku, r.PLT])).toEqual([['A', 5], ['B', 8.5]]);
    expect((await sql<{ sku: string }>('select sku from plans.targets order by position')).map((r) => r.sku)).toEqual(['A', 'B']);
    const both = await runCli([...args, '--orders-table', 'sup_orders_ok', '--orders', ORDERS]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/give the orders either as --orders <file> or as --db <url> --orders-table <table>, not both/);
  }, 30_000);

  it('lead-time records: a group with one observation after dedupe, a negative lead time', async () => {
    await stage('lt_orders', good);
    await sql('create table lt_bad (id int primary key, sku text, days numeric, po text)');
    await sql("insert into lt_bad values (2, 'A', 5, 'p1'), (3, 'A', 6, 'p2'), (4, 'B', 7, 'p3'), (5, 'B', 9, 'p3')");
    const base = ['policy', '--db', cluster!.url, '--orders-table', 'lt_orders', '--lead-times-table', 'lt_bad', '--lead-time-key', 'sku', '--lead-time-column', 'days', '--target', '0.9', '--write-table', 'lt_out'];
    const r = await runCli([...base, '--lead-time-dedupe', 'po']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/public\.lt_bad: row \(id = 4\), column 'days': sku 'B' has 1 observation\(s\); at least 2 are needed for a standard deviation \(Step 2\)/);
    await sql("update lt_bad set days = -1 where id = 3");
    const neg = await runCli(base);
    expect(neg.code).toBe(2);
    expect(neg.err).toMatch(/public\.lt_bad: row \(id = 3\), column 'days': must be ≥ 0 days \(got '-1'\)/);
    expect((await sql<{ t: string | null }>("select to_regclass('lt_out')::text as t"))[0]!.t).toBeNull();
  }, 30_000);
});
