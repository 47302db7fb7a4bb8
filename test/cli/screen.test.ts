/**
 * `invlab screen` end to end on the shared daily demand history (UCI Online Retail extract,
 * Chen 2015, CC BY 4.0): exit 0 with the summary table, the flags CSV/JSON; bad input exits 2
 * naming the option.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../src/io/shared-data.ts';
import { runCli as run } from '../helpers/cli.ts';

const DAILY = sharedDataPath('daily_demand.csv');

describe('invlab screen on the shared daily history', () => {
  it('screens every SKU, prints flags per rule and SKU, writes one CSV row per flag', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'invlab-screen-')), 'flags.csv');
    const r = await run(['screen', '--history', DAILY, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^screen: 170 SKU\(s\), 63580 SKU-days, \d+ flag\(s\) \(rules: hampel, seasonalIqr, levelShift, stockout\)/);
    expect(r.out).toMatch(/\| sku \| days \| hampel \| seasonalIqr \| levelShift \| stockout \| flagged_days \|/);
    expect(r.out).toMatch(/\| all \| 63580 \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \|/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('sku,date,day,rule,value,replacement,note');
    const total = Number(/(\d+) flag\(s\)/.exec(r.out)![1]);
    expect(lines.length).toBe(total + 1);
    for (const rule of ['hampel', 'seasonalIqr', 'levelShift', 'stockout']) expect(lines.some((l) => l.split(',')[3] === rule)).toBe(true);
  });

  it('--sku and --rules narrow the screen; --json prints summary and flags', async () => {
    const r = await run(['screen', '--history', DAILY, '--sku', '85123A,20676', '--rules', 'hampel,levelShift', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { rules: string[]; summary: { sku: string; days: number; hampel: number; stockout: number }[]; flags: { sku: string; date: string; rule: string; value: number; replacement: number }[] };
    expect(j.rules).toEqual(['hampel', 'levelShift']);
    expect(j.summary.map((s) => s.sku)).toEqual(['85123A', '20676', 'all']);
    expect(j.summary[2]!.stockout).toBe(0);
    // what the point replacements change in the daily demand: the Hampel replacements are window medians, so they pull spikes down
    const s = j.summary[0] as unknown as { mean_raw: number; mean_clean: number; sd_raw: number; sd_clean: number; hampel: number };
    expect(s.hampel).toBeGreaterThan(0);
    expect(s.sd_clean).toBeLessThan(s.sd_raw);
    expect(j.flags.length).toBeGreaterThan(0);
    for (const f of j.flags) {
      expect(['85123A', '20676']).toContain(f.sku);
      expect(['hampel', 'levelShift']).toContain(f.rule);
      expect(f.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  const bad: [string[], RegExp][] = [
    [['screen'], /required option '--history <file>' not specified/],
    [['screen', '--history', DAILY, '--hampel-window', '4'], /--hampel-window must be odd, got 4/],
    [['screen', '--history', DAILY, '--hampel-k', '-1'], /--hampel-k must be > 0, got -1/],
    [['screen', '--history', DAILY, '--rules', 'hampel,zscore'], /--rules: unknown rule 'zscore'/],
    [['screen', '--history', DAILY, '--stockout-threshold', '2'], /--stockout-threshold must be a probability strictly between 0 and 1, got 2/],
    [['screen', '--history', DAILY, '--sku', 'NOPE'], /no rows for SKU 'NOPE'/],
    [['screen', '--history', join(tmpdir(), 'no-such-daily.csv')], /no-such-daily\.csv/],
  ];
  for (const [args, msg] of bad) {
    it(`exit 2: ${args.slice(1).join(' ') || '(no options)'}`, async () => {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
    });
  }
});
