/**
 * One cycle of Sabahno (2008): W of eq. (8) against an independent numerical
 * integration of the profit rate along the inventory ODEs (1)-(2); the time-shift property; the
 * profit-maximising price against direct maximisation; closed forms against quadrature; limits.
 *
 * Tolerances: RK4 with 4000 steps per phase has a global error O(h⁴) with h ≤ 10/4000, far below
 * 1e-9 relative on these smooth integrands (1e-8 on the random instances, whose rates are up to
 * 8× larger); exact identities evaluated in floating point (Q = P·(j − i), the time shift, c = 0)
 * differ by rounding only: 1e-12 relative (≈ 5000 ulps); a golden-section maximiser locates a
 * smooth maximum only to about √ε ≈ 1.5e-8 relative (W is flat there): 1e-7.
 */
import { goldenSectionMaximize } from '../../../src/core/optimize.ts';
import { describe, expect, it } from 'vitest';
import { g1, g2, gaussLegendre, priceInterval, productionLength, profitAtPrice, SABAHNO_EXAMPLE, solveCycle, type DeterioratingDpParams } from '../../../src/models/deteriorating-dp/index.ts';
import { expectClose, expectRelClose } from '../../helpers/close.ts';

/**
 * Independent check: RK4 on dI/dt = P·1[t < j] − D − λ·I (eqs. 1-2) together with
 * dW/dt = e^(−Rt)·(s·D − h·I − c·P·1[t < j]) from i to k; returns W − A·e^(−R(i − L)) and I(k).
 */
