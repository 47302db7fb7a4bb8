/**
 * Optimal pricing of Sabahno (2008) when a cycle has no interior optimum: W(s) rises all the way to
 * s → a/b (the cycle loses money at every price). solveCycle and solveDp both return the boundary
 * solution 'no sales' (s = a/b, D = 0, j = i, W = −A·e^(−R(i − L))) instead of throwing.
 * Tolerances: W at the boundary is the closed form −A·e^(−R(i − L)) up to rounding (1e-12
 * relative); W(s) just below a/b differs from the limit by O(a/b − s) (1e-6 relative at 1e-9·a/b).
 */
import { describe, expect, it } from 'vitest';
import { profitAtPrice, solveCycle, solveDp, type DeterioratingDpParams } from '../../../src/models/deteriorating-dp/index.ts';
import { expectRelClose } from '../../helpers/close.ts';

const P: DeterioratingDpParams = { demandIntercept: 109.339, demandSlope: 1.75976, netDiscountRate: 0.2828, deteriorationRate: 0.16128, holdingCost: 0.67746, unitCost: 18.4381, orderingCost: 225.831, productionRate: 351.2955, leadTime: 0.592, horizon: 8.06 };

describe('optimal pricing without an interior optimum', () => {
  it('solveCycle returns the boundary s = a/b (no sales) with W = −A·e^(−R(i − L))', () => {
    const c = solveCycle(P, 1.867, 8.06, { pricing: 'optimal' });
    expect(c.solution).toBe('no sales');
    expect(c.price).toBe(P.demandIntercept / P.demandSlope);
    expect(c.demandRate).toBe(0);
    expect(c.productionEnd).toBe(1.867);
    expect(c.orderQuantity).toBe(0);
    const limit = -P.orderingCost * Math.exp(-P.netDiscountRate * (1.867 - P.leadTime));
    expectRelClose(c.profit, limit, 1e-12, 'W at the boundary');
    // W rises towards the boundary: every interior price earns less
    const hi = P.demandIntercept / P.demandSlope;
    for (const f of [0.2, 0.5, 0.9, 0.999]) expect(profitAtPrice(P, 1.867, 8.06, f * hi)).toBeLessThan(c.profit);
    expectRelClose(profitAtPrice(P, 1.867, 8.06, hi * (1 - 1e-9)), c.profit, 1e-6, 'W just below a/b');
  });
  it('solveDp gives the same boundary cycle (no error) and its W enters the total', () => {
    const d = solveDp(P, { boundaries: [0, 1.867, 8.06], pricing: 'optimal' });
    const last = d.plan[d.plan.length - 1]!;
    expect(last.solution).toBe('no sales');
    expect(last.profit).toBe(solveCycle(P, 1.867, 8.06, { pricing: 'optimal' }).profit);
    expectRelClose(d.totalProfit, d.plan.reduce((s, c) => s + c.profit, 0), 1e-12, 'TP_H');
    expect(solveDp(P, { boundaries: [0, 8.06], pricing: 'optimal' }).plan[0]!.solution).toBe('no sales');
  });
  it('cycles with an interior optimum are marked interior', () => {
    expect(solveCycle(P, 0, 1.867, { pricing: 'optimal' }).solution).toBe('interior');
  });
});
