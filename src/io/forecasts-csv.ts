/**
 * Reader for forecasts made by any tool (`invlab backtest --forecasts`): one row per (SKU,
 * origin date, horizon) with a point forecast and optional quantile columns, e.g. what `invlab
 * forecast --out` writes:
 *
 *   sku,method,origin,horizon,point,q0.9,q0.95
 *   85123A,ses,2011-01-25,1,12.4,21,26
 *
 * Convention: the origin is the last day whose demand the forecast has seen; horizon h forecasts
 * the demand of day origin + h (so a forecast made on the evening of the origin day).
 *
 * Columns (names configurable): `sku` (not empty), `origin` (ISO date), `horizon` (whole number
 * ≥ 1), `point` (finite number); optional `method` (when the file holds several methods one is
 * chosen); quantile columns are those named <prefix><level> with a level in (0, 1) (prefix 'q':
 * q0.5, q0.9, q0.95), each a number ≥ 0 (a quantile of demand), non-decreasing in the level
 * within a row (crossing quantiles are refused). Other columns are ignored. A (method, SKU,
 * origin, horizon) given twice is an error naming both rows. Each violation names file, row,
 * column and rule.
 */
import { cellError, dateRule, InputError, isoDayNumber, numberCell, readTextFile, requireColumn, scanCsv } from './common-csv.ts';

export interface ForecastColumns {
  sku: string;
  origin: string;
  horizon: string;
  point: string;
  /** optional method column (used when present) */
  method: string;
  /** quantile columns: this prefix followed by the level, e.g. q0.95 */
  quantilePrefix: string;
}

export const DEFAULT_FORECAST_COLUMNS: ForecastColumns = { sku: 'sku', origin: 'origin', horizon: 'horizon', point: 'point', method: 'method', quantilePrefix: 'q' };

/** Horizons beyond this are refused (a typo, not a plan). */
export const MAX_FORECAST_HORIZON = 10_000;

/** The forecasts of one origin: by horizon h (index h − 1; undefined where the file has none). */
export interface OriginForecasts {
  /** first row of this origin (for messages) */
  row: number;
  point: number[];
  /** per quantile level (ascending), by horizon */
  quantiles: number[][];
}

export interface SkuForecasts {
  /** first row naming the SKU */
  firstRow: number;
  /** by origin day number (days since 1970-01-01) */
  origins: Map<number, OriginForecasts>;
}

export interface ForecastTable {
  file: string;
  /** the method chosen (undefined: the file has no method column) */
  method: string | undefined;
  /** quantile levels, ascending, and their column names */
  levels: number[];
  quantileColumns: string[];
  /** SKUs in order of first appearance */
  skus: string[];
  bySku: Map<string, SkuForecasts>;
  columns: ForecastColumns;
}

interface Parsed {
  levels: number[];
  quantileColumns: string[];
  hasMethod: boolean;
  /** by method ('' without a method column) */
  tables: Map<string, { skus: string[]; bySku: Map<string, SkuForecasts>; rows: Map<string, number> }>;
}

/** Quantile columns of a header: <prefix><level>, level in (0, 1), ascending. */
function quantileColumnsOf(header: readonly string[], prefix: string, file: string): { levels: number[]; names: string[]; idx: number[] } {
  const found: { level: number; name: string; idx: number }[] = [];
  header.forEach((name, idx) => {
    if (!name.startsWith(prefix)) return;
    const text = name.slice(prefix.length);
    if (!/^(?:0?\.\d+|0|1|1\.0*)$/.test(text)) return;
    const level = Number(text);
    if (!(level > 0 && level < 1)) throw new InputError(`${file}: row 1, column '${name}': a quantile level must lie strictly between 0 and 1`);
    const same = found.find((f) => f.level === level);
    if (same) throw new InputError(`${file}: row 1: columns '${same.name}' and '${name}' are the same quantile level ${level}`);
    found.push({ level, name, idx });
  });
  found.sort((a, b) => a.level - b.level);
  return { levels: found.map((f) => f.level), names: found.map((f) => f.name), idx: found.map((f) => f.idx) };
}

/** The quantile cells of a row: numbers ≥ 0, non-decreasing in the level. */
function quantileCells(v: readonly string[], from: number, names: readonly string[], file: string, row: number): number[] {
  const q: number[] = [];
  for (let i = 0; i < names.length; i++) {
    const text = v[from + i]!;
    const x = numberCell(text, file, row, names[i]!, 'a number ≥ 0 (a quantile of demand)');
    if (x < 0) throw cellError(file, row, names[i]!, 'must be ≥ 0: a negative quantile of demand', text);
    if (i > 0 && x < q[i - 1]!) throw cellError(file, row, names[i]!, `quantiles cross: ${names[i - 1]} = ${q[i - 1]} is above ${names[i]} = ${x} (a higher level needs a quantile at least as high)`, text);
    q.push(x);
  }
  return q;
}