function integrateProfit(p: DeterioratingDpParams, i: number, k: number, s: number, j: number, steps = 4000): { W: number; endStock: number } {
  const D = p.demandIntercept - p.demandSlope * s;
  const { productionRate: P, deteriorationRate: lam, netDiscountRate: R, holdingCost: h, unitCost: c } = p;
  let I = 0;
  let W = 0;
  for (const [a, b, prod] of [[i, j, 1], [j, k, 0]] as const) {
    const dt = (b - a) / steps;
    const f = (t: number, x: number) => [prod * P - D - lam * x, Math.exp(-R * t) * (s * D - h * x - c * P * prod)] as const;
    for (let n = 0; n < steps; n++) {
      const t = a + n * dt;
      const k1 = f(t, I);
      const k2 = f(t + dt / 2, I + (dt / 2) * k1[0]);
      const k3 = f(t + dt / 2, I + (dt / 2) * k2[0]);
      const k4 = f(t + dt, I + dt * k3[0]);
      I += (dt / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
      W += (dt / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
    }
  }
  return { W: W - p.orderingCost * Math.exp(-R * (i - p.leadTime)), endStock: I };
}

const variants: [string, DeterioratingDpParams][] = [
  ['the paper example', SABAHNO_EXAMPLE],
  ['R = 0 (no discounting)', { ...SABAHNO_EXAMPLE, netDiscountRate: 0 }],
  ['λ = 0 (no deterioration)', { ...SABAHNO_EXAMPLE, deteriorationRate: 0 }],
  ['λ = 1e-7 (quadrature branch)', { ...SABAHNO_EXAMPLE, deteriorationRate: 1e-7 }],
  ['fast decay, high discount', { ...SABAHNO_EXAMPLE, deteriorationRate: 0.8, netDiscountRate: 0.6, holdingCost: 2 }],
];

describe('W of eq. (8) equals the numerical integral of the discounted profit rate', () => {
  for (const [name, p] of variants) {
    for (const pricing of ['printed', 'optimal'] as const) {
      it(`${name}, ${pricing} pricing, cycles [0,1], [2,5], [3.3,10]`, () => {
        for (const [i, k] of [[0, 1], [2, 5], [3.3, 10]] as const) {
          const c = solveCycle(p, i, k, { pricing });
          const num = integrateProfit(p, i, k, c.price, c.productionEnd);
          expectRelClose(c.profit, num.W, 1e-9, `${name} [${i},${k}] W vs RK4 integral`);
          // j from eq. (4) empties the stock exactly at k; Imax = I(j)
          expectClose(num.endStock, 0, 1e-8 * c.maxInventory, `${name} [${i},${k}] I(k) = 0`);
          // Q = P(j − i) = demand + deterioration (conservation)
          expectRelClose(c.orderQuantity, p.productionRate * (c.productionEnd - i), 1e-12, 'Q = P(j − i)');
        }
      });
    }
  }
});

describe('time-shift property W(i, k) = e^(−R·i)·W(0, k − i)', () => {
  it('holds for every start (the ordering cost A·e^(−R(i − L)) shifts with i too), both pricings', () => {
    const p = SABAHNO_EXAMPLE;
    for (const pricing of ['printed', 'optimal'] as const) {
      for (const [i, k] of [[1, 2], [3, 6], [0.37, 4.9], [7.25, 10]] as const) {
        const a = solveCycle(p, i, k, { pricing });
        const b = solveCycle(p, 0, k - i, { pricing });
        expectRelClose(a.profit, Math.exp(-p.netDiscountRate * i) * b.profit, 1e-12, `shift [${i},${k}]`);
        expectRelClose(a.price, b.price, 1e-12, 'price is shift-invariant');
        expectRelClose(a.productionEnd - i, b.productionEnd, 1e-10, 'production length is shift-invariant');
      }
    }
  });
  it('fails for a cost that does not scale with e^(−R·i): W + A·e^(RL)·(e^(−Ri) − 1) shifts differently', () => {
    // guard that the property is not trivially true: a constant (undiscounted) ordering cost breaks it
    const p = SABAHNO_EXAMPLE;
    const a = solveCycle(p, 3, 6);
    const b = solveCycle(p, 0, 3);
    const constCostA = a.profit + a.orderingCostPw - p.orderingCost;
    const constCostB = b.profit + b.orderingCostPw - p.orderingCost;
    expect(Math.abs(constCostA - Math.exp(-0.3) * constCostB)).toBeGreaterThan(1);
  });
});

describe('pricing', () => {
  it("the 'optimal' fixed point maximises W(s) with j = j(s); rule (9) does not (it omits the purchase-cost term)", () => {
    const p = SABAHNO_EXAMPLE;
    const [lo, hi] = priceInterval(p);
    for (const len of [1, 2.5, 6, 10]) {
      const op = solveCycle(p, 0, len, { pricing: 'optimal' });
      const pr = solveCycle(p, 0, len, { pricing: 'printed' });
      const s = goldenSectionMaximize((x) => profitAtPrice(p, 0, len, x), lo + 1e-9, hi - 1e-9, 1e-11);
      expectRelClose(op.price, s, 1e-7, `argmax of W over s, cycle length ${len}`);
      expect(op.profit).toBeGreaterThan(pr.profit);
      expect(profitAtPrice(p, 0, len, op.price + 0.01)).toBeLessThan(op.profit);
      expect(profitAtPrice(p, 0, len, op.price - 0.01)).toBeLessThan(op.profit);
    }
  });
  it('with c = 0 the two rules coincide (the omitted term is c·b·…)', () => {
    const p = { ...SABAHNO_EXAMPLE, unitCost: 0 };
    expectRelClose(solveCycle(p, 0, 3, { pricing: 'optimal' }).price, solveCycle(p, 0, 3, { pricing: 'printed' }).price, 1e-13, 'c = 0');
  });
  it('the fixed point converges in a few iterations with a tiny residual', () => {
    const c = solveCycle(SABAHNO_EXAMPLE, 0, 10);
    expect(c.iterations).toBeLessThanOrEqual(6);
    expect(c.residual).toBeLessThanOrEqual(1e-13 * c.price);
  });
});

describe('integrals: closed form against quadrature, and limits', () => {
  it('G1 and G2 closed forms agree with 12-point Gauss–Legendre on many panels to 1e-12 relative', () => {
    for (const [R, lam, d] of [[0.1, 0.05, 0.83], [0, 0.05, 3], [0.1, 0.5, 10], [2, 0.01, 5], [0.1, 0.002, 1]] as const) {
      const q1 = gaussLegendre((t) => (Math.exp(-R * t) * -Math.expm1(-lam * t)) / lam, d, 200);
      const q2 = gaussLegendre((t) => (Math.exp(-R * t) * Math.expm1(lam * (d - t))) / lam, d, 200);
      expectRelClose(g1(R, lam, d), q1, 1e-12, `G1(${R}, ${lam}, ${d})`);
      expectRelClose(g2(R, lam, d), q2, 1e-12, `G2(${R}, ${lam}, ${d})`);
    }
  });
  it('the quadrature branch (λ·min(d, 1/R) < 1e-3) agrees with the closed form, which still has ~12 digits there', () => {
    const [R, lam, d] = [0.1, 5e-4, 1];
    const phi = (x: number) => -Math.expm1(-x * d) / x;
    expectRelClose(g1(R, lam, d), (phi(R) - phi(R + lam)) / lam, 1e-9, 'G1 branch switch');
    expectRelClose(g2(R, lam, d), (Math.exp(lam * d) * phi(R + lam) - phi(R)) / lam, 1e-9, 'G2 branch switch');
  });
  it('λ → 0: production length tends to (D/P)(k − i) and W is continuous in λ', () => {
    expectRelClose(productionLength(25, 95, 0, 3), (25 / 95) * 3, 1e-15, 'EPQ limit');
    expectRelClose(productionLength(25, 95, 1e-9, 3), (25 / 95) * 3, 1e-8, 'small λ');
    const w0 = solveCycle({ ...SABAHNO_EXAMPLE, deteriorationRate: 0 }, 0, 3).profit;
    const w1 = solveCycle({ ...SABAHNO_EXAMPLE, deteriorationRate: 1e-6 }, 0, 3).profit;
    const w2 = solveCycle({ ...SABAHNO_EXAMPLE, deteriorationRate: 2e-3 }, 0, 3).profit;
    // W is smooth in λ: W(1e-6) − W(0) ≈ 1e-6·(W(2e-3) − W(0))/2e-3 (first order), and decay lowers W
    expectClose(w1 - w0, (1e-6 * (w2 - w0)) / 2e-3, 1e-6, 'dW/dλ near 0');
    expect(w0).toBeGreaterThan(w2);
  });
});

describe('random instances', () => {
  it("the 'optimal' price is the argmax of W(s) and W matches the RK4 integral on 30 seeded random cycles", async () => {
    const { RandomStream } = await import('../../../src/rng/stream.ts');
    const r = new RandomStream([2008, 'deteriorating-dp-test', 'random-cycles']);
    let checked = 0;
    for (let n = 0; n < 30; n++) {
      const a = 20 + 80 * r.uniform();
      const p: DeterioratingDpParams = {
        demandIntercept: a,
        demandSlope: 0.3 + 2 * r.uniform(),
        netDiscountRate: 0.3 * r.uniform(),
        deteriorationRate: 0.4 * r.uniform(),
        holdingCost: 2 * r.uniform(),
        unitCost: 10 * r.uniform(),
        orderingCost: 300 * r.uniform(),
        horizon: 10,
        productionRate: a * (1 + 2 * r.uniform()),
        leadTime: r.uniform(),
      };
      const i = 5 * r.uniform();
      const k = i + 0.2 + 4.8 * r.uniform();
      const c = solveCycle(p, i, k, { pricing: 'optimal' });
      const [lo, hi] = priceInterval(p);
      const s = goldenSectionMaximize((x) => profitAtPrice(p, i, k, x), lo + 1e-9 * (hi - lo), hi - 1e-9 * (hi - lo), 1e-11);
      expect(profitAtPrice(p, i, k, s)).toBeLessThanOrEqual(c.profit + 1e-9 * Math.abs(c.profit));
      expectRelClose(c.profit, integrateProfit(p, i, k, c.price, c.productionEnd).W, 1e-8, `random cycle ${n}`);
      checked++;
    }
    expect(checked).toBe(30);
  });
});
