/**
 * Forecasters with a warm-up (NaN forecast before enough history: ADIDA before its first bucket,
 * seasonal naive before a season, IMAPA, Croston before the first demand) in the adaptive policy
 * (src/policy/adaptive.ts): the error window skips the origins whose forecast was NaN
 * (ErrorTracker.record, src/forecast/safety-stock.ts), so the rule orders after the warm-up; and
 * the cycle demand of the fill-rate sizing of an (R, s, S) policy (AdaptiveRule.cycleDemand).
 */
import { describe, expect, it } from 'vitest';
import { AdaptiveRule, type AdaptivePolicy } from '../../src/policy/adaptive.ts';
import { ErrorTracker } from '../../src/forecast/safety-stock.ts';
import { inventoryKernel, type InventorySimSpec } from '../../src/sim/inventory.ts';
import { runReplications } from '../../src/pool/run.ts';
import { estimateMean } from '../../src/core/stats.ts';
import { RandomStream } from '../../src/rng/stream.ts';
import { adaptiveBase, recordDecisions } from './adaptive-helpers.ts';
import { expectClose, expectWithinSe } from '../helpers/close.ts';

const base = adaptiveBase();
const ADIDA = { method: 'adida', level: 7, inner: { method: 'ses', alpha: 0.1 } } as const;

describe('forecasters with a warm-up in the adaptive policy', () => {
  it('ErrorTracker skips origins whose forecast was NaN (no NaN enters the window)', () => {
    const t = new ErrorTracker(2, { method: 'normal', minErrors: 2 });
    for (const [y, f] of [[5, NaN], [5, NaN], [5, 10], [5, 10], [7, 10], [3, 10]] as const) t.record(y, f);
    // origins 3 and 4 resolved (errors (5 + 7) − 10 = 2 and (7 + 3) − 10 = 0); the two NaN origins were skipped
    expect(t.errors()).toEqual([0, 2]);
    expect(Number.isFinite(t.safetyStock({ metric: 'fillRate', value: 0.9 }, 5))).toBe(true);
  });
  const warm: [string, AdaptivePolicy['forecaster']][] = [
    ['ADIDA(7, SES)', ADIDA],
    ['IMAPA(7, SES)', { method: 'imapa', maxLevel: 7, inner: { method: 'ses', alpha: 0.1 } }],
    ['seasonal naive (7)', { method: 'seasonalNaive', period: 7 }],
    ['Croston, first demand on day 30', { method: 'croston', alpha: 0.1 }],
  ];
  for (const [name, forecaster] of warm) it(`orders after its warm-up and keeps ordering: ${name}`, () => {
    const rng = new RandomStream([11, 'adaptive-warmup', name]);
    const demand = Array.from({ length: 300 }, (_, t) => (t < 30 ? 0 : 5 + rng.int(11)));
    for (const safetyStock of [{ method: 'normal' }, { method: 'empirical', minErrors: 5 }] as const) {
      const log = recordDecisions(base({ forecaster, safetyStock }), demand, (r) => ({ S: r.lastLevel }));
      const late = log.filter((r) => r.t >= 150);
      expect(late.every((r) => Number.isFinite(r.S))).toBe(true);
      expect(late.filter((r) => r.q > 0).length).toBeGreaterThan(late.length / 2);
    }
  });
  it('ADIDA(7, SES) with empirical safety stock on stationary Poisson demand reaches its 0.95 fill-rate target', async () => {
    const target = 0.95;
    const spec: InventorySimSpec = {
      demand: { kind: 'poisson', mean: 5 },
      leadTime: { kind: 'constant', value: 3 },
      horizon: 3000,
      warmup: 500,
      policy: base({ forecaster: ADIDA, leadTime: 3, safetyStock: { method: 'empirical' }, target: { metric: 'fillRate', value: target } }),
    };
    const rows = await runReplications({ kernel: inventoryKernel, spec, seed: 20261201, scenario: 'adaptive-adida-poisson', replications: 12, threads: 1 });
    const e = estimateMean(rows!.map((r) => r.fillRate!));
    // measured 0.9502 (se 0.0006); before the fix (NaN errors in the window) 0.68 with the normal
    // method. (The 'normal' method lands at 0.9445 here: the normal loss function misjudges the
    // skewed 4-period Poisson(5) errors; the empirical errors do not.)
    expectWithinSe(e.mean, e.se, target, 4, 'ADIDA adaptive fill rate, Poisson(5), L = 3');
  });
});

describe('adaptive (R, s, S) fill-rate sizing: the demand of an order cycle', () => {
  it('sizes SS with F(R) + F(c) for c > 0 and with F(R) for c = 0', () => {
    const rng = new RandomStream([3, 'adaptive-cycle-demand']);
    const demand = Array.from({ length: 120 }, () => 40 + rng.int(21));
    for (const orderCover of [0, 10]) {
      const rule = new AdaptiveRule(base({ orderCover, reviewPeriod: 2 }));
      demand.forEach((d, t) => rule.observe(t, d));
      const fR = rule.forecaster.cumulative(2);
      const cycle = orderCover === 0 ? fR : fR + rule.forecaster.cumulative(orderCover);
      expectClose(rule.cycleDemand(), cycle, 0, `cycle demand, c = ${orderCover}`);
      expectClose(rule.level(), rule.forecaster.cumulative(6) + rule.errors.safetyStock({ metric: 'fillRate', value: 0.95 }, cycle), 0, `level, c = ${orderCover}`);
    }
  });
});
