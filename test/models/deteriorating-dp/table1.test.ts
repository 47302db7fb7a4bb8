/**
 * Table I and the optimal plan of Sabahno (2008), Section IV, each value within its printed precision; and the table1 experiment's quick run.
 */
import { describe, expect, it } from 'vitest';
import { deterioratingDpTable1 } from '../../../experiments/deteriorating-dp-table1.ts';
import { PAPER_PLAN, SABAHNO_EXAMPLE, solveCycle, solveDp, TABLE_I, TABLE_I_DECIMALS } from '../../../src/models/deteriorating-dp/index.ts';
import { expectMatchesPrinted } from '../../helpers/close.ts';

describe('Sabahno (2008) Table I, every row', () => {
  it('has the 55 printed rows', () => {
    expect(TABLE_I.length).toBe(55);
  });
  for (const t of TABLE_I) {
    it(`reproduces Table I row i=${t.i}, k=${t.k}: j*, s*, W, Imax*, Q*, RoP*`, () => {
      const c = solveCycle(SABAHNO_EXAMPLE, t.i, t.k, { pricing: 'printed' });
      const src = `Sabahno 2008 Table I [${t.i},${t.k}]`;
      expectMatchesPrinted(c.productionEnd, t.j, TABLE_I_DECIMALS, `${src} j*`);
      expectMatchesPrinted(c.price, t.s, TABLE_I_DECIMALS, `${src} s*`);
      expectMatchesPrinted(c.profit, t.W, t.wDecimals, `${src} W (printed ${t.wText})`);
      expectMatchesPrinted(c.maxInventory, t.Imax, TABLE_I_DECIMALS, `${src} Imax*`);
      expectMatchesPrinted(c.orderQuantity, t.Q, TABLE_I_DECIMALS, `${src} Q*`);
      if (t.RoP === null) {
        expect(c.reorderPoint).toBeNull();
        expect(c.reorderRule).toBe('last cycle');
      } else {
        expect(c.reorderRule).toBe('eq6');
        expectMatchesPrinted(c.reorderPoint!, t.RoP, TABLE_I_DECIMALS, `${src} RoP*`);
      }
      expect(c.residual).toBeLessThanOrEqual(1e-13 * c.price);
    });
  }
  it('eq. (5) as printed and the Step-4 reorder rule do not reproduce Table I (errata documented in the README)', () => {
    // Q of [0,10] as printed overstates the table's 294.6604 by about 1.75 units; Step 4 picks eq. (7) whose value differs from RoP* = 12.6309 at [0,1]
    const c = solveCycle(SABAHNO_EXAMPLE, 0, 10);
    expect(c.orderQuantityPrinted - 294.6604).toBeGreaterThan(1);
    const d = solveCycle(SABAHNO_EXAMPLE, 0, 1);
    expect(d.reorderRuleStep4).toBe('eq7');
    expect(Math.abs(d.reorderPointStep4! - 12.6309)).toBeGreaterThan(1);
  });
});

describe('Sabahno (2008) optimal plan, Section IV', () => {
  it('finds [0,3], [3,6], [6,8], [8,10] with TP_10 = 2565.4, s* and Q* as printed', () => {
    const r = solveDp(SABAHNO_EXAMPLE, { step: 1, pricing: 'printed' });
    expect(r.plan.map((c) => c.start).concat([10])).toEqual([...PAPER_PLAN.boundaries]);
    expectMatchesPrinted(r.totalProfit, PAPER_PLAN.totalProfit, 1, 'Sabahno 2008 Section IV TP_10');
    r.plan.forEach((c, n) => {
      expectMatchesPrinted(c.price, PAPER_PLAN.prices[n]!, 4, `Section IV s* of cycle ${n}`);
      expectMatchesPrinted(c.orderQuantity, PAPER_PLAN.quantities[n]!, 4, `Section IV Q* of cycle ${n}`);
    });
    // cumulative profit ends at TP_H and equals the running sum of W
    let sum = 0;
    for (const c of r.plan) {
      sum += c.profit;
      expect(Math.abs(c.cumulativeProfit - sum)).toBeLessThan(1e-9);
    }
    expect(r.cyclesEvaluated).toBe(55);
  });
  it('the table1 experiment (quick) passes its checks against every printed number', async () => {
    const out = await deterioratingDpTable1.run(deterioratingDpTable1.profiles.quick, { profile: 'quick', seed: 2, threads: 1 });
    expect(out.checksPassed).toBe(true);
    expect((out.data as { cellsMatched: number }).cellsMatched).toBe(320);
  });
});
