/**
 * The adaptive (s, Q) policy (src/policy/adaptive.ts, orderQuantity): no look-ahead, the lot
 * rule (EOQ on the forecast rate, days of supply), validation, the policy file, and a run on the
 * pool on stationary normal demand.
 */
import { describe, expect, it } from 'vitest';
import { orderAdaptiveQuantity, type AdaptivePolicy } from '../../src/policy/adaptive.ts';
import { validatePolicy } from '../../src/policy/validate.ts';
import { readPolicyDocument, policyFile } from '../../src/policy/file.ts';
import { inventoryKernel, type InventorySimSpec } from '../../src/sim/inventory.ts';
import { runReplications } from '../../src/pool/run.ts';
import { estimateMean } from '../../src/core/stats.ts';
import { createForecaster } from '../../src/forecast/spec.ts';
import { RandomStream } from '../../src/rng/stream.ts';
import { expectClose } from '../helpers/close.ts';
import { adaptiveBase, pathsDifferingAfterT, recordDecisions } from './adaptive-helpers.ts';

const base = adaptiveBase({ orderQuantity: { method: 'eoq', orderingCost: 100, holdingCost: 0.5 } });

/** Every review's decision (period, position seen, quantity, reorder point s, lot Q). */
const run = (policy: AdaptivePolicy, demand: number[]) => recordDecisions(policy, demand, (rule) => ({ s: rule.lastLevel, Q: rule.lastLot }));
type Log = ReturnType<typeof run>;

describe('adaptive (s, Q): no look-ahead', () => {
  const variants: [string, AdaptivePolicy][] = [
    ['SES + normal, EOQ, fill rate, R = 1', base()],
    ['Holt damped + empirical, 7 days of supply, CSL, R = 1', base({ forecaster: { method: 'holt', alpha: 0.2, beta: 0.1, phi: 0.9 }, safetyStock: { method: 'empirical', minErrors: 5 }, orderQuantity: { method: 'daysOfSupply', periods: 7 }, target: { metric: 'cycleServiceLevel', value: 0.9 } })],
    ['TSB + empirical, EOQ with a floor, R = 3', base({ forecaster: { method: 'tsb', alpha: 0.2, beta: 0.1 }, safetyStock: { method: 'empirical', minErrors: 3 }, reviewPeriod: 3, leadTime: 2, orderQuantity: { method: 'eoq', orderingCost: 50, holdingCost: 1, min: 5 } })],
  ];
  for (const [name, policy] of variants) {
    it(`changing demand after period T leaves every decision up to T unchanged: ${name}`, () => {
      const { a, b, T } = pathsDifferingAfterT('adaptive-sq-lookahead', name);
      const la = run(policy, a);
      const lb = run(policy, b);
      const upTo = (log: Log) => log.filter((r) => r.t <= T);
      expect(upTo(lb)).toEqual(upTo(la));
      expect(upTo(la).filter((r) => r.q > 0).length).toBeGreaterThan(3);
      expect(lb.filter((r) => r.t > T)).not.toEqual(la.filter((r) => r.t > T)); // the test has power
    });
  }
});

