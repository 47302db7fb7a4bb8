/**
 * Joint lead-time/demand processes (src/models/correlated-rop/sim) of Izar Landeta, Ynzunza
 * Cortés & Zermeño Pérez (2015): eq. (7) against high-accuracy
 * integration of the bivariate-normal model (mpmath quad at 30 digits, pasted below), the
 * copula's integrated correlation against scipy's bivariate-normal rectangle probabilities,
 * sample moments of both processes against their exact values (tolerance 4 standard errors,
 * fixed seeds), and the running (s, Q) system on the shared engine against an independent
 * oracle loop (oracle/running-sq.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mean, sampleCorrelation, sampleVariance, sumNthPowerDeviations, variance } from 'simple-statistics';
import { correlatedLeadTimeDemand, discreteMoments, TABLE1_DAILY_DEMAND, TABLE2_LEAD_TIME } from '../../../src/models/correlated-rop/index.ts';
import { closePool, runReplications } from '../../../src/pool/run.ts';
import { RandomStream } from '../../../src/rng/stream.ts';
import {
  bivariateNormalMoments,
  bivariateNormalServiceProbability,
  integratedBivariateNormalMoments,
  sampleBivariateNormalCycle,
  type BivariateNormalSpec,
} from '../../../src/models/correlated-rop/sim/bivariate-normal.ts';
import {
  attainableCorrelationRange,
  calibrateCopulaCorrelation,
  copulaDailyCorrelation,
  copulaLeadTimeDemandPmf,
  copulaMoments,
  copulaServiceProbabilities,
  prepareCopula,
  sampleCopulaCycle,
  sampleCopulaDailyDemand,
  sampleCopulaLeadTime,
} from '../../../src/models/correlated-rop/sim/gaussian-copula.ts';
import { cycleServiceKernel, engineJointKernel, noStockoutShares } from '../../../src/models/correlated-rop/sim/kernels.ts';
import { gaussLegendre, integrate } from '../../../src/core/quadrature.ts';
import { serviceWithUndershoot, undershootPmf } from '../../../src/models/correlated-rop/sim/undershoot.ts';
import { estimateMean } from '../../../src/core/stats.ts';
import { expectClose, expectRelClose, expectWithinSe } from '../../helpers/close.ts';
import { runningSQ } from './oracle/running-sq.ts';

afterAll(closePool);

const bn = (md: number, sd: number, mt: number, st: number, rho: number): BivariateNormalSpec => ({ kind: 'bivariateNormal', meanDailyDemand: md, sdDailyDemand: sd, meanLeadTime: mt, sdLeadTime: st, correlation: rho });

/**
 * Sample mean and variance with their standard errors: se(mean) = sqrt(m2/n), and for the
 * variance the delta-method se sqrt((m4 − m2²)/n), m2 and m4 the central sample moments.
 */
function sampleMoments(x: Float64Array): { mean: number; seMean: number; variance: number; seVariance: number } {
  const a = Array.from(x);
  const n = a.length;
  const m2 = variance(a);
  const m4 = sumNthPowerDeviations(a, 4) / n;
  return { mean: mean(a), seMean: Math.sqrt(m2 / n), variance: sampleVariance(a), seVariance: Math.sqrt((m4 - m2 * m2) / n) };
}

describe('quadrature', () => {
  it('Gauss–Legendre integrates polynomials of degree 2n − 1 exactly', () => {
    const g = gaussLegendre(5);
    let s = 0;
    for (let i = 0; i < 5; i++) s += g.weights[i]! * g.nodes[i]! ** 8;
    expectClose(s, 2 / 9, 1e-14, '∫ x^8 over [−1, 1]');
    expectClose(integrate(Math.exp, 0, 1), Math.E - 1, 1e-14, '∫ e^x');
    expect(() => gaussLegendre(0)).toThrow(/positive integer/);
  });
});

