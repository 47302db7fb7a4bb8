/**
 * Sample-moment tests for every demand and lead-time process (issue 3 §1, §4): at a fixed
 * seed, the sample mean and sample variance of n draws lie within 4 standard errors of the
 * process's exact mean and variance (se of the mean = √(Var/n); se of the sample variance from
 * the sample's fourth central moment, √((m4 − s⁴)/n)). Where the exact moments have an
 * independent reference (hand calculation or mpmath), the moment function is checked first.
 */
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/rng/stream.ts';
import { createDemandSampler, demandMoments, type DemandSpec } from '../../src/dist/demand.ts';
import { createLeadTimeSampler, leadTimeMoments, type LeadTimeSpec } from '../../src/dist/lead-time.ts';
import type { PeriodSampler } from '../../src/dist/demand.ts';
import type { Moments } from '../../src/dist/types.ts';
import { expectClose, expectWithinSe } from '../helpers/close.ts';

function checkMoments(sampler: PeriodSampler, exact: Moments, n: number, label: string): void {
  const x = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    x[i] = sampler.next();
    s += x[i]!;
  }
  const mean = s / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  const variance = m2 / (n - 1);
  m4 /= n;
  expectWithinSe(mean, Math.sqrt(exact.variance / n), exact.mean, 4, `${label}: mean`);
  const seVar = Math.sqrt(Math.max(m4 - variance * variance, 0) / n);
  expectWithinSe(variance, seVar, exact.variance, 4, `${label}: variance`);
}

const N = 100_000;

const demandCases: [string, DemandSpec][] = [
  ['compound Poisson, normal-rounded sizes (reference workload)', { kind: 'compoundPoisson', ordersPerPeriod: 5, orderSize: { kind: 'normalRounded', mean: 10, sd: 3 } }],
  ['compound Poisson, normal-rounded sizes near 1', { kind: 'compoundPoisson', ordersPerPeriod: 0.7, orderSize: { kind: 'normalRounded', mean: 1.2, sd: 2 } }],
  ['compound Poisson, gamma sizes', { kind: 'compoundPoisson', ordersPerPeriod: 3, orderSize: { kind: 'gamma', mean: 4, sd: 2 } }],
  ['compound Poisson, empirical sizes', { kind: 'compoundPoisson', ordersPerPeriod: 2, orderSize: { kind: 'empirical', values: [1, 2, 5], weights: [0.5, 0.3, 0.2] } }],
  ['normal truncated at 0 (rejection)', { kind: 'normal', mean: 10, sd: 4 }],
  ['normal truncated at 0 (tail inversion)', { kind: 'normal', mean: -1, sd: 2 }],
  ['normal censored at 0', { kind: 'normal', mean: 2, sd: 3, belowZero: 'censor' }],
  ['Poisson (table)', { kind: 'poisson', mean: 3.7 }],
  ['Poisson (PTRS, mean above the table limit)', { kind: 'poisson', mean: 2e5 }],
  ['negative binomial', { kind: 'negativeBinomial', mean: 4, variance: 10 }],
  ['negative binomial, r < 1', { kind: 'negativeBinomial', mean: 0.5, variance: 3 }],
  ['gamma', { kind: 'gamma', mean: 5, sd: 2 }],
  ['gamma, shape < 1', { kind: 'gamma', mean: 1, sd: 2 }],
  ['empirical daily distribution', { kind: 'empirical', values: [0, 0, 1, 3, 8, 0, 2] }],
  ['replay, block bootstrap', { kind: 'replay', history: [0, 4, 1, 0, 0, 9, 2, 2, 0, 5, 1], mode: 'blockBootstrap', blockLength: 3 }],
  ['replay in order from a random start (whole cycles)', { kind: 'replay', history: [0, 4, 1, 0, 0, 9, 2, 2, 0, 5], start: 'random' }],
];

