/**
 * `invlab backtest --forecasts`: forecasts written by `invlab forecast` and replayed as a policy
 * give exactly the built-in adaptive policy with the same forecaster (src/policy/adaptive.ts)
 * when the definitions coincide (forecasts at every day from the first, safety stock from the
 * errors of past forecasts of R + L days, whole units, same start), on the shared daily history
 * (UCI Online Retail extract, Chen 2015, CC BY 4.0), also with random lead times on common random
 * numbers; and every kind of bad forecasts file is refused with exit 2, naming file, row,
 * column and rule (or the SKU and date of a missing origin).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../src/io/shared-data.ts';
import { runCli as run } from '../helpers/cli.ts';

const DAILY = sharedDataPath('daily_demand.csv');
const ORDERS = sharedDataPath('order_transactions.csv');
const dir = mkdtempSync(join(tmpdir(), 'invlab-backtest-'));

interface SkuRow { sku: string; initial_on_hand: number; fill_rate: number; no_stockout: number; on_hand: number; baseline_fill_rate: number; baseline_no_stockout: number; baseline_on_hand: number; d_fill_rate: number; d_on_hand: number; fill_rate_low: number | null }

async function forecastsFile(method: string, skus: string, name: string): Promise<string> {
  const out = join(dir, name);
  const r = await run(['forecast', '--history', DAILY, '--sku', skus, '--method', method, '--origins', '1:1', '--quantiles', 'none', '--horizon', '14', '--out', out]);
  expect(r.code).toBe(0);
  return out;
}

describe('forecasts from invlab forecast replayed = the built-in adaptive policy with that forecaster', () => {
  const SKUS = '85123A,20676,22423,16015,84879';
  for (const method of ['naive', 'ses:alpha=0.2', 'sba']) {
    it(`${method}: identical fill rate, cycles without stock-out and stock on every SKU`, async () => {
      const f = await forecastsFile(method, SKUS, `${method.replace(/[:=.]/g, '_')}.csv`);
      const r = await run(['backtest', '--forecasts', f, '--history', DAILY, '--baseline', method, '--safety-stock', 'empirical', '--json']);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.out) as { skus: SkuRow[] };
      expect(j.skus.map((s) => s.sku)).toEqual(SKUS.split(','));
      for (const s of j.skus) {
        expect(s.fill_rate).toBe(s.baseline_fill_rate);
        expect(s.no_stockout).toBe(s.baseline_no_stockout);
        expect(s.on_hand).toBe(s.baseline_on_hand);
        expect(s.d_fill_rate).toBe(0);
      }
    });
  }

  it('random lead times: intervals over replications, and still identical on common random numbers', async () => {
    const f = await forecastsFile('ses:alpha=0.2', '85123A,84879', 'ses_random.csv');
    const r = await run(['backtest', '--forecasts', f, '--history', DAILY, '--baseline', 'ses:alpha=0.2', '--lead-time-sd', '2', '--replications', '20', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { skus: SkuRow[] };
    for (const s of j.skus) {
      expect(s.fill_rate).toBe(s.baseline_fill_rate);
      expect(s.on_hand).toBe(s.baseline_on_hand);
      expect(s.fill_rate_low).not.toBeNull();
      expect(s.fill_rate_low!).toBeLessThanOrEqual(s.fill_rate);
    }
  });

  it('--threads 2 gives the same results as one thread (draws keyed by seed, SKU and replication)', async () => {
    const f = await forecastsFile('naive', '85123A,20676,22423', 'naive3.csv');
    const args = ['backtest', '--forecasts', f, '--history', DAILY, '--baseline', 'ses', '--lead-time-sd', '1.5', '--replications', '8', '--json'];
    const one = await run([...args, '--threads', '1']);
    const two = await run([...args, '--threads', '2']);
    expect(one.code).toBe(0);
    expect(two.out).toBe(one.out);
    expect((await run([...args, '--threads', '0'])).err).toMatch(/--threads must be a whole number ≥ 1, got 0/);
  });

  it('a different forecaster as baseline: the paired difference is reported; --orders gives the demand from order lines', async () => {
    const f = await forecastsFile('naive', '85123A,22423', 'naive2.csv');
    const r = await run(['backtest', '--forecasts', f, '--orders', ORDERS, '--baseline', 'ses', '--until', '2011-12-01']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^backtest: 2 SKU\(s\) from .*naive2\.csv \(method naive\), replayed on .*order_transactions\.csv/);
    expect(r.out).toMatch(/\| forecasts − baseline \| 2 \|/);
  });

  it('--baseline auto: the adaptive policy with the SBC-class choice of each SKU', async () => {
    const f = await forecastsFile('naive', '85123A,16015', 'naive-auto.csv');
    const r = await run(['backtest', '--forecasts', f, '--history', DAILY, '--baseline', 'auto', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { baseline: string; skus: { baseline_method: string }[] };
    expect(j.baseline).toBe('auto');
    for (const s of j.skus) expect(['sba', 'ets', 'ses']).toContain(s.baseline_method);
  });

  it('quantile columns give the safety stock by default; --help explains the conventions', async () => {
    const f = join(dir, 'q.csv');
    expect((await run(['forecast', '--history', DAILY, '--sku', '85123A', '--method', 'ses', '--origins', '56:7', '--horizon', '14', '--out', f])).code).toBe(0);
    const r = await run(['backtest', '--forecasts', f, '--history', DAILY]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/safety stock from the q0\.95 column \(independent\), target cycle service 0\.95/);
    const h = await run(['backtest', '--help']);
    expect(h.out).toMatch(/origin = the last day the forecast has seen/);
  });
});

describe('invlab backtest refuses bad forecasts files (exit 2)', () => {
  // one SKU, 30 days; R = 2, L = 2 (H = 4); forecasts at every day, horizons 1..4
  const hist = join(dir, 'hist.csv');
  writeFileSync(hist, `date,sku,quantity\n${Array.from({ length: 30 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')},A,${(i * 7) % 5}`).join('\n')}\n`);
  const rows: string[][] = [];
  for (let d = 1; d <= 30; d++) for (let h = 1; h <= 4; h++) rows.push(['A', `2024-01-${String(d).padStart(2, '0')}`, String(h), '2', '4', '5']);
  const header = 'sku,origin,horizon,point,q0.9,q0.95';
  const file = (name: string, edit: (r: string[][]) => string[][], head = header): string => {
    const p = join(dir, name);
    writeFileSync(p, `${head}\n${edit(rows.map((r) => [...r])).map((r) => r.join(',')).join('\n')}\n`);
    return p;
  };
  const backtest = (f: string, ...extra: string[]) => run(['backtest', '--forecasts', f, '--history', hist, '--review', '2', '--lead-time', '2', ...extra]);

  it('a good file replays (the reference for the cases below)', async () => {
    const r = await backtest(file('good.csv', (r) => r), '--target', '0.9', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { skus: { sku: string; reviews: number }[] };
    expect(j.skus[0]!.reviews).toBe(14); // reviews on days 2, 4, …, 28 (day 30 is the last replayed)
  });
  const cases: [string, () => string, RegExp, string[]?][] = [
    ['missing origin: names the SKU and the review date', () => file('missing.csv', (r) => r.filter((x) => x[1] !== '2024-01-10')), /missing origin: SKU 'A' has no forecast made on 2024-01-10, a review date/],
    ['negative quantile', () => file('negative.csv', (r) => ((r[5]![4] = '-1'), r)), /row 7, column 'q0\.9': must be ≥ 0: a negative quantile of demand \(got '-1'\)/],
    ['crossing quantiles', () => file('crossing.csv', (r) => ((r[8]![4] = '7'), r)), /row 10, column 'q0\.95': quantiles cross: q0\.9 = 7 is above q0\.95 = 5/],
    ['unknown SKU', () => file('unknown.csv', (r) => [...r, ['ZZ9', '2024-01-05', '1', '2', '4', '5']]), /row 122, column 'sku': unknown SKU 'ZZ9': not in the history/],
    ['duplicate (sku, origin, horizon)', () => file('duplicate.csv', (r) => [...r, r[3]!]), /row 122, column 'horizon': duplicate forecast: SKU 'A', origin 2024-01-01, horizon 4 is also in row 5/],
    ['horizon not a whole number', () => file('horizon.csv', (r) => ((r[0]![2] = '1.5'), r)), /row 2, column 'horizon': must be a whole number of days/],
    ['bad origin date', () => file('date.csv', (r) => ((r[0]![1] = '2024-13-01'), r)), /row 2, column 'origin': must be an ISO date/],
    ['too few horizons for R + L', () => file('short.csv', (r) => r.filter((x) => x[2] !== '4')), /origin 2024-01-02 has horizons 1\.\.3 but the policy needs 1\.\.4 \(review 2 \+ lead time 2 days\)/],
    ['missing point column', () => file('nopoint.csv', (r) => r, 'sku,origin,horizon,mean,q0.9,q0.95'), /missing column 'point'/],
    ['no quantile column at the target', () => file('good2.csv', (r) => r), /no quantile column at the target level 0\.8 \(q0\.8\); its quantile columns are q0\.9, q0\.95/, ['--target', '0.8', '--safety-stock', 'quantiles']],
    ['quantiles with a fill-rate target', () => file('good3.csv', (r) => r), /quantiles needs --service cycle/, ['--service', 'fill', '--safety-stock', 'quantiles']],
  ];
  for (const [what, make, message, extra] of cases) {
    it(what, async () => {
      const r = await backtest(make(), ...(extra ?? []));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
    });
  }
  it('several methods in one file need --method; both --history and --orders is refused', async () => {
    const f = join(dir, 'two.csv');
    writeFileSync(f, 'sku,method,origin,horizon,point\nA,x,2024-01-01,1,2\nA,y,2024-01-01,1,2\n');
    const r = await backtest(f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/holds forecasts of 2 methods \(x, y\).*choose one \(--method\)/);
    const both = await run(['backtest', '--forecasts', f, '--history', hist, '--orders', ORDERS]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/either as --history/);
  });
  it('custom column names (--columns)', async () => {
    const f = file('renamed.csv', (r) => r, 'item,made_on,h,mean,p0.9,p0.95');
    const r = await backtest(f, '--columns', 'sku=item,origin=made_on,horizon=h,point=mean,quantile-prefix=p', '--target', '0.9');
    expect(r.code).toBe(0);
    expect(readFileSync(f, 'utf8').startsWith('item,')).toBe(true);
  });
});