describe('eq. (7) against numerical integration of the bivariate-normal model', () => {
  // mpmath 1.x, mp.dps = 30, quad over z of φ(z)·{L·m, L·v + (L·m)²}, L = μt + σt·z, m = μd + ρσd·z
  const refs: [BivariateNormalSpec, { mean: number; variance: number }, { mean: number; variance: number }][] = [
    [bn(4, 2.121, 5, 1.155, -0.1954), { mean: 19.521317873, variance: 28.583859713489688258 }, { mean: 19.521474965527496296, variance: 28.58077110194847599 }],
    [bn(4, 2.121, 5, 1.155, 0.9), { mean: 22.2047795, variance: 214.6288744872405 }, { mean: 22.204936592527496296, variance: 214.62717442583905369 }],
    [bn(10, 3, 2, 0.8, -0.7), { mean: 18.32, variance: 29.2648 }, { mean: 18.461102603895333878, variance: 26.137951820002599842 }],
    [bn(1.5, 1.2, 12, 4, 0.45), { mean: 20.16, variance: 178.8624 }, { mean: 20.186627034252753983, variance: 178.57993437539796112 }],
  ];
  refs.forEach(([spec, untruncated, truncated], i) => {
    it(`case ${i + 1}: eq. (6)–(7) = untruncated integral; our integration = mpmath`, () => {
      const f = correlatedLeadTimeDemand(spec, spec.correlation);
      expectRelClose(f.mean, untruncated.mean, 1e-13, 'eq. (6) vs mpmath');
      expectRelClose(f.variance, untruncated.variance, 1e-13, 'eq. (7) vs mpmath');
      const u = integratedBivariateNormalMoments(spec, false);
      expectRelClose(u.variance, untruncated.variance, 1e-11, 'Gauss–Legendre untruncated vs mpmath');
      const t = bivariateNormalMoments(spec).exact;
      expectRelClose(t.mean, truncated.mean, 1e-11, 'truncated mean vs mpmath');
      expectRelClose(t.variance, truncated.variance, 1e-10, 'truncated variance vs mpmath');
    });
  });
  it('eq. (7) = integral on a grid of ρ (a wrong sign or a missing 2ρ²σd²σt² term would fail)', () => {
    for (let rho = -1; rho <= 1.0001; rho += 0.25) {
      const spec = bn(4, 2.121, 5, 1.155, Math.min(1, rho));
      expectRelClose(correlatedLeadTimeDemand(spec, spec.correlation).variance, integratedBivariateNormalMoments(spec, false).variance, 1e-11, `ρ = ${rho}`);
    }
  });
  it('P(X ≤ s) of the simulated process against mpmath (s = 25.21 and 30, paper inputs)', () => {
    const spec = bn(4, 2.121, 5, 1.155, -0.1954);
    expectClose(bivariateNormalServiceProbability(spec, 25.21), 0.85556061245498177466, 1e-11, 'mpmath');
    expectClose(bivariateNormalServiceProbability(spec, 30), 0.97179140079842600877, 1e-11, 'mpmath');
  });
});

describe('bivariate-normal sampling matches its exact moments', () => {
  for (const rho of [-0.9, 0.3]) {
    it(`ρ = ${rho}: mean, variance, corr(L, X/L) and P(X ≤ s) within 4 se (200 000 cycles)`, () => {
      const spec = bn(4, 2.121, 5, 1.155, rho);
      const s = new RandomStream([7, 'test/correlated-rop/bn-moments', rho]);
      const n = 200_000;
      const x = new Float64Array(n);
      let hits = 0;
      const sQ = 25;
      for (let i = 0; i < n; i++) {
        x[i] = sampleBivariateNormalCycle(spec, s).leadTimeDemand;
        if (x[i]! <= sQ) hits++;
      }
      const exact = bivariateNormalMoments(spec).exact;
      const m = sampleMoments(x);
      expectWithinSe(m.mean, m.seMean, exact.mean, 4, 'mean');
      expectWithinSe(m.variance, m.seVariance, exact.variance, 4, 'variance');
      const p = bivariateNormalServiceProbability(spec, sQ);
      expectWithinSe(hits / n, Math.sqrt((p * (1 - p)) / n), p, 4, 'P(X ≤ 25)');
    });
  }
});