const leadCases: [string, LeadTimeSpec][] = [
  ['constant', { kind: 'constant', value: 4 }],
  ['normal truncated, continuous', { kind: 'normal', mean: 5, sd: 2 }],
  ['normal truncated, continuous, heavy truncation', { kind: 'normal', mean: 1, sd: 2 }],
  ['normal truncated, integer', { kind: 'normal', mean: 5, sd: 2, integer: true }],
  ['gamma', { kind: 'gamma', mean: 4, sd: 1.5 }],
  ['discrete empirical', { kind: 'empirical', values: [3, 4, 5, 6, 7], weights: [0.11, 0.22, 0.34, 0.22, 0.11] }],
  ['uniform integer', { kind: 'uniformInteger', min: 3, max: 7 }],
  ['replay, resample', { kind: 'replay', records: [0, 12, 30, 5, 5, 7], mode: 'resample' }],
];

describe('exact moments of the processes against independent references', () => {
  it('hand-computed and mpmath moments', () => {
    // empirical sizes: E[S] = 0.5 + 0.6 + 1 = 2.1, E[S²] = 0.5 + 1.2 + 5 = 6.7 → mean 4.2, var 13.4 (hand)
    const cp = demandMoments(demandCases[3]![1]);
    expectClose(cp.mean, 4.2, 1e-12, 'compound Poisson mean λE[S] (hand)');
    expectClose(cp.variance, 13.4, 1e-12, 'compound Poisson variance λE[S²] (hand)');
    // reference workload: E[S], Var[S] of max(1, round(N(10, 9))) by mpmath summation of the pmf
    const rw = demandMoments(demandCases[0]![1]);
    const es = 10.0010864876462459647, vs = 9.0618424257284521547;
    expectClose(rw.mean, 5 * es, 1e-9, 'reference workload daily mean 5·E[S] (mpmath)');
    expectClose(rw.variance, 5 * (vs + es * es), 1e-8, 'reference workload daily variance 5·E[S²] (mpmath)');
    // truncated normal N(10, 16) | X ≥ 0 and N(−1, 4) | X ≥ 0 (mpmath, closed form with Mills ratio)
    const t1 = demandMoments({ kind: 'normal', mean: 10, sd: 4 });
    expectClose(t1.mean, 10.0705513019476669, 1e-10, 'truncated normal mean (mpmath)');
    expectClose(t1.variance, 15.2895094943168197, 1e-9, 'truncated normal variance (mpmath)');
    const t2 = demandMoments({ kind: 'normal', mean: -1, sd: 2 });
    expectClose(t2.mean, 1.28215554073612896, 1e-10, 'truncated normal mean, a > 0 (mpmath)');
    expectClose(t2.variance, 1.07392162862351578, 1e-9, 'truncated normal variance, a > 0 (mpmath)');
    // censored max(0, N(2, 9)) by mpmath quadrature
    const c = demandMoments({ kind: 'normal', mean: 2, sd: 3, belowZero: 'censor' });
    expectClose(c.mean, 2.45335894147321080, 1e-10, 'censored normal mean (mpmath quadrature)');
    expectClose(c.variance, 5.61531494931756199, 1e-9, 'censored normal variance (mpmath quadrature)');
    // negative binomial and Poisson tables reproduce their defining moments
    const nb = demandMoments({ kind: 'negativeBinomial', mean: 4, variance: 10 });
    expectClose(nb.mean, 4, 1e-9, 'negative binomial table mean');
    // uniform on {3..7}: mean 5, variance (5² − 1)/12 = 2 (hand)
    const u = leadTimeMoments({ kind: 'uniformInteger', min: 3, max: 7 });
    expectClose(u.mean, 5, 1e-12, 'uniform integer mean (hand)');
    expectClose(u.variance, 2, 1e-12, 'uniform integer variance (hand)');
    const ln = leadTimeMoments({ kind: 'normal', mean: 5, sd: 2 });
    expectClose(ln.mean, 5.03527565097383347, 1e-10, 'truncated normal lead time mean (mpmath)');
    expectClose(ln.variance, 3.82237737357920493, 1e-9, 'truncated normal lead time variance (mpmath)');
  });
});

