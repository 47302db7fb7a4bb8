import { describe, expect, it } from 'vitest';
import {
  applyLotRestrictions,
  case1bPValue,
  dailySdCompoundPoisson,
  dailySdPrinted,
  economicOrderQuantity,
  solveSqlPolicy,
} from '../../../src/models/sql-policy/model.ts';
import { OBJECTIVES, type SqlPolicyParams } from '../../../src/models/sql-policy/types.ts';
import { expectClose } from '../../helpers/close.ts';

// A worked example (values from mpmath, 30 digits, following Steps 1-7 by hand):
// OAR = 2 orders/day, AOQ = 5, SOQ = 3; OPT 1 ± 0.5, TLT 2 ± 1, PLT 5 ± 2 days.
// AOD = 10, RLT = 8, SRLT = sqrt(5.25); SOD printed sqrt(118), corrected sqrt(68).
const base: SqlPolicyParams = {
  sku: 'X',
  objective: 'no-stockout',
  target: 0.95,
  review: 'continuous',
  demand: { orderRate: 2, meanOrderSize: 5, sdOrderSize: 3 },
  leadTime: { orderProcessing: { mean: 1, sd: 0.5 }, transportation: { mean: 2, sd: 1 }, supply: { mean: 5, sd: 2 } },
  lot: { rule: 'default' },
  variant: 'corrected',
  kMethod: 'exact',
};
const solve = (over: Partial<SqlPolicyParams>) => solveSqlPolicy({ ...base, ...over });

