/** Every error message of the deteriorating-dp model (Sabahno 2008): the field and the rule are named. */
import { describe, expect, it } from 'vitest';
import { bruteForce, gridBoundaries, profitAtPrice, refineBoundaries, SABAHNO_EXAMPLE, solveCycle, solveDp, validateParams } from '../../../src/models/deteriorating-dp/index.ts';
import { replaySpecFromPlan, validateReplaySpec, type ReplaySpec } from '../../../src/models/deteriorating-dp/sim/replay.ts';

describe('validateParams', () => {
  it('accepts the example', () => {
    expect(validateParams({ ...SABAHNO_EXAMPLE })).toEqual(SABAHNO_EXAMPLE);
  });
  it('rejects a non-object', () => {
    expect(() => validateParams(null)).toThrow(TypeError);
    expect(() => validateParams([1])).toThrow(/must be an object with fields demandIntercept/);
  });
  it('names an unknown, missing or non-numeric field', () => {
    expect(() => validateParams({ ...SABAHNO_EXAMPLE, foo: 1 })).toThrow(/unknown parameter 'foo'/);
    const { horizon: _h, ...noH } = SABAHNO_EXAMPLE;
    expect(() => validateParams(noH)).toThrow(/parameter horizon \(H\) is missing/);
    expect(() => validateParams({ ...SABAHNO_EXAMPLE, unitCost: '8' })).toThrow(/parameter unitCost \(c\) must be a finite number, got "8"/);
    expect(() => validateParams({ ...SABAHNO_EXAMPLE, unitCost: NaN })).toThrow(TypeError);
  });
  const cases: [string, number, RegExp][] = [
    ['demandIntercept', 0, /demandIntercept \(a\) must be > 0, got 0/],
    ['demandSlope', 0, /demandSlope \(b\) must be > 0, got 0/],
    ['netDiscountRate', -0.1, /netDiscountRate \(R\) must be ≥ 0, got -0.1/],
    ['deteriorationRate', -1, /deteriorationRate \(λ\) must be ≥ 0/],
    ['holdingCost', -1, /holdingCost \(h\) must be ≥ 0/],
    ['unitCost', -1, /unitCost \(c\) must be ≥ 0/],
    ['orderingCost', -1, /orderingCost \(A\) must be ≥ 0/],
    ['horizon', 0, /horizon \(H\) must be > 0/],
    ['productionRate', -5, /productionRate \(P\) must be > 0/],
    ['leadTime', -0.5, /leadTime \(L\) must be ≥ 0/],
  ];
  for (const [field, value, re] of cases) {
    it(`rejects ${field} = ${value} with a RangeError`, () => {
      expect(() => validateParams({ ...SABAHNO_EXAMPLE, [field]: value })).toThrow(RangeError);
      expect(() => validateParams({ ...SABAHNO_EXAMPLE, [field]: value })).toThrow(re);
    });
  }
});

