import { describe, expect, it } from 'vitest';
import { normalCdf, normalLoss } from '../../../src/core/normal.ts';
import {
  LOSS_APPROX_A,
  LOSS_APPROX_CLAIM,
  NORMAL_APPROX_CLAIM,
  safetyFactorLossApprox,
  safetyFactorLossExact,
  safetyFactorNormalApprox,
  safetyFactorNormalExact,
} from '../../../src/models/sql-policy/safety-factor.ts';
import { scanErrors } from '../../../experiments/k-approximation-error.ts';
import { expectClose, expectMatchesPrinted } from '../../helpers/close.ts';

// Reference values computed with mpmath (30 digits) from the formulas of Step 6 as README.md reads them.
describe('Step 6, cases 1-5: quadratic-logit approximation of the inverse normal', () => {
  it('matches high-precision values of the same formula', () => {
    expectClose(safetyFactorNormalApprox(0.95), 1.63598459723695372807, 1e-13, 'mpmath k̂(0.95)');
    expectClose(safetyFactorNormalApprox(0.9), 1.28732950596480897232, 1e-13, 'mpmath k̂(0.9)');
    expectClose(safetyFactorNormalApprox(0.1), -1.28732950596480897232, 1e-13, 'mpmath k̂(0.1)');
    expect(safetyFactorNormalApprox(0.5)).toBe(0);
  });
  it('is odd around PVALUE = 0.5 and increasing in PVALUE', () => {
    let prev = -Infinity;
    for (let p = 0.001; p < 0.9995; p += 0.001) {
      const k = safetyFactorNormalApprox(p);
      expectClose(k, -safetyFactorNormalApprox(1 - p), 1e-12, `symmetry at ${p}`);
      expect(k).toBeGreaterThan(prev);
      prev = k;
    }
  });
  it("reproduces the paper's ±0.035711 as the interior extremes (k ≈ ±0.5032) and exceeds it at k = ±3", () => {
    const f = (k: number): number => safetyFactorNormalApprox(normalCdf(k)) - k;
    // mpmath: error at k = 0.5032 is 0.035710932; the local maximum rounds to the printed 0.035711
    expectClose(f(0.5032), 0.0357109323033335, 1e-12, 'mpmath error at k = 0.5032');
    expectMatchesPrinted(f(0.5032), NORMAL_APPROX_CLAIM.max, 6, 'paper Step 6 claim');
    expectMatchesPrinted(f(-0.5032), NORMAL_APPROX_CLAIM.min, 6, 'paper Step 6 claim');
    // mpmath: error at k = 3 is 0.038875158512989 (outside the claim on the closed interval)
    expectClose(f(3), 0.038875158512989, 1e-12, 'mpmath error at k = 3');
    expect(f(3)).toBeGreaterThan(NORMAL_APPROX_CLAIM.max);
  });
  it('exact counterpart is Φ⁻¹', () => {
    expectClose(safetyFactorNormalExact(0.95), 1.6448536269514727, 1e-13, 'Φ⁻¹(0.95), mpmath');
  });
  it('rejects PVALUE outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, 1.5, NaN]) {
      expect(() => safetyFactorNormalApprox(p)).toThrow(/PVALUE must be in \(0, 1\)/);
      expect(() => safetyFactorNormalExact(p)).toThrow(/PVALUE must be in \(0, 1\)/);
    }
  });
});

describe('Step 6, case 6: rational approximation of the inverse loss function', () => {
  it('matches a high-precision value and the exact root', () => {
    expectClose(safetyFactorLossApprox(0.1), 0.902181820690440567, 1e-12, 'mpmath k̂(G = 0.1)');
    expectClose(safetyFactorLossExact(0.1), 0.902346347510034521, 1e-10, 'mpmath G⁻¹(0.1)');
  });
  it('gives A0 when GVALUE ≥ 5 (Z = 0)', () => {
    expect(safetyFactorLossApprox(5)).toBe(LOSS_APPROX_A[0]);
    expect(safetyFactorLossApprox(50)).toBe(LOSS_APPROX_A[0]);
  });
  it('is decreasing in GVALUE over the range of k in [−3, 3]', () => {
    // G is decreasing in k, so k̂(G(k)) must increase with k
    let prev = -Infinity;
    for (let k = -3; k <= 3; k += 0.01) {
      const v = safetyFactorLossApprox(normalLoss(k));
      expect(v).toBeGreaterThan(prev);
      prev = v;
    }
  });
  it("stays within the paper's [−0.000205, +0.000295] (printed to 6 decimals) on [−3, 3]", () => {
    const { loss } = scanErrors(6000);
    expect(loss.min).toBeGreaterThanOrEqual(LOSS_APPROX_CLAIM.min - 5e-7);
    expect(loss.max).toBeLessThanOrEqual(LOSS_APPROX_CLAIM.max + 5e-7);
    // the smallest error is the printed −0.000205 (near k = 1.19)
    expectMatchesPrinted(loss.min, LOSS_APPROX_CLAIM.min, 6, 'paper Step 6 claim (min)');
  });
  it('rejects GVALUE ≤ 0 or not finite', () => {
    for (const g of [0, -1, NaN, Infinity]) {
      expect(() => safetyFactorLossApprox(g)).toThrow(/GVALUE must be a positive finite number/);
      expect(() => safetyFactorLossExact(g)).toThrow(/GVALUE must be a positive finite number/);
    }
  });
});
