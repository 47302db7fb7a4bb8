/**
 * Kolmogorov–Smirnov test against known values: Kolmogorov's limiting distribution (scipy
 * kstwobign), the exact finite-n distribution (Marsaglia, Tsang & Wang 2003; Massey 1951
 * critical values via scipy kstwo), and the paper's printed Z and p (Izar Landeta et al. 2015, Resultados).
 */
import { describe, expect, it } from 'vitest';
import {
  expandToRecords,
  kolmogorovSmirnovCdf,
  kolmogorovSurvival,
  ksNormalityTest,
  ksStatistic,
  PRINTED_KS,
  TABLE1_DAILY_DEMAND,
} from '../../../src/models/correlated-rop/index.ts';
import { expectClose, expectMatchesPrinted } from '../../helpers/close.ts';

describe('Kolmogorov limiting distribution', () => {
  it('matches scipy.stats.kstwobign.sf (1.17.1) on both branches', () => {
    expectClose(kolmogorovSurvival(1.0), 0.26999967167735456, 1e-13, 'kstwobign.sf(1.0)');
    expectClose(kolmogorovSurvival(0.99), 0.28087384, 1e-8, 'kstwobign.sf(0.99)');
    expectClose(kolmogorovSurvival(1.01), 0.25943417, 1e-8, 'kstwobign.sf(1.01)');
    expectClose(kolmogorovSurvival(0.3), 0.99999069, 1e-8, 'kstwobign.sf(0.3)');
    expect(kolmogorovSurvival(0)).toBe(1);
  });
  it('reproduces the paper p-values from its Z values', () => {
    expectMatchesPrinted(kolmogorovSurvival(PRINTED_KS.demand.z), PRINTED_KS.demand.p, 2, 'demand p 0.27');
    // Z = 0.707 is itself rounded: Q(0.707) = 0.69955 misses 0.699 by a hair, Q(√18/6 = 0.70711) = 0.69929 matches
    expectMatchesPrinted(kolmogorovSurvival(Math.sqrt(18) / 6), PRINTED_KS.leadTime.p, 3, 'lead time p 0.699 from unrounded Z');
    // p printed to 3 decimals (±0.0005) from a Z itself printed to 3 decimals (Z ∈ [0.7065, 0.7075]):
    // the tolerance is the p rounding plus how far Q moves over Z's rounding interval
    const zRounding = Math.abs(kolmogorovSurvival(0.7065) - kolmogorovSurvival(0.7075)) / 2;
    expectClose(kolmogorovSurvival(0.707), PRINTED_KS.leadTime.p, 0.0005 + zRounding, 'lead time p from printed Z (within both roundings)');
  });
  it('the 5 % asymptotic critical value 1.3581', () => {
    expectClose(kolmogorovSurvival(1.3580986393225507), 0.05, 1e-12, 'kstwobign.isf(0.05)');
  });
});

describe('exact finite-n distribution (Marsaglia, Tsang & Wang 2003)', () => {
  it('P(D_10 < 0.274) = 0.6284796154565043 (MTW 2003 and scipy kstwo)', () => {
    expectClose(kolmogorovSmirnovCdf(10, 0.274), 0.6284796154565043, 1e-13, 'MTW 2003');
  });
  it('Massey (1951) 5 % critical values: n = 10 → 0.40925, n = 20 → 0.29408', () => {
    expectClose(kolmogorovSmirnovCdf(10, 0.4092460847775048), 0.95, 1e-12, 'scipy kstwo.ppf(0.95, 10)');
    expectClose(kolmogorovSmirnovCdf(20, 0.2940753144343292), 0.95, 1e-12, 'scipy kstwo.ppf(0.95, 20)');
  });
  it('n = 1000, d = 0.04 (scipy kstwo.cdf 0.92066044)', () => {
    expectClose(kolmogorovSmirnovCdf(1000, 0.04), 0.9206604394, 1e-7, 'scipy kstwo');
  });
  it('n = 1: P(D_1 < d) = 2d − 1 for 1/2 ≤ d ≤ 1', () => {
    expectClose(kolmogorovSmirnovCdf(1, 0.8), 0.6, 1e-12, 'closed form');
  });
  it('messages', () => {
    expect(() => kolmogorovSmirnovCdf(0, 0.1)).toThrow(/n must be a positive integer/);
    expect(() => kolmogorovSurvival(-1)).toThrow(/z must be ≥ 0/);
  });
});

describe('the paper normality checks', () => {
  it('Table 1 written out as 100 daily records gives D = 0.100, Z = 1.0, p = 0.27 (as printed)', () => {
    const t = ksNormalityTest(expandToRecords(TABLE1_DAILY_DEMAND, 100));
    expectClose(t.d, 0.1, 1e-12, 'D');
    expectMatchesPrinted(t.z, PRINTED_KS.demand.z, 1, 'Z printed 1.0');
    expectMatchesPrinted(t.pAsymptotic, PRINTED_KS.demand.p, 2, 'p printed 0.27');
    expect(t.parametersEstimated).toBe(true);
  });
  it('lead time Z = 0.707 = (1/6)·√18: D = 1/6 over the 18 cycles of Table 3 would give it', () => {
    expectMatchesPrinted(Math.sqrt(18) / 6, PRINTED_KS.leadTime.z, 3, 'Z printed 0.707');
  });
  it('ties: D is taken at each distinct value once', () => {
    const r = ksStatistic([0, 0, 1, 1], (x) => (x < 0 ? 0 : x >= 1 ? 1 : x));
    // F(0) = 0: Fn jumps to 0.5 at 0 → D+ = 0.5; at 1 F = 1, Fn = 1 → D− = max(F − Fn−) = 1 − 0.5 = 0.5
    expectClose(r.dPlus, 0.5, 0, 'D+');
    expectClose(r.dMinus, 0.5, 0, 'D−');
  });
  it('messages', () => {
    expect(() => ksNormalityTest([1])).toThrow(/at least 2 observations, got 1/);
    expect(() => ksNormalityTest([2, 2, 2])).toThrow(/sample is constant/);
    expect(() => ksNormalityTest([1, 2], { mean: 0, sd: 0 })).toThrow(/sd must be > 0/);
    expect(() => ksStatistic([], (x) => x)).toThrow(/must not be empty/);
  });
});
