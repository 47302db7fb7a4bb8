/**
 * The sql-policy model (Katircioglu, Brown & Asghar 2007, "An SQL-based cost-effective inventory
 * optimization solution", Steps 1-7) run as SQL on the user's own PostgreSQL server, reading the
 * order lines and lead-time records from their tables: `invlab policy --db … --orders-table …`.
 *
 * One run is ONE transaction on one connection:
 *  1. the method (src/models/sql-policy/sql/) is installed in a fresh schema invlab_run_<id>,
 *     first on the search path for this transaction only;
 *  2. the user's tables are checked inside the database with the CSV readers' rules and messages
 *     (a missing column, an empty SKU, a quantity that is not a number > 0, a bad date, a SKU with
 *     two suppliers, a lead time that is not a number ≥ 0, a lead-time group with fewer than 2
 *     observations): the error names the table, the row (its primary key, or its row number),
 *     the column and the rule, and the transaction is rolled back;
 *  3. the lines are copied into the method's input tables inside the server (no round trip);
 *  4. the policy view is read back (the same SkuPolicy results as the TypeScript engine);
 *  5. with a write table, the policy table is created (an existing one dropped first only when
 *     `replace` is given) and its row count checked;
 *  6. the run schema is dropped and the transaction committed.
 * Any failure rolls everything back: no run schema, no partial policy table, an existing table
 * left as it was.
 */
import { InputError } from '../core/validate.ts';
import type { SkuPolicy } from '../models/sql-policy/raw.ts';
import { dateRule, MAX_INPUT_MAGNITUDE, MAX_YEAR, MIN_YEAR } from './common-csv.ts';
import { installSql, settingsInsertSql, settingsRow, toSkuPolicy, type PolicyViewRow, type SqlDb, type SqlRunOptions, type SqlSettings } from './sql-engine.ts';

/** The user's order-lines table and its column names. */
export interface OrdersTableSpec {
  /** '[schema.]table' (a plain name folds to lower case as in SQL; "quoted" keeps its case) */
  table: string;
  date: string;
  sku: string;
  quantity: string;
  /** a column naming each line's supplier (lead times keyed by it) */
  supplier?: string;
  /** checked to exist only (the CSV reader counts distinct orders with it) */
  orderId?: string;
}

/** The user's lead-time records table: a key column (or none: pooled), the value columns, a dedupe column. */
export interface LeadTimesTableSpec {
  table: string;
  key?: string;
  dedupe?: string;
  /** one total lead-time column read as PLT (default 'lead_time_days' when no component is named) */
  total?: string;
  orderProcessing?: string;
  transportation?: string;
  supply?: string;
  customerRequested?: string;
}

export interface ServerRunInput {
  url: string;
  orders: OrdersTableSpec;
  leadTimes?: LeadTimesTableSpec;
  settings: SqlSettings;
  /** lead time given (no lead-times table), CLTR given, the data window, the SKUs wanted */
  run: Omit<SqlRunOptions, 'leadKeyMode'>;
  /** write the policy table back (in the same transaction) */
  write?: { table: string; replace: boolean };
  /** any SKU that cannot be computed is fatal (otherwise it is reported and the others computed) */
  strict?: boolean;
}

export interface ServerRunResult {
  /** the orders table as resolved on the server (schema.table) */
  orders: string;
  lines: number;
  days: number;
  /** every quantity is a whole number */
  wholeUnits: boolean;
  policies: SkuPolicy[];
  failed: { sku: string; status: 'error'; reason: string }[];
  written?: { table: string; rows: number };
  server: string;
}

/** A quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const PART = String.raw`(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))`;
const QUALIFIED = new RegExp(`^${PART}(?:\\.${PART})?$`);

/** '[schema.]name' as its parts (plain names folded to lower case, quoted ones kept), or an InputError naming the option. */
export function parseTableName(text: string, option: string): { schema?: string; name: string } {
  const m = QUALIFIED.exec(text.trim());
  if (!m) throw new InputError(`${option} must be a table name [schema.]table (letters, digits, _; or "quoted"), got '${text}'`);
  const part = (quoted: string | undefined, plain: string | undefined): string | undefined => (quoted !== undefined ? quoted.replace(/""/g, '"') : plain?.toLowerCase());
  const first = part(m[1], m[2])!;
  const second = part(m[3], m[4]);
  return second === undefined ? { name: first } : { schema: first, name: second };
}

