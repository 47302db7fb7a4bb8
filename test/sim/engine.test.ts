/**
 * Engine behaviour on scripted demand and lead times (hand-traced expectations), common random
 * numbers across policies, lot rules, lost sales and crossing orders.
 */
import { describe, expect, it } from 'vitest';
import { applyLotRule, simulateInventory, type ProcessSources } from '../../src/sim/engine.ts';
import { independentSources, inventoryKernel, validateSimSpec, type InventorySimSpec } from '../../src/sim/inventory.ts';
import { pairedDifferences, summarizeRows } from '../../src/sim/metrics.ts';
import type { InventoryPolicy } from '../../src/policy/types.ts';
import { expectClose } from '../helpers/close.ts';
import { RandomStream } from '../../src/rng/stream.ts';

class Scripted implements ProcessSources {
  orders: number[] = [];
  constructor(
    private readonly d: number[],
    private readonly l: number[],
  ) {}
  private li = 0;
  demand(t: number): number {
    return this.d[t] ?? 0;
  }
  leadTime(t: number): number {
    this.orders.push(t);
    return this.l[this.li++ % this.l.length]!;
  }
}

describe('engine on scripted paths (hand-traced)', () => {
  it('(s, Q) one lot: receipts, backorders, cycles and on-time units', () => {
    // s = 2, Q = 5, start on hand 7, lead time 1 (arrives at the start of t + 2).
    // t: demand → IL end → IP → order?
    // 0: 3 → 4, IP 4 → no; 1: 3 → 1, IP 1 ≤ 2 → order 5 (due t = 3); 2: 4 → −3 (1 filled, 3 short), IP 2 → order 5 (due 4);
    // 3: +5 → 2; demand 0 → 2, IP 7; 4: +5 → 7; demand 1 → 6, IP 6.
    const src = new Scripted([3, 3, 4, 0, 1], [1]);
    const row = simulateInventory({ kind: 'sQ', reorderPoint: 2, lotSize: 5, multiples: 'one' }, { horizon: 5, warmup: 0, initialOnHand: 7, onTime: { committed: 1 } }, src);
    expect(src.orders).toEqual([1, 2]);
    expectClose(row.fillRate!, 8 / 11, 1e-15, 'filled 3+3+1+0+1 of 11 (hand)');
    expectClose(row.readyRate!, 4 / 5, 1e-15, 'periods ending with stock: 0,1,3,4 (hand)');
    expectClose(row.averageOnHand!, (4 + 1 + 0 + 2 + 6) / 5, 1e-15, 'hand');
    expectClose(row.averageBackorders!, 3 / 5, 1e-15, 'hand');
    expectClose(row.ordersPerPeriod!, 2 / 5, 1e-15, 'hand');
    // arrival-to-arrival cycles: arrivals at t = 3 and 4 → one closed cycle (t = 3), no stock-out in it, IL at its end 2 ≥ 0
    expect(row.arrivalCycles).toBe(1);
    expect(row.arrivalCycleServiceLevel).toBe(1);
    // one cycle per order: the order due at t = 3 finds backorders (IL −3), the one due at t = 4 finds IL 2
    expect(row.cycles).toBe(2);
    expect(row.stockoutCycles).toBe(1);
    expect(row.cycleServiceLevel).toBe(0.5);
    expect(row.censoredCycles).toBe(0);
    // on time within 1 period: evaluated periods 0..3 (the last c = 1 not evaluated);
    // period 2's 4 units: Supply(3) − D(1) = (7 + 5) − 6 = 6 ≥ 4 → all on time; so 10/10.
    expectClose(row.onTimeCommitted!, 1, 1e-15, 'hand');
  });

  it('lost sales: unmet demand disappears; backorder mode keeps it', () => {
    const policy: InventoryPolicy = { kind: 'sS', reorderPoint: 0, orderUpTo: 4 };
    const lost = simulateInventory(policy, { horizon: 4, warmup: 0, shortage: 'lostSales' }, new Scripted([6, 1, 0, 0], [0]));
    // t0: 4 on hand, demand 6 → 4 filled, 2 lost, IL 0 → IP 0 ≤ 0 → order 4 (due t1); t1: 4 → 3 → IP 3; ...
    expectClose(lost.lostSalesPerPeriod!, 2 / 4, 1e-15, 'hand');
    expectClose(lost.averageOnHand!, (0 + 3 + 3 + 3) / 4, 1e-15, 'hand');
    const back = simulateInventory(policy, { horizon: 4, warmup: 0 }, new Scripted([6, 1, 0, 0], [0]));
    // t0: IL −2 → order 6; t1: IL 4 → 3 ...
    expectClose(back.averageBackorders!, 2 / 4, 1e-15, 'hand');
    expectClose(back.averageOnHand!, (0 + 3 + 3 + 3) / 4, 1e-15, 'hand');
    expect(back.lostSalesPerPeriod).toBe(0);
  });

  it('orders may cross: a later order with a shorter lead time arrives first', () => {
    // RS with R = 1, S = 10, demand 5 each period, lead times 6 then 0, 0, …
    const src = new Scripted([5, 5, 5, 5, 5, 5, 5, 5, 5, 5], [6, 0]);
    const row = simulateInventory({ kind: 'RS', reviewPeriod: 1, orderUpTo: 10 }, { horizon: 10, warmup: 0 }, src);
    expect(row.orderedUnitsPerPeriod).toBe(5);
    // one cycle per order (R = 1): orders at t = 0 … 9 with lead times 6, 0, 6, 0, … arrive at
    // t = 7, 2, 9, 4, 11, 6, 13, 8, 15, 10: six arrive within periods 0 … 9 (each its own cycle,
    // crossing or not), four are still in transit at the end (censored)
    expect(row.cycles).toBe(6);
    expect(row.censoredCycles).toBe(4);
    // the inventory position stays at 10 after each review whatever the arrivals
    expect(row.averageInventoryPosition).toBe(10);
  });

  it('base stock with fractional demand: an order exactly in the periods with positive demand (no round-off orders)', () => {
    // RS with R = 1 lifts the position to S at every review, so in a period without demand it is
    // still S and nothing is ordered: orders happen exactly in the periods with d > 0. Demand in
    // hundredths of a unit (e.g. kilograms), zero every other period, lead times 1–4 (crossing).
    const r = new RandomStream(['engine-test', 'fractional-demand']);
    const d = Array.from({ length: 2000 }, (_, t) => (t % 2 === 1 ? 0 : Math.round(r.uniform() * 1000) / 100));
    const orders: number[] = [];
    let li = 0;
    const src: ProcessSources = { demand: (t) => d[t]!, leadTime: (t) => (orders.push(t), 1 + (li++ % 4)) };
    simulateInventory({ kind: 'RS', reviewPeriod: 1, orderUpTo: 30.3 }, { horizon: 2000, warmup: 0 }, src);
    expect(orders.filter((t) => d[t] === 0)).toEqual([]);
    expect(orders.length).toBe(d.filter((x) => x > 0).length);
  });

  it('periodic review acts only at the end of periods R − 1, 2R − 1, …', () => {
    const src = new Scripted(Array(9).fill(1), [0]);
    simulateInventory({ kind: 'RS', reviewPeriod: 3, orderUpTo: 200 }, { horizon: 9, warmup: 0, initialOnHand: 0 }, src);
    expect(src.orders).toEqual([2, 5, 8]);
  });

  it("'multiples' orders the smallest multiple of Q that lifts the position above s; 'one' orders one Q", () => {
    const m = new Scripted([25], [3]);
    const rm = simulateInventory({ kind: 'sQ', reorderPoint: 10, lotSize: 4, multiples: 'multiples' }, { horizon: 1, warmup: 0, initialOnHand: 14 }, m);
    // IP = −11 → m = ⌊(10 − (−11))/4⌋ + 1 = 6 → 24, IP 13 > 10
    expect(rm.orderedUnitsPerPeriod).toBe(24);
    const ro = simulateInventory({ kind: 'sQ', reorderPoint: 10, lotSize: 4, multiples: 'one' }, { horizon: 1, warmup: 0, initialOnHand: 14 }, new Scripted([25], [3]));
    expect(ro.orderedUnitsPerPeriod).toBe(4);
  });

  it('lot rules of seed 001 Step 5: round up to the multiple, then min, then max', () => {
    expect(applyLotRule(13, 5, 0, Infinity)).toBe(15);
    expect(applyLotRule(15, 5, 0, Infinity)).toBe(15);
    expect(applyLotRule(3, 0, 10, Infinity)).toBe(10);
    expect(applyLotRule(300, 0, 0, 120)).toBe(120);
    const src = new Scripted([7], [0]);
    const r = simulateInventory({ kind: 'sS', reorderPoint: 5, orderUpTo: 10, lotRule: { multiple: 6 } }, { horizon: 1, warmup: 0, initialOnHand: 10 }, src);
    // IP 3 → S − IP = 7 → rounded up to 12
    expect(r.orderedUnitsPerPeriod).toBe(12);
  });

  it('rejects bad policies and settings naming the field', () => {
    const base: InventorySimSpec = { demand: { kind: 'poisson', mean: 2 }, leadTime: { kind: 'constant', value: 1 }, policy: { kind: 'sQ', reorderPoint: 3, lotSize: 5, multiples: 'one' }, horizon: 10, warmup: 0 };
    expect(() => validateSimSpec({ ...base, policy: { kind: 'sS', reorderPoint: 5, orderUpTo: 5 } })).toThrow(/policy.orderUpTo must exceed/);
    expect(() => validateSimSpec({ ...base, policy: { kind: 'RS', reviewPeriod: 1.5, orderUpTo: 5 } })).toThrow(/policy.reviewPeriod must be an integer/);
    expect(() => validateSimSpec({ ...base, horizon: 0 })).toThrow(/horizon must be an integer ≥ 1/);
    expect(() => validateSimSpec({ ...base, customerLeadTime: { requested: { kind: 'gamma', mean: 2, sd: 1 } } })).toThrow(/customerLeadTime.requested must be a whole-number/);
  });
});

