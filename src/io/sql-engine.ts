/**
 * The sql-policy model (Katircioglu, Brown & Asghar 2007, "An SQL-based cost-effective inventory
 * optimization solution") run as SQL: the views of src/models/sql-policy/sql/ (Steps 1-7, one
 * view per step) on an embedded PostgreSQL (PGlite, PostgreSQL compiled to WebAssembly). The
 * order lines and lead-time records are loaded into tables, the settings into a one-row table,
 * and the policy view is read back into the same SkuPolicy results the TypeScript engine gives,
 * so `invlab policy --engine sql` prints and writes exactly what `--engine ts` does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { continuousReviewNote } from '../models/sql-policy/model.ts';
import { buildPolicy, policyOrigin } from '../models/sql-policy/policy.ts';
import type { OrderStatistics, SkuPolicy } from '../models/sql-policy/raw.ts';
import type { LeadTimeComponents, SqlPolicyParams, SqlPolicyResult } from '../models/sql-policy/types.ts';
import type { LeadTimeTable } from './lead-times-csv.ts';
import type { OrderLines } from './orders-csv.ts';

/** The folder of the SQL files (run in name order). */
const SQL_DIR = fileURLToPath(new URL('../models/sql-policy/sql/', import.meta.url));

/** The SQL files of the method, in the order they must run. */
export function sqlFiles(): { name: string; text: string }[] {
  return readdirSync(SQL_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, text: readFileSync(`${SQL_DIR}${name}`, 'utf8') }));
}

/** The shared model settings (objective, review, lot, costs, variant, k). */
export type SqlSettings = Omit<SqlPolicyParams, 'sku' | 'demand' | 'leadTime'>;

/** Where each SKU's lead times come from, and the data window. */
export interface SqlRunOptions {
  /** 'pooled' one group '*', 'sku' / 'supplier' groups keyed by the SKU or its supplier, 'given' a mean/sd */
  leadKeyMode: 'pooled' | 'sku' | 'supplier' | 'given';
  /** lead time given as PLT mean/sd (leadKeyMode 'given') */
  given?: { mean: number; sd: number };
  /** CLTR given (overrides the records) */
  cltr?: { mean: number; sd: number };
  windowMode: 'calendar' | 'trading';
  /** T given directly */
  windowDays?: number;
  /** only these SKUs (undefined: all) */
  skus?: string[];
}

/** The one row of invlab_settings for these settings and options (column → value, NULL as null). */
export function settingsRow(s: SqlSettings, r: SqlRunOptions): Record<string, string | number | string[] | null> {
  const c = s.costs ?? {};
  const n = (x: number | undefined): number | null => (x === undefined ? null : x);
  return {
    objective: s.objective,
    review: s.review,
    mlt: s.review === 'periodic' ? n(s.reviewPeriod) : null,
    variant: s.variant,
    k_method: s.kMethod,
    lot_rule: s.lot.rule,
    lot_fixed: n(s.lot.fixed),
    lot_multiple: n(s.lot.multiple),
    lot_min: n(s.lot.min),
    lot_max: n(s.lot.max),
    hcost: n(c.holding),
    scost: n(c.shortage),
    ocost: n(c.order),
    unit_cost: n(c.unitCost),
    price: n(c.price),
    salvage: n(c.salvage),
    price_decline: n(c.priceDecline),
    season_days: n(s.seasonDuration),
    season_days_sd: n(s.seasonDurationSd),
    ndays: n(s.workingDaysPerYear),
    target: n(s.target),
    cltc: n(s.committedLeadTime),
    cltr_mean: n(r.cltr?.mean),
    cltr_sd: n(r.cltr?.sd),
    lead_key_mode: r.leadKeyMode,
    lt_mean: n(r.given?.mean),
    lt_sd: n(r.given?.sd),
    window_mode: r.windowMode,
    window_days: n(r.windowDays),
    skus: r.skus ?? null,
  };
}