/** The qualified, quoted name of parts. */
function qualified(p: { schema: string; name: string }): string {
  return `${quoteIdent(p.schema)}.${quoteIdent(p.name)}`;
}

/** A table or view on the server, resolved through the session's search path, with its columns. */
interface ResolvedTable {
  schema: string;
  name: string;
  /** schema.name, quoted */
  sql: string;
  /** schema.name as messages show it */
  label: string;
  isView: boolean;
  columns: { name: string; type: string; category: string }[];
  primaryKey: string[];
}

/** Resolve `text` (an option's value) to a table or view with its columns and primary key. */
async function resolveTable(db: SqlDb, text: string, option: string): Promise<ResolvedTable> {
  const p = parseTableName(text, option);
  const ref = p.schema === undefined ? quoteIdent(p.name) : `${quoteIdent(p.schema)}.${quoteIdent(p.name)}`;
  const found = await db.query<{ schema: string; name: string; kind: string }>(
    'select n.nspname as schema, c.relname as name, c.relkind::text as kind from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = to_regclass($1)',
    [ref],
  );
  const t = found.rows[0];
  if (!t || !['r', 'v', 'm', 'p', 'f'].includes(t.kind)) throw new InputError(`${option}: no table or view '${text}' on the server (looked up as ${ref} through the search path)`);
  const sql = qualified(t);
  const columns = await db.query<{ name: string; type: string; category: string }>(
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, ty.typcategory::text as category
     from pg_attribute a join pg_type ty on ty.oid = a.atttypid
     where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [sql],
  );
  const pk = await db.query<{ name: string }>(
    `select a.attname as name from pg_index i cross join unnest(i.indkey) with ordinality as k(attnum, ord)
     join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
     where i.indrelid = $1::regclass and i.indisprimary order by k.ord`,
    [sql],
  );
  return { schema: t.schema, name: t.name, sql, label: `${t.schema}.${t.name}`, isView: t.kind !== 'r' && t.kind !== 'p', columns: columns.rows, primaryKey: pk.rows.map((r) => r.name) };
}

/** The column `name` of a table (exact, else the one column equal to it ignoring case), or the CSV reader's missing-column error. */
function requireTableColumn(t: ResolvedTable, name: string, what: string): { name: string; type: string; category: string } {
  const exact = t.columns.find((c) => c.name === name);
  if (exact) return exact;
  const folded = t.columns.filter((c) => c.name.toLowerCase() === name.toLowerCase());
  if (folded.length === 1) return folded[0]!;
  throw new InputError(`${t.label}: missing column '${name}' (${what}); the table has: ${t.columns.map((c) => c.name).join(', ')}`);
}

/**
 * The table's rows numbered in a stable order (primary key, else physical order; a view as it
 * returns them), with a label for messages: "row (id = 17)" by primary key, else "row 17".
 */
function numberedRows(t: ResolvedTable, select: string): string {
  const order = t.primaryKey.length > 0 ? t.primaryKey.map(quoteIdent).join(', ') : t.isView ? '' : 'ctid';
  const label =
    t.primaryKey.length > 0
      ? `'row (' || concat_ws(', ', ${t.primaryKey.map((k) => `${sqlText(k)} || ' = ' || coalesce(${quoteIdent(k)}::text, 'NULL')`).join(', ')}) || ')'`
      : `'row ' || row_number() over (${order ? `order by ${order}` : ''})`;
  return `select row_number() over (${order ? `order by ${order}` : ''})::float8 as invlab_row, ${label} as invlab_label, ${select} from ${t.sql}`;
}