describe('common random numbers: streams keyed by process, not by policy', () => {
  const spec = (policy: InventoryPolicy): InventorySimSpec => ({
    demand: { kind: 'compoundPoisson', ordersPerPeriod: 2, orderSize: { kind: 'normalRounded', mean: 5, sd: 2 } },
    leadTime: { kind: 'uniformInteger', min: 2, max: 6 },
    policy,
    horizon: 2000,
    warmup: 50,
  });
  it('two policies see the same demand path in the same replication', () => {
    const a = spec({ kind: 'sQ', reorderPoint: 40, lotSize: 60, multiples: 'one' });
    const b = spec({ kind: 'RS', reviewPeriod: 5, orderUpTo: 120 });
    const ctx = { seed: 9, scenario: 'crn', replication: 3 };
    const da = independentSources(a, ctx);
    const db = independentSources(b, ctx);
    for (let t = 0; t < 500; t++) expect(da.demand(t)).toBe(db.demand(t));
    expect(inventoryKernel(a, ctx).demandPerPeriod).toBe(inventoryKernel(b, ctx).demandPerPeriod);
    expect(inventoryKernel(a, { ...ctx, replication: 4 }).demandPerPeriod).not.toBe(inventoryKernel(a, ctx).demandPerPeriod);
  });
  it('paired differences have a smaller standard error than independent comparisons', () => {
    const a = spec({ kind: 'sQ', reorderPoint: 40, lotSize: 60, multiples: 'one' });
    const b = spec({ kind: 'sQ', reorderPoint: 45, lotSize: 60, multiples: 'one' });
    const ra = Array.from({ length: 30 }, (_, r) => inventoryKernel(a, { seed: 1, scenario: 'crn', replication: r }));
    const rb = Array.from({ length: 30 }, (_, r) => inventoryKernel(b, { seed: 1, scenario: 'crn', replication: r }));
    const rbIndep = Array.from({ length: 30 }, (_, r) => inventoryKernel(b, { seed: 2, scenario: 'crn', replication: r }));
    const paired = pairedDifferences(rb, ra).fillRate!;
    const indep = pairedDifferences(rbIndep, ra).fillRate!;
    expect(paired.mean).toBeGreaterThan(0); // a higher reorder point serves more
    expect(paired.se).toBeLessThan(indep.se);
    const sum = summarizeRows(ra);
    expect(sum.fillRate!.n).toBe(30);
  });
});
