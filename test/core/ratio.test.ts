/** Ratio-of-sums estimate with its delta-method interval, Wilson intervals, merging running moments. */
import { describe, expect, it } from 'vitest';
import { ratioEstimate, RatioMoments, RunningMoments, wilsonInterval } from '../../src/core/stats.ts';
import { expectClose } from '../helpers/close.ts';

describe('ratioEstimate', () => {
  it('is Σy/Σx with s² = Σ(y − R·x)²/(n − 1), se = s/(x̄√n) (hand computation)', () => {
    const x = [10, 20, 30];
    const y = [9, 15, 28];
    const m = new RatioMoments();
    x.forEach((xi, i) => m.add(xi, y[i]!));
    const e = ratioEstimate(m);
    const R = 52 / 60;
    const s2 = x.reduce((a, xi, i) => a + (y[i]! - R * xi) ** 2, 0) / 2;
    expectClose(e.mean, R, 1e-15, 'Σy/Σx');
    expectClose(e.se, Math.sqrt(s2) / (20 * Math.sqrt(3)), 1e-15, 'delta-method se (hand)');
    expectClose(e.halfWidth, 4.302652729749464 * e.se, 1e-12, 't(0.975, 2) = 4.30265 (tables)');
    expect(e.estimator).toBe('ratioOfSums');
  });
  it('merging the moments of two halves gives the moments of the whole', () => {
    const a = new RatioMoments();
    const b = new RatioMoments();
    const all = new RatioMoments();
    const r = new RunningMoments();
    const r1 = new RunningMoments();
    const r2 = new RunningMoments();
    for (let i = 0; i < 20; i++) {
      const [x, y] = [1 + ((i * 7) % 5), (i * 3) % 4];
      (i < 8 ? a : b).add(x, y);
      all.add(x, y);
      r.add(y);
      (i < 8 ? r1 : r2).add(y);
    }
    a.merge(b);
    r1.merge(r2);
    for (const k of ['n', 'meanX', 'meanY', 'cxx', 'cxy', 'cyy'] as const) expectClose(a[k], all[k], 1e-12, `merged ${k}`);
    expectClose(r1.variance(), r.variance(), 1e-12, 'merged variance');
  });
});

describe('wilsonInterval', () => {
  it('matches the textbook values and never has zero width', () => {
    // Brown, Cai & DasGupta (2001): 0 of 10 → [0, 0.2775]; 10 of 10 → [0.7225, 1]
    const z = wilsonInterval(0, 10);
    expectClose(z.low, 0, 1e-15, 'Wilson 0/10 lower');
    expectClose(z.high, 0.27753, 1e-5, 'Wilson 0/10 upper (z = 1.95996)');
    const f = wilsonInterval(10, 10);
    expectClose(f.low, 1 - 0.27753, 1e-5, 'Wilson 10/10 lower');
    const h = wilsonInterval(5, 10);
    expectClose(h.low, 0.23659, 1e-5, 'Wilson 5/10 lower');
    expectClose(h.high, 0.76341, 1e-5, 'Wilson 5/10 upper');
  });
});
