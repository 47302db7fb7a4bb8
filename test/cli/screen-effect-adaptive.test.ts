/**
 * The data screen's effect on an adaptive (forecast-driven) (R, S) policy (`invlab screen --effect
 * --effect-forecaster`, src/cli/commands/screen-effect.ts): the forecaster learns each variant's
 * cleaned training days, then the policy runs online on the same real test days; a censored
 * run whose unconstraining raises the level and the service; the CLI end to end and its errors.
 */
import { describe, expect, it } from 'vitest';
import { adaptiveReplay, effectAdaptivePolicy, effectSummary, skuEffect } from '../../src/cli/commands/screen-effect.ts';
import { AdaptiveRule } from '../../src/policy/adaptive.ts';
import { sharedDataPath } from '../../src/io/shared-data.ts';
import { RandomStream } from '../../src/rng/stream.ts';
import { runCli as run } from '../helpers/cli.ts';

const settings = { trainUntil: '2020-04-10', leadTime: 7, review: 7, target: 0.95, adaptive: { method: 'ses' as const, alpha: 0.1 } };

function censoredHistory(): { sku: string; dates: string[]; values: number[]; open: undefined } {
  const r = new RandomStream([8, 'screen-effect-adaptive']);
  const values = Array.from({ length: 200 }, () => r.poisson(4));
  for (let t = 20; t < 60; t++) values[t] = 0; // 40 days out of stock in training (the split is day 100)
  const dates = values.map((_, t) => new Date(Date.UTC(2020, 0, 1 + t)).toISOString().slice(0, 10));
  return { sku: 'x', dates, values, open: undefined };
}

describe('screen effect on an adaptive (R, S) policy', () => {
  it('the replay starts from the level learnt on the training days and runs the same rule online on the test days', () => {
    const h = censoredHistory();
    const train = h.values.slice(0, 100), test = h.values.slice(100);
    const policy = effectAdaptivePolicy(settings, settings.adaptive);
    const r = adaptiveReplay(train, test, policy);
    const rule = new AdaptiveRule(policy);
    train.forEach((d, t) => rule.observe(t, d));
    expect(r.orderUpTo).toBe(rule.level());
    expect(r.fillRate).toBeGreaterThan(0);
    expect(r.fillRate).toBeLessThanOrEqual(1);
    // the future does not move S_0 (learnt from the training days only)
    expect(adaptiveReplay(train, test.map((d) => 3 * d + 5), policy).orderUpTo).toBe(r.orderUpTo);
  });
  it('unconstraining a censored run: the static S rises, but the adaptive S_0 falls (the zero run no longer inflates the forecast errors); variants without flags equal raw', () => {
    // measured (seed above): static S 55 → 74, fill 0.907 → 1; adaptive S_0 93.1 → 64.8, on hand
    // 44.8 → 18.5, fill 1 → 0.965 (target 0.95): the raw errors of the censored run (forecast far
    // above the zeros, then far below the resumed demand) widen the empirical error law.
    const e = skuEffect(censoredHistory(), {}, settings)!;
    const a = e.adaptive!;
    expect(e.byVariant.stockout.flags).toBe(40);
    expect(e.byVariant.stockout.orderUpTo).toBeGreaterThan(e.byVariant.raw.orderUpTo);
    expect(a.stockout.orderUpTo).toBeLessThan(a.raw.orderUpTo);
    expect(a.stockout.averageOnHand).toBeLessThan(a.raw.averageOnHand);
    expect(a.stockout.fillRate).toBeLessThanOrEqual(a.raw.fillRate);
    expect(a.stockout.fillRate).toBeGreaterThanOrEqual(settings.target);
    for (const v of ['hampel', 'seasonalIqr', 'levelShift'] as const) if (e.byVariant[v].flags === 0) expect(a[v]).toEqual(a.raw);
    const rows = effectSummary([e, e], 0.95, 'adaptive');
    expect(rows.map((x) => x.variant)).toEqual(['raw', 'hampel', 'seasonalIqr', 'levelShift', 'stockout', 'all']);
    expect(rows[4]!.skus_changed).toBe(2);
    expect(rows[4]!.fill_rate).toBe(a.stockout.fillRate);
    expect(skuEffect(censoredHistory(), {}, { ...settings, adaptive: undefined })!.adaptive).toBeUndefined();
  });
});

describe('invlab screen --effect --effect-forecaster', () => {
  const DAILY = sharedDataPath('daily_demand.csv');
  const args = ['screen', '--history', DAILY, '--sku', '85123A,20676,84879', '--effect', '--train-until', '2011-09-01'];
  it('prints the adaptive table next to the static one; JSON carries adaptiveSummary and per-SKU adaptive columns', async () => {
    const r = await run([...args, '--effect-forecaster', '{"method":"ses","alpha":0.1}']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/effect on an \(R, S\) policy/);
    expect(r.out).toMatch(/effect on an adaptive \(R, S\) policy: .*forecaster \{"method":"ses","alpha":0.1\}/);
    const j = await run([...args, '--effect-forecaster', '{"method":"ses","alpha":0.1}', '--json']);
    expect(j.code).toBe(0);
    const rep = JSON.parse(j.out) as { effect: { adaptiveSummary: { variant: string; skus: number; d_fill_rate?: string }[]; skus: Record<string, unknown>[] } };
    expect(rep.effect.adaptiveSummary.map((x) => x.variant)).toEqual(['raw', 'hampel', 'seasonalIqr', 'levelShift', 'stockout', 'all']);
    expect(rep.effect.adaptiveSummary[0]!.skus).toBe(3);
    expect(rep.effect.adaptiveSummary[1]!.d_fill_rate).toMatch(/^-?[0-9.]+ \[-?[0-9.]+, -?[0-9.]+\]$/);
    expect(rep.effect.skus[0]).toHaveProperty('adaptive_fill_rate');
    const plain = await run([...args, '--json']);
    expect(JSON.parse(plain.out).effect.adaptiveSummary).toBeUndefined();
  });
  const bad: [string[], RegExp][] = [
    [['--effect-forecaster', '{"method":"sess"}'], /--effect-forecaster: forecaster\.method/],
    [['--effect-forecaster', '{method'], /--effect-forecaster: not valid JSON/],
  ];
  for (const [extra, msg] of bad) {
    it(`exit 2: ${extra.join(' ')}`, async () => {
      const r = await run([...args, ...extra]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
    });
  }
  it('exit 2: --effect-forecaster without --effect', async () => {
    const r = await run(['screen', '--history', DAILY, '--sku', '85123A', '--effect-forecaster', '{"method":"naive"}']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--effect-forecaster needs --effect/);
  });
});
