/**
 * Every published number of Izar Landeta, Ynzunza Cortés & Zermeño Pérez 2015):
 * Z = 1.065, σ = 5.35, Table 4 (36 values), the text's percentages and Figure 1 claims; and the
 * model's input validation messages.
 */
import { describe, expect, it } from 'vitest';
import { sampleStandardDeviation } from 'simple-statistics';
import { normalQuantile } from '../../../src/core/normal.ts';
import {
  correlatedLeadTimeDemand,
  correlatedReorderPoint,
  costOdds,
  curveMinimum,
  discreteMoments,
  exactMinimum,
  expandToRecords,
  paperAdvice,
  percentDifference,
  PAPER_COSTS,
  PRINTED_CORRELATED_SD,
  PRINTED_CORRELATION,
  PRINTED_FIGURE1,
  PRINTED_MOMENTS,
  PRINTED_PERCENT_BOTTOM,
  PRINTED_PERCENT_EXAMPLE,
  PRINTED_PERCENT_TOP,
  PRINTED_Z,
  reorderPointCurve,
  safetyFactor,
  serviceLevelFromCosts,
  solveCorrelatedRop,
  TABLE1_DAILY_DEMAND,
  TABLE2_LEAD_TIME,
  TABLE4,
  TABLE4_FACTORS,
  traditionalLeadTimeDemand,
  traditionalReorderPoint,
} from '../../../src/models/correlated-rop/index.ts';
import { expectClose, expectMatchesPrinted } from '../../helpers/close.ts';

const M = PRINTED_MOMENTS;
const P = serviceLevelFromCosts(PAPER_COSTS);

describe('eq. (3): service level from costs', () => {
  it('gives Z = 1.065 for the example (paper, Resultados)', () => {
    expectClose(P, (1300 * 1240) / (1300 * 1240 + 3000 * 90), 1e-15, 'eq. (3) written out');
    expectMatchesPrinted(safetyFactor(P), PRINTED_Z, 3, 'Z printed 1.065');
  });
  it('cost odds o = Cf·D/(Cm·Q) = 5.97', () => {
    expectClose(costOdds(PAPER_COSTS), 1612000 / 270000, 1e-12, 'o by hand');
  });
  it('orders per year D/Q = 13.78 as printed', () => {
    expectMatchesPrinted(PAPER_COSTS.annualDemand / PAPER_COSTS.orderQuantity, 13.78, 2, 'número de pedidos 13.78');
  });
});

describe('eqs. (1), (2), (4), (5)–(7): the example', () => {
  it('σ = 5.35 with ρ = −0.1954 (eq. 7) and PR = 25.21 (eq. 5)', () => {
    const c = correlatedReorderPoint(M, PRINTED_CORRELATION, P);
    expectMatchesPrinted(c.sd, PRINTED_CORRELATED_SD, 2, 'σ printed 5.35');
    expectMatchesPrinted(c.reorderPoint, 25.21, 2, 'PR corr printed 25.21 (Table 4, NS 0.86)');
    expectClose(c.mean, 20 + PRINTED_CORRELATION * 2.121 * 1.155, 1e-12, 'eq. (6) by hand');
  });
  it('traditional PR = 27.05 (eqs. 1, 2, 4)', () => {
    const t = traditionalReorderPoint(M, P);
    expectClose(t.sd, Math.sqrt(5 * 2.121 ** 2 + 16 * 1.155 ** 2), 1e-12, 'eq. (4) by hand');
    expectMatchesPrinted(t.reorderPoint, 27.05, 2, 'PR libre printed 27.05');
    expectClose(t.safetyStock, t.z * t.sd, 1e-12, 'eq. (2)');
  });
  it('eq. (7) at ρ = 0 is eq. (4)', () => {
    expectClose(correlatedLeadTimeDemand(M, 0).variance, traditionalLeadTimeDemand(M).variance, 1e-12, 'ρ = 0');
  });
  it('the text: 7.3 % difference in the example', () => {
    const d = percentDifference(traditionalReorderPoint(M, P).reorderPoint, correlatedReorderPoint(M, PRINTED_CORRELATION, P).reorderPoint);
    expectMatchesPrinted(d, PRINTED_PERCENT_EXAMPLE, 1, '7.3 %');
  });
});

