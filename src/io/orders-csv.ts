/**
 * Reader for order transactions (seed 001, Step 1 input): one row per order line with a date,
 * a SKU and a quantity (optionally an order id). Column names are configurable.
 *
 * Rules (each violation names file, row, column and rule; nothing is returned on error):
 * date is an ISO date YYYY-MM-DD (years 1900–2200); SKU is not empty; quantity is a finite number > 0.
 * Result: columnar arrays (a day number per line, the SKU index, the quantity) and per-SKU
 * sums (N, TOQ, TOQS) in first-appearance order, ready for Step 1 (src/models/sql-policy/raw.ts).
 */
import { cellError, dateRule, InputError, isoDayNumber, numberCell, requireColumn, scanCsv, type CsvInput } from './common-csv.ts';

export interface OrderColumns {
  date: string;
  sku: string;
  quantity: string;
  /** optional; when named it must exist (used only to count distinct orders) */
  orderId?: string;
  /**
   * optional: a column naming each line's supplier (or any grouping that lead-time records are
   * keyed by); every line of one SKU must name the same value
   */
  supplier?: string;
}

export const DEFAULT_ORDER_COLUMNS: OrderColumns = { date: 'date', sku: 'sku', quantity: 'quantity' };

export interface OrderLines {
  file: string;
  /** SKUs in order of first appearance */
  skus: string[];
  /** per line: index into skus */
  skuIndex: Int32Array;
  /** per line: days since 1970-01-01 (UTC) */
  day: Int32Array;
  /** per line: quantity (units) */
  quantity: Float64Array;
  /** per SKU: number of order lines N, sum of quantities TOQ, sum of squares TOQS */
  count: Float64Array;
  sum: Float64Array;
  sumSquares: Float64Array;
  /** per SKU: first and last day with an order, and the last row (for messages) */
  firstDay: Int32Array;
  lastDay: Int32Array;
  lastRow: Int32Array;
  /** over the whole file */
  minDay: number;
  maxDay: number;
  /** number of distinct dates with at least one order line (trading days) */
  tradingDays: number;
  /** sorted distinct days with orders */
  tradingDayList: Int32Array;
  /** distinct order ids, when an order-id column was named */
  distinctOrders: number | undefined;
  /** per SKU: the supplier column's value, when a supplier column was named */
  supplierOf: string[] | undefined;
}

/** Read and validate an orders CSV file (streamed in chunks: memory holds the columnar result, not the file's text). */
export function readOrdersCsv(path: string, columns: Partial<OrderColumns> = {}): OrderLines {
  return ordersFromCsv({ path }, path, columns);
}

/** Parse and validate orders CSV text; `file` names it in messages. */
export function parseOrdersCsv(text: string, file: string, columns: Partial<OrderColumns> = {}): OrderLines {
  return ordersFromCsv(text, file, columns);
}

