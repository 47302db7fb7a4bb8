/**
 * Reader for a daily demand history: one row per (date, SKU) with the units demanded that day,
 * e.g. `../shared/data/daily_demand.csv` (derived from UCI Online Retail; attribution:
 * Chen, D. (2015). Online Retail [Dataset]. UCI Machine Learning Repository.
 * https://doi.org/10.24432/C5BW33, CC BY 4.0).
 *
 * Columns (names configurable): `date` (ISO YYYY-MM-DD), `sku` (not empty), `quantity` (finite
 * number ≥ 0); optional `is_trading_day` (0 or 1) and `orders` (integer ≥ 0). Each violation
 * names file, row, column and rule; a (date, SKU) pair may appear only once. Dates of one SKU
 * need not be sorted or contiguous: `skuHistory` sorts them and, for calendar days, requires no
 * gaps (a missing day is an error, not a silent zero).
 */
import { cellError, dateRule, InputError, isoDayNumber, numberCell, requireColumn, scanCsv, dayNumberToIso, type CsvInput } from './common-csv.ts';

export interface DailyDemandColumns {
  date: string;
  sku: string;
  quantity: string;
  /** optional column flagging trading days (1) and closed days (0) */
  tradingDay?: string;
}

export const DEFAULT_DAILY_COLUMNS: DailyDemandColumns = { date: 'date', sku: 'sku', quantity: 'quantity', tradingDay: 'is_trading_day' };

export interface DailyDemandRow {
  /** days since 1970-01-01 (UTC) */
  day: number;
  quantity: number;
  /** 1 trading day, 0 closed, undefined when the file has no such column */
  tradingDay: 0 | 1 | undefined;
  row: number;
}

export interface DailyDemand {
  file: string;
  /** SKUs in order of first appearance */
  skus: string[];
  bySku: Map<string, DailyDemandRow[]>;
  hasTradingDay: boolean;
}

/** Read and validate a daily-demand CSV file (streamed in chunks). */
export function readDailyDemandCsv(path: string, columns: Partial<DailyDemandColumns> = {}): DailyDemand {
  return dailyDemandFromCsv({ path }, path, columns);
}

export function parseDailyDemandCsv(text: string, file: string, columns: Partial<DailyDemandColumns> = {}): DailyDemand {
  return dailyDemandFromCsv(text, file, columns);
}

/** Daily demand from CSV text or a streamed file (the same results and errors either way). */
function dailyDemandFromCsv(text: CsvInput, file: string, columns: Partial<DailyDemandColumns>): DailyDemand {
  const cols: DailyDemandColumns = { ...DEFAULT_DAILY_COLUMNS, ...columns };
  const bySku = new Map<string, DailyDemandRow[]>();
  const skus: string[] = [];
  let hasTradingDay = false;
  const seen = new Set<string>();
  scanCsv(
    text,
    file,
    (header) => {
      const idx = [requireColumn(header, cols.date, file, 'ISO date'), requireColumn(header, cols.sku, file, 'SKU'), requireColumn(header, cols.quantity, file, 'units demanded that day')];
      if (cols.tradingDay !== undefined && header.includes(cols.tradingDay)) {
        hasTradingDay = true;
        idx.push(requireColumn(header, cols.tradingDay, file, 'trading-day flag 0/1'));
      } else if (columns.tradingDay !== undefined) {
        requireColumn(header, columns.tradingDay, file, 'trading-day flag 0/1');
      }
      return idx;
    },
    (v, row) => {
      const day = isoDayNumber(v[0]!);
      if (Number.isNaN(day)) throw cellError(file, row, cols.date, dateRule(v[0]!), v[0]);
      const sku = v[1]!.trim();
      if (sku === '') throw cellError(file, row, cols.sku, 'must not be empty', v[1]);
      const q = numberCell(v[2]!.trim(), file, row, cols.quantity, 'a finite number ≥ 0');
      if (q < 0) throw cellError(file, row, cols.quantity, 'must be a finite number ≥ 0', v[2]);
      let td: 0 | 1 | undefined;
      if (hasTradingDay) {
        const t = v[3]!.trim();
        if (t !== '0' && t !== '1') throw cellError(file, row, cols.tradingDay!, 'must be 0 or 1', v[3]);
        td = t === '1' ? 1 : 0;
      }
      const key = `${sku}\u0000${day}`;
      if (seen.has(key)) throw cellError(file, row, cols.date, `duplicate date for SKU '${sku}'`, v[0]);
      seen.add(key);
      let list = bySku.get(sku);
      if (!list) {
        list = [];
        bySku.set(sku, list);
        skus.push(sku);
      }
      list.push({ day, quantity: q, tradingDay: td, row });
    },
  );
  if (skus.length === 0) throw new InputError(`${file}: no data rows`);
  return { file, skus, bySku, hasTradingDay };
}

export interface SkuHistory {
  sku: string;
  /** ISO dates, ascending */
  dates: string[];
  /** units demanded per day, same order */
  quantities: number[];
  /** 'calendar' (every day, gaps rejected) or 'trading' (days flagged 1 only) */
  days: 'calendar' | 'trading';
}

/** One SKU's daily history in date order, over calendar days or over trading days only. */
export function skuHistory(data: DailyDemand, sku: string, days: 'calendar' | 'trading' = 'calendar'): SkuHistory {
  const rows = data.bySku.get(sku);
  if (!rows) {
    const some = data.skus.slice(0, 8).join(', ');
    throw new InputError(`${data.file}: no rows for SKU '${sku}' (${data.skus.length} SKUs, e.g. ${some})`);
  }
  if (days === 'trading' && !data.hasTradingDay) throw new InputError(`${data.file}: trading days need the trading-day column (is_trading_day)`);
  const sorted = rows.slice().sort((a, b) => a.day - b.day);
  const kept = days === 'trading' ? sorted.filter((r) => r.tradingDay === 1) : sorted;
  if (days === 'calendar') {
    for (let i = 1; i < kept.length; i++) {
      if (kept[i]!.day !== kept[i - 1]!.day + 1) throw new InputError(`${data.file}: SKU '${sku}' has no row for ${dayNumberToIso(kept[i - 1]!.day + 1)} (row ${kept[i]!.row} jumps to ${dayNumberToIso(kept[i]!.day)}); calendar-day replay needs every day`);
    }
  }
  if (kept.length === 0) throw new InputError(`${data.file}: SKU '${sku}' has no ${days} days`);
  return { sku, dates: kept.map((r) => dayNumberToIso(r.day)), quantities: kept.map((r) => r.quantity), days };
}

/** The attribution that output derived from daily_demand.csv must carry (data README). */
export const ONLINE_RETAIL_ATTRIBUTION = 'Chen, D. (2015). Online Retail [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C5BW33 (CC BY 4.0)';
