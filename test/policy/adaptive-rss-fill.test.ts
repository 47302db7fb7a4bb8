/**
 * The fill-rate sizing of the adaptive (R, s, S) policy (orderCover c > 0): s from (★) of
 * src/forecast/lot-safety-stock.ts with the position after review uniform on (s, s + Q′],
 * Q′ = F(c) + the mean undershoot (coverLotSpread; Hadley & Whitin 1963, ch. 5; Silver, Pyke &
 * Thomas 2017, §7.3). Achieved fill rate against the target on stationary demand (SES α = 0.1,
 * empirical safety stock, L = 3, fixed seed). The former sizing (shortage per cycle = (1 − β)·(F(R)
 * + F(c)) on the H-period errors beyond s) gave 0.924–0.987 for a 0.9 target on these cases.
 */
import { describe, expect, it } from 'vitest';
import { estimateMean } from '../../src/core/stats.ts';
import { inventoryKernel, type InventorySimSpec } from '../../src/sim/inventory.ts';
import { runReplications } from '../../src/pool/run.ts';
import type { AdaptivePolicy } from '../../src/policy/adaptive.ts';
import { coverLotSpread } from '../../src/forecast/lot-safety-stock.ts';

describe('coverLotSpread: S − s plus the mean undershoot E[D_R²]/(2E[D_R])', () => {
  it('Q + (μ + σ²/μ)/2; Q alone when the review demand is 0', () => {
    expect(coverLotSpread(50, 10, 10)).toBe(50 + 0.5 * (10 + 1));
    expect(coverLotSpread(50, 0, 10)).toBe(50);
    expect(coverLotSpread(50, 10, -3)).toBe(55);
  });
});

describe('adaptive (R, s, S): achieved fill rate against the target (stationary demand, fixed seed)', () => {
  // Residual bias, as for the adaptive (s, Q) (lot-safety-stock.ts, "Known residual"): s_t follows the
  // forecast, so the position and the H-period error are correlated and the fill rate lands slightly
  // above target (measured +0.001 to +0.004 with SES α = 0.1). BIAS bounds that overshoot; no
  // undershoot beyond sampling error. Not covered: low-variability demand with fewer than two reviews
  // per cycle (normal N(100, 20²), R = 3, c = 5: 0.939 for 0.9), where the position is a lattice of
  // one or two points, not the uniform spread (★) assumes.
  const BIAS = 0.005;
  const cases: [string, InventorySimSpec['demand'], number, number, number][] = [];
  for (const c of [5, 14]) {
    cases.push([`normal N(100, 20²), R = 1, c = ${c}`, { kind: 'normal', mean: 100, sd: 20 }, 100, 1, c]);
    cases.push([`Poisson(5), R = 1, c = ${c}`, { kind: 'poisson', mean: 5 }, 5, 1, c]);
    cases.push([`Poisson(5), R = 3, c = ${c}`, { kind: 'poisson', mean: 5 }, 5, 3, c]);
  }
  cases.push(['normal N(100, 20²), R = 3, c = 14', { kind: 'normal', mean: 100, sd: 20 }, 100, 3, 14]);
  for (const [name, demand, mu, R, c] of cases) for (const beta of [0.9, 0.95]) {
    it(`${name}, β ${beta}`, async () => {
      const L = 3;
      const policy: AdaptivePolicy = { kind: 'adaptive', forecaster: { method: 'ses', alpha: 0.1 }, safetyStock: { method: 'empirical', window: 400 }, reviewPeriod: R, leadTime: L, orderCover: c, target: { metric: 'fillRate', value: beta }, initialStock: mu * (L + R + c) };
      const spec: InventorySimSpec = { demand, leadTime: { kind: 'constant', value: L }, horizon: 3000, warmup: 1000, policy };
      const rows = await runReplications({ kernel: inventoryKernel, spec, seed: 20261201, scenario: `adaptive-rss-fill ${name} β ${beta}`, replications: 12, threads: 1 });
      const fill = estimateMean(rows.map((r) => r.fillRate!));
      console.info(`${name}, β ${beta}: fill rate ${fill.mean.toFixed(4)} (se ${fill.se.toFixed(4)})`);
      expect(fill.mean).toBeGreaterThanOrEqual(beta - 4 * fill.se);
      expect(fill.mean).toBeLessThanOrEqual(beta + 4 * fill.se + BIAS);
    });
  }
});
