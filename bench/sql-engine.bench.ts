/**
 * Benchmark of the SQL form of the sql-policy model (Katircioglu, Brown & Asghar 2007, Steps 1-7
 * as PostgreSQL views, src/models/sql-policy/sql/): 10^6 synthetic order lines over 1,000 SKUs to
 * per-SKU policies (objective fill-rate 0.95, periodic review of 7 days, exact k, lead time 10 ± 3
 * days), in one process and one run, so the figures can be compared as RATIOS even on a busy
 * machine:
 * - the TypeScript engine (Steps 1-7 from the parsed lines; the CSV parsing, shared by both
 *   engines, timed separately);
 * - PGlite (embedded PostgreSQL) as `invlab policy --engine sql` runs it: boot, install, then the
 *   load step by step (packing the lines per SKU in JavaScript, the one binary COPY of
 *   sql/embedded/packed-order-lines.sql, the Step 1 sums computed by the SQL from the lines) and
 *   the query (the policy view, exact k; and with the paper's closed-form k);
 * - PGlite loading the lines ROW BY ROW (COPY of CSV text into invlab_order_lines, the schema a
 *   DBA uses; the embedded engine's load before the packed path), as the baseline of the load;
 * - a PostgreSQL server when INVLAB_BENCH_PG_URL is set: load (row by row), and query alone.
 * Every step records wall-clock seconds and the process's CPU seconds (PGlite runs in this
 * thread): on a machine shared with other work the wall clock includes waiting for a core, the CPU
 * time much less so, which makes it the better estimate of the figure on a quiet machine.
 * The paper reports 25 s for 10 products and 10,000 order lines on its 2007 hardware.
 * Run: npx tsx bench/sql-engine.bench.ts (writes results/bench/sql-engine.json).
 */
import { PGlite } from '@electric-sql/pglite';
import { writeJsonAtomic } from '../src/io/files.ts';
import { parseOrdersCsv, type OrderLines } from '../src/io/orders-csv.ts';
import { installSql, loadInputs, openEmbeddedDb, openServerDb, packedOrderLines, queryPolicies, type SqlDb, type SqlRunOptions, type SqlSettings } from '../src/io/sql-engine.ts';
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
const cpuSeconds: Record<string, number> = {};

async function timed<T>(label: string, f: () => Promise<T> | T): Promise<T> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const r = await f();
  const used = process.cpuUsage(cpu);
  seconds[label] = (performance.now() - t) / 1000;
  cpuSeconds[label] = (used.user + used.system) / 1e6;
  console.log(`${label.padEnd(48)} ${seconds[label]!.toFixed(3)} s   cpu ${cpuSeconds[label]!.toFixed(3)} s`);
  return r;
}

/** The order lines as CSV text for COPY into invlab_order_lines (no header), the row-by-row load. */
function orderLinesCsv(orders: OrderLines): string {
  const parts: string[] = [];
  for (let i = 0; i < orders.day.length; i++) parts.push(`${i},${new Date(orders.day[i]! * 86_400_000).toISOString().slice(0, 10)},${orders.skus[orders.skuIndex[i]!]!},${orders.quantity[i]!},\n`);
  return parts.join('');
}

const LOAD_STEPS = ['PGlite load: pack per SKU (JavaScript)', 'PGlite load: binary COPY', 'PGlite load: Step 1 sums (SQL)'] as const;
const QUERY = 'PGlite: query (policy view, exact k)';

/** PGlite as the embedded engine runs it (loadInputs, step by step): returns the ROPs. */
async function embedded(orders: OrderLines): Promise<number[]> {
  await timed('PGlite: boot', async () => {
    const p = new PGlite();
    await p.query('select 1');
    await p.close();
  });
  const db = await timed('PGlite: boot + install', openEmbeddedDb);
  try {
    const packed = await timed(LOAD_STEPS[0], () => packedOrderLines(orders));
    await timed(LOAD_STEPS[1], () => db.copyBinary!('invlab_order_lines_packed (sku, supplier, first_line, dates, quantities)', packed));
    await timed(LOAD_STEPS[2], () => db.exec('select invlab_refresh()'));
    const res = await timed(QUERY, () => queryPolicies(db, settings, run));
    await timed('PGlite: query (policy view, closed-form k)', () => queryPolicies(db, { ...settings, kMethod: 'approx' }, run));
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
const sum = (t: Record<string, number>, keys: readonly string[]): number => keys.reduce((a, k) => a + t[k]!, 0);
const TS_KEYS = ['parse + validate CSV (both engines)', 'TypeScript engine: Steps 1-7'];
const SQL_KEYS = [...LOAD_STEPS, QUERY];
const sqlTotal = sum(s, SQL_KEYS);
const ratios = {
  'PGlite load + query / TypeScript parse + Steps 1-7': sqlTotal / sum(s, TS_KEYS),
  'PGlite load + query / TypeScript Steps 1-7': sqlTotal / s['TypeScript engine: Steps 1-7']!,
  'PGlite load row by row / packed': s[`PGlite: load ${LINES} lines row by row (+ sums)`]! / sum(s, LOAD_STEPS),
  'PGlite load + query, CPU / wall': sum(cpuSeconds, SQL_KEYS) / sqlTotal,
};
for (const [k, v] of Object.entries(ratios)) console.log(`${k.padEnd(56)} ${v.toFixed(2)}×`);
const loadAndQuery = { wallSeconds: sqlTotal, cpuSeconds: sum(cpuSeconds, SQL_KEYS), goalSeconds: 3 };
console.log(`PGlite load + query: ${sqlTotal.toFixed(3)} s wall, ${loadAndQuery.cpuSeconds.toFixed(3)} s CPU (goal < 3 s on a quiet machine)`);
writeJsonAtomic('results/bench/sql-engine.json', { lines: LINES, skus: SKUS, seconds, cpuSeconds, loadAndQuery, ratios, maxRelativeDifference: differences });
