import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runPolicy, type PolicyOptions } from '../../src/cli/commands/policy.ts';
import { OBJECTIVES } from '../../src/models/sql-policy/types.ts';
import { runCli as run } from '../helpers/cli.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';

// Real data: UCI Online Retail extract (Chen 2015, CC BY 4.0) and USAID SCMS lead times; see README.md of the shared data folder (src/io/shared-data.ts).
const ORDERS = sharedDataPath('order_transactions.csv');
const LEAD_TIMES = sharedDataPath('lead_times.csv');
const OTHER_SKU_LT = join(mkdtempSync(join(tmpdir(), 'invlab-lt-')), 'lt.csv');
writeFileSync(OTHER_SKU_LT, 'sku,lead_time_days\nZ,3\nZ,5\n');


const defaults: PolicyOptions = { orders: ORDERS, dateColumn: 'date', skuColumn: 'sku', quantityColumn: 'quantity', window: 'calendar', objective: 'no-stockout', review: 'continuous', lot: 'default', variant: 'corrected', k: 'exact' };

/** Options per objective that make every SKU of the real file solvable. */
function objectiveOptions(objective: string): Partial<PolicyOptions> {
  switch (objective) {
    case 'cost':
      return { holdingCost: '0.001', shortageCost: '1' };
    case 'profit':
      return { price: '10', unitCost: '6', salvage: '2', seasonDays: '90' };
    case 'on-time-request':
      return { target: '0.95', cltrMean: '2', cltrSd: '1' };
    case 'on-time-commit':
      return { target: '0.95', cltc: '3' };
    default:
      return { target: '0.95' };
  }
}

