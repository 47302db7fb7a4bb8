/**
 * A portfolio run goes on past a bad SKU: `invlab policy` computes every SKU it can, reports the
 * others with status 'error' and the reason in the table, the CSV and the JSON, prints a summary
 * line and exits 3 (partial success); --strict makes any SKU error fatal (exit 2).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';
import { solveEachSku } from '../../src/models/sql-policy/raw.ts';
import { EXIT_PARTIAL } from '../../src/cli/exit-code.ts';

const ORDERS = sharedDataPath('order_transactions.csv');
/** the reported case: SKU 85135B has a case-1B ratio LOT·HCOST/(AOD·SCOST) of 1.438 */
const COST_ARGS = ['policy', '--orders', ORDERS, '--objective', 'cost', '--holding-cost', '0.01', '--shortage-cost', '2', '--lot', 'fixed', '--lot-fixed', '50', '--lead-time-mean', '10'];

describe('invlab policy: partial success', () => {
  it('the case-1B portfolio: every other SKU computed, 85135B reported, exit 3 (table, CSV, JSON)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invlab-partial-'));
    const out = join(dir, 'p.csv');
    const pol = join(dir, 'p.json');
    const r = await runCli([...COST_ARGS, '--out', out, '--policies-out', pol]);
    expect(r.code).toBe(EXIT_PARTIAL);
    expect(r.out).toMatch(/SKUs not computed:[\s\S]*\| 85135B \| error \| SKU '85135B': case 1B: LOT·HCOST\/\(AOD·SCOST\) = 1\.438\d* must be in \(0, 1\)/);
    const m = /summary: (\d+) of 170 SKU\(s\) computed, (\d+) failed \(status 'error' with the reason; exit code 3, partial success; --strict makes any SKU error fatal\)/.exec(r.out);
    expect(m).not.toBeNull();
    const [computed, failed] = [Number(m![1]), Number(m![2])];
    expect(computed + failed).toBe(170);
    expect(computed).toBeGreaterThan(0);
    const csv = readFileSync(out, 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^sku,.*,status,reason$/);
    expect(csv).toHaveLength(1 + 170);
    expect(csv.filter((l) => l.endsWith(',ok,'))).toHaveLength(computed);
    expect(csv.find((l) => l.startsWith('85135B,'))).toMatch(/,error,"SKU '85135B': case 1B/);
    expect((JSON.parse(readFileSync(pol, 'utf8')) as { policies: unknown[] }).policies).toHaveLength(computed);
    const j = await runCli([...COST_ARGS, '--json']);
    expect(j.code).toBe(EXIT_PARTIAL);
    const doc = JSON.parse(j.out) as { results: { status: string; sku: string }[]; failed: { sku: string; status: string; reason: string }[]; summary: string };
    expect(doc.results).toHaveLength(computed);
    expect(doc.results.every((x) => x.status === 'ok')).toBe(true);
    expect(doc.failed).toHaveLength(failed);
    expect(doc.failed.find((f) => f.sku === '85135B')).toMatchObject({ status: 'error', reason: expect.stringMatching(/case 1B: .*= 1\.438/) });
    expect(doc.summary).toMatch(/computed, \d+ failed/);
  });

  it('--strict stops at the first SKU error with exit 2 and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invlab-strict-'));
    const out = join(dir, 'p.csv');
    const r = await runCli([...COST_ARGS, '--strict', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/SKU '\w+': case 1B: .* must be in \(0, 1\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('a SKU with a single order line is reported, the others computed (exit 3); all failing is exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invlab-one-line-'));
    const f = join(dir, 'orders.csv');
    writeFileSync(f, 'date,sku,quantity\n2011-01-01,A,3\n2011-01-02,A,4\n2011-01-03,B,2\n2011-01-04,C,5\n2011-01-05,C,7\n');
    const r = await runCli(['policy', '--orders', f, '--lead-time-mean', '5', '--target', '0.9', '--json']);
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.out) as { results: { sku: string }[]; failed: { sku: string; reason: string }[] };
    expect(doc.results.map((x) => x.sku)).toEqual(['A', 'C']);
    expect(doc.failed).toEqual([{ sku: 'B', status: 'error', reason: expect.stringMatching(/orders\.csv: row 4, column 'sku': SKU 'B' has 1 order line; at least 2 are needed/) }]);
    writeFileSync(f, 'date,sku,quantity\n2011-01-01,A,3\n2011-01-03,B,2\n');
    const none = await runCli(['policy', '--orders', f, '--lead-time-mean', '5', '--target', '0.9']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no SKU could be computed: .*SKU 'A' has 1 order line.*\(and 1 more SKU\(s\) failing\)/);
  });

  it('solveEachSku (the batch) goes on past a failing SKU, in input order', () => {
    const settings = { objective: 'no-stockout' as const, target: 0.9, review: 'continuous' as const, lot: { rule: 'default' as const }, costs: {}, variant: 'corrected' as const, kMethod: 'exact' as const };
    const lt = { supply: { mean: 5, sd: 1 } };
    const out = solveEachSku([{ sku: 'A', n: 3, sum: 18, sumSquares: 134, leadTime: lt }, { sku: 'B', n: 1, sum: 3, sumSquares: 9, leadTime: lt }, { sku: 'C', n: 3, sum: 18, sumSquares: 134, leadTime: lt }], 30, settings);
    expect(out.map((o) => [o.sku, o.status])).toEqual([['A', 'ok'], ['B', 'error'], ['C', 'ok']]);
    expect(out[1]).toMatchObject({ reason: expect.stringMatching(/at least 2 observations/) });
  });
});
