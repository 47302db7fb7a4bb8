/**
 * CLI of the correlated-rop model (Izar Landeta et al. 2015) and the pairs CSV reader: the paper example from
 * --params, --pairs in both layouts, and every error message (file, line, column, rule).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parsePairsCsv, readPairsCsv } from '../../../src/io/pairs-csv.ts';
import { estimateFromDaily } from '../../../src/models/correlated-rop/index.ts';
import { RandomStream } from '../../../src/rng/stream.ts';
import { expectClose, expectMatchesPrinted } from '../../helpers/close.ts';
import { runCli as run } from '../../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'invlab-correlated-rop-'));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};


afterEach(() => vi.restoreAllMocks());

const example = { meanDailyDemand: 4, sdDailyDemand: 2.121, meanLeadTime: 5, sdLeadTime: 1.155, correlation: -0.1954, costs: { shortageCost: 1300, holdingCost: 3000, annualDemand: 1240, orderQuantity: 90 } };

/** Daily rows of synthetic cycles: L uniform on 3..7, demand N(40 + ρ·6·(L − 5)/√2, 36(1 − ρ²)) rounded at 0. */
function dailyCsv(rho: number, cycles: number): string {
  const s = new RandomStream([1, 'test/correlated-rop/cli-pairs', rho]);
  const lines = ['cycle,lead_time,demand'];
  for (let j = 0; j < cycles; j++) {
    const L = 3 + s.int(5);
    for (let i = 0; i < L; i++) lines.push(`c${j},${L},${Math.max(0, 40 + (rho * 6 * (L - 5)) / Math.SQRT2 + 6 * Math.sqrt(1 - rho * rho) * s.normal()).toFixed(3)}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('invlab solve correlated-rop --params', () => {
  it('the paper example: PR 27.05 and 25.21 (Table 4, NS 0.86), 7.28 %', async () => {
    const r = await run(['solve', 'correlated-rop', '--params', file('ex.json', JSON.stringify(example)), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expectMatchesPrinted(j.traditional.reorderPoint, 27.05, 2, 'Table 4');
    expectMatchesPrinted(j.correlated.reorderPoint, 25.21, 2, 'Table 4');
    expectMatchesPrinted(j.percentDifference, 7.3, 1, 'text');
    const t = await run(['solve', 'correlated-rop', '--params', file('ex.json', JSON.stringify(example))]);
    expect(t.out).toMatch(/\| traditional \(eqs\. 1, 2, 4\) \| 20 \| 6\.621 \| 7\.051 \| 27\.051 \|/);
    expect(t.out).toMatch(/picks: traditional/);
  });
  it('--service-level replaces the costs', async () => {
    const { costs: _c, ...rest } = example;
    const r = await run(['solve', 'correlated-rop', '--params', file('p.json', JSON.stringify(rest)), '--service-level', '0.95', '--json']);
    expect(r.code).toBe(0);
    expectClose(JSON.parse(r.out).serviceLevel, 0.95, 0, 'given');
  });
  it('invlab models --example correlated-rop prints a params file that solves', async () => {
    const r = await run(['models', '--example', 'correlated-rop']);
    expect(JSON.parse(r.out)).toEqual(example);
  });
  const bad: [string, string[], RegExp][] = [
    ['ρ out of range', ['--params', 'rho'], /correlation \(ρ\) must lie in \[−1, 1\]/],
    ['service level twice', ['--params', 'ex', '--service-level', '0.9'], /give the service level once/],
    ['bad --service-level', ['--params', 'nocost', '--service-level', 'high'], /--service-level must be a number strictly between 0 and 1, got 'high'/],
    ['--service-level 1', ['--params', 'nocost', '--service-level', '1'], /serviceLevel \(P\(z\)\) must lie strictly between 0 and 1/],
    ['no input', [], /correlated-rop needs --params file.json .* or --pairs file.csv/],
    ['params not an object', ['--params', 'array'], /--params must hold a JSON object/],
  ];
  for (const [name, args, re] of bad) {
    it(`exit 2 with a message: ${name}`, async () => {
      const { costs: _c, ...nocost } = example;
      const paths: Record<string, string> = {
        rho: file('rho.json', JSON.stringify({ ...example, correlation: 1.5 })),
        ex: file('ex.json', JSON.stringify(example)),
        nocost: file('nocost.json', JSON.stringify(nocost)),
        array: file('array.json', '[1, 2]'),
      };
      const r = await run(['solve', 'correlated-rop', ...args.map((a) => paths[a] ?? a)]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(re);
    });
  }
});

describe('invlab solve correlated-rop --pairs', () => {
  it('daily layout: estimates ρ (daily, cycle-weighted) and solves; matches the library estimate', async () => {
    const p = file('daily.csv', dailyCsv(0.6, 400));
    const r = await run(['solve', 'correlated-rop', '--pairs', p, '--service-level', '0.9', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.layout).toBe('daily');
    const data = readPairsCsv(p);
    if (data.layout !== 'daily') throw new Error('layout');
    expectClose(j.estimate.dailyCorrelation, estimateFromDaily(data.cycles).dailyCorrelation, 1e-15, 'same estimate');
    // 400 cycles: se ≈ (1 − 0.36)/20 = 0.032
    expectClose(j.estimate.dailyCorrelation, 0.6, 4 * 0.032, 'known ρ (4 se)');
    expect(j.estimate.cycleAverageCorrelation).toBeGreaterThan(j.estimate.dailyCorrelation);
    expectClose(j.solution.dailyCorrelation, j.estimate.dailyCorrelation, 0, 'used');
    expect(j.normality.leadTime.n).toBe(400);
    const t = await run(['solve', 'correlated-rop', '--pairs', p, '--service-level', '0.9']);
    expect(t.out).toMatch(/Kolmogorov–Smirnov normality check/);
    expect(t.out).toMatch(/cycle-average daily demand ρA = /);
  });
  it('cycle layout with lead_time_demand, service level from costs in --params', async () => {
    const p = file('cycles.csv', 'lead_time,lead_time_demand\n3,15\n5,18\n4,20\n6,21\n7,30\n5,26\n');
    const r = await run(['solve', 'correlated-rop', '--pairs', p, '--params', file('costs.json', JSON.stringify({ costs: example.costs })), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.layout).toBe('cycles');
    expectClose(j.estimate.meanLeadTime, 5, 1e-12, 'mean of 3,5,4,6,7,5');
    expectClose(j.solution.serviceLevel, 1612000 / (1612000 + 270000), 1e-15, 'eq. (3)');
  });
  const cases: [string, string, RegExp][] = [
    ['missing lead_time', 'lt,demand\n1,2\n', /missing column 'lead_time'; expected either/],
    ['missing demand column', 'lead_time,x\n1,2\n', /missing a demand column/],
    ['no rows', 'lead_time,average_daily_demand\n', /no data rows/],
    ['non-number', 'lead_time,average_daily_demand\n3,4\nfive,4\n', /line 3, column 'lead_time': 'five' is not a number/],
    ['empty cell', 'lead_time,average_daily_demand\n3,\n', /line 2, column 'average_daily_demand': empty; a number is required/],
    ['zero lead time', 'lead_time,average_daily_demand\n0,4\n', /line 2, column 'lead_time': must be > 0 \(days\), got 0/],
    ['negative demand', 'cycle,lead_time,demand\na,3,1\na,3,-2\n', /line 3, column 'demand': must be ≥ 0 \(units\), got -2/],
    ['inconsistent lead time', 'cycle,lead_time,demand\na,3,1\na,4,2\n', /line 3, column 'lead_time': cycle 'a' has lead time 3 on line 2 but 4 here/],
    ['split cycle', 'cycle,lead_time,demand\na,3,1\nb,3,2\na,3,2\n', /line 4, column 'cycle': rows of cycle 'a' are split by other cycles \(first seen on line 2\)/],
    ['too many days', 'cycle,lead_time,demand\na,2,1\na,2,1\na,2,1\n', /line 4, column 'demand': cycle 'a' has more day rows \(3\) than its lead time of 2 days/],
    ['empty cycle id', 'cycle,lead_time,demand\n,2,1\n', /line 2, column 'cycle': empty/],
    ['ragged row', 'lead_time,average_daily_demand\n3,4,5\n', /bad.csv: Invalid Record Length/],
    ['too few cycles', 'lead_time,average_daily_demand\n3,4\n4,5\n', /need at least 3 replenishment cycles to estimate a correlation, got 2/],
  ];
  for (const [name, content, re] of cases) {
    it(`exit 2 with a message: ${name}`, async () => {
      const r = await run(['solve', 'correlated-rop', '--pairs', file('bad.csv', content), '--service-level', '0.9']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(re);
    });
  }
  it('unreadable file and moments given twice', async () => {
    const r = await run(['solve', 'correlated-rop', '--pairs', join(dir, 'none.csv'), '--service-level', '0.9']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/none.csv: cannot read the file \(ENOENT\)/);
    const q = await run(['solve', 'correlated-rop', '--pairs', file('d.csv', dailyCsv(0, 10)), '--params', file('ex.json', JSON.stringify(example))]);
    expect(q.code).toBe(2);
    expect(q.err).toMatch(/with --pairs the moments and ρ come from the data; remove meanDailyDemand, sdDailyDemand, meanLeadTime, sdLeadTime, correlation from --params/);
  });
  it('parsePairsCsv: header names are case-insensitive and a BOM is ignored', () => {
    const d = parsePairsCsv('\uFEFFLead_Time,Average_Daily_Demand\n3,4\n', 'x.csv');
    expect(d.layout).toBe('cycles');
    expect(d.cycles[0]).toEqual({ leadTime: 3, averageDailyDemand: 4 });
  });
});
