/**
 * Shah, "A Discrete Inventory Model When Sale Price varies with Stock Level", Section 5 example: every printed intermediate of the algorithm (Section 4,
 * printed by the C++ program of Appendix 2 with 6 significant digits), the sign erratum of the
 * printed cubic, and the quick profile of the experiment.
 */
import { describe, expect, it } from 'vitest';
import { stockPriceCriteria } from '../../../experiments/stock-price-criteria.ts';
import {
  bruteForceLongRun,
  bruteForcePaper,
  compareCriteria,
  condition37,
  cubicPQ,
  cubicValue,
  depressedCubicRealRoots,
  longRunCostPerUnitTime,
  PAPER_EXAMPLE,
  paperAlgorithm,
  paperExpectedCost,
  solveLongRun,
  solvePaper,
} from '../../../src/models/stock-price-cubic/index.ts';
import { expectClose, expectMatchesPrinted } from '../../helpers/close.ts';

const SRC = 'Shah, Section 5';

describe('paper example: every printed intermediate', () => {
  const a = paperAlgorithm(PAPER_EXAMPLE);
  it('p = −1416, q = −1385 (Step 2)', () => {
    expectMatchesPrinted(a.p, -1416, 0, `${SRC} p`);
    expectMatchesPrinted(a.q, -1385, 0, `${SRC} q`);
  });
  it('s1 = 21.7256, s2 = 0.0460287 (Step 3)', () => {
    expectMatchesPrinted(a.s1, 21.7256, 4, `${SRC} s1`);
    expectMatchesPrinted(a.s2, 0.0460287, 7, `${SRC} s2`);
  });
  it('d1 = 1.46716, m1 = 0.0675316, m2 = 0.501071 (Steps 4-6)', () => {
    expectMatchesPrinted(a.d1, 1.46716, 5, `${SRC} d1`);
    expectMatchesPrinted(a.m1, 0.0675316, 7, `${SRC} m1`);
    expectMatchesPrinted(a.m2, 0.501071, 6, `${SRC} m2`);
  });
  it('n0 = 38.1096, n* = 39 (Steps 7-8), expected total cost 219307', () => {
    expectMatchesPrinted(a.n0, 38.1096, 4, `${SRC} n0`);
    expect(a.nStep8).toBe(39);
    expect(a.nCeil).toBe(39);
    expectMatchesPrinted(paperExpectedCost(PAPER_EXAMPLE, 39), 219307, 0, `${SRC} expected total cost`);
  });
  it('agrees with a 30-digit mpmath evaluation of the same steps', () => {
    // mpmath (mp.dps = 30): s1 = 21.72556098240043144778, s2 = 0.04602873089491616832, d1 = 1.46716101694915254237,
    // m1 = 0.06753155962866408170, m2 = 0.50107111059867931160, n0 = 38.10961213767730823959, E(TC(39)) = 219306.68016194331984
    expectClose(a.s1, 21.72556098240043144778, 1e-12, 'mpmath s1');
    expectClose(a.s2, 0.04602873089491616832, 1e-15, 'mpmath s2');
    expectClose(a.d1, 1.46716101694915254237, 1e-14, 'mpmath d1');
    expectClose(a.m1, 0.06753155962866408170, 1e-15, 'mpmath m1');
    expectClose(a.m2, 0.5010711105986793116, 1e-14, 'mpmath m2');
    expectClose(a.n0, 38.10961213767730823959, 1e-11, 'mpmath n0');
    expectClose(paperExpectedCost(PAPER_EXAMPLE, 39), 219306.68016194331984, 1e-8, 'mpmath E(TC(39))');
  });
  it('n0 is a root of the corrected cubic and the other two roots are negative (the paper\'s argument after 3.8)', () => {
    const c = cubicPQ(PAPER_EXAMPLE, 'corrected');
    expectClose(cubicValue(c, a.n0), 0, 1e-8, 'cubic at n0');
    expect(a.n1).toBeLessThan(0);
    expect(a.n2).toBeLessThan(0);
  });
  it('(3.7) fails at n = 38 and holds at n = 39 (smallest n satisfying it)', () => {
    expect(condition37(PAPER_EXAMPLE, 38).holds).toBe(false);
    expect(condition37(PAPER_EXAMPLE, 39).holds).toBe(true);
    expect(paperExpectedCost(PAPER_EXAMPLE, 39)).toBeLessThan(paperExpectedCost(PAPER_EXAMPLE, 38));
    expect(paperExpectedCost(PAPER_EXAMPLE, 39)).toBeLessThan(paperExpectedCost(PAPER_EXAMPLE, 40));
  });
});

