/** CSV output (RFC 4180 quoting). */

export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

function quote(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to CSV text; columns default to the keys of the first row, in order. */
export function toCsv(rows: readonly Row[], columns?: readonly string[]): string {
  const cols = columns ?? (rows.length > 0 ? Object.keys(rows[0]!) : []);
  const lines = [cols.map(quote).join(',')];
  for (const r of rows) lines.push(cols.map((c) => quote(r[c])).join(','));
  return `${lines.join('\n')}\n`;
}