/** A SQL string literal. */
function sqlText(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** SQL for a date column (NULL when it breaks the rule) and its text, by the column's type. */
function dateExpr(t: ResolvedTable, c: { name: string; type: string; category: string }): { value: string; text: string } {
  const q = quoteIdent(c.name);
  if (c.category === 'D') return { value: `case when extract(year from ${q}) between ${MIN_YEAR} and ${MAX_YEAR} then ${q}::date end`, text: `${q}::date::text` };
  if (c.category === 'S') return { value: `invlab_iso_date(btrim(${q}::text))`, text: `btrim(${q}::text)` };
  throw new InputError(`${t.label}: column '${c.name}' has type ${c.type}; an order date must be a date, a timestamp or ISO date text (YYYY-MM-DD)`);
}

/** SQL for a number column as float8 (NULL when it is not a finite number) and its text, by the column's type. */
function numberExpr(t: ResolvedTable, c: { name: string; type: string; category: string }, what: string): { value: string; text: string } {
  const q = quoteIdent(c.name);
  if (c.category === 'N') return { value: `case when ${q}::float8 not in ('NaN', 'Infinity', '-Infinity') then ${q}::float8 end`, text: `${q}::text` };
  if (c.category === 'S') return { value: `invlab_decimal(btrim(${q}::text))`, text: `btrim(${q}::text)` };
  throw new InputError(`${t.label}: column '${c.name}' has type ${c.type}; ${what} must be a number (a numeric column, or decimal text)`);
}

/** The first bad row of a check query: its label, the column and the rule it breaks, the value. */
interface BadRow {
  label: string;
  col: string;
  rule: string;
  value: string | null;
}

/** "table: row …, column 'c': rule (got 'v')": the CSV readers' cellError with the table and row label. */
function tableCellError(table: string, b: BadRow): InputError {
  const v = b.value;
  const got = v === null ? '' : ` (got '${v.length > 40 ? `${v.slice(0, 40)}…` : v}')`;
  return new InputError(`${table}: ${b.label}, column '${b.col}': ${b.rule}${got}`);
}

/** Check the order lines (the rules of src/io/orders-csv.ts) and copy them into invlab_order_lines. */
async function loadOrders(db: SqlDb, t: ResolvedTable, spec: OrdersTableSpec): Promise<void> {
  const date = requireTableColumn(t, spec.date, 'order date');
  const sku = requireTableColumn(t, spec.sku, 'SKU');
  const qty = requireTableColumn(t, spec.quantity, 'order quantity');
  if (spec.orderId) requireTableColumn(t, spec.orderId, 'order id');
  const sup = spec.supplier ? requireTableColumn(t, spec.supplier, 'supplier') : undefined;
  const d = dateExpr(t, date);
  const q = numberExpr(t, qty, 'an order quantity');
  const supSql = sup ? `btrim(${quoteIdent(sup.name)}::text)` : 'null::text';
  const src = numberedRows(t, `${d.value} as d, ${d.text} as d_text, btrim(${quoteIdent(sku.name)}::text) as s, ${q.value} as q, ${q.text} as q_text, ${supSql} as p`);
  await db.exec(`create view invlab_src_orders as ${src}`);
  const bad = await db.query<{ label: string; what: string; value: string | null }>(
    `select invlab_label as label, what, value from (
       select invlab_row, invlab_label,
              case when d is null then 'date' when s is null or s = '' then 'sku'
                   when q is null then 'number' when abs(q) > ${MAX_INPUT_MAGNITUDE} then 'magnitude' when not (q > 0) then 'positive'
                   when ${sup ? 'p is null or p = \'\'' : 'false'} then 'supplier' end as what,
              case when d is null then coalesce(d_text, '') when q is null or abs(q) > ${MAX_INPUT_MAGNITUDE} or not (q > 0) then coalesce(q_text, '') end as value
       from invlab_src_orders) x
     where what is not null order by invlab_row limit 1`,
  );
  const b = bad.rows[0];
  if (b) {
    const rules: Record<string, [string, string, boolean]> = {
      date: [date.name, dateRule(b.value ?? ''), true],
      sku: [sku.name, 'must not be empty', false],
      number: [qty.name, 'must be a number', true],
      magnitude: [qty.name, `must be at most ${MAX_INPUT_MAGNITUDE} in magnitude (larger values overflow sums and squares)`, true],
      positive: [qty.name, 'must be > 0 (returns and cancellations are not demand)', true],
      supplier: [sup?.name ?? '', 'must not be empty', false],
    };
    const [col, rule, withValue] = rules[b.what]!;
    throw tableCellError(t.label, { label: b.label, col, rule, value: withValue ? b.value : null });
  }
  if (sup) await checkOneSupplier(db, t.label, sup.name);
  const n = await db.query<{ n: number }>('with ins as (insert into invlab_order_lines (line_no, order_date, sku, quantity, supplier) select invlab_row, d, s, q, p from invlab_src_orders returning 1) select count(*)::float8 as n from ins');
  if (n.rows[0]!.n === 0) throw new InputError(`${t.label}: no order lines in the table`);
}

/** Every line of one SKU names the same supplier (the first line's), as the CSV reader requires. */
async function checkOneSupplier(db: SqlDb, table: string, column: string): Promise<void> {
  const r = await db.query<{ label: string; sku: string; p: string; first_p: string; first_label: string }>(
    `select invlab_label as label, s as sku, p, first_p, first_label from (
       select invlab_row, invlab_label, s, p,
              first_value(p) over w as first_p, first_value(invlab_label) over w as first_label
       from invlab_src_orders window w as (partition by s order by invlab_row)) x
     where p <> first_p order by invlab_row limit 1`,
  );
  const b = r.rows[0];
  if (b) throw tableCellError(table, { label: b.label, col: column, rule: `SKU '${b.sku}' must have one supplier; ${b.first_label} names '${b.first_p}'`, value: b.p });
}

/** The lead-time value columns named by the spec (or the one total column). */
function leadTimeColumns(spec: LeadTimesTableSpec, table: string): { comp: 'opt' | 'tlt' | 'plt' | 'cltr'; name: string }[] {
  const named = (
    [
      ['opt', spec.orderProcessing],
      ['tlt', spec.transportation],
      ['plt', spec.supply],
      ['cltr', spec.customerRequested],
    ] as const
  ).filter(([, n]) => n !== undefined);
  if (spec.total !== undefined && named.length > 0) throw new InputError(`${table}: give either a total lead-time column or component columns, not both`);
  return named.length > 0 ? named.map(([comp, name]) => ({ comp, name: name! })) : [{ comp: 'plt', name: spec.total ?? 'lead_time_days' }];
}

/** Check the lead-time records (the rules of src/io/lead-times-csv.ts) and copy them, deduplicated, into invlab_lead_time_records. */
async function loadLeadTimes(db: SqlDb, t: ResolvedTable, spec: LeadTimesTableSpec): Promise<void> {
  const cols = leadTimeColumns(spec, t.label).map((c) => ({ ...c, col: requireTableColumn(t, c.name, 'lead time in days') }));
  const key = spec.key ? requireTableColumn(t, spec.key, 'group key') : undefined;
  const dedupe = spec.dedupe ? requireTableColumn(t, spec.dedupe, 'dedupe key') : undefined;
  const values = cols.map((c, j) => {
    const e = numberExpr(t, c.col, 'a lead time');
    return `${e.value} as v${j}, ${e.text} as t${j}`;
  });
  const keySql = key ? `btrim(${quoteIdent(key.name)}::text)` : `'*'::text`;
  const dedupeSql = dedupe ? `${quoteIdent(dedupe.name)}::text` : 'null::text';
  await db.exec(`create view invlab_src_lead_times as ${numberedRows(t, `${keySql} as k, ${dedupeSql} as dd, ${values.join(', ')}`)}`);
  const whats = cols.map((_, j) => `when v${j} is null then 'number:${j}' when abs(v${j}) > ${MAX_INPUT_MAGNITUDE} then 'magnitude:${j}' when v${j} < 0 then 'nonneg:${j}'`);
  const texts = cols.map((_, j) => `when v${j} is null or abs(v${j}) > ${MAX_INPUT_MAGNITUDE} or v${j} < 0 then coalesce(t${j}, '')`);
  const bad = await db.query<{ label: string; what: string; value: string | null }>(
    `select invlab_label as label, what, value from (
       select invlab_row, invlab_label,
              case when k is null or k = '' then 'key' ${whats.join(' ')} end as what,
              case when k is null or k = '' then null ${texts.join(' ')} end as value
       from invlab_src_lead_times) x
     where what is not null order by invlab_row limit 1`,
  );
  const b = bad.rows[0];
  if (b) {
    const [kind, j] = b.what.split(':');
    const col = kind === 'key' ? key!.name : cols[Number(j)]!.col.name;
    const rule = { key: 'must not be empty', number: 'must be a number of days', magnitude: `must be at most ${MAX_INPUT_MAGNITUDE} in magnitude (larger values overflow sums and squares)`, nonneg: 'must be ≥ 0 days' }[kind!]!;
    throw tableCellError(t.label, { label: b.label, col, rule, value: kind === 'key' ? null : b.value });
  }
  // dedupe: the first row (in row order) of each (key, value of the dedupe column)
  if (dedupe) await db.exec('create view invlab_src_lead_times_used as select distinct on (k, dd) * from invlab_src_lead_times order by k, dd, invlab_row');
  const used = dedupe ? 'invlab_src_lead_times_used' : 'invlab_src_lead_times';
  await checkGroupSizes(db, t.label, used, key?.name, cols[0]!.col.name);
  const cs = cols.map((c) => c.comp).join(', ');
  await db.exec(`insert into invlab_lead_time_records (lt_key, ${cs}) select k, ${cols.map((_, j) => `v${j}`).join(', ')} from ${used}`);
}

/** Each group has at least 2 observations (after dedupe): else the CSV reader's error at the group's last row. */
async function checkGroupSizes(db: SqlDb, table: string, used: string, keyColumn: string | undefined, firstColumn: string): Promise<void> {
  const r = await db.query<{ k: string; n: number; label: string }>(
    `select g.k, g.n, u.invlab_label as label
     from (select k, count(*)::float8 as n, min(invlab_row) as first_row, max(invlab_row) as last_row from ${used} group by k) g
     left join (select invlab_row, invlab_label from invlab_src_lead_times) u on u.invlab_row = g.last_row
     order by g.first_row`,
  );
  if (r.rows.length === 0) throw new InputError(`${table}: no lead-time rows in the table`);
  const small = r.rows.find((g) => g.n < 2);
  if (small) {
    const who = keyColumn ? `${keyColumn} '${small.k}'` : 'the table';
    throw tableCellError(table, { label: small.label, col: firstColumn, rule: `${who} has ${small.n} observation(s); at least 2 are needed for a standard deviation (Step 2)`, value: null });
  }
}

/**
 * The SKUs that cannot be computed before the policy view runs (one order line; no lead-time
 * records for the SKU or its supplier), with the TypeScript path's reasons, in first-line order.
 */
async function unfitSkus(db: SqlDb, orders: ResolvedTable, spec: OrdersTableSpec, lt: { label: string; spec: LeadTimesTableSpec } | undefined): Promise<{ sku: string; status: 'error'; reason: string }[]> {
  const keyed = lt?.spec.key !== undefined;
  const r = await db.query<{ sku: string; n: number; label: string; lt_key: string | null; has_group: boolean }>(
    `select o.sku, o.n, s.invlab_label as label, o.lt_key, g.lt_key is not null as has_group
     from (select *, ${keyed ? (spec.supplier ? 'supplier' : 'sku') : `'*'::text`} as lt_key from invlab_order_sums) o
     left join (select invlab_row, invlab_label from invlab_src_orders) s on s.invlab_row = o.first_line and o.n < 2
     left join (select distinct lt_key from invlab_lead_time_records) g on g.lt_key = o.lt_key
     order by o.first_line`,
  );
  const out: { sku: string; status: 'error'; reason: string }[] = [];
  for (const x of r.rows) {
    if (x.n < 2) out.push({ sku: x.sku, status: 'error', reason: `${orders.label}: ${x.label}, column '${spec.sku}': SKU '${x.sku}' has ${x.n} order line; at least 2 are needed for the order-size standard deviation SOQ (Step 1)` });
    else if (lt && !x.has_group) {
      const what = spec.supplier ? `supplier '${x.lt_key}' of SKU '${x.sku}'` : `SKU '${x.sku}'`;
      out.push({ sku: x.sku, status: 'error', reason: `${lt.label}: no lead-time records for ${what} (key column '${lt.spec.key}'); omit --lead-time-key to pool all records` });
    }
  }
  return out;
}

/** Open a `pg` client on the URL (an InputError naming --db if it cannot connect). */
async function connect(url: string): Promise<SqlDb & { close(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new InputError(`--db: cannot connect to the PostgreSQL server (${(e as Error).message})`);
  }
  return {
    exec: async (sql: string): Promise<unknown> => client.query(sql),
    query: async <T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }> => {
      const r = await client.query(sql, params);
      return { rows: r.rows as T[] };
    },
    close: async (): Promise<void> => client.end(),
  };
}

