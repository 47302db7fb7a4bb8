import { describe, expect, it } from 'vitest';
import { parseLeadTimesCsv, POOLED_KEY, readLeadTimesCsv } from '../../src/io/lead-times-csv.ts';
import { expectClose } from '../helpers/close.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';

const DATA = sharedDataPath('lead_times.csv');

describe('lead-time CSV reader', () => {
  it('one total column, pooled, read as PLT', () => {
    const t = parseLeadTimesCsv('lead_time_days\n2\n4\n4\n5\n7\n8\n', 'lt.csv');
    const g = t.groups.get(POOLED_KEY)!;
    expectClose(g.components.supply!.mean, 5, 1e-15, 'hand');
    expectClose(g.components.supply!.sd, Math.sqrt(4.8), 1e-15, 'hand');
  });
  it('components per key, with dedupe', () => {
    const text = 'sku,opt,tlt,plt,po\nA,1,2,5,p1\nA,1,2,5,p1\nA,3,4,7,p2\nB,0,1,1,p3\nB,2,1,3,p4\n';
    const t = parseLeadTimesCsv(text, 'lt.csv', { key: 'sku', orderProcessing: 'opt', transportation: 'tlt', supply: 'plt', dedupe: 'po' });
    expect(t.rowsRead).toBe(5);
    expect(t.rowsUsed).toBe(4);
    const a = t.groups.get('A')!;
    expect(a.n).toBe(2);
    expectClose(a.components.orderProcessing!.mean, 2, 1e-15, 'hand');
    expectClose(a.components.transportation!.sd, Math.SQRT2, 1e-15, 'hand');
    expectClose(t.groups.get('B')!.components.supply!.mean, 2, 1e-15, 'hand');
  });
  const bad: [string, Parameters<typeof parseLeadTimesCsv>[2], RegExp][] = [
    ['days\n1\n2\n', {}, /lt\.csv: missing column 'lead_time_days'/],
    ['lead_time_days\n1\nx\n', {}, /row 3, column 'lead_time_days': must be a number of days \(got 'x'\)/],
    ['lead_time_days\n1\n-2\n', {}, /row 3, column 'lead_time_days': must be ≥ 0 days/],
    ['lead_time_days\n3\n', {}, /row 2, column 'lead_time_days': the file has 1 observation\(s\); at least 2 are needed/],
    ['sku,lead_time_days\nA,1\nA,2\nB,4\n', { key: 'sku' }, /row 4, column 'lead_time_days': sku 'B' has 1 observation\(s\)/],
    ['sku,lead_time_days\n,1\n', { key: 'sku' }, /row 2, column 'sku': must not be empty/],
    ['lead_time_days\n', {}, /no lead-time rows/],
    ['t,o\n1,1\n', { total: 't', orderProcessing: 'o' }, /either a total lead-time column or component columns, not both/],
  ];
  for (const [text, cols, re] of bad) {
    it(`rejects ${JSON.stringify(text)} ${JSON.stringify(cols)}`, () => {
      expect(() => parseLeadTimesCsv(text, 'lt.csv', cols)).toThrow(re);
    });
  }
  it('reads the real file (USAID SCMS extract, ../shared/data/README.md): 4,587 lines, 2,690 POs, mean 105.8 d, sd 79.3 d', () => {
    const all = readLeadTimesCsv(DATA);
    expect(all.rowsUsed).toBe(4_587);
    const g = all.groups.get(POOLED_KEY)!.components.supply!;
    expectClose(g.mean, 105.8, 0.05, 'data README (1 decimal)');
    expectClose(g.sd, 79.3, 0.05, 'data README (1 decimal)');
    const dedup = readLeadTimesCsv(DATA, { dedupe: 'order_id' });
    expect(dedup.rowsUsed).toBe(2_690);
    // some suppliers have a single purchase order: grouping by supplier is rejected, naming one
    expect(() => readLeadTimesCsv(DATA, { key: 'supplier', dedupe: 'order_id' })).toThrow(/lead_times\.csv: row \d+, column 'lead_time_days': supplier '.+' has 1 observation\(s\); at least 2 are needed/);
  });
});

describe('SKU classes reader', () => {
  it('reads sku, class and pattern; rejects duplicates and empty SKUs', async () => {
    const { parseSkuClassesCsv, readSkuClassesCsv } = await import('../../src/io/sku-classes-csv.ts');
    const m = parseSkuClassesCsv('sku,class,pattern\nA,fast,erratic\nB,slow,\n', 'c.csv');
    expect(m.get('A')).toEqual({ class: 'fast', pattern: 'erratic' });
    expect(m.get('B')).toEqual({ class: 'slow', pattern: '(none)' });
    expect(() => parseSkuClassesCsv('sku,class\nA,fast\nA,slow\n', 'c.csv')).toThrow(/c\.csv: row 3, column 'sku': SKU 'A' is listed twice \(first in row 2\)/);
    expect(() => parseSkuClassesCsv('sku,class\n,fast\n', 'c.csv')).toThrow(/row 2, column 'sku': must not be empty/);
    expect(() => parseSkuClassesCsv('sku\nA\n', 'c.csv')).toThrow(/missing column 'class'/);
    // the real summary (170 SKUs in six classes)
    const real = readSkuClassesCsv(sharedDataPath('sku_summary.csv'));
    expect(real.size).toBe(170);
    expect(new Set([...real.values()].map((c) => c.class))).toEqual(new Set(['fast', 'medium', 'slow', 'very_slow', 'new', 'discontinued']));
  });
});