describe('sample moments of every demand process (seeded, 4 standard errors)', () => {
  demandCases.forEach(([label, spec], i) => {
    it(label, () => {
      const n = spec.kind === 'replay' && spec.mode !== 'blockBootstrap' ? spec.history.length * 1000 : N;
      if (spec.kind === 'replay' && spec.mode !== 'blockBootstrap') {
        // whole cycles from any start: the sample moments equal the history's exactly
        const s = createDemandSampler(spec, new RandomStream([11, 'moments', i]));
        let sum = 0;
        for (let k = 0; k < n; k++) sum += s.next();
        expectClose(sum / n, demandMoments(spec).mean, 1e-12, `${label}: mean over whole cycles`);
        return;
      }
      checkMoments(createDemandSampler(spec, new RandomStream([11, 'moments', i])), demandMoments(spec), n, label);
    });
  });
  it('replay in order from the first period reproduces the history', () => {
    const h = [3, 0, 1, 4];
    const s = createDemandSampler({ kind: 'replay', history: h }, new RandomStream([1]));
    expect(Array.from({ length: 9 }, () => s.next())).toEqual([3, 0, 1, 4, 3, 0, 1, 4, 3]);
  });
  it('rejects bad specs naming the field', () => {
    expect(() => demandMoments({ kind: 'negativeBinomial', mean: 4, variance: 3 })).toThrow(/variance must exceed the mean/);
    expect(() => demandMoments({ kind: 'poisson', mean: -1 })).toThrow(/demand.mean must be/);
    expect(() => demandMoments({ kind: 'compoundPoisson', ordersPerPeriod: 2, orderSize: { kind: 'empirical', values: [] } })).toThrow(/orderSize.values/);
    expect(() => leadTimeMoments({ kind: 'uniformInteger', min: 5, max: 3 })).toThrow(/leadTime.max/);
  });
});

describe('sample moments of every lead-time process (seeded, 4 standard errors)', () => {
  leadCases.forEach(([label, spec], i) => {
    it(label, () => {
      const s = createLeadTimeSampler(spec, new RandomStream([12, 'moments', i]));
      if (spec.kind === 'constant') {
        for (let k = 0; k < 10; k++) expect(s.next()).toBe(spec.value);
        expect(leadTimeMoments(spec)).toEqual({ mean: 4, variance: 0 });
        return;
      }
      checkMoments(s, leadTimeMoments(spec), N, label);
    });
  });
  it('replay in order gives the records in order, cyclically', () => {
    const s = createLeadTimeSampler({ kind: 'replay', records: [5, 9, 2] }, new RandomStream([1]));
    expect(Array.from({ length: 5 }, () => s.next())).toEqual([5, 9, 2, 5, 9]);
  });
});

describe("compound Poisson 'dailyTotal' sampling (Panjer's recursion)", () => {
  it('the tabulated total has the compound-Poisson moments λE[S], λE[S²] and sampled moments within 4 se', async () => {
    const { compoundPoissonTotalTable } = await import('../../src/dist/demand.ts');
    const spec: DemandSpec = { kind: 'compoundPoisson', ordersPerPeriod: 5, orderSize: { kind: 'normalRounded', mean: 10, sd: 3 }, sampling: 'dailyTotal' };
    const exact = demandMoments(spec);
    const t = compoundPoissonTotalTable(5, { kind: 'normalRounded', mean: 10, sd: 3 });
    const m = t.moments();
    expectClose(m.mean, exact.mean, 1e-9, 'Panjer table mean = λE[S]');
    expectClose(m.variance, exact.variance, 1e-7, 'Panjer table variance = λE[S²]');
    // P(total = 0) = e^(−5) (no order; sizes are ≥ 1)
    expectClose(t.probabilities[0]!, Math.exp(-5), 1e-15, 'P(no order) = e^−λ');
    checkMoments(createDemandSampler(spec, new RandomStream([13, 'moments'])), exact, N, 'dailyTotal sampling');
    const emp: DemandSpec = { kind: 'compoundPoisson', ordersPerPeriod: 2, orderSize: { kind: 'empirical', values: [0, 1, 2, 5], weights: [0.2, 0.4, 0.24, 0.16] }, sampling: 'dailyTotal' };
    checkMoments(createDemandSampler(emp, new RandomStream([14, 'moments'])), demandMoments(emp), N, 'dailyTotal sampling, empirical sizes with zeros');
    expect(() => demandMoments({ kind: 'compoundPoisson', ordersPerPeriod: 2, orderSize: { kind: 'gamma', mean: 3, sd: 1 }, sampling: 'dailyTotal' })).toThrow(/whole-unit order sizes/);
  });
});