describe('Steps 1-7 on a worked example', () => {
  it('objective 3, continuous, corrected, exact', () => {
    const r = solve({});
    expectClose(r.AOD, 10, 1e-12, 'AOD = OAR·AOQ');
    expectClose(r.SOD, 8.24621125123532109964, 1e-12, 'SOD = sqrt(OAR(AOQ²+SOQ²)) = sqrt(68)');
    expectClose(r.SODprinted, 10.8627804912002157239, 1e-12, 'SOD printed = sqrt(AOD² + OAR·SOQ²) = sqrt(118)');
    expectClose(r.RLT, 8, 1e-12, 'RLT = OPT + TLT + PLT');
    expectClose(r.SRLT, Math.sqrt(5.25), 1e-12, 'SRLT = sqrt(SOPT² + STLT² + SPLT²)');
    expectClose(r.ADLT, 80, 1e-12, 'ADLT = AOD·RLT');
    expectClose(r.SDLT, 32.6955654485436296759, 1e-10, 'SDLT (mpmath)');
    expectClose(r.k, 1.64485362695147271486, 1e-12, 'k = Φ⁻¹(0.95)');
    expectClose(r.SS, 53.7794194132662441129, 1e-9, 'SS (mpmath)');
    expectClose(r.ROP, 133.779419413266244113, 1e-9, 'ROP (mpmath)');
    expectClose(r.LOT, 80, 1e-12, 'default LOT = AOD·RLT');
    expectClose(r.MAX, 213.779419413266244113, 1e-9, 'MAX = ROP + LOT (mpmath)');
    expect(r.policy).toMatchObject({ kind: 'sQ', reorderPoint: r.ROP, lotSize: 80, multiples: 'multiples' });
    expect(r.policy.origin?.target).toEqual({ metric: 'cycleServiceLevel', value: 0.95 });
  });
  it('objective 3 with the printed SOD and the approximate k', () => {
    const r = solve({ variant: 'printed', kMethod: 'approx' });
    expectClose(r.SDLT, 38.3275357934736002511, 1e-10, 'SDLT printed (mpmath)');
    expectClose(r.k, 1.63598459723695372807, 1e-12, 'k̂(0.95) (mpmath)');
    expectClose(r.ROP, 142.703258208170835631, 1e-9, 'ROP printed+approx (mpmath)');
  });
  it('objective 6, fixed lot (default), exact and approx', () => {
    const r = solve({ objective: 'fill-rate' });
    expectClose(r.GVALUE!, 0.122340750041323216748, 1e-12, 'GVALUE = (1 − P)·LOT/SDLT (mpmath)');
    expectClose(r.kExact, 0.789997955890736663012, 1e-9, 'G⁻¹ (mpmath)');
    expectClose(r.kApprox, 0.789869658416980768135, 1e-12, 'k̂ case 6 (mpmath)');
    expectClose(r.ROP, 105.829429871041264035, 1e-7, 'ROP (mpmath)');
    expect(r.policy.origin?.target?.metric).toBe('fillRate');
  });
  it('objective 6, periodic review, flexible lot: printed vs corrected GVALUE', () => {
    const p = solve({ objective: 'fill-rate', review: 'periodic', reviewPeriod: 7, lot: { rule: 'flexible' }, variant: 'printed' });
    const c = solve({ objective: 'fill-rate', review: 'periodic', reviewPeriod: 7, lot: { rule: 'flexible' } });
    // printed uses SOD printed; compare the corrected-SOD SDLT in the corrected run
    expectClose(c.RLT, 15, 1e-12, 'RLT = OPT + TLT + PLT + MLT');
    expectClose(c.SDLT, 39.3064880140670924327, 1e-10, 'SDLT periodic (mpmath)');
    expectClose(c.GVALUE!, 0.0890438239800872644107, 1e-12, 'corrected GVALUE = (1 − P)·AOD·MLT/SDLT (mpmath)');
    expectClose(c.kExact, 0.964847669669799599450, 1e-9, 'G⁻¹ (mpmath)');
    expectClose(p.GVALUE!, (0.05 * p.ADLT) / (p.RLT * p.SDLT), 1e-15, 'printed GVALUE = (1 − P)·ADLT/(RLT·SDLT)');
    expect(c.policy).toMatchObject({ kind: 'RS', reviewPeriod: 7, orderUpTo: c.ROP });
    expect(c.LOT).toBe(0);
  });
  it('objective 4 subtracts CLTR and adds SCLTR; objective 5 subtracts CLTC', () => {
    const r4 = solve({ objective: 'on-time-request', leadTime: { ...base.leadTime, customerRequested: { mean: 3, sd: 1.5 } } });
    expectClose(r4.RLT, 5, 1e-12, 'RLT = OPT + TLT + PLT − CLTR');
    expectClose(r4.SRLT, Math.sqrt(5.25 + 2.25), 1e-12, 'SRLT with SCLTR');
    expect(r4.policy.origin?.target?.metric).toBe('onTimeRequested');
    const r5 = solve({ objective: 'on-time-commit', committedLeadTime: 2, review: 'periodic', reviewPeriod: 7 });
    expectClose(r5.RLT, 13, 1e-12, 'RLT = OPT + TLT + PLT − CLTC + MLT');
    expectClose(r5.SRLT, Math.sqrt(5.25), 1e-12, 'SRLT without SCLTC (CLTC fixed)');
    expect(r5.policy.origin?.target?.metric).toBe('onTimeCommitted');
  });
  it('cases 4-5 with RLT − CLT < 0 clamp RLT at 0 and say so', () => {
    const r = solve({ objective: 'on-time-commit', committedLeadTime: 20 });
    expect(r.RLTunclamped).toBe(-12);
    expect(r.RLT).toBe(0);
    expect(r.ADLT).toBe(0);
    expect(r.notes.join(' ')).toMatch(/clamped at 0/);
  });
  it('objective 1A (flexible lot): PVALUE = SCOST/(SCOST + HCOST)', () => {
    const r = solve({ objective: 'cost', target: undefined, review: 'periodic', reviewPeriod: 7, lot: { rule: 'flexible' }, costs: { holding: 1, shortage: 9 } });
    expectClose(r.PVALUE, 0.9, 1e-15, '9/(9 + 1)');
  });
  it('objective 1B (lot given): printed PVALUE is the stock-out probability, corrected its complement', () => {
    const costs = { holding: 0.01, shortage: 2 };
    const p = solve({ objective: 'cost', lot: { rule: 'fixed', fixed: 100 }, costs, variant: 'printed' });
    const c = solve({ objective: 'cost', lot: { rule: 'fixed', fixed: 100 }, costs });
    // LOT·HCOST/(AOD·SCOST) = 100·0.01/(10·2) = 0.05
    expectClose(p.PVALUE, 0.05, 1e-15, 'printed case 1B');
    expectClose(c.PVALUE, 0.95, 1e-15, 'corrected case 1B');
    expect(p.k).toBeLessThan(0);
    // the promise is 1 − PVALUE = 1 − 0.05, exact up to the rounding of the quotient (a few ulps of 1)
    expectClose(p.policy.origin!.target!.value, 0.95, 5e-16, 'printed case 1B: origin promises 1 − PVALUE');
    expectClose(case1bPValue(100, 0.01, 10, 250, 2, 'printed'), 0.05, 1e-15, 'NDAYS cancels');
  });
  it('objective 2: newsvendor PVALUE, RLT = PDURATION, SRLT = SPDURATION (default 0)', () => {
    const r = solve({ objective: 'profit', target: undefined, costs: { price: 10, unitCost: 6, priceDecline: 8 }, seasonDuration: 90 });
    expectClose(r.PVALUE, 0.5, 1e-15, '(10 − 6)/(10 − 2)');
    expect(r.RLT).toBe(90);
    expect(r.SRLT).toBe(0);
    expect(r.notes.join(' ')).toMatch(/SPDURATION/);
    expect(r.policy).toMatchObject({ kind: 'RS', reviewPeriod: 90 });
    const s = solve({ objective: 'profit', target: undefined, costs: { price: 10, unitCost: 6, salvage: 2 }, seasonDuration: 90, seasonDurationSd: 10 });
    expect(s.SRLT).toBe(10);
  });
});

