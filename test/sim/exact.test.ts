/**
 * The engine against exact results (issue 3 §6), within 4 standard errors over independent
 * replications. The formulas and their derivation for the engine's period convention are in
 * src/sim/README.md ("Exact results the tests check").
 */
import { describe, it } from 'vitest';
import { normalCdf, normalLoss } from '../../src/core/normal.ts';
import { exactSQPoisson, pmfCdf, poissonPmf as poissonPmfExact, positiveParts } from '../../src/sim/exact.ts';
import { runReplications } from '../../src/pool/run.ts';
import { summarizeRows } from '../../src/sim/metrics.ts';
import type { InventorySimSpec } from '../../src/sim/inventory.ts';
import { expectWithinSe } from '../helpers/close.ts';

const poissonPmf = (mean: number, kMax: number): number[] => poissonPmfExact(mean, kMax);
const cdf = pmfCdf;
const posPart = positiveParts;
const exactSQ = exactSQPoisson;

async function simulate(spec: InventorySimSpec, replications: number, scenario: string) {
  const rows = await runReplications({ kernel: 'sim.inventory', spec, seed: 20261121, scenario, replications, threads: 1 });
  return summarizeRows(rows);
}

describe('(s, Q) with Poisson unit demand and constant lead time: exact ready rate, fill rate, CSL', () => {
  const cases = [
    { lambda: 2, L: 3, s: 8, Q: 10 },
    { lambda: 0.5, L: 0, s: 0, Q: 3 },
    { lambda: 4, L: 5, s: 22, Q: 7 },
  ];
  for (const c of cases) {
    it(`λ = ${c.lambda}, L = ${c.L}, s = ${c.s}, Q = ${c.Q}`, async () => {
      const exact = exactSQ(c.lambda, c.L, c.s, c.Q);
      const est = await simulate(
        { demand: { kind: 'poisson', mean: c.lambda }, leadTime: { kind: 'constant', value: c.L }, policy: { kind: 'sQ', reorderPoint: c.s, lotSize: c.Q, multiples: 'multiples' }, horizon: 20_000, warmup: 500 },
        24,
        `exact-sQ/${c.lambda}/${c.L}/${c.s}/${c.Q}`,
      );
      const src = `exact (s, Q) Poisson formula (src/sim/README.md), λ=${c.lambda} L=${c.L} s=${c.s} Q=${c.Q}`;
      for (const m of ['readyRate', 'fillRate', 'cycleServiceLevel', 'averageOnHand', 'averageBackorders', 'ordersPerPeriod'] as const) {
        expectWithinSe(est[m]!.mean, est[m]!.se, exact[m], 4, `${src}: ${m}`);
      }
    });
  }
});

describe('the other generator family (seedrandom xor4096) gives the same exact results', () => {
  it('(s, Q) Poisson, λ = 2, L = 3, s = 8, Q = 10, generator xor4096', async () => {
    const exact = exactSQ(2, 3, 8, 10);
    const est = await simulate(
      { demand: { kind: 'poisson', mean: 2 }, leadTime: { kind: 'constant', value: 3 }, policy: { kind: 'sQ', reorderPoint: 8, lotSize: 10, multiples: 'multiples' }, horizon: 20_000, warmup: 500, generator: 'xor4096' },
      16,
      'exact-sQ-xor4096',
    );
    for (const m of ['readyRate', 'fillRate', 'cycleServiceLevel'] as const) expectWithinSe(est[m]!.mean, est[m]!.se, exact[m], 4, `exact (s, Q) Poisson formula, xor4096: ${m}`);
  });
});

describe('periodic base stock (R = 1) with normal demand: exact ready rate, fill rate, CSL, stock', () => {
  const cases = [
    { mu: 100, sigma: 20, L: 2, S: 330 },
    { mu: 50, sigma: 10, L: 0, S: 55 },
  ];
  for (const c of cases) {
    it(`μ = ${c.mu}, σ = ${c.sigma}, L = ${c.L}, S = ${c.S}`, async () => {
      const m = (c.L + 1) * c.mu;
      const sd = c.sigma * Math.sqrt(c.L + 1);
      const k = (c.S - m) / sd;
      const sdL = c.sigma * Math.sqrt(c.L);
      const lossL = c.L === 0 ? 0 : sdL * normalLoss((c.S - c.L * c.mu) / sdL);
      const exact = {
        readyRate: normalCdf(k),
        cycleServiceLevel: normalCdf(k),
        averageBackorders: sd * normalLoss(k),
        averageOnHand: c.S - m + sd * normalLoss(k),
        fillRate: 1 - (sd * normalLoss(k) - lossL) / c.mu,
      };
      const est = await simulate(
        { demand: { kind: 'normal', mean: c.mu, sd: c.sigma }, leadTime: { kind: 'constant', value: c.L }, policy: { kind: 'RS', reviewPeriod: 1, orderUpTo: c.S }, horizon: 20_000, warmup: 100 },
        24,
        `exact-RS/${c.mu}/${c.sigma}/${c.L}/${c.S}`,
      );
      const src = `exact base-stock normal formula (src/sim/README.md), μ=${c.mu} σ=${c.sigma} L=${c.L} S=${c.S}`;
      for (const [name, value] of Object.entries(exact)) expectWithinSe(est[name]!.mean, est[name]!.se, value, 4, `${src}: ${name}`);
    });
  }
});