/** A database error raised by the method (invlab_fail, SQLSTATE 22023) as an input error; others unchanged. */
function asInputError(e: unknown): unknown {
  const err = e as { code?: string; message: string };
  return err.code === '22023' ? new InputError(err.message) : e;
}

/**
 * Run the method on the server in one transaction (see the module comment): check and load the
 * user's tables, compute every SKU's policy, optionally write the policy table; all or nothing.
 */
export async function runOnServer(input: ServerRunInput): Promise<ServerRunResult> {
  const db = await connect(input.url);
  try {
    await db.exec('begin');
    try {
      const result = await runInTransaction(db, input);
      await db.exec('commit');
      return result;
    } catch (e) {
      await db.exec('rollback');
      throw asInputError(e);
    }
  } finally {
    await db.close();
  }
}

/** The body of runOnServer, inside the transaction. */
async function runInTransaction(db: SqlDb, input: ServerRunInput): Promise<ServerRunResult> {
  const server = (await db.query<{ v: string }>('select version() as v')).rows[0]!.v;
  const orders = await resolveTable(db, input.orders.table, '--orders-table');
  const lt = input.leadTimes ? await resolveTable(db, input.leadTimes.table, '--lead-times-table') : undefined;
  const target = input.write ? await writeTarget(db, input.write) : undefined;
  const path = (await db.query<{ p: string }>('select current_setting($1) as p', ['search_path'])).rows[0]!.p;
  const schema = `invlab_run_${process.pid}_${Date.now().toString(36)}`;
  await db.exec(`create schema ${schema}; set local search_path to ${schema}, ${path}; set local jit = off; set local datestyle = 'ISO, YMD';`);
  await installSql(db);
  await loadOrders(db, orders, input.orders);
  await db.exec('select invlab_refresh();');
  if (lt) await loadLeadTimes(db, lt, input.leadTimes!);
  const run = await serverRunOptions(db, orders, input);
  const failed = await unfitSkus(db, orders, input.orders, lt ? { label: lt.label, spec: input.leadTimes! } : undefined);
  const failedSet = new Set(failed.map((f) => f.sku));
  if (input.strict && failed.length > 0) throw new InputError(failed[0]!.reason);
  const ok = (run.skus ?? (await allSkus(db))).filter((s) => !failedSet.has(s));
  if (ok.length === 0) throw new InputError(`no SKU could be computed: ${failed[0]?.reason ?? 'no SKUs'}${failed.length > 1 ? ` (and ${failed.length - 1} more SKU(s) failing)` : ''}`);
  await db.exec(settingsInsertSql(settingsRow(input.settings, { ...run, skus: ok })));
  const rows = (await db.query<PolicyViewRow>('select * from invlab_policy')).rows;
  const policies = rows.map((r) => toSkuPolicy(r, input.settings));
  const facts = (await db.query<{ lines: number; whole: boolean; t: number }>('select (select count(*)::float8 from invlab_order_lines) as lines, (select bool_and(quantity = trunc(quantity)) from invlab_order_lines) as whole, (select t from invlab_step1_window) as t')).rows[0]!;
  const written = target ? await writePolicyTable(db, target, policies.length) : undefined;
  await db.exec(`drop schema ${schema} cascade`);
  const wanted = run.skus === undefined ? failed : failed.filter((f) => run.skus!.includes(f.sku));
  return { orders: orders.label, lines: facts.lines, days: facts.t, wholeUnits: facts.whole, policies, failed: wanted, server, ...(written ? { written } : {}) };
}