describe('lot-size rules (Step 5) and policy mapping', () => {
  it('EOQ = sqrt(2·AOD·OCOST/HCOST)', () => {
    expectClose(economicOrderQuantity(10, 50, 0.1), 100, 1e-12, 'sqrt(2·10·50/0.1)');
    const r = solve({ lot: { rule: 'eoq' }, costs: { order: 50, holding: 0.1 } });
    expectClose(r.LOT, 100, 1e-12, 'EOQ lot');
  });
  it('fixed, multiple, min and max', () => {
    expect(solve({ lot: { rule: 'fixed', fixed: 33 } }).LOT).toBe(33);
    expect(applyLotRestrictions(80, { multiple: 12 })).toBe(84);
    expect(applyLotRestrictions(84, { multiple: 12 })).toBe(84);
    expect(applyLotRestrictions(80, { min: 100 })).toBe(100);
    expect(applyLotRestrictions(80, { max: 50 })).toBe(50);
    expect(applyLotRestrictions(80, { multiple: 12, max: 50 })).toBe(50);
    expect(solve({ lot: { rule: 'default', multiple: 25 } }).LOT).toBe(100);
  });
  it('maps review and lot rule to the simulator policy', () => {
    expect(solve({ review: 'continuous', lot: { rule: 'flexible' } }).policy).toMatchObject({ kind: 'RS', reviewPeriod: 1 });
    expect(solve({ review: 'periodic', reviewPeriod: 7, lot: { rule: 'fixed', fixed: 50 } }).policy).toMatchObject({ kind: 'RsQ', reviewPeriod: 7, lotSize: 50 });
    // Paper, "Implementation issues": "when IP drops below ROP, an inventory replenishment order should be
    // triggered for the predetermined lot size. If the reviews are periodic and the lot size is flexible, an
    // order is placed in every period so as to bring the inventory position to ROP." Only the flexible lot
    // orders up to a level; a default (AOD·RLT) or EOQ lot is ordered as the lot (Step 5: "LOT = ..."), so
    // the position after ordering stays ≤ MAX = ROP + LOT (Step 7) without being lifted to it.
    const r = solve({ review: 'periodic', reviewPeriod: 7, lot: { rule: 'default' } });
    expect(r.policy).toMatchObject({ kind: 'RsQ', reviewPeriod: 7, reorderPoint: r.ROP, lotSize: r.LOT, multiples: 'multiples' });
    const e = solve({ review: 'periodic', reviewPeriod: 7, lot: { rule: 'eoq' }, costs: { order: 50, holding: 0.1 } });
    expect(e.policy).toMatchObject({ kind: 'RsQ', reviewPeriod: 7, reorderPoint: e.ROP, lotSize: e.LOT, multiples: 'multiples' });
    const m = solve({ review: 'periodic', reviewPeriod: 7, lot: { rule: 'default', multiple: 10, min: 20 } });
    expect(m.policy).toMatchObject({ kind: 'RsQ', lotRule: { multiple: 10, min: 20 } });
  });
});