/** A SQL literal of a settings value (for the printed script). */
function literal(v: string | number | string[] | null): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return `${String(v)}::float8`;
  if (Array.isArray(v)) return `array[${v.map((x) => literal(x)).join(', ')}]::text[]`;
  return `'${v.replace(/'/g, "''")}'`;
}

/** The settings as an INSERT statement (replacing any previous row). */
export function settingsInsertSql(row: Record<string, string | number | string[] | null>): string {
  const cols = Object.keys(row);
  return `delete from invlab_settings;\ninsert into invlab_settings (${cols.join(', ')})\nvalues (${cols.map((c) => literal(row[c]!)).join(', ')});\n`;
}

/** The whole script: schema, functions, the step views, the settings row, the final query. */
export function sqlScript(row?: Record<string, string | number | string[] | null>): string {
  const parts = sqlFiles().map((f) => `-- ==== ${f.name} ====\n${f.text}`);
  if (row) parts.push(`-- ==== settings of this run ====\n${settingsInsertSql(row)}\nselect * from invlab_policy;\n`);
  return parts.join('\n');
}

/** The minimal database interface the runner needs (PGlite and a pg client both fit). */
export interface SqlDb {
  exec(sql: string): Promise<unknown>;
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /**
   * bulk load a binary COPY stream into `target` ('table (columns)'), where the driver can: the
   * embedded engine then loads the order lines packed per SKU (sql/embedded/packed-order-lines.sql)
   */
  copyBinary?(target: string, data: Uint8Array): Promise<void>;
}

/** One row of the invlab_policy view (float8 columns arrive as numbers). */
export interface PolicyViewRow {
  sku: string;
  n: number;
  t: number;
  toq: number;
  toqs: number;
  aoq: number;
  soq: number;
  oar: number;
  aod: number;
  sod: number;
  sod_printed: number;
  sod_corrected: number;
  opt: number;
  sopt: number;
  tlt: number;
  stlt: number;
  plt: number;
  splt: number;
  cltr: number;
  scltr: number;
  cltc: number | null;
  mlt: number;
  pvalue: number;
  rlt_unclamped: number;
  rlt: number;
  srlt: number;
  adlt: number;
  sdlt: number;
  lot_base: number;
  lot: number;
  gvalue: number | null;
  k_approx: number;
  k_exact: number;
  k: number;
  ss: number;
  rop: number;
  max: number;
}

/** Create the tables, functions and views (idempotent). */
export async function installSql(db: SqlDb): Promise<void> {
  for (const f of sqlFiles()) await db.exec(f.text);
}

/** Load order lines (and lead-time records) into the input tables, replacing their contents. */
export async function loadInputs(db: SqlDb, orders: OrderLines, leadTimes: LeadTimeTable | undefined): Promise<void> {
  await db.exec('truncate invlab_order_lines; truncate invlab_lead_time_records;');
  if (db.copyBinary) {
    await db.exec('truncate invlab_order_lines_packed;');
    await db.copyBinary('invlab_order_lines_packed (sku, supplier, first_line, dates, quantities)', packedOrderLines(orders));
  } else await insertOrderLines(db, orders);
  await db.exec('select invlab_refresh();');
  if (leadTimes) await insertLeadTimes(db, leadTimes);
}

/** Days from 1970-01-01 to PostgreSQL's date epoch 2000-01-01. */
const PG_EPOCH_DAY = 10_957;

/** Bytes of a binary COPY array header (length excluded): dimensions, NULL flag, element oid, size, lower bound. */
const ARRAY_HEADER = 20;

/** Write a one-dimensional binary COPY array field's length and header; returns the offset of its first element. */
function arrayHeader(v: DataView, at: number, oid: number, n: number, elementBytes: number): number {
  v.setInt32(at, ARRAY_HEADER + n * (4 + elementBytes));
  v.setInt32(at + 4, 1); // dimensions
  v.setInt32(at + 8, 0); // no NULLs
  v.setInt32(at + 12, oid);
  v.setInt32(at + 16, n);
  v.setInt32(at + 20, 1); // lower bound
  return at + 24;
}