/** Orders from CSV text or a streamed file (the same results and errors either way). */
function ordersFromCsv(text: CsvInput, file: string, columns: Partial<OrderColumns>): OrderLines {
  const cols: OrderColumns = { ...DEFAULT_ORDER_COLUMNS, ...columns };
  let cap = 1024;
  let skuIndex: Int32Array<ArrayBuffer> = new Int32Array(cap);
  let day: Int32Array<ArrayBuffer> = new Int32Array(cap);
  let quantity = new Float64Array(cap);
  let n = 0;
  const skuMap = new Map<string, number>();
  const skus: string[] = [];
  const skuLastRow: number[] = [];
  const supplierOf: string[] = [];
  const supplierRow: number[] = [];
  const supplierAt = cols.orderId ? 4 : 3;
  const dayCache = new Map<string, number>();
  const dayOf = dayParser(dayCache, file, cols.date);
  const orderIds = cols.orderId ? new Set<string>() : null;
  scanCsv(
    text,
    file,
    (header) => {
      const idx = [
        requireColumn(header, cols.date, file, 'order date'),
        requireColumn(header, cols.sku, file, 'SKU'),
        requireColumn(header, cols.quantity, file, 'order quantity'),
      ];
      if (cols.orderId) idx.push(requireColumn(header, cols.orderId, file, 'order id'));
      if (cols.supplier) idx.push(requireColumn(header, cols.supplier, file, 'supplier'));
      return idx;
    },
    (v, row) => {
      const d = dayOf(v[0]!, row);
      const sku = v[1]!;
      if (sku === '') throw cellError(file, row, cols.sku, 'must not be empty');
      const qText = v[2]!;
      const q = numberCell(qText, file, row, cols.quantity);
      if (!(q > 0)) throw cellError(file, row, cols.quantity, 'must be > 0 (returns and cancellations are not demand)', qText);
      let s = skuMap.get(sku);
      if (s === undefined) {
        s = skus.length;
        skuMap.set(sku, s);
        skus.push(sku);
      }
      if (orderIds) {
        const id = v[3]!;
        if (id === '') throw cellError(file, row, cols.orderId!, 'must not be empty');
        orderIds.add(id);
      }
      if (cols.supplier) {
        const sup = v[supplierAt]!;
        if (sup === '') throw cellError(file, row, cols.supplier, 'must not be empty');
        const known = supplierOf[s];
        if (known === undefined) {
          supplierOf[s] = sup;
          supplierRow[s] = row;
        } else if (known !== sup) {
          throw cellError(file, row, cols.supplier, `SKU '${sku}' must have one supplier; row ${supplierRow[s]} names '${known}'`, sup);
        }
      }
      if (n === cap) {
        cap *= 2;
        skuIndex = grow(skuIndex, cap);
        day = grow(day, cap);
        const q2 = new Float64Array(cap);
        q2.set(quantity);
        quantity = q2;
      }
      skuIndex[n] = s;
      day[n] = d;
      quantity[n] = q;
      skuLastRow[s] = row;
      n++;
    },
  );
  if (n === 0) throw new InputError(`${file}: no order lines after the header`);
  const lines = { skuIndex: skuIndex.slice(0, n), day: day.slice(0, n), quantity: quantity.slice(0, n) };
  return { file, skus, ...lines, ...perSkuSums(lines, skus.length, skuLastRow, dayCache), distinctOrders: orderIds ? orderIds.size : undefined, supplierOf: cols.supplier ? supplierOf : undefined };
}

function grow(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

/** Day numbers of ISO dates, cached (order files repeat few dates many times). */
function dayParser(cache: Map<string, number>, file: string, column: string): (text: string, row: number) => number {
  let lastText = '';
  let last = NaN;
  return (text, row) => {
    if (text === lastText) return last;
    let c = cache.get(text);
    if (c === undefined) {
      c = isoDayNumber(text);
      if (Number.isNaN(c)) throw cellError(file, row, column, dateRule(text), text);
      cache.set(text, c);
    }
    lastText = text;
    last = c;
    return c;
  };
}

/** Step 1 sums per SKU (count, sum, sum of squares, first and last day) and the data window. */
function perSkuSums(lines: { skuIndex: Int32Array; day: Int32Array; quantity: Float64Array }, m: number, skuLastRow: number[], dayCache: Map<string, number>) {
  const count = new Float64Array(m);
  const sum = new Float64Array(m);
  const sumSquares = new Float64Array(m);
  const firstDay = new Int32Array(m).fill(2 ** 31 - 1);
  const lastDay = new Int32Array(m).fill(-(2 ** 31));
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < lines.day.length; i++) {
    const s = lines.skuIndex[i]!;
    const q = lines.quantity[i]!;
    const d = lines.day[i]!;
    count[s]! += 1;
    sum[s]! += q;
    sumSquares[s]! += q * q;
    if (d < firstDay[s]!) firstDay[s] = d;
    if (d > lastDay[s]!) lastDay[s] = d;
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
  }
  const days = new Set<number>(dayCache.values());
  const tradingDayList = Int32Array.from(days).sort();
  return { count, sum, sumSquares, firstDay, lastDay, lastRow: Int32Array.from(skuLastRow), minDay, maxDay, tradingDays: days.size, tradingDayList };
}