describe('Gaussian copula over Tables 1–2', () => {
  const D = TABLE1_DAILY_DEMAND;
  const L = TABLE2_LEAD_TIME;
  it('integrated corr(L, d) equals scipy bivariate-normal rectangle sums (r = 0.5, −0.8)', () => {
    // scipy 1.17.1 multivariate_normal.cdf over the cut-point rectangles
    expectClose(copulaDailyCorrelation(prepareCopula({ kind: 'gaussianCopula', dailyDemand: D, leadTime: L, copulaCorrelation: 0.5 })), 0.4723134152312422, 1e-9, 'scipy');
    expectClose(copulaDailyCorrelation(prepareCopula({ kind: 'gaussianCopula', dailyDemand: D, leadTime: L, copulaCorrelation: -0.8 })), -0.7617590903490667, 1e-9, 'scipy');
  });
  it('r = 0 gives the independent moments μtμd = 20 and μtσd² + μd²σt² = 43.62', () => {
    const m = copulaMoments(prepareCopula({ kind: 'gaussianCopula', dailyDemand: D, leadTime: L, copulaCorrelation: 0 }));
    expectClose(m.mean, 20, 1e-9, 'mean');
    expectClose(m.variance, 5 * 4.5 + 16 * 1.32, 1e-8, 'variance');
  });
  it('attainable range of corr(L, d) is symmetric (both marginals symmetric) and below 1', () => {
    const r = attainableCorrelationRange(D, L);
    expectClose(r.min, -r.max, 1e-12, 'symmetry');
    expect(r.max).toBeLessThan(1);
    expect(r.max).toBeGreaterThan(0.95);
    expect(() => calibrateCopulaCorrelation(D, L, 0.99)).toThrow(/targetCorrelation ρ = 0.99 is not attainable with these marginals: any coupling of them gives a correlation in \[−?-?0\.9560, 0\.9560\]/);
    expect(() => calibrateCopulaCorrelation(D, L, 2)).toThrow(/must lie in \[−1, 1\]/);
  });
  for (const rho of [-0.6, 0.6]) {
    it(`ρ = ${rho}: calibration hits the target; sampled corr, moments and P(X ≤ s) agree with the integrals (4 se)`, () => {
      const r = calibrateCopulaCorrelation(D, L, rho);
      const p = prepareCopula({ kind: 'gaussianCopula', dailyDemand: D, leadTime: L, copulaCorrelation: r });
      expectClose(copulaDailyCorrelation(p), rho, 1e-8, 'calibrated corr');
      const s = new RandomStream([7, 'test/correlated-rop/copula', rho]);
      const n = 100_000;
      const x = new Float64Array(n);
      const ls = new Float64Array(n);
      const ds = new Float64Array(n);
      const sQ = [18, 25, 30];
      const hits = [0, 0, 0];
      for (let i = 0; i < n; i++) {
        const { latent, leadTime } = sampleCopulaLeadTime(p, s);
        ls[i] = leadTime;
        ds[i] = sampleCopulaDailyDemand(p, latent, s);
        const c = sampleCopulaCycle(p, s);
        x[i] = c.leadTimeDemand;
        sQ.forEach((q, k) => {
          if (c.leadTimeDemand <= q) hits[k]!++;
        });
      }
      // corr of (L, first-day demand): se ≈ (1 − ρ²)/sqrt(n)
      expectWithinSe(sampleCorrelation(Array.from(ls), Array.from(ds)), (1 - rho * rho) / Math.sqrt(n), rho, 4, 'sample corr(L, d)');
      const exact = copulaMoments(p);
      const m = sampleMoments(x);
      expectWithinSe(m.mean, m.seMean, exact.mean, 4, 'mean');
      expectWithinSe(m.variance, m.seVariance, exact.variance, 4, 'variance');
      const probs = copulaServiceProbabilities(p, sQ);
      probs.forEach((q, k) => expectWithinSe(hits[k]! / n, Math.sqrt((q * (1 - q)) / n), q, 4, `P(X ≤ ${sQ[k]})`));
      // eq. (6) holds for ANY process whose days are exchangeable given the latent: E[X] = E[L·d1] = μtμd + ρσdσt
      const lm = discreteMoments(L);
      const dm = discreteMoments(D);
      expectClose(exact.mean, lm.mean * dm.mean + rho * dm.sd * lm.sd, 1e-8, 'E[X] = eq. (6) with the tables’ moments');
    });
  }
  it('exact service probabilities sum to 1 at the top of the support', () => {
    const p = prepareCopula({ kind: 'gaussianCopula', dailyDemand: D, leadTime: L, copulaCorrelation: 0.3 });
    expectClose(copulaServiceProbabilities(p, [56])[0]!, 1, 1e-12, 'P(X ≤ 56) = 1');
    expect(copulaServiceProbabilities(p, [-1])[0]).toBe(0);
  });
  it('messages', () => {
    expect(() => prepareCopula({ kind: 'gaussianCopula', dailyDemand: D, leadTime: { values: [2.5, 3], probabilities: [0.5, 0.5] }, copulaCorrelation: 0 })).toThrow(/leadTime.values\[0\] must be a positive integer number of days, got 2.5/);
    expect(() => prepareCopula({ kind: 'gaussianCopula', dailyDemand: D, leadTime: L, copulaCorrelation: 1 })).toThrow(/strictly between −1 and 1/);
    expect(() => prepareCopula({ kind: 'gaussianCopula', dailyDemand: { values: [0, 1], probabilities: [0.5, 0.6] }, leadTime: L, copulaCorrelation: 0 })).toThrow(/dailyDemand.probabilities must sum to 1, got 1.1/);
    expect(() => prepareCopula({ kind: 'gaussianCopula', dailyDemand: { values: [1, 0], probabilities: [0.5, 0.5] }, leadTime: L, copulaCorrelation: 0 })).toThrow(/strictly increasing/);
    expect(() => copulaServiceProbabilities(prepareCopula({ kind: 'gaussianCopula', dailyDemand: { values: [0.5, 1], probabilities: [0.5, 0.5] }, leadTime: L, copulaCorrelation: 0 }), [3])).toThrow(/non-negative integer for exact service probabilities/);
  });
});

