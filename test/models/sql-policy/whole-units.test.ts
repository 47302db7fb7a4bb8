/**
 * Whole units (Katircioglu, Brown & Asghar 2007 on whole-unit demand): the engine runs the
 * whole-unit policy (ROP and S rounded up, lot to the nearest unit and ≥ 1), the model's
 * continuous figures stay in its result, and the backtest reports both achieved figures. Every SKU
 * with demand counts in the share meeting the target.
 */
import { describe, expect, it } from 'vitest';
import { replicationsOnPool } from '../../../src/cli/commands/validate.ts';
import { backtest, CONTINUOUS_ID, summarizeByGroup, wholeUnitDemand, type OrderHistory } from '../../../src/models/sql-policy/backtest/backtest.ts';
import { isWholeUnitPolicy, wholeUnitPolicy } from '../../../src/models/sql-policy/policy.ts';

const simulate = replicationsOnPool({ threads: 1 });

/** SKU 'A': 1 unit every 3rd day (slow: fractional policy); 'S': two orders early, one on the last day of the test window (its cycle cannot close). */
function history(days: number, fractional = false): OrderHistory {
  const day: number[] = [];
  const sku: number[] = [];
  const qty: number[] = [];
  for (let d = 0; d < days; d += 3) {
    day.push(d);
    sku.push(0);
    qty.push(fractional ? 1.5 : 1 + (d % 2));
  }
  for (const d of [1, 50, 299]) {
    day.push(d);
    sku.push(1);
    qty.push(1);
  }
  return { skus: ['A', 'S'], skuIndex: Int32Array.from(sku), day: Int32Array.from(day), quantity: Float64Array.from(qty) };
}

const settings = { objective: 'no-stockout' as const, target: 0.9, review: 'continuous' as const, lot: { rule: 'default' as const }, variant: 'corrected' as const, kMethod: 'exact' as const };

describe('whole-unit policies', () => {
  it('rounding rule: reorder point and S up, lot to the nearest unit and at least 1', () => {
    expect(wholeUnitPolicy({ kind: 'sQ', reorderPoint: 2.52, lotSize: 0.56, multiples: 'multiples' })).toEqual({ kind: 'sQ', reorderPoint: 3, lotSize: 1, multiples: 'multiples' });
    expect(wholeUnitPolicy({ kind: 'RsQ', reviewPeriod: 7, reorderPoint: 4, lotSize: 2.5, multiples: 'one' })).toMatchObject({ reorderPoint: 4, lotSize: 3 });
    expect(wholeUnitPolicy({ kind: 'RS', reviewPeriod: 7, orderUpTo: 10.01 })).toMatchObject({ orderUpTo: 11 });
    // round-off of the formulas above an integer does not add a unit
    expect(wholeUnitPolicy({ kind: 'RS', reviewPeriod: 1, orderUpTo: 5 + 1e-12 })).toMatchObject({ orderUpTo: 5 });
    expect(wholeUnitPolicy({ kind: 'sS', reorderPoint: 2.2, orderUpTo: 2.9 })).toEqual({ kind: 'sS', reorderPoint: 3, orderUpTo: 4 });
    expect(isWholeUnitPolicy({ kind: 'sQ', reorderPoint: 3, lotSize: 1, multiples: 'one' })).toBe(true);
  });
  it('the backtest runs the whole-unit policy on whole-unit demand and reports the continuous one beside it', async () => {
    const h = history(300);
    expect(wholeUnitDemand(h)).toBe(true);
    const rows = await backtest(h, { policy: settings, modelLeadTime: { supply: { mean: 5, sd: 0 } }, simLeadTime: { kind: 'constant', value: 5 }, trainFrom: 0, trainTo: 150, testFrom: 150, testTo: 300, mode: 'replay', replications: 1, seed: 1, scenario: 'wu' }, simulate);
    const a = rows.find((r) => r.sku === 'A')!;
    expect(a.wholeUnits).toBe(true);
    const run = a.outcomes[0]!.policy as { reorderPoint: number; lotSize: number };
    expect(Number.isInteger(run.reorderPoint) && Number.isInteger(run.lotSize) && run.lotSize >= 1).toBe(true);
    expect(run.reorderPoint).toBeGreaterThanOrEqual(a.result!.ROP);
    expect(Number.isInteger(a.result!.ROP)).toBe(false); // the model's own figure stays continuous
    const cont = a.outcomes.find((o) => o.policyId === CONTINUOUS_ID)!;
    expect((cont.policy as { reorderPoint: number }).reorderPoint).toBe(a.result!.ROP);
  });
  it('fractional demand keeps the continuous policy (no rounding, no second outcome)', async () => {
    const h = history(300, true);
    expect(wholeUnitDemand(h)).toBe(false);
    const rows = await backtest(h, { policy: settings, modelLeadTime: { supply: { mean: 5, sd: 0 } }, simLeadTime: { kind: 'constant', value: 5 }, trainFrom: 0, trainTo: 150, testFrom: 150, testTo: 300, mode: 'replay', replications: 1, seed: 1, scenario: 'wu' }, simulate);
    const a = rows.find((r) => r.sku === 'A')!;
    expect(a.wholeUnits).toBe(false);
    expect(a.outcomes.map((o) => o.policyId)).toEqual(['model']);
  });
  it('every SKU with demand is in the denominator: an unmeasured SKU is reported with its reason and measured metrics', async () => {
    const rows = await backtest(history(300), { policy: settings, modelLeadTime: { supply: { mean: 5, sd: 0 } }, simLeadTime: { kind: 'constant', value: 5 }, trainFrom: 0, trainTo: 150, testFrom: 150, testTo: 300, mode: 'replay', replications: 1, seed: 1, scenario: 'wu' }, simulate);
    const s = rows.find((r) => r.sku === 'S')!;
    expect(s.status).toBe('unmeasured');
    expect(s.reason).toMatch(/no replenishment cycle closed in 1 replication\(s\)/);
    expect(s.outcomes[0]!.fillRate).toBeDefined();
    expect(s.outcomes[0]!.readyRate).toBeDefined();
    const g = summarizeByGroup(rows, () => 'all')[0]!;
    expect(g.withDemand).toBe(2);
    expect(g.measured + g.unmeasured).toBe(g.withDemand);
    expect(g.shareMeetingTarget).toBe(g.meetingTarget / 2);
  });
});