describe('cycle and DP errors', () => {
  it('P > D(s): a production rate below the demand at the price fails naming the rule', () => {
    expect(() => solveCycle({ ...SABAHNO_EXAMPLE, productionRate: 20 }, 0, 3)).toThrow(/no admissible price in cycle \[0, 3\] \(printed pricing\).*production rate P = 20 must exceed demand D\(s\) \(rule P > D\(s\)\)/);
    expect(() => profitAtPrice({ ...SABAHNO_EXAMPLE, productionRate: 30 }, 0, 3, 10)).toThrow(/production rate P = 30 must exceed demand D\(s\) = 41 at price s = 10 in cycle \[0, 3\] \(rule P > D\(s\)\)/);
  });
  it('D(s) > 0: a price above a/b fails naming the rule', () => {
    expect(() => profitAtPrice(SABAHNO_EXAMPLE, 0, 3, 60)).toThrow(/demand D\(s\) = a − b·s must be > 0, got .* at price s = 60 in cycle \[0, 3\] \(price above a\/b = 55.5/);
  });
  it('k > i', () => {
    expect(() => solveCycle(SABAHNO_EXAMPLE, 3, 3)).toThrow(/needs k > i, got \[3, 3\]/);
  });
  it('a step that does not divide H, or is not positive', () => {
    expect(() => solveDp(SABAHNO_EXAMPLE, { step: 0.3 })).toThrow(/step 0.3 must divide the horizon H = 10/);
    expect(() => solveDp(SABAHNO_EXAMPLE, { step: 0 })).toThrow(/step must be a finite number > 0, got 0/);
    expect(() => gridBoundaries(10, Number.NaN)).toThrow(RangeError);
  });
  it('boundaries: start at 0, end at H, increase, at least two', () => {
    expect(() => solveDp(SABAHNO_EXAMPLE, { boundaries: [0] })).toThrow(/at least two points/);
    expect(() => solveDp(SABAHNO_EXAMPLE, { boundaries: [1, 10] })).toThrow(/must start at 0, got 1/);
    expect(() => solveDp(SABAHNO_EXAMPLE, { boundaries: [0, 9] })).toThrow(/must end at the horizon H = 10, got 9/);
    expect(() => solveDp(SABAHNO_EXAMPLE, { boundaries: [0, 5, 5, 10] })).toThrow(/must increase strictly, got 5 then 5 at position 2/);
    expect(() => refineBoundaries(SABAHNO_EXAMPLE, [0, 11, 10])).toThrow(/must increase strictly/);
  });
  it("lead time longer than every cycle: 'flag' reports 'lead time not acceptable' as an outcome (no crash); 'exclude' falls back to cycles that need no reorder", () => {
    const p = { ...SABAHNO_EXAMPLE, horizon: 2, leadTime: 3 };
    expect(() => solveDp(p, { leadTimeRule: 'exclude' })).not.toThrow(); // the single cycle [0, 2] is the last: no reorder needed
    const flagged = solveDp({ ...SABAHNO_EXAMPLE, leadTime: 11 }, { leadTimeRule: 'flag' });
    expect(flagged.plan.slice(0, -1).every((c) => c.reorderRule === 'lead time not acceptable')).toBe(true);
    const ex = solveDp({ ...SABAHNO_EXAMPLE, leadTime: 11 }, { leadTimeRule: 'exclude' });
    expect(ex.plan.length).toBe(1);
  });
  it('brute force is limited to 24 intervals', () => {
    expect(() => bruteForce(SABAHNO_EXAMPLE, gridBoundaries(10, 0.25))).toThrow(/limited to N ≤ 24 intervals, got 40/);
  });
  it('a fixed point that cannot converge in the iteration cap throws', () => {
    expect(() => solveCycle(SABAHNO_EXAMPLE, 0, 3, { maxIterations: 1, tolerance: 0 })).toThrow(/fixed point of cycle \[0, 3\] \(printed pricing\) did not converge in 1 iterations/);
  });
});

describe('replay spec errors', () => {
  const plan = solveDp(SABAHNO_EXAMPLE).plan;
  const good = replaySpecFromPlan(SABAHNO_EXAMPLE, plan, 0);
  const bad = (patch: (s: ReplaySpec) => void) => {
    const s = structuredClone(good);
    patch(s);
    return () => validateReplaySpec(s);
  };
  it('names each rule', () => {
    expect(bad((s) => (s.cycles = []))).toThrow(/cycles must be a non-empty array/);
    expect(bad((s) => (s.cycles[1]!.start = 2.5))).toThrow(/cycle 1 must start where cycle 0 ends \(3\), got 2.5/);
    expect(bad((s) => (s.cycles[0]!.end = 0))).toThrow(/cycle 0 must have end > start/);
    expect(bad((s) => (s.cycles[0]!.productionEnd = 5))).toThrow(/cycle 0 production end 5 must lie in \[0, 3\]/);
    expect(bad((s) => (s.cycles[0]!.bufferUnits = -1))).toThrow(/cycle 0 bufferUnits must be ≥ 0, got -1/);
    expect(bad((s) => (s.cycles[0]!.price = 60))).toThrow(/cycle 0 price 60 gives demand D\(s\) = .*must be > 0/);
    expect(bad((s) => (s.productionRate = 0))).toThrow(/productionRate must be > 0/);
    expect(bad((s) => (s.deteriorationRate = -1))).toThrow(/deteriorationRate must be ≥ 0/);
    expect(bad((s) => (s.netDiscountRate = -1))).toThrow(/netDiscountRate must be ≥ 0/);
    expect(() => replaySpecFromPlan(SABAHNO_EXAMPLE, plan, -1)).toThrow(/buffer factor z must be ≥ 0, got -1/);
  });
});