describe('kernels', () => {
  it('cycle kernel on the pool: 1 and 2 threads give identical rows', async () => {
    const process = { kind: 'gaussianCopula' as const, dailyDemand: TABLE1_DAILY_DEMAND, leadTime: TABLE2_LEAD_TIME, copulaCorrelation: 0.4 };
    const spec = { process, reorderPoints: [20, 27], cycles: 500 };
    const a = await runReplications({ kernel: cycleServiceKernel, spec, seed: 3, scenario: 'test', replications: 8, threads: 1 });
    const b = await runReplications({ kernel: cycleServiceKernel, spec, seed: 3, scenario: 'test', replications: 8, threads: 2 });
    expect(b).toEqual(a);
    expect(a[0]).toEqual(cycleServiceKernel(spec, { seed: 3, scenario: 'test', replication: 0 }));
    expect(noStockoutShares(a, 1)).toEqual(a.map((r) => r.noStockout_1));
  }, 60_000);
  it('cycle kernel rejects a bad spec', () => {
    expect(() => cycleServiceKernel({ process: { kind: 'other' }, reorderPoints: [1], cycles: 1 }, { seed: 1, scenario: 's', replication: 0 })).toThrow(/unknown joint process kind 'other'/);
    expect(() => cycleServiceKernel({ process: bn(4, 2, 5, 1, 0), reorderPoints: [1], cycles: 0 }, { seed: 1, scenario: 's', replication: 0 })).toThrow(/cycles must be a positive integer/);
  });
  it('running (s, Q): the shared engine with the joint sources agrees with the independent oracle loop (cycle service, fill rate, on hand)', () => {
    const process = { kind: 'gaussianCopula' as const, dailyDemand: TABLE1_DAILY_DEMAND, leadTime: TABLE2_LEAD_TIME, copulaCorrelation: calibrateCopulaCorrelation(TABLE1_DAILY_DEMAND, TABLE2_LEAD_TIME, 0.6) };
    const reps = 30;
    const a: Record<string, number>[] = [];
    const b: Record<string, number>[] = [];
    for (let r = 0; r < reps; r++) {
      a.push(engineJointKernel({ process, policy: { kind: 'sQ', reorderPoint: 27, lotSize: 90, multiples: 'one' }, horizon: 20_000, warmup: 200 }, { seed: 5, scenario: 'engine', replication: r }));
      b.push(runningSQ({ process, reorderPoint: 27, lotSize: 90, days: 20_000, warmupDays: 200 }, { seed: 5, scenario: 'own', replication: r }));
    }
    for (const k of ['cycleServiceLevel', 'fillRate', 'averageOnHand', 'readyRate']) {
      const ea = estimateMean(a.map((x) => x[k]!));
      const eb = estimateMean(b.map((x) => x[k]!));
      expectClose(ea.mean, eb.mean, 4 * Math.hypot(ea.se, eb.se), `${k}: engine vs oracle (4 se of the difference)`);
    }
  });
  it('the running (s, Q) oracle validates its spec', () => {
    const process = { kind: 'gaussianCopula' as const, dailyDemand: TABLE1_DAILY_DEMAND, leadTime: TABLE2_LEAD_TIME, copulaCorrelation: 0 };
    const ctx = { seed: 1, scenario: 's', replication: 0 };
    expect(() => runningSQ({ process, reorderPoint: 27, lotSize: 0, days: 10, warmupDays: 0 }, ctx)).toThrow(/lotSize must be > 0/);
    expect(() => runningSQ({ process, reorderPoint: 27, lotSize: 9, days: 0, warmupDays: 0 }, ctx)).toThrow(/days must be a positive integer/);
    expect(() => runningSQ({ process, reorderPoint: NaN, lotSize: 9, days: 1, warmupDays: 0 }, ctx)).toThrow(/reorderPoint must be finite/);
    expect(() => runningSQ({ process, reorderPoint: 1, lotSize: 9, days: 1, warmupDays: -1 }, ctx)).toThrow(/warmupDays must be a non-negative integer/);
  });
});

