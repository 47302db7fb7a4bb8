/**
 * Benchmark of the SQL form of the sql-policy model (Katircioglu, Brown & Asghar 2007, Steps 1-7
 * as PostgreSQL views, src/models/sql-policy/sql/): 10^6 synthetic order lines over 1,000 SKUs to
 * per-SKU policies (objective fill-rate 0.95, periodic review of 7 days, exact k, lead time 10 ± 3
 * days), in one process and one run, so the figures can be compared as RATIOS even on a busy
 * machine:
 * - the TypeScript engine (Steps 1-7 from the parsed lines; the CSV parsing, shared by both
 *   engines, timed separately);
 * - PGlite (embedded PostgreSQL) as `invlab policy --engine sql` runs it: boot, install, load
 *   (the lines packed per SKU by one binary COPY, sql/embedded/packed-order-lines.sql, then the
 *   Step 1 sums), query (the policy view);
 * - PGlite loading the lines ROW BY ROW (COPY of CSV text into invlab_order_lines, the schema a
 *   DBA uses; the embedded engine's load before the packed path), as the baseline of the load;
 * - a PostgreSQL server when INVLAB_BENCH_PG_URL is set: load (row by row), and query alone.
 * The paper reports 25 s for 10 products and 10,000 order lines on its 2007 hardware.
 * Run: npx tsx bench/sql-engine.bench.ts (writes results/bench/sql-engine.json).
 */
import { PGlite } from '@electric-sql/pglite';
import { writeJsonAtomic } from '../src/io/files.ts';
import { parseOrdersCsv, type OrderLines } from '../src/io/orders-csv.ts';
import { installSql, loadInputs, openEmbeddedDb, openServerDb, queryPolicies, type SqlDb, type SqlRunOptions, type SqlSettings } from '../src/io/sql-engine.ts';
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
const seconds: Record<string, number> = {};

async function timed<T>(label: string, f: () => Promise<T> | T): Promise<T> {
  const t = performance.now();
  const r = await f();
  seconds[label] = (performance.now() - t) / 1000;
  console.log(`${label.padEnd(44)} ${seconds[label]!.toFixed(3)} s`);
  return r;
}

/** The order lines as CSV text for COPY into invlab_order_lines (no header), the row-by-row load. */
function orderLinesCsv(orders: OrderLines): string {
  const parts: string[] = [];
  for (let i = 0; i < orders.day.length; i++) parts.push(`${i},${new Date(orders.day[i]! * 86_400_000).toISOString().slice(0, 10)},${orders.skus[orders.skuIndex[i]!]!},${orders.quantity[i]!},\n`);
  return parts.join('');
}

/** PGlite as the embedded engine runs it: returns the ROPs. */
async function embedded(orders: OrderLines): Promise<number[]> {
  await timed('PGlite: boot', async () => {
    const p = new PGlite();
    await p.query('select 1');
    await p.close();
  });
  const db = await timed('PGlite: boot + install', openEmbeddedDb);
  try {
    await timed(`PGlite: load ${LINES} lines packed (+ sums)`, () => loadInputs(db, orders, undefined));
    const res = await timed('PGlite: query (policy view)', () => queryPolicies(db, settings, run));
    return res.map((p) => p.result.ROP);
  } finally {
    await db.close();
  }
}

/** PGlite loading the lines row by row (COPY of CSV text), the baseline of the load: returns the ROPs. */
async function rowByRow(orders: OrderLines): Promise<number[]> {
  const pg = new PGlite();
  const db: SqlDb = { exec: (s) => pg.exec(s), query: (s, p) => pg.query(s, p) };
  await installSql(db);
  try {
    await timed(`PGlite: load ${LINES} lines row by row (+ sums)`, async () => {
      const csv = orderLinesCsv(orders);
      await pg.query(`copy invlab_order_lines (line_no, order_date, sku, quantity, supplier) from '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) });
      await pg.exec('select invlab_refresh()');
    });
    const res = await queryPolicies(db, settings, run);
    return res.map((p) => p.result.ROP);
  } finally {
    await pg.close();
  }
}

async function server(url: string, orders: OrderLines): Promise<number[]> {
  const db = await timed('server: open + install', () => openServerDb(url, 'invlab_bench'));
  try {
    await timed(`server: load ${LINES} lines (+ sums)`, () => loadInputs(db, orders, undefined));
    const res = await timed('server: query (policy view)', () => queryPolicies(db, settings, run));
    return res.map((p) => p.result.ROP);
  } finally {
    await db.exec('drop schema invlab_bench cascade');
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
const maxRel = (rops: number[]): number => Math.max(...rops.map((r, i) => Math.abs(r - ts[i]!) / Math.abs(ts[i]!)));
const differences: Record<string, number> = { packed: maxRel(await embedded(orders)), rowByRow: maxRel(await rowByRow(orders)) };
const url = process.env.INVLAB_BENCH_PG_URL;
if (url) differences.server = maxRel(await server(url, orders));
console.log(`max relative difference of the ROPs from the TypeScript engine: ${Object.entries(differences).map(([k, v]) => `${k} ${v.toExponential(2)}`).join(', ')}`);

const s = seconds;
const tsTotal = s['parse + validate CSV (both engines)']! + s['TypeScript engine: Steps 1-7']!;
const sqlTotal = s[`PGlite: load ${LINES} lines packed (+ sums)`]! + s['PGlite: query (policy view)']!;
const ratios = {
  'PGlite load + query / TypeScript parse + Steps 1-7': sqlTotal / tsTotal,
  'PGlite load + query / TypeScript Steps 1-7': sqlTotal / s['TypeScript engine: Steps 1-7']!,
  'PGlite load row by row / packed': s[`PGlite: load ${LINES} lines row by row (+ sums)`]! / s[`PGlite: load ${LINES} lines packed (+ sums)`]!,
};
for (const [k, v] of Object.entries(ratios)) console.log(`${k.padEnd(56)} ${v.toFixed(2)}×`);
console.log(`PGlite load + query: ${sqlTotal.toFixed(3)} s (goal < 3 s on a quiet machine)`);
writeJsonAtomic('results/bench/sql-engine.json', { lines: LINES, skus: SKUS, seconds, ratios, maxRelativeDifference: differences });
