/**
 * Reader for lead-time records (seed 001, Step 2 input): one row per observed replenishment,
 * either with one total lead-time column (e.g. `lead_time_days`, read as the supply lead time
 * PLT) or with the paper's components OPT, TLT, PLT (and CLTR, the customer's requested lead
 * time), keyed by SKU or supplier (or pooled into one group when no key column is named).
 * Column names are configurable; an optional dedupe column keeps one row per (key, value)
 * (e.g. one observation per purchase order when several lines share it).
 *
 * Rules (each violation names file, row, column and rule): lead times are finite numbers ≥ 0
 * (days); a key is not empty; each group has at least 2 observations per column (a standard
 * deviation needs two). Nothing is returned on error.
 */
import { sampleMeanSd } from '../core/stats.ts';
import type { LeadTimeComponents } from '../models/sql-policy/types.ts';
import { cellError, InputError, numberCell, requireColumn, scanCsv, type CsvInput } from './common-csv.ts';

export interface LeadTimeColumns {
  /** group key column (e.g. 'sku' or 'supplier'); undefined: all rows form one pooled group */
  key?: string;
  /** one total lead-time column (days), read as PLT; default 'lead_time_days' when no component is named */
  total?: string;
  /** component columns (days) */
  orderProcessing?: string;
  transportation?: string;
  supply?: string;
  customerRequested?: string;
  /** keep the first row of each (key, value of this column) */
  dedupe?: string;
}

/** Name of the pooled group when no key column is given. */
export const POOLED_KEY = '*';

export interface LeadTimeGroup {
  key: string;
  /** observations after deduplication */
  n: number;
  /** Step 2 statistics per component (days) */
  components: LeadTimeComponents;
  /** the raw observations per component (days), for replay in simulation */
  samples: Partial<Record<keyof LeadTimeComponents, number[]>>;
}

export interface LeadTimeTable {
  file: string;
  keyColumn: string | undefined;
  groups: Map<string, LeadTimeGroup>;
  rowsRead: number;
  rowsUsed: number;
}

type Comp = keyof LeadTimeComponents;
const COMPONENTS: Comp[] = ['orderProcessing', 'transportation', 'supply', 'customerRequested'];

/** Read and validate a lead-time CSV file. */
export function readLeadTimesCsv(path: string, columns: LeadTimeColumns = {}): LeadTimeTable {
  return leadTimesFromCsv({ path }, path, columns);
}

/** Parse and validate lead-time CSV text; `file` names it in messages. */
export function parseLeadTimesCsv(text: string, file: string, columns: LeadTimeColumns = {}): LeadTimeTable {
  return leadTimesFromCsv(text, file, columns);
}

/** Lead times from CSV text or a streamed file (read in chunks; the same results and errors either way). */
function leadTimesFromCsv(text: CsvInput, file: string, columns: LeadTimeColumns): LeadTimeTable {
  const named = COMPONENTS.filter((c) => columns[c] !== undefined);
  if (columns.total !== undefined && named.length > 0) throw new InputError(`${file}: give either a total lead-time column or component columns, not both`);
  const valueCols: { comp: Comp; name: string }[] = named.length > 0 ? named.map((c) => ({ comp: c, name: columns[c]! })) : [{ comp: 'supply', name: columns.total ?? 'lead_time_days' }];
  const acc = new Map<string, { samples: Partial<Record<Comp, number[]>>; lastRow: number; n: number }>();
  const seen = columns.dedupe ? new Set<string>() : null;
  let rowsRead = 0;
  let rowsUsed = 0;
  scanCsv(
    text,
    file,
    (header) => {
      const idx = valueCols.map((c) => requireColumn(header, c.name, file, 'lead time in days'));
      idx.push(columns.key ? requireColumn(header, columns.key, file, 'group key') : -1);
      idx.push(columns.dedupe ? requireColumn(header, columns.dedupe, file, 'dedupe key') : -1);
      return idx.map((i) => (i < 0 ? 0 : i));
    },
    (v, row) => {
      rowsRead++;
      let key = POOLED_KEY;
      if (columns.key) {
        key = v[valueCols.length]!;
        if (key === '') throw cellError(file, row, columns.key, 'must not be empty');
      }
      const parsed: number[] = [];
      for (let j = 0; j < valueCols.length; j++) {
        const t = v[j]!;
        const x = numberCell(t, file, row, valueCols[j]!.name, 'a number of days');
        if (x < 0) throw cellError(file, row, valueCols[j]!.name, 'must be ≥ 0 days', t);
        parsed.push(x);
      }
      if (seen) {
        const id = `${key}\u0000${v[valueCols.length + 1]!}`;
        if (seen.has(id)) return;
        seen.add(id);
      }
      rowsUsed++;
      let g = acc.get(key);
      if (!g) {
        g = { samples: {}, lastRow: row, n: 0 };
        acc.set(key, g);
      }
      g.lastRow = row;
      g.n++;
      for (let j = 0; j < valueCols.length; j++) (g.samples[valueCols[j]!.comp] ??= []).push(parsed[j]!);
    },
  );
  if (rowsUsed === 0) throw new InputError(`${file}: no lead-time rows after the header`);
  const groups = new Map<string, LeadTimeGroup>();
  for (const [key, g] of acc) {
    const components: LeadTimeComponents = {};
    for (const c of valueCols) {
      const xs = g.samples[c.comp]!;
      if (xs.length < 2) {
        const who = columns.key ? `${columns.key} '${key}'` : 'the file';
        throw cellError(file, g.lastRow, c.name, `${who} has ${xs.length} observation(s); at least 2 are needed for a standard deviation (Step 2)`);
      }
      let s = 0;
      let s2 = 0;
      for (const x of xs) {
        s += x;
        s2 += x * x;
      }
      components[c.comp] = sampleMeanSd(xs.length, s, s2);
    }
    groups.set(key, { key, n: g.n, components, samples: g.samples });
  }
  return { file, keyColumn: columns.key, groups, rowsRead, rowsUsed };
}
