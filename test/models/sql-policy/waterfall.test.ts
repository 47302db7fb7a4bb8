/**
 * The backtest's waterfall (src/models/sql-policy/backtest/waterfall.ts): the exact lead-time
 * demand level against a closed form, and the steps adding up to the gap.
 * Tolerance of the Monte Carlo level: 4 binomial standard errors sqrt(p(1 − p)/draws).
 */
import { describe, expect, it } from 'vitest';
import { replicationsOnPool } from '../../../src/cli/commands/validate.ts';
import { exactLtdService, summarizeWaterfall, waterfall, WATERFALL_STEPS } from '../../../src/models/sql-policy/backtest/waterfall.ts';
import type { OrderHistory } from '../../../src/models/sql-policy/backtest/backtest.ts';
import { expectClose, expectWithinSe } from '../../helpers/close.ts';

/** P(Poisson(mu) ≤ r). */
function poissonCdf(mu: number, r: number): number {
  let p = Math.exp(-mu);
  let s = p;
  for (let k = 1; k <= r; k++) {
    p *= mu / k;
    s += p;
  }
  return s;
}

describe('waterfall of the backtest gap', () => {
  it('exact lead-time demand: unit order sizes make LTD Poisson(rate·L)', () => {
    const draws = 20000;
    const p = exactLtdService(0.8, [1], 10, 11.4, draws, 5, 'x');
    const exact = poissonCdf(8, 11);
    expectWithinSe(p, Math.sqrt((exact * (1 - exact)) / draws), exact, 4, 'P(LTD ≤ 11.4), LTD ~ Poisson(8)');
    // same key, same draws: reproducible
    expect(exactLtdService(0.8, [1], 10, 11.4, draws, 5, 'x')).toBe(p);
  });
  it('on a stationary history the steps add up to target − L5 per SKU and per group', async () => {
    const day: number[] = [];
    const sku: number[] = [];
    const qty: number[] = [];
    for (let d = 0; d < 200; d++) {
      for (const [s, q] of [[0, 1 + (d % 3)], [1, d % 4 === 0 ? 5 : 0]] as const) {
        if (q === 0) continue;
        day.push(d);
        sku.push(s);
        qty.push(q);
      }
    }
    const h: OrderHistory = { skus: ['A', 'B'], skuIndex: Int32Array.from(sku), day: Int32Array.from(day), quantity: Float64Array.from(qty) };
    const rows = await waterfall(
      h,
      { policy: { objective: 'no-stockout', target: 0.9, review: 'continuous', lot: { rule: 'default' }, variant: 'corrected', kMethod: 'exact' }, leadTimeMean: 4, records: { model: { mean: 4, sd: 1 }, sim: { kind: 'replay', records: [3, 4, 5], mode: 'resample' } }, trainFrom: 0, trainTo: 200, testFrom: 0, testTo: 200, blockLength: 7, warmup: 10, replications: 3, ltdDraws: 2000, seed: 1, scenario: 'w' },
      replicationsOnPool({ threads: 1 }),
    );
    expect(rows.map((r) => r.sku)).toEqual(['A', 'B']);
    for (const r of rows) {
      const sum = WATERFALL_STEPS.reduce((a, st) => a + r.steps[st], 0);
      expectClose(sum, r.levels.target - r.levels.fractionalPolicy, 1e-12, `${r.sku}: steps add up`);
    }
    const { cells, complete } = summarizeWaterfall(rows, () => 'g');
    expect(complete.get('all')).toEqual({ skus: 2, complete: 2 });
    expect(cells.filter((c) => c.group === 'all' && c.kind === 'step').every((c) => c.estimate?.n === 2)).toBe(true);
  });
});
