/**
 * Reader for a per-SKU classification (e.g. ../shared/data/sku_summary.csv: `sku`, `class`,
 * `pattern`), used to summarise validation results by demand class. Column names configurable;
 * each row needs a non-empty SKU; a SKU listed twice is an error naming both rows.
 */
import { cellError, readTextFile, requireColumn, scanCsv } from './common-csv.ts';

export interface SkuClass {
  class: string;
  pattern: string;
}

export function readSkuClassesCsv(path: string, columns: { sku?: string; class?: string; pattern?: string } = {}): Map<string, SkuClass> {
  return parseSkuClassesCsv(readTextFile(path), path, columns);
}

export function parseSkuClassesCsv(text: string, file: string, columns: { sku?: string; class?: string; pattern?: string } = {}): Map<string, SkuClass> {
  const c = { sku: columns.sku ?? 'sku', class: columns.class ?? 'class', pattern: columns.pattern ?? 'pattern' };
  const out = new Map<string, SkuClass>();
  const rowOf = new Map<string, number>();
  let hasPattern = false;
  scanCsv(
    text,
    file,
    (header) => {
      const idx = [requireColumn(header, c.sku, file, 'SKU'), requireColumn(header, c.class, file, 'demand class')];
      hasPattern = header.includes(c.pattern);
      if (hasPattern) idx.push(requireColumn(header, c.pattern, file, 'demand pattern'));
      return idx;
    },
    (v, row) => {
      const sku = v[0]!;
      if (sku === '') throw cellError(file, row, c.sku, 'must not be empty');
      if (out.has(sku)) throw cellError(file, row, c.sku, `SKU '${sku}' is listed twice (first in row ${rowOf.get(sku)})`);
      out.set(sku, { class: v[1]! || '(none)', pattern: hasPattern ? v[2]! || '(none)' : '(none)' });
      rowOf.set(sku, row);
    },
  );
  return out;
}
