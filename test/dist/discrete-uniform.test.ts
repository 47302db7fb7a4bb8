/**
 * The lead-time kind 'discreteUniform' (src/dist/discrete-uniform.ts), the plug-in example of
 * src/dist/README.md: exact moments against a hand calculation and the table's weighted moments,
 * sample moments of a seeded sampler within 4 standard errors (se of the mean √(Var/n); se of the
 * sample variance √((m4 − s⁴)/n) from the sample's fourth central moment), and its validation errors.
 */
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/rng/stream.ts';
import { createLeadTimeSampler, leadTimeMoments, leadTimeTable, validateLeadTime, type LeadTimeSpec } from '../../src/dist/lead-time.ts';
import { expectClose, expectWithinSe } from '../helpers/close.ts';

const weekly: LeadTimeSpec = { kind: 'discreteUniform', min: 7, max: 28, step: 7 };
const halfDays: LeadTimeSpec = { kind: 'discreteUniform', min: 1, max: 4, step: 0.5 };

describe("lead time 'discreteUniform'", () => {
  it('exact moments: (min + max)/2 and step²(n² − 1)/12, equal to the table moments', () => {
    // {7, 14, 21, 28}: mean 17.5; deviations ±3.5, ±10.5 → variance (2·12.25 + 2·110.25)/4 = 61.25 (hand)
    const m = leadTimeMoments(weekly);
    expectClose(m.mean, 17.5, 1e-12, 'weekly mean (hand)');
    expectClose(m.variance, 61.25, 1e-12, 'weekly variance (hand)');
    // {1, 1.5, …, 4}: n = 7, mean 2.5, variance 0.25·48/12 = 1 (hand)
    const h = leadTimeMoments(halfDays);
    expectClose(h.mean, 2.5, 1e-12, 'half-day mean (hand)');
    expectClose(h.variance, 1, 1e-12, 'half-day variance (hand)');
    const t = leadTimeTable(halfDays)!;
    expect(Array.from(t.values)).toEqual([1, 1.5, 2, 2.5, 3, 3.5, 4]);
    expectClose(t.moments().mean, h.mean, 1e-12, 'table mean');
    expectClose(t.moments().variance, h.variance, 1e-12, 'table variance');
  });

  for (const [label, spec] of [['weekly', weekly], ['half days', halfDays]] as const) {
    it(`sample moments within 4 standard errors (${label}, seeded)`, () => {
      const n = 100_000;
      const s = createLeadTimeSampler(spec, new RandomStream([21, 'discreteUniform', label]));
      const support = new Set(Array.from(leadTimeTable(spec)!.values));
      const x = new Float64Array(n);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        x[i] = s.next();
        sum += x[i]!;
      }
      expect(Array.from(new Set(x)).every((v) => support.has(v))).toBe(true);
      const mean = sum / n;
      let m2 = 0;
      let m4 = 0;
      for (let i = 0; i < n; i++) {
        const d = x[i]! - mean;
        m2 += d * d;
        m4 += d * d * d * d;
      }
      const variance = m2 / (n - 1);
      const exact = leadTimeMoments(spec);
      expectWithinSe(mean, Math.sqrt(exact.variance / n), exact.mean, 4, `${label}: mean`);
      expectWithinSe(variance, Math.sqrt(Math.max(m4 / n - variance * variance, 0) / n), exact.variance, 4, `${label}: variance`);
    });
  }

  it('a single point (min = max) is a constant', () => {
    const spec: LeadTimeSpec = { kind: 'discreteUniform', min: 3, max: 3, step: 2 };
    const s = createLeadTimeSampler(spec, new RandomStream([1]));
    expect(Array.from({ length: 5 }, () => s.next())).toEqual([3, 3, 3, 3, 3]);
    expect(leadTimeMoments(spec)).toEqual({ mean: 3, variance: 0 });
  });

  it('rejects bad specs naming the field', () => {
    const bad = (spec: object) => () => validateLeadTime(spec as LeadTimeSpec);
    expect(bad({ kind: 'discreteUniform', min: -1, max: 3, step: 1 })).toThrow(/^leadTime.min must be a finite number ≥ 0, got -1$/);
    expect(bad({ kind: 'discreteUniform', min: 1, max: 3, step: 0 })).toThrow(/^leadTime.step must be a finite number > 0, got 0$/);
    expect(bad({ kind: 'discreteUniform', min: 1, max: 3 })).toThrow(TypeError);
    expect(bad({ kind: 'discreteUniform', min: 1, max: 3 })).toThrow(/^leadTime.step must be a finite number > 0, got nothing \(missing\)$/);
    expect(bad({ kind: 'discreteUniform', min: 7, max: 3, step: 1 })).toThrow(/^leadTime.max must be ≥ min \(7\), got 3$/);
    expect(bad({ kind: 'discreteUniform', min: 7, max: 20, step: 7 })).toThrow(/^leadTime.max must be min plus a whole number of steps \(7 \+ k·7\), got 20$/);
    expect(bad({ kind: 'discreteUniform', min: 0, max: 1e7, step: 1 })).toThrow(/10000001 values, more than 1000000/);
    // decimal steps that are not exact in binary still land on the grid
    expect(bad({ kind: 'discreteUniform', min: 0.1, max: 0.7, step: 0.2 })).not.toThrow();
    expect(Array.from(leadTimeTable({ kind: 'discreteUniform', min: 0.1, max: 0.7, step: 0.2 })!.values)).toHaveLength(4);
  });
});
