/**
 * What the screen's corrections change in an (R, S) policy and in the fill rate it achieves on the
 * real test days (src/cli/commands/screen-effect.ts): the order-up-to level by hand, the
 * corrections each variant applies, a censored run whose unconstraining raises S and the
 * achieved service, and `invlab screen --effect` end to end (and its errors).
 */
import { describe, expect, it } from 'vitest';
import { correctedTraining, effectSummary, orderUpTo, skuEffect } from '../../src/cli/commands/screen-effect.ts';
import { normalQuantile } from '../../src/core/normal.ts';
import type { ScreenFlag } from '../../src/forecast/screen/index.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';
import { RandomStream } from '../../src/rng/stream.ts';
import { runCli as run } from '../helpers/cli.ts';

const settings = { trainUntil: '2020-04-10', leadTime: 7, review: 7, target: 0.95 };

describe('screen effect: policies from the corrected training days', () => {
  it('S = ⌈μ(R + L) + z·σ·√(R + L)⌉ (hand)', () => {
    // days 2, 4, 6: μ = 4, σ = 2; R + L = 14 → 56 + 1.6449·2·3.7417 = 68.31 → 69
    expect(orderUpTo([2, 4, 6], settings)).toBe(Math.ceil(56 + normalQuantile(0.95) * 2 * Math.sqrt(14)));
    expect(orderUpTo([2, 4, 6], settings)).toBe(69);
  });
  it('each variant applies only its own corrections; a level shift keeps the days from the last shift on', () => {
    const train = [1, 2, 50, 3, 0, 0, 4, 5];
    const flags: ScreenFlag[] = [
      { day: 2, rule: 'hampel', value: 50, replacement: 2, note: '' },
      { day: 4, rule: 'stockout', value: 0, replacement: 3, note: '' },
      { day: 5, rule: 'stockout', value: 0, replacement: 3, note: '' },
      { day: 6, rule: 'levelShift', value: 4, replacement: 4.5, note: '' },
    ];
    expect(correctedTraining(train, flags, 'raw')).toEqual(train);
    expect(correctedTraining(train, flags, 'hampel')).toEqual([1, 2, 2, 3, 0, 0, 4, 5]);
    expect(correctedTraining(train, flags, 'stockout')).toEqual([1, 2, 50, 3, 3, 3, 4, 5]);
    expect(correctedTraining(train, flags, 'levelShift')).toEqual([4, 5]);
    expect(correctedTraining(train, flags, 'all')).toEqual([4, 5]);
  });
  it('unconstraining a censored run raises S and the fill rate achieved on the same test days', () => {
    const r = new RandomStream([8, 'screen-effect']);
    const values = Array.from({ length: 200 }, () => r.poisson(4));
    for (let t = 20; t < 60; t++) values[t] = 0; // 40 days out of stock in training
    const dates = values.map((_, t) => new Date(Date.UTC(2020, 0, 1 + t)).toISOString().slice(0, 10));
    const e = skuEffect({ sku: 'x', dates, values, open: undefined }, {}, settings)!;
    expect(e.byVariant.stockout.flags).toBe(40);
    expect(e.byVariant.stockout.orderUpTo).toBeGreaterThan(e.byVariant.raw.orderUpTo);
    expect(e.byVariant.stockout.fillRate).toBeGreaterThanOrEqual(e.byVariant.raw.fillRate);
    const [raw, , , , stockout] = effectSummary([e, e], 0.95);
    expect(raw!.variant).toBe('raw');
    expect(stockout!.variant).toBe('stockout');
    expect(stockout!.skus_changed).toBe(2);
  });
});

describe('invlab screen --effect', () => {
  const DAILY = sharedDataPath('daily_demand.csv');
  it('prints the effect table per variant with paired intervals (shared history, 3 SKUs)', async () => {
    const r = await run(['screen', '--history', DAILY, '--sku', '85123A,20676,84879', '--effect', '--train-until', '2011-09-01']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/effect on an \(R, S\) policy/);
    expect(r.out).toMatch(/\| variant \| skus \| skus_changed \| mean_S \| fill_rate \| meeting_target \| on_hand \| d_fill_rate \| d_on_hand \|/);
    for (const v of ['raw', 'hampel', 'seasonalIqr', 'levelShift', 'stockout', 'all']) expect(r.out).toMatch(new RegExp(`\\| ${v} \\| 3 \\|`));
  });
  const bad: [string[], RegExp][] = [
    [['--effect'], /--effect needs --train-until <date>/],
    [['--effect', '--train-until', '2011-13-01'], /--train-until must be an ISO date/],
    [['--train-until', '2011-09-01'], /--train-until and --effect-out need --effect/],
    [['--effect', '--train-until', '2011-09-01', '--target', '1.2'], /--target must be a fill-rate target strictly between 0 and 1, got 1\.2/],
    [['--effect', '--train-until', '2011-09-01', '--review', '0'], /--review must be/],
  ];
  for (const [args, msg] of bad) {
    it(`exit 2: ${args.join(' ')}`, async () => {
      const r = await run(['screen', '--history', DAILY, '--sku', '85123A', ...args]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
    });
  }
});
