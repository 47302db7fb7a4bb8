/**
 * Discrete distributions of Tables 1–2 of Izar Landeta et al. (2015): moments by hand
 * and every validation message.
 */
import { describe, expect, it } from 'vitest';
import {
  discreteMoments,
  empiricalDistribution,
  estimateFromCycles,
  expandToRecords,
  meanReciprocal,
  TABLE1_DAILY_DEMAND,
  TABLE2_LEAD_TIME,
  validateDiscrete,
} from '../../../src/models/correlated-rop/index.ts';
import { expectClose } from '../../helpers/close.ts';

describe('moments', () => {
  it('Table 1: mean 4, variance 4.5 (hand: Σ p·x² − 16 = 20.5 − 16), symmetric', () => {
    const m = discreteMoments(TABLE1_DAILY_DEMAND);
    expectClose(m.mean, 4, 1e-12, 'hand');
    expectClose(m.variance, 4.5, 1e-12, 'hand');
    expect(Math.abs(m.skewness)).toBeLessThan(0.1);
  });
  it('Table 2: symmetric, kurtosis Σp(x−5)⁴/1.32² = 2.32/1.7424 (hand)', () => {
    const m = discreteMoments(TABLE2_LEAD_TIME);
    expectClose(m.skewness, 0, 1e-12, 'symmetry');
    expectClose(m.kurtosis, (0.11 * 16 * 2 + 0.22 * 2) / 1.32 ** 2, 1e-12, 'hand');
  });
  it('empirical distribution and records round trip', () => {
    const d = empiricalDistribution([3, 1, 3, 2]);
    expect(d).toEqual({ values: [1, 2, 3], probabilities: [0.25, 0.25, 0.5] });
    expect(expandToRecords(d, 4)).toEqual([1, 2, 3, 3]);
  });
});

describe('messages', () => {
  it('validateDiscrete', () => {
    expect(() => validateDiscrete({ values: 1 } as never, 'leadTime')).toThrow(/leadTime must be an object with arrays 'values' and 'probabilities'/);
    expect(() => validateDiscrete({ values: [], probabilities: [] }, 'd')).toThrow(/d.values must not be empty/);
    expect(() => validateDiscrete({ values: [1, 2], probabilities: [1] }, 'd')).toThrow(/d: values \(2\) and probabilities \(1\) must have the same length/);
    expect(() => validateDiscrete({ values: [1, 2], probabilities: [1.5, -0.5] }, 'd')).toThrow(/d.probabilities\[1\] must be ≥ 0, got -0.5/);
    expect(() => validateDiscrete({ values: [1, 'x' as never], probabilities: [0.5, 0.5] }, 'd')).toThrow(/d.values\[1\] must be a number, got the string "x"/);
  });
  it('others', () => {
    expect(() => meanReciprocal({ values: [0, 1], probabilities: [0.5, 0.5] })).toThrow(/E\[1\/L\] needs positive lead times, got 0/);
    expect(() => empiricalDistribution([])).toThrow(/sample must not be empty/);
    // 10·(0.11, 0.22, 0.34, 0.22, 0.11) rounds to 1, 2, 3, 2, 1
    expect(() => expandToRecords(TABLE2_LEAD_TIME, 10)).toThrow(/rounded counts add up to 9, not 10/);
    expect(() => estimateFromCycles([{ leadTime: 2, averageDailyDemand: 1 }, { leadTime: 2, averageDailyDemand: 2 }, { leadTime: 2, averageDailyDemand: 3 }])).toThrow(/leadTime is constant, so its correlation is undefined/);
  });
});