describe('invlab policy on the real order file', () => {
  afterEach(() => vi.restoreAllMocks());
  it('gives a policy for each of the 170 SKUs for every objective, review mode, variant and k method', () => {
    for (const objective of OBJECTIVES) {
      for (const review of ['continuous', 'periodic']) {
        for (const variant of ['printed', 'corrected']) {
          for (const k of ['approx', 'exact']) {
            const r = runPolicy({ ...defaults, ...objectiveOptions(objective), objective, review, variant, k, leadTimeMean: '10', leadTimeSd: '3', ...(review === 'periodic' ? { reviewPeriod: '7' } : {}) });
            expect(r.policies.length, `${objective} ${review} ${variant} ${k}`).toBe(170);
            for (const p of r.policies) {
              for (const v of [p.result.SS, p.result.ROP, p.result.MAX, p.result.k]) expect(Number.isFinite(v), `${objective} ${review} ${variant} ${k} ${p.result.sku}`).toBe(true);
            }
          }
        }
      }
    }
  });
  it('writes CSV and InventoryPolicy JSON, and prints JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invlab-policy-'));
    const csv = join(dir, 'p.csv');
    const json = join(dir, 'p.json');
    const r = await run(['policy', '--orders', ORDERS, '--lead-times', LEAD_TIMES, '--lead-time-dedupe', 'order_id', '--target', '0.9', '--objective', '6', '--out', csv, '--policies-out', json]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/170 SKU\(s\) from .*order_transactions\.csv \(44799 order lines, T = 374 calendar days\); objective fill-rate/);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines.length).toBe(171);
    expect(lines[0]).toMatch(/^sku,N,T,objective,review,variant,k_method,OAR,AOQ,SOQ,AOD,SOD/);
    // the versioned policy file (src/policy/file.ts): { format: 'invlab-policies', version: 1, policies: [...] }
    const policies = (JSON.parse(readFileSync(json, 'utf8')) as { policies: { kind: string; origin: { target: { metric: string } } }[] }).policies;
    expect(policies.length).toBe(170);
    expect(policies.every((p) => p.kind === 'sQ' && p.origin.target.metric === 'fillRate')).toBe(true);
    // whole-unit order lines: the policy file is in whole units (reorder point rounded up, lot ≥ 1); the CSV keeps the continuous figures
    const header = lines[0]!.split(',');
    const rop = lines.slice(1).map((l) => Number(l.split(',')[header.indexOf('ROP')]));
    policies.forEach((p, i) => {
      const q = p as unknown as { reorderPoint: number; lotSize: number };
      expect(Number.isInteger(q.reorderPoint) && Number.isInteger(q.lotSize) && q.lotSize >= 1).toBe(true);
      expect(q.reorderPoint).toBeGreaterThanOrEqual(rop[i]! - 1e-9);
    });
    expect(r.out).toMatch(/whole units: reorder point and order-up-to level rounded up/);
    const j = await run(['policy', '--orders', ORDERS, '--lead-time-mean', '10', '--target', '0.95', '--json', '--window', 'trading', '--sku', '85123A']);
    const parsed = JSON.parse(j.out) as { T: number; results: { sku: string; ROP: number }[] };
    expect(parsed.T).toBe(305);
    expect(parsed.results.map((x) => x.sku)).toEqual(['85123A']);
  });
  it('invlab solve sql-policy gives the same numbers for one SKU from its summary statistics', async () => {
    const j = await run(['policy', '--orders', ORDERS, '--lead-time-mean', '10', '--lead-time-sd', '3', '--target', '0.95', '--review', 'periodic', '--review-period', '7', '--variant', 'printed', '--k', 'approx', '--json', '--sku', '84879']);
    const res = (JSON.parse(j.out) as { results: Record<string, number>[] }).results[0]!;
    const dir = mkdtempSync(join(tmpdir(), 'invlab-solve-'));
    const params = join(dir, 'p.json');
    writeFileSync(params, JSON.stringify({ sku: '84879', objective: 'no-stockout', target: 0.95, review: 'periodic', reviewPeriod: 7, demand: { orderRate: res.OAR, meanOrderSize: res.AOQ, sdOrderSize: res.SOQ }, leadTime: { supply: { mean: 10, sd: 3 } }, lot: { rule: 'default' } }));
    const s = await run(['solve', 'sql-policy', '--params', params, '--variant', 'printed', '--k', 'approx', '--json']);
    expect(s.code).toBe(0);
    const solved = JSON.parse(s.out) as Record<string, number>;
    for (const key of ['AOD', 'SOD', 'RLT', 'SRLT', 'ADLT', 'SDLT', 'PVALUE', 'k', 'SS', 'ROP', 'LOT', 'MAX']) expect(solved[key], key).toBe(res[key]);
    const text = await run(['solve', 'sql-policy', '--params', params]);
    expect(text.out).toMatch(/policy: RsQ R=7/);
  });
  const errors: [string[], RegExp][] = [
    [['policy', '--orders', ORDERS, '--lead-time-mean', '10', '--target', '95'], /--target must be in \(0, 1\) \(a fraction/],
    [['policy', '--orders', ORDERS, '--lead-time-mean', '10'], /--objective no-stockout needs --target/],
    [['policy', '--orders', ORDERS, '--target', '0.9'], /give lead times either as --lead-times <file> or as --lead-time-mean/],
    [['policy', '--orders', ORDERS, '--lead-time-mean', '10', '--target', '0.9', '--review', 'periodic'], /--review periodic needs --review-period/],
    [['policy', '--orders', ORDERS, '--lead-time-mean', '10', '--target', '0.9', '--lot', 'fixed'], /--lot fixed needs --lot-fixed/],
    [['policy', '--orders', ORDERS, '--lead-time-mean', '10', '--objective', 'cost', '--holding-cost', '-1', '--shortage-cost', '1'], /--holding-cost must be ≥ 0, got -1/],
    [['policy', '--orders', ORDERS, '--lead-time-mean', '10', '--objective', '9'], /--objective must be 1-6 or one of/],
    [['policy', '--orders', ORDERS, '--lead-time-mean', 'x', '--target', '0.9'], /--lead-time-mean must be a number, got 'x'/],
    [['policy', '--orders', ORDERS, '--lead-time-mean', '10', '--target', '0.9', '--sku', 'NOPE'], /--sku: 'NOPE' has no order lines/],
    [['policy', '--orders', ORDERS, '--lead-times', OTHER_SKU_LT, '--lead-time-key', 'sku', '--target', '0.9'], /lt\.csv: no lead-time records for SKU '84029E' \(key column 'sku'\)/],
    [['policy', '--orders', ORDERS, '--lead-times', LEAD_TIMES, '--lead-time-key', 'supplier', '--target', '0.9'], /lead_times\.csv: row \d+, column 'lead_time_days': supplier '.+' has 1 observation/],
    [['policy', '--orders', '/nonexistent.csv', '--lead-time-mean', '10', '--target', '0.9'], /\/nonexistent\.csv: cannot read file/],
    [['policy', '--orders', ORDERS, '--lead-time-mean', '10', '--objective', 'cost', '--holding-cost', '1', '--shortage-cost', '1'], /SKU '84029E': case 1B: .* must be in \(0, 1\)/],
    [['solve', 'sql-policy'], /sql-policy needs --params/],
  ];
  for (const [args, re] of errors) {
    it(`exit 2: ${args.slice(1).join(' ').replace(/\S*\/shared\/data\//g, '')}`, async () => {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(re);
    });
  }
  it('looks lead times up by supplier (--supplier-column with --lead-time-key)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invlab-sup-'));
    const orders = join(dir, 'orders.csv');
    const lt = join(dir, 'lt.csv');
    writeFileSync(orders, 'date,sku,quantity,vendor\n2011-01-01,A,3,V1\n2011-01-02,A,5,V1\n2011-01-03,B,2,V2\n2011-01-05,B,4,V2\n');
    writeFileSync(lt, 'supplier,lead_time_days\nV1,2\nV1,4\nV2,10\nV2,14\n');
    const r = await run(['policy', '--orders', orders, '--lead-times', lt, '--lead-time-key', 'supplier', '--supplier-column', 'vendor', '--target', '0.9', '--json']);
    expect(r.code).toBe(0);
    const res = (JSON.parse(r.out) as { results: { sku: string; PLT: number; SPLT: number }[] }).results;
    expect(res.map((x) => [x.sku, x.PLT])).toEqual([['A', 3], ['B', 12]]);
    writeFileSync(orders, 'date,sku,quantity,vendor\n2011-01-01,A,3,V1\n2011-01-02,A,5,V2\n');
    const bad = await run(['policy', '--orders', orders, '--lead-times', lt, '--lead-time-key', 'supplier', '--supplier-column', 'vendor', '--target', '0.9']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/orders\.csv: row 3, column 'vendor': SKU 'A' must have one supplier; row 2 names 'V1' \(got 'V2'\)/);
    const noKey = await run(['policy', '--orders', orders, '--lead-times', lt, '--supplier-column', 'vendor', '--target', '0.9']);
    expect(noKey.err).toMatch(/--supplier-column needs --lead-times <file> and --lead-time-key <column>/);
  });
  it('writes nothing when the input is bad', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invlab-bad-'));
    const bad = join(dir, 'orders.csv');
    writeFileSync(bad, 'date,sku,quantity\n2011-01-01,A,3\n2011-01-02,A,4\n2011-01-03,B,0\n');
    const out = join(dir, 'p.csv');
    const r = await run(['policy', '--orders', bad, '--lead-time-mean', '5', '--target', '0.9', '--out', out, '--policies-out', join(dir, 'p.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/orders\.csv: row 4, column 'quantity': must be > 0/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'p.json'))).toBe(false);
  });
  it('rejects a SKU with a single order line with --strict, naming file, row and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invlab-one-'));
    const f = join(dir, 'orders.csv');
    writeFileSync(f, 'date,sku,quantity\n2011-01-01,A,3\n2011-01-02,A,4\n2011-01-03,B,2\n');
    const r = await run(['policy', '--orders', f, '--lead-time-mean', '5', '--target', '0.9', '--strict']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/orders\.csv: row 4, column 'sku': SKU 'B' has 1 order line; at least 2 are needed/);
  });
  it('--help works on policy and the installed launcher runs end to end', () => {
    const help = execFileSync('node', ['bin/invlab.js', 'policy', '--help'], { encoding: 'utf8' });
    expect(help).toMatch(/--orders <file>/);
    expect(help).toMatch(/--variant <variant>/);
    const r = spawnSync('node', ['bin/invlab.js', 'policy', '--orders', ORDERS, '--lead-time-mean', '10', '--target', '0.95'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| sku') && !l.startsWith('| ---')).length).toBe(170);
    const bad = spawnSync('node', ['bin/invlab.js', 'policy', '--orders', ORDERS, '--lead-time-mean', '10', '--target', '1.5'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/invlab: --target must be in \(0, 1\)/);
  });
});
