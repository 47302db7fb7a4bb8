/**
 * `invlab forecast` end to end: rolling-origin forecasts and the accuracy table on the shared
 * daily history (UCI Online Retail extract, Chen 2015, CC BY 4.0), the measures through the CLI
 * equal to the hand-computed ones on a tiny series, methods taken from the forecaster registry,
 * and bad input refused with exit 2 naming the option.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORECAST_METHODS } from '../../src/forecast/spec.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';
import { runCli as run } from '../helpers/cli.ts';
import { expectClose } from '../helpers/close.ts';

const DAILY = sharedDataPath('daily_demand.csv');
const SKUS = '85123A,20676,22423,16015';
const dir = mkdtempSync(join(tmpdir(), 'invlab-forecast-'));

interface SummaryRow { sbc_class: string; method: string; skus: number; mase: number; rmsse: number; me: number; sme: number; fva_mase: number; 'spl_0.9': number }

describe('invlab forecast on the shared daily history', () => {
  it('writes forecasts (point, quantiles, actual) and the accuracy table per SBC class, FVA over naive', async () => {
    const out = join(dir, 'f.csv');
    const acc = join(dir, 'acc.csv');
    const r = await run(['forecast', '--history', DAILY, '--sku', SKUS, '--method', 'naive,ses,sba,auto', '--horizon', '7', '--out', out, '--accuracy', acc, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { summary: SummaryRow[]; bySku: { sku: string; method: string; chosen: string; sbc_class: string; origins: number }[] };
    const all = j.summary.filter((s) => s.sbc_class === 'all');
    expect(all.map((s) => s.method)).toEqual(['naive', 'ses', 'sba', 'auto']);
    expect(all.find((s) => s.method === 'naive')!.fva_mase).toBe(0);
    for (const s of all) {
      expect(s.skus).toBe(4);
      expect(s.mase).toBeGreaterThan(0);
      expect(s.rmsse).toBeGreaterThan(0);
    }
    // auto runs SBA on intermittent/lumpy SKUs (the class of the days before the first origin)
    for (const b of j.bySku.filter((x) => x.method === 'auto')) if (b.sbc_class === 'lumpy' || b.sbc_class === 'intermittent') expect(b.chosen).toBe('sba');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('sku,method,origin,horizon,date,point,q0.5,q0.9,q0.95,actual');
    // 374 days, origins after 56, 63, …, 371 days: 46 per SKU and method, 7 horizons each
    expect(lines.length - 1).toBe(4 * 4 * 46 * 7);
    for (const l of lines.slice(1, 400)) {
      const c = l.split(',');
      const [q5, q9, q95] = [Number(c[6]), Number(c[7]), Number(c[8])];
      expect(q5).toBeGreaterThanOrEqual(0);
      expect(q9).toBeGreaterThanOrEqual(q5);
      expect(q95).toBeGreaterThanOrEqual(q9);
    }
    const first = lines[1]!.split(',');
    expect(first.slice(2, 5)).toEqual(['2011-01-25', '1', '2011-01-26']); // origin = 56th day; horizon 1 = the next day
    expect(readFileSync(acc, 'utf8').split('\n')[0]).toBe('sbc_class,method,skus,mase,mase_median,rmsse,me,sme,spl_0.5,spl_0.9,spl_0.95,fva_mase,fva_rmsse');
  });

  it('prints the accuracy table as Markdown without --json', async () => {
    const r = await run(['forecast', '--history', DAILY, '--sku', '85123A', '--method', 'ses:alpha=0.2', '--quantiles', '0.9']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^forecast: 1 SKU\(s\), ses:alpha=0\.2, horizon 7 days, 46 origin\(s\) per SKU/);
    expect(r.out).toMatch(/\| sbc_class \| method \| skus \| mase \| mase_median \| rmsse \| me \| sme \| spl_0\.9 \| fva_mase \| fva_rmsse \|/);
    expect(r.out).toMatch(/\| all \| ses:alpha=0\.2 \| 1 \|/);
  });

  it('--help names every method of the forecaster registry and the measures', async () => {
    const r = await run(['forecast', '--help']);
    expect(r.code).toBe(0);
    for (const m of FORECAST_METHODS) expect(r.out).toContain(m);
    expect(r.out).toMatch(/Hyndman & Koehler 2006/);
    expect(r.out).toMatch(/--accuracy <file>/);
  });
});

describe('invlab forecast measures equal the hand computation (y = 0, 2, 4, 0, 3, 5, 1; naive; H = 2; origins from t = 4)', () => {
  it('MASE 1, RMSSE (√1.7 + √(12/29))/2, ME 2, sME 2/3', async () => {
    const hist = join(dir, 'tiny.csv');
    writeFileSync(hist, `date,sku,quantity\n${[0, 2, 4, 0, 3, 5, 1].map((q, i) => `2024-01-0${i + 1},A,${q}`).join('\n')}\n`);
    const r = await run(['forecast', '--history', hist, '--method', 'naive', '--horizon', '2', '--origins', '4:1', '--quantiles', 'none', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { bySku: { origins: number; mase: number; rmsse: number; me: number; sme: number }[] };
    const a = j.bySku[0]!;
    expect(a.origins).toBe(2);
    expectClose(a.mase, 1, 1e-12, 'MASE');
    expectClose(a.rmsse, (Math.sqrt(1.7) + Math.sqrt(12 / 29)) / 2, 1e-12, 'RMSSE');
    expectClose(a.me, 2, 1e-12, 'ME');
    expectClose(a.sme, 2 / 3, 1e-12, 'sME');
  });
});

describe('invlab forecast refuses bad input (exit 2, naming the option)', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown method, with a suggestion', ['--method', 'sess'], /--method: unknown method 'sess'; did you mean 'ses'\?/],
    ['bad parameter', ['--method', 'ses:alpha=2'], /--method ses:alpha=2: .*alpha/],
    ['parameter without a value', ['--method', 'ses:alpha'], /key=value/],
    ['horizon 0', ['--horizon', '0'], /--horizon must be a whole number ≥ 1, got 0/],
    ['fractional horizon', ['--horizon', '2.5'], /--horizon must be a whole number/],
    ['history too short for the origins', ['--origins', '370:7'], /history too short for the origins: SKU '85123A' has 374 days.*at least 377/],
    ['quantiles too early', ['--origins', '5:1'], /quantiles come from past errors.*at least horizon \+ 10 = 17/],
    ['origin date outside the history', ['--origins', '2015-01-01:7'], /SKU '85123A' has no day 2015-01-01/],
    ['bad quantile level', ['--quantiles', '0.5,1.2'], /--quantiles: levels must lie strictly between 0 and 1, got 1.2/],
    ['bad quantile method', ['--quantile-method', 'bootstrap'], /--quantile-method must be 'empirical' or 'normal'/],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const r = await run(['forecast', '--history', DAILY, '--sku', '85123A', ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
    });
  }
});
