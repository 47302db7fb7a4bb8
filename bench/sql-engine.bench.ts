/**
 * Benchmark of the SQL form of the sql-policy model (Katircioglu, Brown & Asghar 2007, Steps 1-7
 * as PostgreSQL views, src/models/sql-policy/sql/): 10^6 synthetic order lines over 1,000 SKUs to
 * per-SKU policies (objective fill-rate 0.95, periodic review of 7 days, exact k, lead time 10 ± 3
 * days), on
 * - the TypeScript engine (Steps 1-7 from the parsed lines);
 * - PGlite (embedded PostgreSQL): open and install, load the lines, query (refresh + policy view);
 * - a PostgreSQL server when INVLAB_BENCH_PG_URL is set: load, and query alone.
 * The CSV parsing (shared by both engines) is timed separately. The paper reports 25 s for 10
 * products and 10,000 order lines on its 2007 hardware. Run: npx tsx bench/sql-engine.bench.ts
 */
import { parseOrdersCsv } from '../src/io/orders-csv.ts';
import { loadInputs, openEmbeddedDb, openServerDb, queryPolicies, type SqlDb, type SqlRunOptions, type SqlSettings } from '../src/io/sql-engine.ts';
import { dataWindowDays, solveForSkus } from '../src/models/sql-policy/raw.ts';
import { RandomStream } from '../src/rng/stream.ts';

const LINES = 1_000_000;
const SKUS = 1_000;

function syntheticCsv(): string {
  const rng = new RandomStream([1, 'bench', 'sql-engine', 'orders']);
  const parts: string[] = ['date,sku,quantity\n'];
  const start = Date.UTC(2020, 0, 1) / 86_400_000;
  for (let i = 0; i < LINES; i++) {
    const date = new Date((start + Math.floor((i / LINES) * 365)) * 86_400_000).toISOString().slice(0, 10);
    parts.push(`${date},SKU${rng.int(SKUS)},${1 + rng.int(50)}\n`);
  }
  return parts.join('');
}

const settings: SqlSettings = { objective: 'fill-rate', target: 0.95, review: 'periodic', reviewPeriod: 7, variant: 'corrected', kMethod: 'exact', lot: { rule: 'flexible' } };
const run: SqlRunOptions = { leadKeyMode: 'given', given: { mean: 10, sd: 3 }, windowMode: 'calendar' };

async function timed<T>(label: string, f: () => Promise<T> | T): Promise<T> {
  const t = performance.now();
  const r = await f();
  console.log(`${label.padEnd(40)} ${((performance.now() - t) / 1000).toFixed(3)} s`);
  return r;
}

async function sqlRun(label: string, open: () => Promise<SqlDb & { close(): Promise<void> }>, orders: ReturnType<typeof parseOrdersCsv>): Promise<number[]> {
  const db = await timed(`${label}: open + install`, open);
  try {
    await timed(`${label}: load ${LINES} lines (+ refresh)`, () => loadInputs(db, orders, undefined));
    const res = await timed(`${label}: query (policy view)`, () => queryPolicies(db, settings, run));
    return res.map((p) => p.result.ROP);
  } finally {
    await db.close();
  }
}

const csv = await timed('generate CSV', syntheticCsv);
const orders = await timed('parse + validate CSV (both engines)', () => parseOrdersCsv(csv, 'synthetic.csv'));
const ts = await timed('TypeScript engine: Steps 1-7', () => {
  const days = dataWindowDays(orders.minDay, orders.maxDay, orders.tradingDays, 'calendar');
  const inputs = orders.skus.map((sku, i) => ({ sku, n: orders.count[i]!, sum: orders.sum[i]!, sumSquares: orders.sumSquares[i]!, leadTime: { supply: { mean: 10, sd: 3 } } }));
  return solveForSkus(inputs, days, settings).map((p) => p.result.ROP);
});
const check = (rops: number[]): string => `max relative difference from TypeScript ${Math.max(...rops.map((r, i) => Math.abs(r - ts[i]!) / Math.abs(ts[i]!))).toExponential(2)}`;
console.log(check(await sqlRun('PGlite', openEmbeddedDb, orders)));
const url = process.env.INVLAB_BENCH_PG_URL;
if (url) console.log(check(await sqlRun('server', () => openServerDb(url, 'invlab_bench'), orders)));