/** Write a text field (NULL: length −1); returns the offset after it. */
function textField(buf: Uint8Array, v: DataView, at: number, bytes: Uint8Array | null): number {
  if (bytes === null) {
    v.setInt32(at, -1);
    return at + 4;
  }
  v.setInt32(at, bytes.length);
  buf.set(bytes, at + 4);
  return at + 4 + bytes.length;
}

/** Per SKU: the number of lines and the first line. */
function skuLineCounts(orders: OrderLines): { count: Int32Array; first: Int32Array } {
  const count = new Int32Array(orders.skus.length);
  const first = new Int32Array(orders.skus.length).fill(-1);
  for (let i = 0; i < orders.skuIndex.length; i++) {
    const s = orders.skuIndex[i]!;
    if (first[s] === -1) first[s] = i;
    count[s]++;
  }
  return { count, first };
}

/**
 * The order lines packed per SKU (sql/embedded/packed-order-lines.sql), as one binary COPY
 * stream: per SKU, in first-appearance order, its supplier, first line and the arrays of its
 * lines' dates and quantities in line order (so the SQL sums them in the same order). The rows'
 * fixed parts are laid out first; one pass over the lines then writes each line's date and
 * quantity at its SKU's next free element (no per-SKU sort of the lines).
 */
export function packedOrderLines(orders: OrderLines): Uint8Array {
  const { count, first } = skuLineCounts(orders);
  const names = orders.skus.map((sku) => Buffer.from(sku, 'utf8'));
  const suppliers = orders.supplierOf?.map((x) => Buffer.from(x, 'utf8'));
  let size = 19 + 2;
  for (let s = 0; s < names.length; s++) size += 2 + 4 + names[s]!.length + 4 + (suppliers?.[s]?.length ?? 0) + 12 + 2 * (4 + ARRAY_HEADER) + count[s]! * 20;
  const buf = new Uint8Array(size);
  const v = new DataView(buf.buffer);
  buf.set([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]); // signature; flags and header extension 0
  const datePos = new Int32Array(names.length);
  const quantityPos = new Int32Array(names.length);
  let at = 19;
  for (let s = 0; s < names.length; s++) {
    v.setInt16(at, 5);
    at = textField(buf, v, at + 2, names[s]!);
    at = textField(buf, v, at, suppliers ? suppliers[s]! : null);
    v.setInt32(at, 8);
    v.setInt32(at + 4, Math.floor(first[s]! / 2 ** 32));
    v.setInt32(at + 8, first[s]! >>> 0);
    datePos[s] = arrayHeader(v, at + 12, 1082, count[s]!, 4);
    quantityPos[s] = arrayHeader(v, datePos[s]! + count[s]! * 8, 701, count[s]!, 8);
    at = quantityPos[s]! + count[s]! * 12;
  }
  v.setInt16(at, -1);
  const { skuIndex, day, quantity } = orders;
  for (let i = 0; i < skuIndex.length; i++) {
    const s = skuIndex[i]!;
    const d = datePos[s]!;
    v.setInt32(d, 4);
    v.setInt32(d + 4, day[i]! - PG_EPOCH_DAY);
    datePos[s] = d + 8;
    const q = quantityPos[s]!;
    v.setInt32(q, 8);
    v.setFloat64(q + 4, quantity[i]!);
    quantityPos[s] = q + 12;
  }
  return buf;
}

/** The order lines by INSERT … unnest (for a pg server), in chunks. */
async function insertOrderLines(db: SqlDb, orders: OrderLines): Promise<void> {
  const chunk = 100_000;
  const skuNames = orders.skus;
  for (let start = 0; start < orders.day.length; start += chunk) {
    const end = Math.min(orders.day.length, start + chunk);
    const lineNo: number[] = [];
    const day: number[] = [];
    const sku: string[] = [];
    const qty: number[] = [];
    const supplier: (string | null)[] = [];
    for (let i = start; i < end; i++) {
      const s = orders.skuIndex[i]!;
      lineNo.push(i);
      day.push(orders.day[i]!);
      sku.push(skuNames[s]!);
      qty.push(orders.quantity[i]!);
      supplier.push(orders.supplierOf ? orders.supplierOf[s]! : null);
    }
    await db.query(
      `insert into invlab_order_lines (line_no, order_date, sku, quantity, supplier)
       select l, date '1970-01-01' + d, s, q, p from unnest($1::bigint[], $2::int[], $3::text[], $4::float8[], $5::text[]) as u(l, d, s, q, p)`,
      [lineNo, day, sku, qty, supplier],
    );
  }
}

