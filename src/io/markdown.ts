/** Markdown tables for results pages. */
import type { Cell, Row } from './csv-write.ts';

/** Format a number for a table: fixed decimals, or as given when not a number. */
export function fmt(value: Cell, decimals = 4): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
    return value.toFixed(decimals);
  }
  return String(value).replace(/\|/g, '\\|');
}

/** A Markdown table; per-column decimals may be given in `decimals`. */
export function markdownTable(rows: readonly Row[], columns?: readonly string[], decimals: Record<string, number> = {}, defaultDecimals = 4): string {
  const cols = columns ?? (rows.length > 0 ? Object.keys(rows[0]!) : []);
  const head = `| ${cols.join(' | ')} |`;
  const rule = `| ${cols.map(() => '---').join(' | ')} |`;
  const body = rows.map((r) => `| ${cols.map((c) => fmt(r[c], decimals[c] ?? defaultDecimals)).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}
