/**
 * The verdicts of `invlab check` as pure functions (src/cli/check/verdicts.ts): each kind
 * passing, failing and, where it can, inconclusive, on fixed numbers.
 */
import { describe, expect, it } from 'vitest';
import { analyticVerdict, boundVerdict, detectableDrift, equivalenceVerdict, mannWhitneyGreater, performanceVerdict, printedDecimals, publishedVerdict, replicationsToDecide } from '../../../src/cli/check/verdicts.ts';
import { studentTQuantile } from '../../../src/core/stats.ts';
import { expectClose } from '../../helpers/close.ts';

describe('analytic', () => {
  it('passes within k standard errors and fails beyond', () => {
    expect(analyticVerdict(0.941, 0.0005, 0.94, 4).status).toBe('pass');
    const v = analyticVerdict(0.943, 0.0005, 0.94, 4);
    expect(v.status).toBe('fail');
    expect(v.message).toMatch(/0\.943 vs exact 0\.94: difference 0\.003 > 4 standard errors \(0\.002\)/);
  });
});

describe('bound', () => {
  const t = studentTQuantile(0.95, 23);
  it('passes when the one-sided bound clears the value, fails when the other side misses it', () => {
    expect(boundVerdict(0.95, 0.001, 24, 0.945, 'atLeast', 0.95).status).toBe('pass');
    expect(boundVerdict(0.94, 0.001, 24, 0.945, 'atLeast', 0.95).status).toBe('fail');
    expect(boundVerdict(0.94, 0.001, 24, 0.945, 'atMost', 0.95).status).toBe('pass');
  });
  it('is inconclusive when the interval straddles the value, with the replications that would decide it', () => {
    const v = boundVerdict(0.946, 0.001, 24, 0.945, 'atLeast', 0.95);
    expect(v.status).toBe('inconclusive');
    // sd = se·√24; n = (t·sd/gap)²
    expect(v.neededReplications).toBe(Math.ceil(((t * 0.001 * Math.sqrt(24)) / 0.001) ** 2));
    expect(v.message).toMatch(/straddles 0\.945; about \d+ replications would decide it/);
    expect(replicationsToDecide(1, 0, 1.7)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('equivalence (TOST)', () => {
  it('passes inside the margin, fails wholly outside, is inconclusive across it', () => {
    expect(equivalenceVerdict(0.0002, 0.0002, 23, 0.001, 0.05, 0.94, 24).status).toBe('pass');
    expect(equivalenceVerdict(0.003, 0.0002, 23, 0.001, 0.05, 0.94, 24).status).toBe('fail');
    const v = equivalenceVerdict(0.0008, 0.0002, 23, 0.001, 0.05, 0.94, 24);
    expect(v.status).toBe('inconclusive');
    expect(v.neededReplications).toBeGreaterThan(24);
    expect(equivalenceVerdict(0.0008, 0.0002 * Math.sqrt(24 / v.neededReplications!), 1000, 0.001, 0.05, 0.94, v.neededReplications!).status).not.toBe('inconclusive');
  });
});

describe('published', () => {
  it('uses the printed precision: half a unit of the last digit', () => {
    expect(printedDecimals('2565.4')).toBe(1);
    expect(printedDecimals('39')).toBe(0);
    expect(publishedVerdict(2565.4457, '2565.4').status).toBe('pass');
    expect(publishedVerdict(219306.68, '219307').status).toBe('pass');
    const v = publishedVerdict(2565.46, '2565.4');
    expect(v.status).toBe('fail');
    expectClose(v.tolerance, 0.05, 1e-9, 'half a unit of one decimal');
  });
});

describe('performance (ratio and Mann–Whitney)', () => {
  it('the rank test: fully separated samples of 5 give U = 25 and a small p; identical ones p ≈ ½', () => {
    const r = mannWhitneyGreater([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]);
    expect(r.u).toBe(25);
    expect(r.p).toBeLessThan(0.01);
    expect(mannWhitneyGreater([1, 2, 3], [1, 2, 3]).p).toBeGreaterThan(0.4);
  });
  it('passes under the factor, fails over it when the rank test agrees, is not flagged on noise', () => {
    const ref = [1, 1.02, 0.98, 1.01, 0.99];
    expect(performanceVerdict([1.5, 1.6, 1.4, 1.55, 1.45], ref, 2, 0.05).status).toBe('pass');
    expect(performanceVerdict([3, 3.1, 2.9, 3.05, 2.95], ref, 2, 0.05).status).toBe('fail');
    // median ratio above 2, but two fast timings: the ranks overlap, one noisy series flags nothing
    const noisy = performanceVerdict([2.2, 2.1, 0.5, 2.3, 0.6], ref, 2, 0.05);
    expect(noisy.status).toBe('inconclusive');
    expect(noisy.message).toMatch(/not flagged/);
  });
});

describe('power', () => {
  it('the drift an analytic check detects with 80 % power is (k + z_0.8)·se', () => {
    expectClose(detectableDrift(0.0002, 4), (4 + 0.8416212335729143) * 0.0002, 1e-12, 'z_0.8 = 0.8416');
  });
});
