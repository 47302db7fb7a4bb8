/**
 * Every error message of the stock-price-cubic model and its defined edge behaviour
 * (n = 1, n ≤ k, C2 < C1, Viète out of its domain).
 */
import { describe, expect, it } from 'vitest';
import {
  assertParams,
  bruteForcePaper,
  checkLotSize,
  cubicPQ,
  integerSearch,
  longRunCostPerUnitTime,
  PAPER_EXAMPLE,
  paperExpectedCost,
  paperExpectedCostAsPrinted,
  solve,
  solveLongRun,
  solvePaper,
  validateParams,
  vieteSteps,
} from '../../../src/models/stock-price-cubic/index.ts';
import { expectClose, expectRelClose } from '../../helpers/close.ts';

/**
 * Tolerances of the hand computations below: each value is a handful of floating-point operations
 * (relative rounding ε = 2.2e-16 each) on numbers of the size of the result, so 1e-14 relative
 * (≈ 45 ulps) bounds their error with a wide margin.
 */
const HAND = 1e-14;

const ok = { ...PAPER_EXAMPLE };

describe('validateParams', () => {
  it('rejects non-objects', () => {
    expect(() => validateParams(null)).toThrow(TypeError);
    expect(() => validateParams(null)).toThrow(/parameters must be an object with fields orderingCost, .* got null/);
    expect(() => validateParams([1])).toThrow(/got an array/);
    expect(() => validateParams(3)).toThrow(/got number/);
  });
  it('rejects unknown, duplicated and missing fields', () => {
    expect(() => validateParams({ ...ok, lambda: 1 })).toThrow(/unknown parameter 'lambda'; expected orderingCost \(or C0\)/);
    expect(() => validateParams({ ...ok, C1: 500 })).toThrow(/holdingCostAboveK \(C1\) is given twice \(as 'holdingCostAboveK' and as 'C1'\)/);
    const { unitCost: _u, ...missing } = ok;
    expect(() => validateParams(missing)).toThrow(TypeError);
    expect(() => validateParams(missing)).toThrow(/unitCost \(C\) is missing; it must be a finite number ≥ 0/);
  });
  it('accepts the paper\'s symbols', () => {
    const v = validateParams({ C0: 7500, C: 10000, C1: 500, C2: 750, theta: 0.05, k: 5 });
    expect(v.params).toEqual(PAPER_EXAMPLE);
    expect(v.warnings).toEqual([]);
  });
  it('names the field and the rule for bad values', () => {
    expect(() => validateParams({ ...ok, orderingCost: '7500' })).toThrow(/orderingCost \(C0\) must be a finite number ≥ 0, got "7500"/);
    expect(() => validateParams({ ...ok, orderingCost: -1 })).toThrow(/orderingCost \(C0\) must be a finite number ≥ 0, got -1/);
    expect(() => validateParams({ ...ok, unitCost: Number.NaN })).toThrow(/unitCost \(C\) must be a finite number ≥ 0, got NaN/);
    expect(() => validateParams({ ...ok, holdingCostAboveK: Number.POSITIVE_INFINITY })).toThrow(/holdingCostAboveK \(C1\) must be a finite number ≥ 0, got Infinity/);
    expect(() => validateParams({ ...ok, holdingCostAtOrBelowK: -750 })).toThrow(/holdingCostAtOrBelowK \(C2\) must be a finite number ≥ 0, got -750/);
    expect(() => validateParams({ ...ok, meanInterarrivalTime: 0 })).toThrow(/meanInterarrivalTime \(θ\) must be a finite number > 0 \(a mean time between customers, not a rate\), got 0/);
    expect(() => validateParams({ ...ok, priceCutLevel: 2.5 })).toThrow(/priceCutLevel \(k\) must be an integer ≥ 0, got 2.5/);
    expect(() => validateParams({ ...ok, priceCutLevel: -1 })).toThrow(/priceCutLevel \(k\) must be an integer ≥ 0, got -1/);
    expect(() => assertParams({ ...ok, meanInterarrivalTime: -0.05 })).toThrow(RangeError);
  });
  it('warns when C2 < C1 (a price rise, outside the paper\'s assumption)', () => {
    const v = validateParams({ ...ok, holdingCostAtOrBelowK: 400 });
    expect(v.warnings[0]).toMatch(/holdingCostAtOrBelowK \(C2 = 400\) < holdingCostAboveK \(C1 = 500\): the paper assumes C2 > C1/);
  });
});

describe('lot sizes and optimisation preconditions', () => {
  it('lot size must be an integer ≥ 1', () => {
    expect(() => checkLotSize(0)).toThrow(/lot size n must be an integer ≥ 1, got 0/);
    expect(() => paperExpectedCost(PAPER_EXAMPLE, 2.5)).toThrow(/lot size n must be an integer ≥ 1, got 2.5/);
    expect(() => longRunCostPerUnitTime(PAPER_EXAMPLE, -3)).toThrow(/got -3/);
  });
  it('C1 = 0 has no finite optimum', () => {
    const p = { ...ok, holdingCostAboveK: 0 };
    expect(() => solvePaper(p)).toThrow(/holdingCostAboveK \(C1\) must be > 0 to optimise n \(with C1 = 0 the cost decreases in n for ever\), got 0/);
    expect(() => solveLongRun(p)).toThrow(/holdingCostAboveK \(C1\) must be > 0 to optimise n/);
    expect(() => bruteForcePaper(p)).toThrow(/holdingCostAboveK \(C1\) must be > 0/);
    expect(() => cubicPQ(p)).toThrow(/holdingCostAboveK \(C1\) must be > 0 for the cubic \(it divides p and q\), got 0/);
    // ... but its costs can still be evaluated
    expect(Number.isFinite(longRunCostPerUnitTime(p, 10))).toBe(true);
  });
  it('unknown criterion', () => {
    expect(() => solve(PAPER_EXAMPLE, 'mean' as never)).toThrow(/criterion must be 'paper' or 'long-run', got 'mean'/);
  });
  it('integer search guards against runaway loops', () => {
    // with k = 1000 the lower-bound stop only applies from n = k on
    const p = { ...ok, priceCutLevel: 1000 };
    expect(() => integerSearch(p, (n) => -n, 2, 100)).toThrow(/integer search passed n = 100 without converging; check the parameters/);
  });
});

