import { describe, expect, it } from 'vitest';
import { estimateFromMoments, estimateMean, estimatePairedDifference, logGamma, regularizedBeta, RunningMoments, studentTCdf, studentTQuantile } from '../../src/core/stats.ts';
import { RandomStream } from '../../src/rng/stream.ts';
import { expectClose, expectRelClose } from '../helpers/close.ts';

// Reference values computed with mpmath at 30 digits (betainc, loggamma, findroot on the t cdf).
describe('special functions', () => {
  it('log Γ', () => {
    expectRelClose(logGamma(0.3), 1.09579799481807556056299850031, 1e-13, 'lnΓ(0.3)');
    expectRelClose(logGamma(10.7), 14.4032105962985161154325560141, 1e-13, 'lnΓ(10.7)');
    expectClose(logGamma(1), 0, 1e-14, 'lnΓ(1)');
  });
  it('regularized incomplete beta', () => {
    expectRelClose(regularizedBeta(0.3, 2.5, 3.5), 0.296752989295666378323493613876, 1e-12, 'I_0.3(2.5, 3.5)');
  });
  it('Student-t quantiles', () => {
    const cases: [number, number, number][] = [
      [0.975, 1, 12.706204736174693314101641219],
      [0.975, 2, 4.30265272974946178942037599664],
      [0.975, 5, 2.57058183563631478278854621083],
      [0.975, 29, 2.045229642132703874520503752],
      [0.995, 10, 3.16927267261695071178171187518],
      [0.95, 100, 1.66023432608533911499774023137],
    ];
    for (const [p, nu, t] of cases) {
      expectRelClose(studentTQuantile(p, nu), t, 1e-10, `t(${p}, ${nu})`);
      expectRelClose(studentTQuantile(1 - p, nu), -t, 1e-10, `t(${1 - p}, ${nu})`);
      expectClose(studentTCdf(t, nu), p, 1e-12, `F(t(${p}, ${nu}))`);
    }
  });
});

describe('estimates', () => {
  it('running moments equal the two-pass formulas', () => {
    const xs = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
    const m = new RunningMoments();
    xs.forEach((x) => m.add(x));
    expectClose(m.mean, 1e9 + 10, 1e-6, 'mean');
    expectClose(m.variance(), 30, 1e-6, 'variance (catastrophic cancellation check)');
  });
  it('CI half-width is t(0.975, n − 1)·sd/√n', () => {
    const e = estimateMean([2, 4, 4, 4, 5, 5, 7, 9]);
    expectClose(e.mean, 5, 1e-15, 'mean');
    const sd = Math.sqrt(32 / 7);
    expectRelClose(e.sd, sd, 1e-14, 'sd');
    expectRelClose(e.halfWidth, studentTQuantile(0.975, 7) * (sd / Math.sqrt(8)), 1e-14, 'half-width');
    expect(e.low).toBeLessThan(e.mean);
  });
  it('one observation has no interval', () => {
    const e = estimateFromMoments(1, 3, NaN);
    expect(Number.isNaN(e.halfWidth)).toBe(true);
  });
  it('95 % intervals cover the true mean about 95 % of the time (binomial 4-sigma band)', () => {
    const trials = 2000;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const s = new RandomStream([20261121, 'ci-coverage', t]);
      const xs = Array.from({ length: 10 }, () => s.normal());
      const e = estimateMean(xs);
      if (e.low <= 0 && 0 <= e.high) covered++;
    }
    const se = Math.sqrt((0.95 * 0.05) / trials);
    expectClose(covered / trials, 0.95, 4 * se, 'coverage');
  });
  it('paired difference on common random numbers is tighter than the unpaired difference', () => {
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < 200; r++) {
      const s = new RandomStream([7, 'paired', r]);
      const common = s.normal() * 10;
      a.push(common + 1 + 0.1 * s.normal());
      b.push(common + 0.1 * s.normal());
    }
    const d = estimatePairedDifference(a, b);
    expectClose(d.mean, 1, 4 * d.se, 'paired mean difference');
    expect(d.halfWidth).toBeLessThan(estimateMean(a).halfWidth / 10);
    expect(() => estimatePairedDifference([1, 2], [1])).toThrow(/equal lengths/);
  });
});
