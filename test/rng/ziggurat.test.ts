/**
 * Ziggurat normals and the gamma sampler built on them (src/rng/ziggurat.ts): moments and tail
 * probabilities within 4 standard errors at a fixed seed; exact values from the normal cdf
 * (src/core/normal.ts) and the gamma moments shape·scale, shape·scale².
 */
import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../src/core/normal.ts';
import { RandomStream } from '../../src/rng/stream.ts';
import { ZigguratGamma, ZigguratNormal } from '../../src/rng/ziggurat.ts';
import { expectWithinSe } from '../helpers/close.ts';

describe('ziggurat normal', () => {
  const n = 1_000_000;
  const z = new ZigguratNormal(new RandomStream([21, 'ziggurat']));
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = z.next();
  it('mean 0, variance 1, fourth moment 3', () => {
    let s = 0;
    let s2 = 0;
    let s4 = 0;
    for (const v of x) {
      s += v;
      s2 += v * v;
      s4 += v ** 4;
    }
    expectWithinSe(s / n, Math.sqrt(1 / n), 0, 4, 'E[Z] = 0');
    expectWithinSe(s2 / n, Math.sqrt(2 / n), 1, 4, 'E[Z²] = 1 (Var Z² = 2)');
    expectWithinSe(s4 / n, Math.sqrt(96 / n), 3, 4, 'E[Z⁴] = 3 (Var Z⁴ = 105 − 9 = 96)');
  });
  it('probabilities of intervals across the layers, the wedges and the tail beyond r = 3.4426', () => {
    const cuts = [-4, -3.5, -3.4426, -2, -1, -0.3, 0, 0.3, 1, 2, 3.4426, 3.5, 4];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const lo = cuts[k]!;
      const hi = cuts[k + 1]!;
      let c = 0;
      for (const v of x) if (v >= lo && v < hi) c++;
      const p = normalCdf(hi) - normalCdf(lo);
      expectWithinSe(c / n, Math.sqrt((p * (1 - p)) / n), p, 4, `P(${lo} ≤ Z < ${hi})`);
    }
    let tail = 0;
    for (const v of x) if (Math.abs(v) >= 4) tail++;
    const p = 2 * normalCdf(-4);
    expectWithinSe(tail / n, Math.sqrt(p / n), p, 4, 'P(|Z| ≥ 4)');
  });
  it('is deterministic given the stream key', () => {
    const a = new ZigguratNormal(new RandomStream([5]));
    const b = new ZigguratNormal(new RandomStream([5]));
    for (let i = 0; i < 10_000; i++) if (a.next() !== b.next()) expect.fail(`draw ${i} differs`);
  });
});

describe('gamma on ziggurat normals', () => {
  for (const [shape, scale] of [
    [0.3, 2],
    [1, 1],
    [2.5, 4],
    [40, 0.1],
  ] as const) {
    it(`shape ${shape}, scale ${scale}: mean and variance`, () => {
      const g = new ZigguratGamma(new RandomStream([22, 'gamma', shape]), shape, scale);
      const n = 200_000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const v = g.next();
        s += v;
        s2 += v * v;
      }
      const mean = shape * scale;
      const variance = shape * scale * scale;
      expectWithinSe(s / n, Math.sqrt(variance / n), mean, 4, 'E = shape·scale');
      // Var of X² for a gamma: E[X⁴] − E[X²]², E[X^k] = scale^k·Γ(shape + k)/Γ(shape)
      const m2 = scale ** 2 * shape * (shape + 1);
      const m4 = scale ** 4 * shape * (shape + 1) * (shape + 2) * (shape + 3);
      expectWithinSe(s2 / n, Math.sqrt((m4 - m2 * m2) / n), m2, 4, 'E[X²] = scale²·shape·(shape + 1)');
    });
  }
});