describe('edge behaviour', () => {
  it('n = 1: infinite expected cost under (3.6) (E(1/T) diverges), finite in the long run', () => {
    expect(paperExpectedCost(PAPER_EXAMPLE, 1)).toBe(Number.POSITIVE_INFINITY);
    // g(1) = C0/θ + C/θ + C2·1 (the single unit sits at level 1 ≤ k) = 150000 + 200000 + 750
    expectRelClose(longRunCostPerUnitTime(PAPER_EXAMPLE, 1), 350750, HAND, 'g(1), hand computation');
  });
  it('n ≤ k: every unit at C2; printed (3.6) differs below k and agrees at n = k', () => {
    const p = { ...ok, priceCutLevel: 10 };
    // n = 4 < k: holding per time = C2·(4 + 1)/2 = 1875 (hand computation)
    expectRelClose(paperExpectedCost(p, 4), (7500 + 40000) / (0.05 * 3) + 1875, HAND, 'E(TC(4)) with k = 10, hand computation');
    // printed (3.6) at n = 4 < k: C1(4 − 10)(15)/8 + C2·110/8 = −5625 + 10312.5 = 4687.5 of holding against ours C2·5/2 = 1875,
    // a difference of 2812.5 (hand computation); tolerance: rounding of values ≈ 3.2e5 (HAND relative to them)
    expectClose(paperExpectedCostAsPrinted(p, 4) - paperExpectedCost(p, 4), 2812.5, HAND * paperExpectedCost(p, 4), 'printed (3.6) below k charges levels the lot never reaches');
    expectRelClose(paperExpectedCostAsPrinted(p, 10), paperExpectedCost(p, 10), HAND, 'printed (3.6) = ours at n = k');
  });
  it('the cubic\'s root below k: the solver uses the closed form for lots ≤ k', () => {
    // 2(C0 + C)/(θ·C1) = 1, k = 3: ceil(n0) = 2 < k, and lots ≤ k hold every unit at C2
    const p = { orderingCost: 0.5, unitCost: 0, holdingCostAboveK: 1, holdingCostAtOrBelowK: 1, meanInterarrivalTime: 1, priceCutLevel: 3 };
    const s = solvePaper(p);
    expect(s.method).toBe('below-k-closed-form');
    expect(s.notes[0]).toMatch(/ceil\(n0\) = 2 < k = 3: the cubic's root lies where \(3.6\)-\(3.8\) do not apply/);
    expect(s.nStar).toBe(2);
    expect(s.nStar).toBe(bruteForcePaper(p).n);
  });
  it('Viète out of its domain (only possible when C2 < C1: with C2 ≥ C1 the cubic is ≥ 0 at n = −1 and < 0 at n = 1, so it has three real roots): integer-search fallback', () => {
    // C2 = 0, k = 5: p = (29 − 0 − 2)/1 = 27 > 0
    const p = { orderingCost: 1, unitCost: 0, holdingCostAboveK: 1, holdingCostAtOrBelowK: 0, meanInterarrivalTime: 1, priceCutLevel: 5 };
    const s = solvePaper(p);
    expect(s.algorithm.p).toBe(27);
    expect(s.algorithm.inDomain).toBe(false);
    expect(s.algorithm.outOfDomainReason).toMatch(/p = 27 ≥ 0: sqrt\(−p\/3\) is not real/);
    expect(s.method).toBe('integer-search');
    expect(s.nStar).toBe(bruteForcePaper(p).n);
    // |m1| > 1: n³ − 3n + 3 = 0 has one real root
    const v = vieteSteps({ p: -3, q: 3 });
    expect(v.inDomain).toBe(false);
    expect(v.outOfDomainReason).toMatch(/m1 = -1.5 is outside \[−1, 1\]: arccos is not real \(the cubic has one real root\)/);
  });
  it('an integer n0 (a tie): Step 8 gives n0 + 1, the solver the smaller lot', () => {
    // choose C0 so that (3.7) holds with equality at n = 10, k = 0, C1 = C2 = 2, θ = 1, C = 0:
    // 2·C0 = (9/11)·2·110 = 180 → C0 = 90
    const p = { orderingCost: 90, unitCost: 0, holdingCostAboveK: 2, holdingCostAtOrBelowK: 2, meanInterarrivalTime: 1, priceCutLevel: 0 };
    const s = solvePaper(p);
    // n0 = 2·s1·cos(arccos(m1)/3) at m1 = 0.27: about ten roundings (ε each) through a chain of condition ≈ 1,
    // so |error| ≲ 20·ε·n0 ≈ 5e-14; the costs (≈ 21) agree to a few ulps (3.6e-15 each)
    expectClose(s.algorithm.n0, 10, 1e-13, 'Viète root at an exact integer');
    expectClose(paperExpectedCost(p, 10), paperExpectedCost(p, 11), 1e-13, 'E(TC(10)) = E(TC(11)) = 21 (hand computation)');
    expect(s.algorithm.nStep8).toBe(11);
    expect(s.nStar).toBe(10);
  });
});
