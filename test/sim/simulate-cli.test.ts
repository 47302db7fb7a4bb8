/**
 * `invlab simulate` end to end (in process) and the daily-demand reader: the "Done
 * when": a policy from `invlab policy` simulated on synthetic demand and on a replay of
 * data/daily_demand.csv (UCI Online Retail, Chen 2015, CC BY 4.0) for one SKU, with CIs, and
 * identical output for --threads 1 and --threads 2.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDailyDemandCsv, readDailyDemandCsv, skuHistory } from '../../src/io/daily-demand-csv.ts';
import { closePool } from '../../src/pool/run.ts';
import { runCli as cli } from '../helpers/cli.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';

const DATA = sharedDataPath('daily_demand.csv');
const dir = mkdtempSync(join(tmpdir(), 'invlab-sim-cli-'));
afterAll(async () => {
  await closePool();
  rmSync(dir, { recursive: true, force: true });
});


// as written by `invlab policy --policies-out` (two SKUs of the real data, objective 3, target 0.95)
const policies = [
  { kind: 'sQ', reorderPoint: 261.4444860789931, lotSize: 88.8850267379679, multiples: 'multiples', origin: { model: 'sql-policy', sku: '84029E', target: { metric: 'cycleServiceLevel', value: 0.95 } } },
  { kind: 'sQ', reorderPoint: 1387.8664471086836, lotSize: 663.0909090909091, multiples: 'multiples', origin: { model: 'sql-policy', sku: '85123A', target: { metric: 'cycleServiceLevel', value: 0.95 } } },
];
const policyFile = join(dir, 'policies.json');
writeFileSync(policyFile, JSON.stringify(policies));

describe('invlab simulate', () => {
  it('synthetic demand: identical output (table and JSON) for --threads 1 and --threads 2', async () => {
    const args = ['simulate', '--policy', policyFile, '--sku', '84029E', '--demand', '{"kind":"compoundPoisson","ordersPerPeriod":1.2,"orderSize":{"kind":"gamma","mean":10.6,"sd":30}}', '--lead-time', '{"kind":"normal","mean":7,"sd":2,"integer":true}', '--horizon', '2000', '--warmup', '50', '--replications', '12', '--seed', '5'];
    const a = await cli([...args, '--threads', '1']);
    const b = await cli([...args, '--threads', '2']);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(b.out).toBe(a.out);
    expect(a.out).toMatch(/\| fill rate \| [0-9.]+ \| \[[0-9.]+, [0-9.]+\] \|/);
    expect(a.out).toMatch(/target cycle service level 0.95: achieved/);
    const ja = await cli([...args, '--threads', '1', '--json']);
    const jb = await cli([...args, '--threads', '2', '--json']);
    expect(jb.out).toBe(ja.out);
    const rep = JSON.parse(ja.out);
    expect(rep.seed).toBe(5);
    expect(rep.replications).toBe(12);
    expect(rep.spec.horizon).toBe(2000);
    expect(rep.estimates.fillRate.n).toBe(12);
    expect(rep.estimates.fillRate.low).toBeLessThan(rep.estimates.fillRate.high);
  });

  it('replays one SKU of daily_demand.csv and credits the data set', async () => {
    const r = await cli(['simulate', '--policy', policyFile, '--sku', '85123A', '--demand-csv', DATA, '--lead-time', '{"kind":"uniformInteger","min":5,"max":9}', '--replications', '8', '--json']);
    expect(r.code).toBe(0);
    const r2 = await cli(['simulate', '--policy', policyFile, '--sku', '85123A', '--demand-csv', DATA, '--lead-time', '{"kind":"uniformInteger","min":5,"max":9}', '--replications', '8', '--json', '--threads', '2']);
    expect(r2.out).toBe(r.out); // identical output on 2 threads
    const rep = JSON.parse(r.out);
    expect(rep.spec.demand.kind).toBe('replay');
    expect(rep.spec.demand.history.length).toBe(374); // 374 calendar days (data README)
    expect(rep.spec.horizon).toBe(374);
    expect(rep.data).toMatch(/doi.org\/10.24432\/C5BW33/);
    // in-order replay: the same demand in every replication, so its CI has zero width
    expect(rep.estimates.demandPerPeriod.sd).toBe(0);
    const t = await cli(['simulate', '--policy', policyFile, '--sku', '85123A', '--demand-csv', DATA, '--days', 'trading', '--replay', 'blockBootstrap', '--horizon', '1000', '--lead-time', '{"kind":"constant","value":7}', '--replications', '6']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/block bootstrap \(blocks of 7\) of .*daily_demand.csv, SKU 85123A, 305 trading days/);
  });

  it('replays recorded lead times from data/lead_times.csv (USAID SCMS) and credits both data sets', async () => {
    const r = await cli(['simulate', '--policy', policyFile, '--sku', '85123A', '--demand-csv', DATA, '--lead-time-csv', sharedDataPath('lead_times.csv'), '--lead-time-dedupe', 'order_id', '--replications', '5', '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.out);
    expect(rep.spec.leadTime.kind).toBe('replay');
    expect(rep.spec.leadTime.records.length).toBe(2690); // one record per PO (data README: 2,690 POs)
    expect(rep.leadTimeSource).toMatch(/resampled from 2690 records/);
    expect(rep.data).toMatch(/C5BW33.*U.S. Agency for International Development/);
  });

  it('simulates each policy of a file with --each, and refuses to guess without --sku', async () => {
    const base = ['simulate', '--policy', policyFile, '--demand', '{"kind":"poisson","mean":20}', '--lead-time', '{"kind":"constant","value":3}', '--horizon', '500', '--replications', '3'];
    const bad = await cli(base);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/holds 2 policies \(84029E, 85123A\): choose with --sku/);
    const each = await cli([...base, '--each', '--json']);
    expect(each.code).toBe(0);
    expect(JSON.parse(each.out).map((r: { sku: string }) => r.sku)).toEqual(['84029E', '85123A']);
    const unknown = await cli([...base, '--sku', 'NOPE']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--sku: no policy for NOPE/);
  });

  it('accepts a JSON spec file and `invlab solve --json` style documents; bad specs exit 2 naming the field', async () => {
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ demand: { kind: 'poisson', mean: 2 }, leadTime: { kind: 'constant', value: 2 }, policy: { result: 'x', policy: { kind: 'RS', reviewPeriod: 2, orderUpTo: 12 } }, horizon: 800, warmup: 20, replications: 4, seed: 'abc', costs: { holding: 1, shortage: 5 }, customerLeadTime: { committed: 1 } }));
    const r = await cli(['simulate', '--spec', spec, '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.out);
    expect(rep.seed).toBe('abc');
    expect(rep.estimates.onTimeCommitted.n).toBe(4);
    expect(rep.estimates.totalCost.mean).toBeGreaterThan(0);
    writeFileSync(spec, JSON.stringify({ demand: { kind: 'poisson', mean: -2 }, leadTime: { kind: 'constant', value: 2 }, policy: { kind: 'RS', reviewPeriod: 2, orderUpTo: 12 }, horizon: 800 }));
    const bad = await cli(['simulate', '--spec', spec]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/demand.mean must be a finite number > 0/);
  });
});

describe('invlab simulate: customer lead times (seed 001 CLTR, CLTC)', () => {
  it('adds on-time delivery; a requested lead time of 0 periods gives the fill rate; a target it cannot measure is noted', async () => {
    const base = ['simulate', '--policy', '{"kind":"sQ","reorderPoint":10,"lotSize":60,"multiples":"one","origin":{"target":{"metric":"onTimeCommitted","value":0.9}}}', '--demand', '{"kind":"poisson","mean":8}', '--lead-time', '{"kind":"constant","value":4}', '--horizon', '3000', '--replications', '5'];
    const r = await cli([...base, '--requested-lead-time', '0', '--committed-lead-time', '2', '--json']);
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out).estimates;
    expect(Math.abs(e.onTimeRequested.mean - e.fillRate.mean)).toBeLessThan(1e-3); // only the last period is not evaluated
    expect(e.onTimeCommitted.mean).toBeGreaterThan(e.fillRate.mean);
    expect(JSON.parse(r.out).target.metric).toBe('onTimeCommitted');
    const n = await cli(base);
    expect(n.out).toMatch(/note: the policy targets onTimeCommitted = 0.9, which this run does not measure/);
  });
});

describe('invlab simulate --compare', () => {
  it('reports paired differences on common random numbers: identical demand, lower service for a lower reorder point', async () => {
    const r = await cli(['simulate', '--policy', '{"kind":"sQ","reorderPoint":40,"lotSize":60,"multiples":"one"}', '--compare', '{"kind":"sQ","reorderPoint":50,"lotSize":60,"multiples":"one"}', '--demand', '{"kind":"poisson","mean":8}', '--lead-time', '{"kind":"uniformInteger","min":3,"max":5}', '--horizon', '3000', '--warmup', '100', '--replications', '10', '--json']);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.out);
    const d = rep.comparison.differences;
    expect(d.demandPerPeriod.mean).toBe(0); // same demand path in every replication (CRN)
    expect(d.demandPerPeriod.sd).toBe(0);
    expect(d.fillRate.low).toBeGreaterThan(0); // s = 50 serves more than s = 40
    expect(d.averageOnHand.mean).toBeGreaterThan(0);
  });
});

describe('invlab simulate: warm-up rule, estimators, no zero-width intervals', () => {
  it('warms up by the stated rule by default, names the estimators, and gives no interval where none holds', async () => {
    const base = ['simulate', '--policy', '{"kind":"sQ","reorderPoint":80,"lotSize":10,"multiples":"multiples","origin":{"target":{"metric":"readyRate","value":0.95}}}', '--demand', '{"kind":"poisson","mean":2}', '--lead-time', '{"kind":"constant","value":3}', '--horizon', '50', '--replications', '3', '--json'];
    const r = await cli(base);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.out);
    // W = ⌈10·(E[L] + R + Q/μ)⌉ = ⌈10·(3 + 1 + 10/2)⌉ = 90
    expect(rep.spec.warmup).toBe(90);
    expect(rep.warmupRule).toMatch(/default rule/);
    expect(rep.estimator).toMatch(/ratio of sums/);
    // s = 80 never runs out: ready rate 1 in every replication → no interval, and no verdict against the target
    expect(rep.estimates.readyRate.estimator).toBe('ratioOfSums');
    expect(rep.estimates.readyRate.low).toBe('NaN');
    expect(rep.estimates.readyRate.note).toMatch(/same ratio/);
    expect(rep.target.verdict).toBe('not estimable');
    expect(rep.estimates.cycleServiceLevel.estimator).toBe('wilson');
    const z = JSON.parse((await cli([...base, '--warmup', '0', '--estimator', 'replicationMean'])).out);
    expect(z.spec.warmup).toBe(0);
    expect(z.warmupRule).toMatch(/not long-run/);
    expect(z.estimates.fillRate.estimator).toBe('replicationMean');
  });
});

describe('daily-demand CSV reader', () => {
  it('reads the real file: 170 SKUs × 374 days, 305 trading days', () => {
    const d = readDailyDemandCsv(DATA);
    expect(d.skus.length).toBe(170); // data README
    const h = skuHistory(d, '85123A');
    expect(h.quantities.length).toBe(374);
    expect(h.dates[0]).toBe('2010-12-01');
    expect(skuHistory(d, '85123A', 'trading').quantities.length).toBe(305);
  });
  it('names file, row, column and rule on bad input', () => {
    const head = 'date,sku,quantity,orders,is_trading_day\n';
    expect(() => parseDailyDemandCsv(`${head}2011-01-01,A,-1,0,1\n`, 'f.csv')).toThrow(/f.csv: row 2, column 'quantity': must be a finite number ≥ 0 \(got '-1'\)/);
    expect(() => parseDailyDemandCsv(`${head}2011-02-30,A,1,0,1\n`, 'f.csv')).toThrow(/row 2, column 'date': must be an ISO date/);
    expect(() => parseDailyDemandCsv(`${head}2011-01-01,A,1,0,2\n`, 'f.csv')).toThrow(/column 'is_trading_day': must be 0 or 1/);
    expect(() => parseDailyDemandCsv(`${head}2011-01-01,A,1,0,1\n2011-01-01,A,2,0,1\n`, 'f.csv')).toThrow(/row 3, column 'date': duplicate date for SKU 'A'/);
    expect(() => parseDailyDemandCsv('day,sku,quantity\n', 'f.csv')).toThrow(/missing column 'date'/);
    const gap = parseDailyDemandCsv(`${head}2011-01-01,A,1,0,1\n2011-01-03,A,2,0,1\n`, 'f.csv');
    expect(() => skuHistory(gap, 'A')).toThrow(/has no row for 2011-01-02/);
    expect(() => skuHistory(gap, 'B')).toThrow(/no rows for SKU 'B'/);
  });
});