describe('adaptive (s, Q): the lot', () => {
  it('orders only at or below s, the smallest multiple of Q_t that lifts the position above s', () => {
    const rng = new RandomStream([7, 'adaptive-sq-lot']);
    const d = Array.from({ length: 400 }, () => 50 + rng.int(21));
    const log = run(base(), d);
    const orders = log.filter((r) => r.q > 0);
    expect(orders.length).toBeGreaterThan(20);
    for (const r of log) {
      if (r.q === 0) {
        if (r.s === r.s) expect(r.ip).toBeGreaterThan(r.s);
        continue;
      }
      const n = Math.round(r.q / r.Q);
      expectClose(r.q, n * r.Q, 1e-9 * r.q, `t ${r.t}: a whole number of lots`);
      expect(r.ip).toBeLessThanOrEqual(r.s);
      expect(r.ip + r.q).toBeGreaterThan(r.s);
      expect(r.ip + r.q - r.Q).toBeLessThanOrEqual(r.s);
    }
    // EOQ on the forecast rate: √(2·100·60/0.5) ≈ 155 once SES has settled near 60
    const late = orders.filter((r) => r.t > 200);
    for (const r of late) expectClose(r.Q, Math.sqrt((2 * 100 * 60) / 0.5), 15, `t ${r.t}: EOQ at a level of 60 ± 5`);
  });
  it('Q_t = EOQ on F_t(1), or F_t(periods); raised to min (also when the forecast is not yet defined)', () => {
    const f = createForecaster({ method: 'ses', alpha: 0.5 });
    expect(orderAdaptiveQuantity({ method: 'daysOfSupply', periods: 7 }, f)).toBe(1); // no forecast yet
    for (const y of [10, 20, 30]) f.update(y);
    const level = f.cumulative(1);
    expectClose(orderAdaptiveQuantity({ method: 'eoq', orderingCost: 40, holdingCost: 2 }, f), Math.sqrt((2 * 40 * level) / 2), 1e-12, 'EOQ');
    expectClose(orderAdaptiveQuantity({ method: 'daysOfSupply', periods: 7 }, f), f.cumulative(7), 1e-12, 'days of supply');
    expect(orderAdaptiveQuantity({ method: 'eoq', orderingCost: 0, holdingCost: 2, min: 3 }, f)).toBe(3);
  });
  it('rejects bad fields, naming them, and round-trips through the policy file', () => {
    expect(() => validatePolicy(base({ orderQuantity: { method: 'eoq', orderingCost: 1, holdingCost: 0 } }))).toThrow(/policy\.orderQuantity\.holdingCost/);
    expect(() => validatePolicy(base({ orderQuantity: { method: 'daysOfSupply', periods: 0 } }))).toThrow(/policy\.orderQuantity\.periods/);
    expect(() => validatePolicy(base({ orderQuantity: { method: 'lot' } as unknown as AdaptivePolicy['orderQuantity'] }))).toThrow(/policy\.orderQuantity\.method/);
    expect(() => validatePolicy(base({ orderCover: 5 }))).toThrow(/exclude each other/);
    const p = base({ orderQuantity: { method: 'daysOfSupply', periods: 7, min: 2 } });
    expect(readPolicyDocument(JSON.parse(JSON.stringify(policyFile([p]))), 'p.json')[0]!.policy).toEqual(p);
  });
});

describe('adaptive (s, Q) on the pool, stationary normal demand', () => {
  it('SES + normal safety stock with an EOQ lot: achieved fill rate against the 0.95 target', async () => {
    const mu = 100, sd = 20, L = 4, target = 0.95;
    const spec: InventorySimSpec = { demand: { kind: 'normal', mean: mu, sd }, leadTime: { kind: 'constant', value: L }, horizon: 4000, warmup: 1000, policy: base({ initialStock: mu * (L + 1) }) };
    const rows = await runReplications({ kernel: inventoryKernel, spec, seed: 20261201, scenario: 'adaptive-sq-normal', replications: 16, threads: 1 });
    const fill = estimateMean(rows.map((r) => r.fillRate!));
    const orders = estimateMean(rows.map((r) => r.ordersPerPeriod!));
    console.info(`adaptive (s, Q) EOQ: fill rate ${fill.mean.toFixed(4)} (se ${fill.se.toFixed(5)}), orders per period ${orders.mean.toFixed(4)}`);
    expect(fill.mean).toBeGreaterThanOrEqual(target - 4 * fill.se);
    // EOQ √(2·100·100/0.5) = 200: about one order every two periods
    expectClose(orders.mean, mu / 200, 4 * orders.se + 0.02, 'orders per period ≈ μ/EOQ (0.02: the lot is re-estimated, so it varies around 200)');
  });
});