describe('undershoot of the reorder point (running system)', () => {
  it('P(U = u) = P(D⁺ > u)/E[D⁺] for Table 1: sums to 1, mean E[D⁺²]/(2E[D⁺]) − 1/2 = 2.0625', () => {
    const u = undershootPmf(TABLE1_DAILY_DEMAND);
    expectClose(u.reduce((a, b) => a + b, 0), 1, 1e-12, 'sum');
    // hand: E[D⁺] = 4/0.95, E[D⁺²] = 20.5/0.95 → 20.5/8 − 0.5 = 2.0625
    expectClose(u.reduce((a, q, k) => a + q * k, 0), 20.5 / 8 - 0.5, 1e-12, 'mean');
    expect(() => undershootPmf({ values: [0, 1.5], probabilities: [0.5, 0.5] })).toThrow(/non-negative integer/);
    expect(() => undershootPmf({ values: [0], probabilities: [1] })).toThrow(/positive mean/);
  });
  it('the running system achieves Σ P(U = u)·P(X ≤ s − u), and a fractional s behaves as ⌊s⌋', () => {
    const process = { kind: 'gaussianCopula' as const, dailyDemand: TABLE1_DAILY_DEMAND, leadTime: TABLE2_LEAD_TIME, copulaCorrelation: calibrateCopulaCorrelation(TABLE1_DAILY_DEMAND, TABLE2_LEAD_TIME, 0.3) };
    const pred = serviceWithUndershoot(copulaLeadTimeDemandPmf(prepareCopula(process)), undershootPmf(TABLE1_DAILY_DEMAND), 27.0331);
    const rows: Record<string, number>[] = [];
    for (let r = 0; r < 20; r++) rows.push(runningSQ({ process, reorderPoint: 27.0331, lotSize: 90, days: 30_000, warmupDays: 200 }, { seed: 8, scenario: 'undershoot', replication: r }));
    const e = estimateMean(rows.map((x) => x.cycleServiceLevel!));
    expectWithinSe(e.mean, e.se, pred, 4, 'running cycle service vs prediction');
    const u = estimateMean(rows.map((x) => x.meanUndershoot!));
    expectWithinSe(u.mean, u.se, 2.0625, 4, 'mean undershoot');
  });
});
