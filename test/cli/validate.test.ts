import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../helpers/cli.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';

// Real data: UCI Online Retail extract (Chen 2015, CC BY 4.0), USAID SCMS lead times; see README.md of the shared data folder (src/io/shared-data.ts).
const ORDERS = sharedDataPath('order_transactions.csv');
const LEAD_TIMES = sharedDataPath('lead_times.csv');
const CLASSES = sharedDataPath('sku_summary.csv');


describe('invlab validate on the real order file', () => {
  it('replays all 170 SKUs after a split, with classes and baselines, and writes one CSV row per SKU', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'invlab-validate-'));
    const out = join(dir, 'v.csv');
    const r = await run(['validate', '--orders', ORDERS, '--train-until', '2011-09-01', '--lead-time-mean', '10', '--target', '0.95', '--objective', 'fill-rate', '--classes', CLASSES, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/validate: 170 SKU\(s\), trained on 274 days, replayed 100 days after 56 warm-up days \(replay, 1 replication\(s\) per SKU\); lead time constant 10 days/);
    expect(r.out).toMatch(/\| group \| skus \| skipped \| share_meeting \| below_beyond_ci \| mean_achieved \| model \| no-safety-stock \| days-of-supply \| two-week-cover \|/);
    for (const c of ['fast', 'medium', 'slow', 'very_slow', 'new', 'discontinued', 'all']) expect(r.out).toMatch(new RegExp(`\\| ${c} \\| \\d+ \\|`));
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines.length).toBe(171);
    expect(lines[0]).toMatch(/^sku,class,pattern,sbc_pattern,adi,cv2,status,reason,train_orders,test_demand,metric,target,achieved,ci_low,ci_high/);
    // discontinued SKUs (last sale by June 2011) have no demand after the split
    expect(lines.filter((l) => l.includes(',discontinued,') && l.includes('no demand in the test window')).length).toBe(10);
  });
  it('bootstrap with lead times drawn from the (rescaled) records gives CIs; JSON output', async () => {
    const r = await run(['validate', '--orders', ORDERS, '--train-until', '2011-06-01', '--lead-times', LEAD_TIMES, '--lead-time-dedupe', 'order_id', '--lead-time-scale', '10', '--target', '0.9', '--mode', 'bootstrap', '--replications', '6', '--sku', '85123A,84879', '--baselines', 'no-safety-stock', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { replications: number; simLeadTime: string; skus: { sku: string; ci_low: number; ci_high: number; achieved: number; 'no-safety-stock_achieved': number }[] };
    expect(j.replications).toBe(6);
    expect(j.simLeadTime).toMatch(/drawn at random from 2690 records \(mean 10\.\d days\)/);
    expect(j.skus.map((s) => s.sku)).toEqual(['85123A', '84879']);
    for (const s of j.skus) {
      expect(s.ci_low).toBeLessThanOrEqual(s.achieved);
      expect(s.ci_high).toBeGreaterThanOrEqual(s.achieved);
      expect(s.ci_high).toBeGreaterThan(s.ci_low);
      expect(typeof s['no-safety-stock_achieved']).toBe('number');
    }
  });
  it('objectives 4 and 5: the customer lead times reach the model and the replay, so the promised on-time share is measured', async () => {
    // Before the fix, --cltr-mean was ignored and no customer lead time reached the engine: the on-time
    // metrics were not measured and every SKU's "achieved" was empty (counted as skipped).
    const commit = await run(['validate', '--orders', ORDERS, '--train-until', '2011-09-01', '--lead-time-mean', '7', '--objective', 'on-time-commit', '--cltc', '2', '--target', '0.95', '--sku', '85123A', '--baselines', 'none', '--json']);
    expect(commit.code).toBe(0);
    const jc = JSON.parse(commit.out) as { skus: { metric: string; achieved: number; fill_rate: number; status: string }[] };
    expect(jc.skus[0]!.metric).toBe('onTimeCommitted');
    expect(typeof jc.skus[0]!.achieved).toBe('number');
    // shipping within 2 days can only help: on time to commit ≥ immediate fill rate (same replay)
    expect(jc.skus[0]!.achieved).toBeGreaterThanOrEqual(jc.skus[0]!.fill_rate);
    const req = await run(['validate', '--orders', ORDERS, '--train-until', '2011-09-01', '--lead-time-mean', '7', '--objective', 'on-time-request', '--cltr-mean', '3', '--target', '0.95', '--sku', '85123A', '--baselines', 'none', '--out', join(mkdtempSync(join(tmpdir(), 'invlab-validate-')), 'v.csv'), '--json']);
    expect(req.code).toBe(0);
    const jr = JSON.parse(req.out) as { modelLeadTime: { customerRequested?: { mean: number } }; skus: { metric: string; achieved: number }[] };
    expect(jr.skus[0]!.metric).toBe('onTimeRequested');
    expect(typeof jr.skus[0]!.achieved).toBe('number');
    // the model's RLT = OPT + TLT + PLT − CLTR uses the given CLTR (Step 3, case 4)
    expect(jr.modelLeadTime.customerRequested?.mean).toBe(3);
  });
  it('every SKU with demand counts: unmeasured SKUs are listed with their reason; text, summary and CSV agree; CSV columns are the union over rows', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'invlab-validate-')), 'v.csv');
    // 71496B has one order line before the split (no policy) but demand after it: unmeasured, no outcome columns of its own
    const r = await run(['validate', '--orders', ORDERS, '--train-until', '2011-09-01', '--lead-time-mean', '10', '--target', '0.95', '--sku', '71496B,85123A,22053', '--baselines', 'no-safety-stock', '--out', out]);
    expect(r.code).toBe(0);
    const csv = readFileSync(out, 'utf8').trim().split('\n');
    const header = csv[0]!.split(',');
    expect(header).toContain('no-safety-stock_achieved');
    expect(header).toContain('run_reorder_point');
    const rows = csv.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i]!, v])));
    expect(rows.find((x) => x.sku === '71496B')!.status).toBe('skipped');
    const withDemand = rows.filter((x) => Number(x.test_demand) > 0).length;
    const measured = rows.filter((x) => x.status === 'ok').length;
    const meeting = rows.filter((x) => x.meets_target === 'true').length;
    expect(r.out).toContain(`3 SKUs; ${withDemand} with demand in the test window (the denominator); ${measured} measured, ${withDemand - measured} unmeasured`);
    expect(r.out).toContain(`${meeting} of ${withDemand} meet the target`);
    expect(r.out).toMatch(/Unmeasured SKUs[\s\S]*\| 71496B \| 1 order line\(s\) before the split: SOQ needs 2 \|/);
    expect(r.out).toMatch(new RegExp(`\\| all \\| 3 \\| \\d+ \\| [\\d.]+ \\|[^\\n]*\\| ${withDemand} \\| ${measured} \\| ${withDemand - measured} \\| ${meeting} \\|`));
    // the run's policies are whole units (the order lines are whole units)
    for (const x of rows.filter((y) => y.status === 'ok')) expect(Number.isInteger(Number(x.run_reorder_point)) && Number.isInteger(Number(x.run_lot))).toBe(true);
  });
  const errors: [string[], RegExp][] = [
    [['--train-until', '2011-13-01', '--lead-time-mean', '10', '--target', '0.9'], /--train-until must be an ISO date YYYY-MM-DD, got '2011-13-01'/],
    [['--train-until', '2009-01-01', '--lead-time-mean', '10', '--target', '0.9'], /--train-until 2009-01-01 must fall after the first order date \(2010-12-01\)/],
    [['--train-until', '2011-09-01', '--target', '0.9'], /give lead times either as --lead-times <file> or as --lead-time-mean/],
    [['--train-until', '2011-09-01', '--lead-times', LEAD_TIMES, '--lead-time-key', 'supplier', '--target', '0.9'], /--lead-time-key is not supported by validate/],
    [['--train-until', '2011-09-01', '--lead-time-mean', '10', '--lead-time-scale', '5', '--target', '0.9'], /--lead-time-scale applies to --lead-times records only/],
    [['--train-until', '2011-09-01', '--lead-time-mean', '10', '--target', '0.9', '--baselines', 'magic'], /--baselines: unknown baseline 'magic'/],
    [['--train-until', '2011-09-01', '--lead-time-mean', '10', '--target', '0.9', '--replications', '2.5'], /--replications must be a whole number/],
    [['--train-until', '2011-09-01', '--lead-time-mean', '10', '--target', '1.2'], /--target must be in \(0, 1\)/],
    [['--train-until', '2011-09-01', '--lead-time-mean', '10', '--target', '0.9', '--classes', '/nonexistent/classes.csv'], /\/nonexistent\/classes\.csv: cannot read file/],
  ];
  for (const [args, re] of errors) {
    it(`exit 2: ${args.join(' ').replace(/\S*\/shared\/data\//g, '')}`, async () => {
      const r = await run(['validate', '--orders', ORDERS, ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(re);
    });
  }
  it('--help describes the replay', () => {
    const help = execFileSync('node', ['bin/invlab.js', 'validate', '--help'], { encoding: 'utf8' });
    expect(help).toMatch(/--train-until <date>/);
    expect(help).toMatch(/--mode <mode>/);
  });
});

describe('validate CSV columns', () => {
  it('are the union over rows, in order of first appearance (a first row without baselines drops none)', async () => {
    const { unionColumns } = await import('../../src/cli/commands/validate.ts');
    expect(unionColumns([{ sku: 'a', status: 'skipped' }, { sku: 'b', status: 'ok', achieved: 0.9, 'no-safety-stock_achieved': 0.5 }])).toEqual(['sku', 'status', 'achieved', 'no-safety-stock_achieved']);
  });
});