describe('properties', () => {
  it('k, SS and ROP increase with the target (every objective with a target, both k methods)', () => {
    for (const objective of ['no-stockout', 'on-time-request', 'on-time-commit', 'fill-rate'] as const) {
      for (const kMethod of ['approx', 'exact'] as const) {
        let prev = solve({ objective, kMethod, target: 0.5 });
        for (let t = 0.55; t < 0.999; t += 0.05) {
          const r = solve({ objective, kMethod, target: t });
          expect(r.k).toBeGreaterThan(prev.k);
          expect(r.SS).toBeGreaterThan(prev.SS);
          expect(r.ROP).toBeGreaterThan(prev.ROP);
          prev = r;
        }
      }
    }
  });
  it('SOD printed and corrected agree exactly when OAR = 1 (AOD² = OAR·AOQ² then), and differ otherwise', () => {
    expectClose(dailySdPrinted(1, 7, 2), dailySdCompoundPoisson(1, 7, 2), 1e-12, 'OAR = 1');
    expect(dailySdPrinted(0.2, 7, 2)).toBeLessThan(dailySdCompoundPoisson(0.2, 7, 2));
    expect(dailySdPrinted(5, 7, 2)).toBeGreaterThan(dailySdCompoundPoisson(5, 7, 2));
  });
  it('printed and corrected agree when given daily statistics, for every objective except 1B and flexible fill rate', () => {
    for (const objective of OBJECTIVES) {
      const extra: Partial<SqlPolicyParams> = { objective, demand: { meanDaily: 10, sdDaily: 8 }, costs: { holding: 1, shortage: 9, price: 10, unitCost: 6, salvage: 2 }, seasonDuration: 30, lot: { rule: 'flexible' } };
      const a = solve({ ...extra, variant: 'printed' });
      const b = solve({ ...extra, variant: 'corrected' });
      expectClose(a.ROP, b.ROP, 1e-12, `objective ${objective}, continuous review`);
    }
  });
  it('fill-rate GVALUE: printed and corrected agree under continuous review with a flexible lot, not under periodic review', () => {
    const daily = { demand: { meanDaily: 10, sdDaily: 8 }, objective: 'fill-rate' as const, lot: { rule: 'flexible' as const } };
    expectClose(solve({ ...daily, variant: 'printed' }).GVALUE!, solve(daily).GVALUE!, 1e-15, 'continuous');
    const per = { ...daily, review: 'periodic' as const, reviewPeriod: 7 };
    expectClose(solve(per).GVALUE! / solve({ ...per, variant: 'printed' }).GVALUE!, 7, 1e-12, 'corrected = MLT × printed');
  });
  it('approx and exact k differ by the Step 6 error and no more', () => {
    for (let t = 0.5; t < 0.999; t += 0.01) {
      const r = solve({ target: t });
      expect(Math.abs(r.kApprox - r.kExact)).toBeLessThanOrEqual(0.0389);
      const f = solve({ target: t, objective: 'fill-rate' });
      expect(Math.abs(f.kApprox - f.kExact)).toBeLessThanOrEqual(0.0003);
    }
  });
  it('SDLT = SOD·sqrt(RLT) when the lead time is fixed', () => {
    const r = solve({ leadTime: { supply: { mean: 9, sd: 0 } } });
    expectClose(r.SDLT, r.SOD * 3, 1e-12, 'SOD·sqrt(9)');
  });
});

describe('errors name the field and the rule', () => {
  const cases: [Partial<SqlPolicyParams>, RegExp][] = [
    [{ objective: 'speed' as never }, /objective must be one of/],
    [{ review: 'weekly' as never }, /review must be 'continuous' or 'periodic'/],
    [{ variant: 'x' as never }, /variant must be 'printed' or 'corrected'/],
    [{ kMethod: 'x' as never }, /kMethod must be 'approx' or 'exact'/],
    [{ target: 95 }, /target must be in \(0, 1\) \(a fraction/],
    [{ target: 0 }, /target must be in \(0, 1\)/],
    [{ target: undefined }, /target must be a number in \(0, 1\)/],
    [{ demand: { orderRate: -1, meanOrderSize: 5, sdOrderSize: 1 } }, /demand.orderRate must be > 0/],
    [{ demand: { orderRate: 1, meanOrderSize: 5, sdOrderSize: Number.NaN } }, /demand.sdOrderSize must be a finite number/],
    [{ demand: {} as never }, /demand must be/],
    [{ leadTime: { supply: { mean: -1, sd: 0 } } }, /leadTime.supply.mean must be ≥ 0/],
    [{ leadTime: {} }, /OPT \+ TLT \+ PLT must be > 0/],
    [{ review: 'periodic' }, /reviewPeriod must be a finite number/],
    [{ review: 'periodic', reviewPeriod: 2.5 }, /reviewPeriod must be a whole number/],
    [{ lot: { rule: 'fixed' } }, /lot.fixed \(QFIX\) must be a finite number/],
    [{ lot: { rule: 'eoq' } }, /costs.order \(OCOST\) must be a finite number/],
    [{ lot: { rule: 'eoq' }, costs: { order: 5, holding: -1 } }, /costs.holding \(HCOST\) must be > 0/],
    [{ lot: { rule: 'weird' as never } }, /lot.rule must be one of/],
    [{ lot: { rule: 'default', min: 10, max: 5 } }, /lot.min \(10\) must be ≤ lot.max \(5\)/],
    [{ objective: 'cost', costs: { holding: 1 } }, /costs.shortage \(SCOST\) must be a finite number/],
    [{ objective: 'cost', costs: { holding: 1, shortage: 0.5 } }, /case 1B: .* must be in \(0, 1\)/],
    [{ objective: 'profit', costs: { price: 10, unitCost: 12, salvage: 2 }, seasonDuration: 30 }, /case 2: .* must be in \(0, 1\)/],
    [{ objective: 'profit', costs: { price: 10, unitCost: 6, salvage: 2 } }, /seasonDuration must be a finite number/],
    [{ objective: 'profit', costs: { price: 10, unitCost: 6 }, seasonDuration: 30 }, /costs.priceDecline \(PDECLINE\) must be a finite number/],
  ];
  for (const [over, re] of cases) {
    it(`${JSON.stringify(over)} → ${re.source}`, () => {
      expect(() => solve(over)).toThrow(re);
    });
  }
});