describe('Table 4 (all 36 values within the paper rounding)', () => {
  const o = costOdds(PAPER_COSTS);
  TABLE4.forEach((row, i) => {
    it(`row NS = ${row.ns}`, () => {
      const f = TABLE4_FACTORS[i]!;
      const p = (o * f) / (1 + o * f);
      expectMatchesPrinted(p, row.ns, 2, `NS label of row ${i + 1}`);
      expectMatchesPrinted(traditionalReorderPoint(M, p).reorderPoint, row.free, 2, `PR libre row ${i + 1}`);
      expectMatchesPrinted(correlatedReorderPoint(M, PRINTED_CORRELATION, p).reorderPoint, row.corr, 2, `PR corr row ${i + 1}`);
      expectMatchesPrinted(correlatedReorderPoint(M, 1, p).reorderPoint, row.max, 2, `PR max row ${i + 1}`);
      expectMatchesPrinted(curveMinimum(reorderPointCurve(M, p, 20)).reorderPoint, row.min, 2, `PR min row ${i + 1} (0.1 grid)`);
    });
  });
  it('the last row is P = 0.9999944 (f = 30000), not a service level of 1', () => {
    expectMatchesPrinted((o * 30000) / (1 + o * 30000), 0.9999944, 7, 'P of the "1.00" row, 7 decimals (README erratum 4)');
  });
  it('text: 14.1 % at NS = 100 % and 3.8 % at NS = 60 %', () => {
    const top = TABLE4[8]!;
    const pTop = (o * 30000) / (1 + o * 30000);
    const pBottom = (o / 4) / (1 + o / 4);
    expectMatchesPrinted(percentDifference(traditionalReorderPoint(M, pTop).reorderPoint, correlatedReorderPoint(M, PRINTED_CORRELATION, pTop).reorderPoint), PRINTED_PERCENT_TOP, 1, '14.1 %');
    expectMatchesPrinted(percentDifference(traditionalReorderPoint(M, pBottom).reorderPoint, correlatedReorderPoint(M, PRINTED_CORRELATION, pBottom).reorderPoint), PRINTED_PERCENT_BOTTOM, 1, '3.8 %');
    // from the printed table values themselves
    expectMatchesPrinted(percentDifference(top.free, top.corr), PRINTED_PERCENT_TOP, 1, '14.1 % from printed row');
    expectMatchesPrinted(percentDifference(TABLE4[0]!.free, TABLE4[0]!.corr), PRINTED_PERCENT_BOTTOM, 1, '3.8 % from printed row');
  });
  it('text: minimum at ρ = −1 for NS ≈ 0.6, at −0.5 for NS > 90 %', () => {
    const argmins = TABLE4_FACTORS.map((f) => curveMinimum(reorderPointCurve(M, (o * f) / (1 + o * f), 20)).correlation);
    expect(argmins).toEqual([-1, -0.8, -0.7, -0.6, -0.6, -0.5, -0.5, -0.5, -0.5]);
  });
});

describe('Figure 1 (P = 0.8565)', () => {
  const curve = reorderPointCurve(M, P, 20);
  it('PR = 25 at ρ = −1, minimum 23.5 at ρ = −0.6, maximum 39 at ρ = +1', () => {
    expectMatchesPrinted(curve[0]!.reorderPoint, PRINTED_FIGURE1.atMinusOne, 0, 'PR(−1) ≈ 25');
    const min = curveMinimum(curve);
    expect(min.correlation).toBe(PRINTED_FIGURE1.minimumAt);
    expectMatchesPrinted(min.reorderPoint, PRINTED_FIGURE1.minimum, 1, 'minimum 23.5');
    expectMatchesPrinted(curve[20]!.reorderPoint, PRINTED_FIGURE1.maximum, 0, 'maximum 39');
  });
  it('the exact minimiser is within one grid step of −0.6 and below the grid minimum', () => {
    const ex = exactMinimum(M, P);
    expect(Math.abs(ex.correlation + 0.6)).toBeLessThan(0.1);
    expect(ex.reorderPoint).toBeLessThanOrEqual(curveMinimum(curve).reorderPoint + 1e-12);
    const h = 1e-4;
    const f = (r: number) => correlatedReorderPoint(M, r, P).reorderPoint;
    expect(f(ex.correlation - h)).toBeGreaterThan(ex.reorderPoint);
    expect(f(ex.correlation + h)).toBeGreaterThan(ex.reorderPoint);
  });
});

describe('errata: σt and σd against Tables 1–2', () => {
  it('Table 2 gives σt = 1.1489 (population), the paper prints 1.155', () => {
    const lt = discreteMoments(TABLE2_LEAD_TIME);
    expectClose(lt.mean, 5, 1e-12, 'Table 2 mean');
    expectClose(lt.sd, Math.sqrt(1.32), 1e-12, 'Table 2 sd');
    expectMatchesPrinted(lt.sd, 1.1489, 4, 'Table 2 sd 1.1489 (README erratum 1)');
  });
  it('1.155 is the n − 1 sd of Table 2 written out as 100 records; σd = 2.121 is the population sd of Table 1', () => {
    const recs = expandToRecords(TABLE2_LEAD_TIME, 100);
    expectMatchesPrinted(sampleStandardDeviation(recs), 1.155, 3, 'σt printed 1.155');
    expectMatchesPrinted(discreteMoments(TABLE1_DAILY_DEMAND).sd, 2.121, 3, 'σd printed 2.121');
    expectMatchesPrinted(discreteMoments(TABLE1_DAILY_DEMAND).mean, 4, 12, 'μd = 4');
  });
});

