import { afterAll, describe, expect, it } from 'vitest';
import { closePool } from '../../src/pool/run.ts';
import { multiPolicyKernel, policyRows, keyOf } from '../../experiments/lib/adaptive-kernel.ts';
import { OracleRule, type OraclePolicy } from '../../experiments/lib/adaptive-oracle.ts';
import { frontierStock, ratioCells, type PointResult } from '../../experiments/lib/adaptive-summary.ts';
import { familyPoints, staticResult, STATIC } from '../../experiments/lib/adaptive-families.ts';
import { loadRealData } from '../../experiments/lib/adaptive-data.ts';
import { backtest } from '../../src/models/sql-policy/backtest/backtest.ts';
import { wholeUnitPolicy } from '../../src/models/sql-policy/policy.ts';
import type { InventoryPolicy } from '../../src/policy/types.ts';
import { replicationsOnPool } from '../../src/cli/commands/validate.ts';
import { expectClose } from '../helpers/close.ts';

afterAll(closePool);

const history = { source: 'history' as const, warm: [3, 0, 5, 2, 0, 0, 4, 1, 6, 0, 2, 3, 0, 1], test: [2, 0, 0, 7, 1, 3, 0, 2, 5, 0], blockLength: 3 };
const sQ: InventoryPolicy = { kind: 'sQ', reorderPoint: 4, lotSize: 6, multiples: 'one' };
const adaptive: InventoryPolicy = { kind: 'adaptive', forecaster: { method: 'ses', alpha: 0.2 }, safetyStock: { method: 'empirical', minErrors: 2 }, reviewPeriod: 1, leadTime: 2, target: { metric: 'fillRate', value: 0.9 }, orderCover: 3, initialStock: 8, lotRule: { multiple: 1 } };

describe('multi-policy kernel (common random numbers)', () => {
  it("gives each policy the same row whatever else runs beside it (same demand path and lead-time draws)", () => {
    const leadTime = { kind: 'replay' as const, records: [1, 2, 3, 5], mode: 'resample' as const };
    for (let r = 0; r < 5; r++) {
      const ctx = { seed: 3, scenario: 'k', replication: r };
      const alone = multiPolicyKernel({ demand: history, leadTime, policies: [sQ] }, ctx);
      const both = multiPolicyKernel({ demand: { ...history, prime: 6 }, leadTime, policies: [adaptive, sQ] }, ctx);
      // a static rule ignores priming; its row is identical in both runs
      for (const c of ['averageOnHand', 'filledUnits', 'demandUnits', 'readyPeriods'] as const) expect(both[keyOf(1, c)]).toBe(alone[keyOf(0, c)]);
      // every policy is measured on the same demand
      expect(both[keyOf(0, 'demandUnits')]).toBe(both[keyOf(1, 'demandUnits')]);
    }
  });

  it('rejects a priming longer than the warm-up and unknown demand sources, naming the field', () => {
    expect(() => multiPolicyKernel({ demand: { ...history, prime: 99 }, leadTime: { kind: 'constant', value: 1 }, policies: [sQ] }, { seed: 1, scenario: 'x', replication: 0 })).toThrow(/spec\.demand\.prime/);
    expect(() => multiPolicyKernel({ demand: { source: 'nope' }, leadTime: { kind: 'constant', value: 1 }, policies: [sQ] }, { seed: 1, scenario: 'x', replication: 0 })).toThrow(/spec\.demand\.source/);
  });

  it('policyRows gives the engine column names of one policy', () => {
    const row = multiPolicyKernel({ demand: history, leadTime: { kind: 'constant', value: 1 }, policies: [sQ, sQ] }, { seed: 1, scenario: 'x', replication: 0 });
    const [a] = policyRows([row], 0);
    const [b] = policyRows([row], 1);
    expect(a).toEqual(b);
    expect(a!.fillRate).toBe(a!.filledUnits / a!.demandUnits);
  });
});

describe('oracle policy', () => {
  it('sets s = μ_H at the median and μ_H + Φ⁻¹(p)·σ_H above it (stationary Poisson: μ_H = σ_H² = (L + 1)·base)', () => {
    const p = (value: number): OraclePolicy => ({ kind: 'oracle', demand: { kind: 'nonStationary', base: 4 }, leadTime: 7, target: { metric: 'cycleServiceLevel', value }, orderCover: 0, initialStock: 0 });
    expectClose(new OracleRule(p(0.5)).level(10), 32, 1e-12, 'median level = 8 days × 4');
    expectClose(new OracleRule(p(0.975)).level(10), 32 + 1.959963984540054 * Math.sqrt(32), 1e-9, '97.5 % level');
  });
});

describe('stock at matched service', () => {
  const pt = (fill: number, stockDays: number): PointResult => ({ sku: 'a', group: 'g', family: 'f', parameter: stockDays, fill: { n: 2, mean: fill, sd: 0, se: 0, level: 0.95, halfWidth: 0, low: fill, high: fill }, ready: undefined, onHand: stockDays, stockDays });
  it('interpolates on the efficient frontier, charges the cheapest point when it already serves, and is NaN when unreachable', () => {
    const pts = [pt(0.8, 10), pt(0.9, 20), pt(0.85, 25), pt(0.96, 30)];
    expectClose(frontierStock(pts, 0.85), 15, 1e-12, 'halfway between 0.8@10 and 0.9@20');
    // 0.85@25 is dominated by 0.9@20: the frontier goes 0.9@20 → 0.96@30
    expectClose(frontierStock(pts, 0.93), 25, 1e-12, 'halfway between 0.9@20 and 0.96@30');
    expect(frontierStock(pts, 0.5)).toBe(10);
    expect(frontierStock(pts, 0.99)).toBeNaN();
  });
  it('reports ratios as a geometric mean with an interval containing it', () => {
    const c = ratioCells('r', [0.5, 2, 1]);
    expectClose(c.r as number, 0, 1e-12, 'geometric mean of 0.5, 2, 1 is 1');
    expect(c.r_low as number).toBeLessThan(0);
    expect(c.r_high as number).toBeGreaterThan(0);
  });
});

describe('the static family', () => {
  it('is the policy the sql-policy backtest computes (objective 6, sQ, whole units) on the same training window', async () => {
    const d = loadRealData(['2011-09-01'], 10, 17);
    const w = d.splits[0]!.skus[0]!;
    const cut = d.orders.minDay + w.stats.days;
    const rows = await backtest(d.orders, { policy: { objective: 'fill-rate', target: 0.95, review: 'continuous', lot: { rule: 'default' }, variant: 'corrected', kMethod: 'exact' }, modelLeadTime: w.stats.leadTime, simLeadTime: d.leadTime.sim, trainFrom: d.orders.minDay, trainTo: cut, testFrom: cut, testTo: d.orders.maxDay + 1, mode: 'replay', replications: 1, seed: 1, scenario: 'x', only: new Set([w.sku]) }, replicationsOnPool({ threads: 1 }));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('ok');
    const mine = wholeUnitPolicy(staticResult(w.stats, 0.95).policy);
    expect(rows[0]!.outcomes[0]!.policy).toEqual(mine);
    const points = familyPoints(w.stats, { targets: [0.95], dosDays: [], ssMethods: [], forecaster: { method: 'naive' }, planLeadTime: 10, mainTarget: 0.95 }).points;
    expect(points.find((p) => p.family === STATIC)!.policy).toEqual(mine);
  });
});
