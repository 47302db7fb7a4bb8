/**
 * Reader for paired lead-time/demand observations (seed 004, Izar Landeta et al. 2015): the data
 * behind ρ. Two layouts, recognised by the header (names case-insensitive):
 *
 *  1. one row per replenishment cycle: `lead_time` (days) and either `average_daily_demand`
 *     (units/day during the lead time, as in the paper's Table 3) or `lead_time_demand` (total
 *     units during the lead time; divided by lead_time);
 *  2. one row per day of a cycle's lead time: `cycle` (an identifier), `lead_time` (days, the
 *     same on every row of a cycle) and `demand` (units that day).
 *
 * Rules (each violation names the file, the line and the column): lead times are finite and
 * > 0; demands finite and ≥ 0; in the daily layout a cycle's lead time is the same on all its
 * rows, its rows are not split by other cycles' rows, and it has at most ⌈lead_time⌉ day rows.
 * Parsing uses csv-parse; its own errors (e.g. a row with too many fields) are reported with
 * the file name.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { parseDecimal } from '../core/validate.ts';
import { decodeUtf8, MAX_INPUT_MAGNITUDE } from './common-csv.ts';
import type { CycleObservation, DailyCycleObservation } from '../models/correlated-rop/correlation.ts';

export type PairsData =
  | { layout: 'cycles'; file: string; cycles: CycleObservation[]; demandColumn: 'average_daily_demand' | 'lead_time_demand' }
  | { layout: 'daily'; file: string; cycles: (DailyCycleObservation & { id: string })[] };

/** Bad content in a data file; the CLI prints the message and exits with code 2. */
export class PairsCsvError extends RangeError {
  override name = 'InputError';
}

interface ParsedRow {
  record: Record<string, string>;
  info: { lines: number };
}

/** Read and validate a pairs CSV file. */
export function readPairsCsv(path: string): PairsData {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new PairsCsvError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let text: string;
  try {
    text = decodeUtf8(bytes, path);
  } catch (e) {
    throw new PairsCsvError((e as Error).message);
  }
  return parsePairsCsv(text, path);
}

function num(file: string, line: number, column: string, raw: string | undefined, rule: 'positive' | 'nonnegative'): number {
  const t = (raw ?? '').trim();
  if (t === '') throw new PairsCsvError(`${file}: line ${line}, column '${column}': empty; a number is required`);
  const x = parseDecimal(t);
  if (!Number.isFinite(x)) throw new PairsCsvError(`${file}: line ${line}, column '${column}': '${t.length > 40 ? `${t.slice(0, 40)}…` : t}' is not a number (plain decimal digits, e.g. 12 or 3.5)`);
  if (Math.abs(x) > MAX_INPUT_MAGNITUDE) throw new PairsCsvError(`${file}: line ${line}, column '${column}': must be at most ${MAX_INPUT_MAGNITUDE} in magnitude (larger values overflow sums and squares), got ${t}`);
  if (rule === 'positive' && !(x > 0)) throw new PairsCsvError(`${file}: line ${line}, column '${column}': must be > 0 (days), got ${x}`);
  if (rule === 'nonnegative' && !(x >= 0)) throw new PairsCsvError(`${file}: line ${line}, column '${column}': must be ≥ 0 (units), got ${x}`);
  return x;
}

/** Parse and validate pairs CSV text; `file` names it in messages. */
export function parsePairsCsv(text: string, file = 'pairs.csv'): PairsData {
  let rows: ParsedRow[];
  try {
    rows = parse(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true, bom: true }) as ParsedRow[];
  } catch (e) {
    throw new PairsCsvError(`${file}: ${(e as Error).message}`);
  }
  const header = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').split(',').map((c) => c.trim().toLowerCase());
  const has = (c: string) => header.includes(c);
  const dup = header.find((c, i) => c !== '' && header.indexOf(c) !== i);
  if (dup !== undefined) throw new PairsCsvError(`${file}: line 1: column '${dup}' appears twice in the header; which one is meant is ambiguous`);
  if (!has('lead_time')) {
    throw new PairsCsvError(`${file}: missing column 'lead_time'; expected either lead_time + average_daily_demand (or lead_time_demand), one row per cycle, or cycle + lead_time + demand, one row per day (found: ${header.filter((c) => c !== '').join(', ') || 'nothing'})`);
  }
  if (rows.length === 0) throw new PairsCsvError(`${file}: no data rows`);

  if (has('cycle') && has('demand')) {
    const cycles: (DailyCycleObservation & { id: string; line: number })[] = [];
    const index = new Map<string, number>();
    let last = '';
    for (const { record, info } of rows) {
      const line = info.lines;
      const id = (record.cycle ?? '').trim();
      if (id === '') throw new PairsCsvError(`${file}: line ${line}, column 'cycle': empty; every day row names its cycle`);
      const L = num(file, line, 'lead_time', record.lead_time, 'positive');
      const d = num(file, line, 'demand', record.demand, 'nonnegative');
      let k = index.get(id);
      if (k === undefined) {
        k = cycles.length;
        index.set(id, k);
        cycles.push({ id, leadTime: L, demands: [], line });
      } else if (id !== last) {
        throw new PairsCsvError(`${file}: line ${line}, column 'cycle': rows of cycle '${id}' are split by other cycles (first seen on line ${cycles[k]!.line}); keep each cycle's days together`);
      }
      const c = cycles[k]!;
      if (c.leadTime !== L) throw new PairsCsvError(`${file}: line ${line}, column 'lead_time': cycle '${id}' has lead time ${c.leadTime} on line ${c.line} but ${L} here`);
      c.demands.push(d);
      if (c.demands.length > Math.ceil(L)) throw new PairsCsvError(`${file}: line ${line}, column 'demand': cycle '${id}' has more day rows (${c.demands.length}) than its lead time of ${L} days`);
      last = id;
    }
    return { layout: 'daily', file, cycles: cycles.map(({ id, leadTime, demands }) => ({ id, leadTime, demands })) };
  }

  const demandColumn = has('average_daily_demand') ? 'average_daily_demand' : has('lead_time_demand') ? 'lead_time_demand' : null;
  if (demandColumn === null) {
    throw new PairsCsvError(`${file}: missing a demand column; give average_daily_demand or lead_time_demand (one row per cycle), or cycle + demand (one row per day) (found: ${header.join(', ')})`);
  }
  const cycles: CycleObservation[] = rows.map(({ record, info }) => {
    const L = num(file, info.lines, 'lead_time', record.lead_time, 'positive');
    const v = num(file, info.lines, demandColumn, record[demandColumn], 'nonnegative');
    return { leadTime: L, averageDailyDemand: demandColumn === 'lead_time_demand' ? v / L : v };
  });
  return { layout: 'cycles', file, cycles, demandColumn };
}