describe('solveCorrelatedRop and advice', () => {
  it('solves the example from costs', () => {
    const r = solveCorrelatedRop({ ...M, correlation: PRINTED_CORRELATION, costs: PAPER_COSTS });
    expect(r.serviceLevelSource).toBe('costs (eq. 3)');
    expectMatchesPrinted(r.traditional.reorderPoint, 27.05, 2, 'PR libre');
    expectMatchesPrinted(r.correlated.reorderPoint, 25.21, 2, 'PR corr');
    expect(r.paperAdvice).toBe('traditional');
  });
  it('a cycle-average ρ is converted to the daily ρ before eqs. (6)–(7)', () => {
    const r = solveCorrelatedRop({ ...M, correlation: -0.1954, correlationKind: 'cycleAverage', meanReciprocalLeadTime: 0.2120476190476, serviceLevel: P });
    expect(r.dailyCorrelation).toBeGreaterThan(-0.1954);
    // hand: −0.1954·sqrt(0.21205/(1 − 0.03818·0.78795)) = −0.091364; −0.0913 is that value truncated
    // (not rounded) to 4 decimals, so the exact value lies within one unit of the 4th decimal
    expectClose(r.dailyCorrelation, -0.0913, 1e-4, 'conversion with Table 2 E[1/L] (hand value truncated to 4 decimals)');
  });
  it('paper advice switches at |ρ| = 0.5', () => {
    expect(paperAdvice(0.49)).toBe('traditional');
    expect(paperAdvice(-0.5)).toBe('correlated');
  });
  it('the safety factor is the normal quantile', () => {
    expectClose(safetyFactor(0.95), normalQuantile(0.95), 0, 'Φ⁻¹');
  });
});

describe('validation messages', () => {
  const base = { ...M, correlation: 0.2, serviceLevel: 0.9 };
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['ρ > 1', { ...base, correlation: 1.2 }, /correlation \(ρ\) must lie in \[−1, 1\]/],
    ['ρ missing', { ...base, correlation: undefined }, /correlation \(ρ\) must be a number, got nothing \(missing\)/],
    ['σd = 0', { ...base, sdDailyDemand: 0 }, /sdDailyDemand \(σd, units\/day\) must be > 0, got 0/],
    ['σt < 0', { ...base, sdLeadTime: -1 }, /sdLeadTime \(σt, days\) must be > 0/],
    ['μt as string', { ...base, meanLeadTime: '5' }, /meanLeadTime \(μt, days\) must be a number, got the string "5"/],
    ['μd infinite', { ...base, meanDailyDemand: Infinity }, /meanDailyDemand \(μd, units\/day\) must be finite/],
    ['P = 1', { ...base, serviceLevel: 1 }, /serviceLevel \(P\(z\)\) must lie strictly between 0 and 1/],
    ['P = 0', { ...base, serviceLevel: 0 }, /serviceLevel \(P\(z\)\) must lie strictly between 0 and 1/],
    ['both P and costs', { ...base, costs: PAPER_COSTS }, /give either serviceLevel or costs, not both/],
    ['neither', { ...base, serviceLevel: undefined }, /give serviceLevel \(P\(z\), 0 < P < 1\) or costs/],
    ['Cf ≤ 0', { ...base, serviceLevel: undefined, costs: { ...PAPER_COSTS, shortageCost: 0 } }, /shortageCost \(Cf, \$ per stock-out\) must be > 0/],
    ['Q missing', { ...base, serviceLevel: undefined, costs: { shortageCost: 1, holdingCost: 1, annualDemand: 1 } }, /orderQuantity \(Q, units\/order\) must be a number/],
    ['bad kind', { ...base, correlationKind: 'weekly' }, /correlationKind must be 'daily' or 'cycleAverage'/],
    ['cycleAverage without E[1/L]', { ...base, correlationKind: 'cycleAverage' }, /meanReciprocalLeadTime \(E\[1\/L\], 1\/days\) is required/],
  ];
  for (const [name, input, re] of cases) {
    it(name, () => {
      expect(() => solveCorrelatedRop(input as never)).toThrow(re);
    });
  }
  it('costs rounding P to 1', () => {
    expect(() => solveCorrelatedRop({ ...M, correlation: 0, costs: { shortageCost: 1e300, holdingCost: 1e-300, annualDemand: 1, orderQuantity: 1 } })).toThrow(/rounds to 1/);
  });
  it('non-object input', () => {
    expect(() => solveCorrelatedRop(null as never)).toThrow(TypeError);
  });
  it('curve steps', () => {
    expect(() => reorderPointCurve(M, 0.9, 0)).toThrow(/steps must be a positive integer/);
    expect(() => curveMinimum([])).toThrow(/curve must not be empty/);
  });
});