/** The lead-time records (after the reader's dedupe), one row per observation. */
async function insertLeadTimes(db: SqlDb, leadTimes: LeadTimeTable): Promise<void> {
  const key: string[] = [];
  const cols: Record<'opt' | 'tlt' | 'plt' | 'cltr', (number | null)[]> = { opt: [], tlt: [], plt: [], cltr: [] };
  const comp = { opt: 'orderProcessing', tlt: 'transportation', plt: 'supply', cltr: 'customerRequested' } as const;
  for (const g of leadTimes.groups.values()) {
    for (let i = 0; i < g.n; i++) {
      key.push(g.key);
      for (const c of ['opt', 'tlt', 'plt', 'cltr'] as const) cols[c].push(g.samples[comp[c]]?.[i] ?? null);
    }
  }
  await db.query(
    `insert into invlab_lead_time_records (lt_key, opt, tlt, plt, cltr)
     select * from unnest($1::text[], $2::float8[], $3::float8[], $4::float8[], $5::float8[])`,
    [key, cols.opt, cols.tlt, cols.plt, cols.cltr],
  );
}

/** Write the settings row and read the policy view. */
export async function queryPolicies(db: SqlDb, settings: SqlSettings, run: SqlRunOptions): Promise<SkuPolicy[]> {
  await db.exec(settingsInsertSql(settingsRow(settings, run)));
  const res = await db.query<PolicyViewRow>('select * from invlab_policy');
  return res.rows.map((r) => toSkuPolicy(r, settings));
}

/** The notes the TypeScript engine attaches (model.ts), from the SQL's intermediates. */
function notesOf(r: PolicyViewRow, s: SqlSettings): string[] {
  const notes: string[] = [];
  if (s.objective === 'profit' && s.seasonDurationSd === undefined) notes.push('SPDURATION undefined in the paper: taken as 0');
  if (s.objective !== 'profit' && r.rlt_unclamped < 0) notes.push(`RLT − CLT = ${r.rlt_unclamped} < 0: the customer lead time covers the replenishment; RLT clamped at 0`);
  if (r.sdlt === 0) notes.push('SDLT = 0: no uncertainty over the lead time; k = 0 and SS = 0');
  if (s.review === 'continuous' && s.objective !== 'profit') notes.push(continuousReviewNote(s.lot.rule === 'flexible'));
  return notes;
}

/** A row of the policy view as the TypeScript engine's SkuPolicy (statistics, result, simulator policy). */
export function toSkuPolicy(r: PolicyViewRow, s: SqlSettings): SkuPolicy {
  const flexible = s.lot.rule === 'flexible';
  const mlt = s.review === 'periodic' ? (s.reviewPeriod ?? 0) : 0;
  const stats: OrderStatistics = { N: r.n, T: r.t, TOQ: r.toq, TOQS: r.toqs, AOQ: r.aoq, SOQ: r.soq, OAR: r.oar };
  const policy = buildPolicy({ objective: s.objective, review: s.review, mlt, flexible, lot: s.lot, LOT: r.lot, ROP: r.rop, MAX: r.max, season: s.objective === 'profit' ? r.rlt : 0 });
  policy.origin = policyOrigin({ sku: r.sku, objective: s.objective, review: s.review, variant: s.variant, kMethod: s.kMethod, lot: s.lot, flexible, pValue: r.pvalue, k: r.k });
  const result: SqlPolicyResult = {
    sku: r.sku,
    objective: s.objective,
    review: s.review,
    variant: s.variant,
    kMethod: s.kMethod,
    OAR: r.oar,
    AOQ: r.aoq,
    SOQ: r.soq,
    AOD: r.aod,
    SOD: r.sod,
    SODprinted: r.sod_printed,
    SODcorrected: r.sod_corrected,
    OPT: r.opt,
    SOPT: r.sopt,
    TLT: r.tlt,
    STLT: r.stlt,
    PLT: r.plt,
    SPLT: r.splt,
    CLTR: r.cltr,
    SCLTR: r.scltr,
    CLTC: s.committedLeadTime ?? 0,
    MLT: mlt,
    PVALUE: r.pvalue,
    RLTunclamped: r.rlt_unclamped,
    RLT: r.rlt,
    SRLT: r.srlt,
    ADLT: r.adlt,
    SDLT: r.sdlt,
    LOT: r.lot,
    lotBase: r.lot_base,
    GVALUE: r.gvalue ?? undefined,
    kApprox: r.k_approx,
    kExact: r.k_exact,
    k: r.k,
    SS: r.ss,
    ROP: r.rop,
    MAX: r.max,
    policy,
    notes: notesOf(r, s),
  };
  return { stats, result };
}