describe('on-time delivery with a committed lead time: base stock, normal demand', () => {
  it('units of period t shipped by t + c: exact via E[min(d, (S − D_{L−c})⁺ …)]', async () => {
    // With R = 1 and IP = S after every review, Supply(t + c) − D(t − 1) = S − D(t − L − 1 + c … t − 1)
    // for c ≤ L: the units of period t are on time up to S − (demand of the L − c periods before t).
    // On-time share = E[min(d, (S − D_{L−c})⁺)]/μ = (E[(S − D_{L−c})⁺] − E[(S − D_{L−c+1})⁺])/μ,
    // the base-stock fill rate with lead time L − c.
    const mu = 100;
    const sigma = 20;
    const L = 3;
    const S = 330;
    const c = 2;
    const eff = L - c;
    const over = (n: number) => (n === 0 ? S : S - n * mu + sigma * Math.sqrt(n) * normalLoss((S - n * mu) / (sigma * Math.sqrt(n))));
    const exact = (over(eff) - over(eff + 1)) / mu;
    const est = await simulate(
      { demand: { kind: 'normal', mean: mu, sd: sigma }, leadTime: { kind: 'constant', value: L }, policy: { kind: 'RS', reviewPeriod: 1, orderUpTo: S }, horizon: 20_000, warmup: 100, customerLeadTime: { committed: c, requested: { kind: 'constant', value: 0 } } },
      24,
      'exact-ontime',
    );
    expectWithinSe(est.onTimeCommitted!.mean, est.onTimeCommitted!.se, exact, 4, 'base-stock on-time with committed lead time 2 (derived in this test)');
    const fill = (over(L) - over(L + 1)) / mu;
    expectWithinSe(est.onTimeRequested!.mean, est.onTimeRequested!.se, fill, 4, 'requested lead time 0 equals the fill rate');
  });
});

describe('periodic review (R, S) with R > 1 and Poisson demand: exact ready rate, fill rate, CSL, stock', () => {
  // Reviews at the end of periods R − 1, 2R − 1, … lift IP to S; the order arrives at the start
  // of period t + L + 1, and the periods t + L + 1 … t + L + R form one cycle. In its j-th period
  // (j = 1 … R) the net inventory at the end is S − D_{L+j}, and the demand meets stock
  // S − D_{L+j−1}. So ready rate = (1/R)·Σ_j P(D_{L+j} ≤ S − 1), average on hand =
  // (1/R)·Σ_j E[(S − D_{L+j})⁺], fill rate = (E[(S − D_L)⁺] − E[(S − D_{L+R})⁺])/(R·λ), and the
  // cycle has a stock-out iff S − D_{L+R} < 0: CSL = P(D_{L+R} ≤ S). (A review with zero demand
  // over R periods places no order; it is still a cycle (one per review), closing after the lead time.)
  it('λ = 3, R = 4, L = 2, S = 24', async () => {
    const lambda = 3;
    const R = 4;
    const L = 2;
    const S = 24;
    const pmf = (n: number) => poissonPmf(n * lambda, 400);
    let ready = 0;
    let onHand = 0;
    for (let j = 1; j <= R; j++) {
      ready += cdf(pmf(L + j), S - 1);
      onHand += posPart(pmf(L + j), S).over;
    }
    const exact = {
      readyRate: ready / R,
      averageOnHand: onHand / R,
      fillRate: (posPart(pmf(L), S).over - posPart(pmf(L + R), S).over) / (R * lambda),
      cycleServiceLevel: cdf(pmf(L + R), S),
    };
    const est = await simulate(
      { demand: { kind: 'poisson', mean: lambda }, leadTime: { kind: 'constant', value: L }, policy: { kind: 'RS', reviewPeriod: R, orderUpTo: S }, horizon: 20_000, warmup: 100 },
      24,
      'exact-RS-R4',
    );
    for (const [name, value] of Object.entries(exact)) expectWithinSe(est[name]!.mean, est[name]!.se, value, 4, `exact (R, S) Poisson formula derived above: ${name}`);
  });
});

describe("crossing orders: exact position and pipeline (Little's law), random lead times", () => {
  // (s, Q) 'multiples' with Poisson(λ) demand: the position after review is uniform on
  // s + 1 … s + Q whatever the lead times, so its average is s + (Q + 1)/2. An order placed at the
  // end of period t is on order at the ends of periods t … t + L, L + 1 observations, so by
  // Little's law the average on order (end of period) is λ·(E[L] + 1), orders crossing or not.
  it('λ = 6, s = 30, Q = 25, lead time uniform on {1, …, 9}', async () => {
    const lambda = 6;
    const s = 30;
    const Q = 25;
    const rows = await runReplications({
      kernel: 'sim.inventory',
      spec: { demand: { kind: 'poisson', mean: lambda }, leadTime: { kind: 'uniformInteger', min: 1, max: 9 }, policy: { kind: 'sQ', reorderPoint: s, lotSize: Q, multiples: 'multiples' }, horizon: 20_000, warmup: 200 },
      seed: 20261121,
      scenario: 'exact-crossing',
      replications: 24,
      threads: 1,
    });
    const est = summarizeRows(rows);
    const onOrder = summarizeRows(rows.map((r) => ({ onOrder: r.averageInventoryPosition! - r.averageOnHand! + r.averageBackorders! }))).onOrder!;
    expectWithinSe(est.averageInventoryPosition!.mean, est.averageInventoryPosition!.se, s + (Q + 1) / 2, 4, 'uniform position: E[IP] = s + (Q + 1)/2');
    expectWithinSe(onOrder.mean, onOrder.se, lambda * (5 + 1), 4, "Little's law: E[on order] = λ·(E[L] + 1)");
  });
});