function parseRows(text: string, file: string, c: ForecastColumns): Parsed {
  const p: Parsed = { levels: [], quantileColumns: [], hasMethod: false, tables: new Map() };
  let nq = 0;
  scanCsv(
    text,
    file,
    (header) => {
      const idx = [requireColumn(header, c.sku, file, 'SKU'), requireColumn(header, c.origin, file, 'origin date: the last day the forecast has seen'), requireColumn(header, c.horizon, file, 'horizon in days'), requireColumn(header, c.point, file, 'point forecast')];
      p.hasMethod = header.includes(c.method);
      idx.push(p.hasMethod ? requireColumn(header, c.method, file, 'method') : idx[0]!);
      const q = quantileColumnsOf(header, c.quantilePrefix, file);
      [p.levels, p.quantileColumns, nq] = [q.levels, q.names, q.names.length];
      return [...idx, ...q.idx];
    },
    (v, row) => {
      const sku = v[0]!;
      if (sku === '') throw cellError(file, row, c.sku, 'must not be empty');
      const day = isoDayNumber(v[1]!);
      if (Number.isNaN(day)) throw cellError(file, row, c.origin, dateRule(v[1]!), v[1]);
      const h = numberCell(v[2]!, file, row, c.horizon, 'a whole number of days ≥ 1');
      if (!Number.isInteger(h) || h < 1 || h > MAX_FORECAST_HORIZON) throw cellError(file, row, c.horizon, `must be a whole number of days from 1 to ${MAX_FORECAST_HORIZON}`, v[2]);
      const point = numberCell(v[3]!, file, row, c.point, 'a finite number');
      const method = p.hasMethod ? v[4]! : '';
      const q = nq > 0 ? quantileCells(v, 5, p.quantileColumns, file, row) : [];
      let t = p.tables.get(method);
      if (!t) p.tables.set(method, (t = { skus: [], bySku: new Map(), rows: new Map() }));
      const key = `${sku}\u0000${day}\u0000${h}`;
      const first = t.rows.get(key);
      if (first !== undefined) throw cellError(file, row, c.horizon, `duplicate forecast: SKU '${sku}', origin ${v[1]}, horizon ${h}${p.hasMethod ? `, method '${method}'` : ''} is also in row ${first}`, v[2]);
      t.rows.set(key, row);
      let s = t.bySku.get(sku);
      if (!s) {
        t.bySku.set(sku, (s = { firstRow: row, origins: new Map() }));
        t.skus.push(sku);
      }
      let o = s.origins.get(day);
      if (!o) s.origins.set(day, (o = { row, point: [], quantiles: q.map(() => []) }));
      o.point[h - 1] = point;
      q.forEach((x, i) => (o.quantiles[i]![h - 1] = x));
    },
  );
  return p;
}

/** Read a forecasts file; `method` picks one method when the file has a method column with several. */
export function readForecastsCsv(path: string, columns: Partial<ForecastColumns> = {}, method?: string): ForecastTable {
  return parseForecastsCsv(readTextFile(path), path, columns, method);
}

export function parseForecastsCsv(text: string, file: string, columns: Partial<ForecastColumns> = {}, method?: string): ForecastTable {
  const c: ForecastColumns = { ...DEFAULT_FORECAST_COLUMNS, ...columns };
  const p = parseRows(text, file, c);
  if (p.tables.size === 0) throw new InputError(`${file}: no data rows`);
  const methods = [...p.tables.keys()];
  let chosen: string | undefined;
  if (method !== undefined) {
    if (!p.hasMethod) throw new InputError(`${file}: a method was asked for ('${method}') but the file has no '${c.method}' column`);
    if (!p.tables.has(method)) throw new InputError(`${file}: no rows of method '${method}' in column '${c.method}' (methods: ${methods.join(', ')})`);
    chosen = method;
  } else if (p.hasMethod) {
    if (methods.length > 1) throw new InputError(`${file}: the file holds forecasts of ${methods.length} methods (${methods.join(', ')}) in column '${c.method}'; choose one (--method)`);
    chosen = methods[0];
  }
  const t = p.tables.get(chosen ?? '')!;
  return { file, method: chosen, levels: p.levels, quantileColumns: p.quantileColumns, skus: t.skus, bySku: t.bySku, columns: c };
}