/** Every SKU of the loaded order lines, in first-line order. */
async function allSkus(db: SqlDb): Promise<string[]> {
  return (await db.query<{ sku: string }>('select sku from invlab_order_sums order by first_line')).rows.map((r) => r.sku);
}

/** The run options: where lead times come from (pooled, by SKU or supplier, or given), the SKUs wanted (checked to exist). */
async function serverRunOptions(db: SqlDb, orders: ResolvedTable, input: ServerRunInput): Promise<SqlRunOptions> {
  const lt = input.leadTimes;
  const leadKeyMode: SqlRunOptions['leadKeyMode'] = lt ? (lt.key === undefined ? 'pooled' : input.orders.supplier ? 'supplier' : 'sku') : 'given';
  const run: SqlRunOptions = { ...input.run, leadKeyMode };
  if (run.skus) {
    const known = new Set(await allSkus(db));
    for (const s of run.skus) if (!known.has(s)) throw new InputError(`--sku: '${s}' has no order lines in ${orders.label}`);
  }
  return run;
}

/** The write target, resolved (unqualified: the first schema of the search path); an existing one is refused without `replace`. */
async function writeTarget(db: SqlDb, w: { table: string; replace: boolean }): Promise<{ sql: string; label: string; exists: boolean }> {
  const p = parseTableName(w.table, '--write-table');
  const schema = p.schema ?? (await db.query<{ s: string | null }>('select current_schema() as s')).rows[0]!.s;
  if (schema === null) throw new InputError('--write-table: the search path names no existing schema; qualify the table as schema.table');
  const sql = qualified({ schema, name: p.name });
  const found = (await db.query<{ kind: string | null }>('select (select relkind::text from pg_class where oid = to_regclass($1)) as kind', [sql])).rows[0]!.kind;
  if (found !== null && found !== 'r') throw new InputError(`--write-table: ${schema}.${p.name} exists and is not a table (relkind '${found}'); choose another name`);
  if (found !== null && !w.replace) throw new InputError(`--write-table: table ${schema}.${p.name} exists; pass --replace to replace it (in the same transaction: all or nothing)`);
  return { sql, label: `${schema}.${p.name}`, exists: found !== null };
}

/** Create the policy table (dropping the old one, when replacing) from the policy view; the row count is checked. */
async function writePolicyTable(db: SqlDb, target: { sql: string; label: string; exists: boolean }, expected: number): Promise<{ table: string; rows: number }> {
  if (target.exists) await db.exec(`drop table ${target.sql}`);
  await db.exec(
    `create table ${target.sql} as
     select p.*, s.objective, s.review, s.variant, s.k_method, s.lot_rule
     from (select row_number() over () as position, v.* from invlab_policy v) p cross join invlab_settings s
     order by p.position`,
  );
  const n = (await db.query<{ n: number }>(`select count(*)::float8 as n from ${target.sql}`)).rows[0]!.n;
  if (n !== expected) throw new Error(`--write-table: wrote ${n} rows to ${target.label}, expected ${expected}; rolled back`);
  return { table: target.label, rows: n };
}
