import { describe, expect, it } from 'vitest';
import { goldenSectionMaximize, goldenSectionMinimize } from '../../src/core/optimize.ts';
import { expectClose } from '../helpers/close.ts';

describe('golden-section search', () => {
  it('finds the maximiser of a smooth unimodal function (x·e^(−x) peaks at x = 1)', () => {
    expectClose(goldenSectionMaximize((x) => x * Math.exp(-x), 0, 5, 1e-10), 1, 1e-8, 'argmax x·e^(−x)');
  });
  it('finds the minimiser, including one at an end of the bracket', () => {
    expectClose(goldenSectionMinimize((x) => (x - 0.3) ** 2, -2, 2, 1e-12), 0.3, 1e-9, 'argmin (x − 0.3)²');
    expectClose(goldenSectionMinimize((x) => x, 2, 3, 1e-12), 2, 1e-11, 'argmin at the left end');
  });
  it('stops when the tolerance is below the spacing of doubles', () => {
    expectClose(goldenSectionMaximize((x) => -Math.abs(x - 3), 2.5, 3, 1e-30), 3, 1e-15, 'tiny tolerance');
  });
  it('rejects a reversed bracket and a non-positive tolerance', () => {
    expect(() => goldenSectionMaximize((x) => x, 1, 0, 1e-6)).toThrow(/need lo ≤ hi/);
    expect(() => goldenSectionMaximize((x) => x, 0, 1, 0)).toThrow(/tol must be > 0/);
  });
});