describe('erratum: sign of 2(C0 + C)/θ in the printed cubic', () => {
  it('printed cubic gives p = +1384, outside Viète\'s domain, and its only real root is n = 1', () => {
    const pr = cubicPQ(PAPER_EXAMPLE, 'printed');
    // p_printed = (500·29 − 750·30 + 700000)/500 = 1384 (hand computation from the printed cubic)
    expect(pr.p).toBe(1384);
    expect(pr.q).toBe(-1385);
    const roots = depressedCubicRealRoots(pr.p, pr.q);
    expect(roots.length).toBe(1);
    expectClose(roots[0]!, 1, 1e-9, 'printed cubic factors as (n − 1)(…)');
    const s = solvePaper(PAPER_EXAMPLE);
    expect(s.printedCubic.vieteInDomain).toBe(false);
    expect(s.printedCubic.reason).toMatch(/printed p = 1384 ≥ 0/);
  });
  it('the corrected cubic\'s p equals the algorithm\'s Step 2 p', () => {
    expect(cubicPQ(PAPER_EXAMPLE, 'corrected').p).toBe(-1416);
  });
});

describe('both criteria on the example', () => {
  it('paper n* = 39 by Viète and by brute force; long-run n* = 25 (n(n+1) ≥ 2A/C1 = 615) by closed form and brute force', () => {
    const s = solvePaper(PAPER_EXAMPLE);
    expect(s.nStar).toBe(39);
    expect(s.method).toBe('viete');
    expect(bruteForcePaper(PAPER_EXAMPLE).n).toBe(39);
    const l = solveLongRun(PAPER_EXAMPLE);
    // A = 7500/0.05 + (750 − 500)·30/2 = 153750 (hand computation)
    expect(l.A).toBe(153750);
    expect(l.nStar).toBe(25);
    expect(bruteForceLongRun(PAPER_EXAMPLE).n).toBe(25);
    // g(25) = 200000 + 500·26/2 + 153750/25 = 212650; g(39) = 200000 + 10000 + 153750/39
    expectClose(longRunCostPerUnitTime(PAPER_EXAMPLE, 25), 212650, 1e-9, 'hand computation');
    expectClose(longRunCostPerUnitTime(PAPER_EXAMPLE, 39), 210000 + 153750 / 39, 1e-9, 'hand computation');
    const c = compareCriteria(PAPER_EXAMPLE);
    expectClose(c.excessCostOfPaperN, 210000 + 153750 / 39 - 212650, 1e-9, 'g(39) − g(25), hand computation');
  });
});

describe('experiment stock-price-criteria (quick profile)', () => {
  it('reproduces every printed number and writes the simulation tables', async () => {
    const out = await stockPriceCriteria.run(stockPriceCriteria.profiles.quick, { profile: 'quick', seed: stockPriceCriteria.seed, threads: 1 });
    expect(out.checksPassed).toBe(true);
    expect(out.tables.reproduction!.every((r) => r.ok === 'yes')).toBe(true);
    expect(out.tables.simulation!.length).toBeGreaterThan(3);
    expect(Object.keys(out.figures ?? {})).toEqual(['cost-curves', 'which-formula', 'sensitivity']);
    expect(out.figures!['cost-curves']).toMatch(/^<svg/);
  });
});