/** A fresh embedded PostgreSQL (PGlite) with the method installed. Close it with db.close(). */
export async function openEmbeddedDb(): Promise<SqlDb & { close(): Promise<void> }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = new PGlite();
  const db = {
    exec: (sql: string): Promise<unknown> => pg.exec(sql),
    query: <T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }> => pg.query<T>(sql, params),
    copyBinary: async (target: string, data: Uint8Array): Promise<void> => {
      await pg.query(`copy ${target} from '/dev/blob' with (format binary)`, [], { blob: new Blob([data]) });
    },
    close: (): Promise<void> => pg.close(),
  };
  await db.exec(readFileSync(`${SQL_DIR}embedded/packed-order-lines.sql`, 'utf8'));
  await installSql(db);
  await db.exec(readFileSync(`${SQL_DIR}embedded/packed-trading-days.sql`, 'utf8'));
  return db;
}

/**
 * A PostgreSQL server (through `pg`), with the method installed in `schema` (created if absent,
 * and first on the search path so the invlab_ tables and views live there). Close with db.close().
 */
export async function openServerDb(url: string, schema = 'invlab'): Promise<SqlDb & { close(): Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`schema must be a lower-case SQL identifier, got '${schema}'`);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const db = {
    exec: async (sql: string): Promise<unknown> => client.query(sql),
    query: async <T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }> => {
      const r = await client.query(sql, params);
      return { rows: r.rows as T[] };
    },
    close: async (): Promise<void> => client.end(),
  };
  try {
    // jit off: the step views' one-row settings joins give the planner huge row estimates, which
    // would make it JIT-compile the plan for seconds to run a query of milliseconds
    await db.exec(`create schema if not exists ${schema}; set search_path to ${schema}, public; set jit = off;`);
    await installSql(db);
  } catch (e) {
    await client.end();
    throw e;
  }
  return db;
}

/** The inputs of one run of the method on the embedded database. */
export interface SqlEngineInput {
  orders: OrderLines;
  leadTimes: LeadTimeTable | undefined;
  settings: SqlSettings;
  run: SqlRunOptions;
}

/** Load, query and close: every SKU's policy computed by the SQL of Steps 1-7 on PGlite. */
export async function runSqlEngine(input: SqlEngineInput): Promise<SkuPolicy[]> {
  const db = await openEmbeddedDb();
  try {
    await loadInputs(db, input.orders, input.leadTimes);
    return await queryPolicies(db, input.settings, input.run);
  } catch (e) {
    throw new Error(`SQL engine: ${(e as Error).message}`);
  } finally {
    await db.close();
  }
}

/** Lead-time components of a SqlRunOptions 'given' mode, from the TypeScript path's components. */
export function givenFrom(lt: LeadTimeComponents): { mean: number; sd: number } | undefined {
  return lt.supply ? { mean: lt.supply.mean, sd: lt.supply.sd } : undefined;
}
