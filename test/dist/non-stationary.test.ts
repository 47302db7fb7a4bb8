/**
 * The demand kind 'nonStationary' (src/dist/non-stationary.ts): the mean path against hand
 * calculations, per-period sample means of seeded replications against the mean path within
 * Bonferroni-corrected standard-error bounds (and the standardised errors pooled: mean ≈ 0,
 * variance ≈ 1), per-period sample variances against the exact variance, and validation messages.
 */
import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/core/normal.ts';
import { createDemandSampler, demandMoments, validateDemand, type DemandSpec } from '../../src/dist/demand.ts';
import { meanPath, nonStationaryMoments, type NonStationarySpec } from '../../src/dist/non-stationary.ts';
import { RandomStream } from '../../src/rng/stream.ts';
import { inventoryKernel, type InventorySimSpec } from '../../src/sim/inventory.ts';
import { expectClose, expectWithinSe } from '../helpers/close.ts';

const WEEKLY = [0.8, 0.9, 1, 1, 1.1, 1.4, 0.8];

const composed: NonStationarySpec = {
  kind: 'nonStationary',
  base: 5,
  trend: 0.01,
  weekly: WEEKLY,
  annual: { amplitude: 0.3, phase: 100 },
  promotions: [{ start: 50, length: 7, lift: 2.5 }],
  levelShifts: [{ at: 150, factor: 0.6 }],
  obsolescence: { at: 250, halfLife: 30 },
};

const intermittent: NonStationarySpec = {
  kind: 'nonStationary',
  base: 2,
  trend: -0.002,
  weekly: WEEKLY,
  intermittency: { probability: 0.3 },
  promotions: [{ start: 20, length: 5, lift: 3 }],
  noise: { negativeBinomial: { dispersion: 2 } },
};

describe("demand 'nonStationary': the truth", () => {
  it('mean path by hand', () => {
    // t = 0: 5 · 0.8 · (1 + 0.3·cos(2π(−100)/365))
    expectClose(meanPath(composed, 0), 5 * 0.8 * (1 + 0.3 * Math.cos((-200 * Math.PI) / 365)), 1e-12, 'm_0 (hand)');
    // t = 52 (promotion, weekday 52 mod 7 = 3): (5 + 0.52) · 1 · A · 2.5
    expectClose(meanPath(composed, 52), 5.52 * 1 * (1 + 0.3 * Math.cos((2 * Math.PI * -48) / 365)) * 2.5, 1e-12, 'm_52 (hand)');
    // t = 280: 30 days after obsolescence starts (one half-life), after the level shift
    const a280 = 1 + 0.3 * Math.cos((2 * Math.PI * 180) / 365);
    expectClose(meanPath(composed, 280), 7.8 * WEEKLY[280 % 7]! * a280 * 0.6 * 0.5, 1e-12, 'm_280 (hand)');
    // the trend floors the level at 0: 2 − 0.002·t = 0 at t = 1000
    expect(meanPath(intermittent, 1000)).toBe(0);
    expect(meanPath(intermittent, 1500)).toBe(0);
  });

  it('exact per-period moments: E = m, Var = p·Var Y + m²(1 − p)/p; the registry gives period 0', () => {
    const m = meanPath(intermittent, 3);
    const mu = m / 0.3;
    const v = nonStationaryMoments(intermittent, 3);
    expectClose(v.mean, m, 1e-12, 'mean');
    expectClose(v.variance, 0.3 * (mu + (mu * mu) / 2) + (m * m * 0.7) / 0.3, 1e-12, 'variance (hand)');
    const p = nonStationaryMoments(composed, 10);
    expectClose(p.variance, p.mean, 1e-12, 'Poisson without intermittency: Var = mean');
    expect(demandMoments(composed as DemandSpec)).toEqual(nonStationaryMoments(composed, 0));
  });
});

/** Per-period power sums Σd^k (k = 1..4) over `reps` seeded replications of `periods` periods; counts non-integer or negative draws. */
function simulate(spec: NonStationarySpec, reps: number, periods: number, seed: number): { s: Float64Array[]; bad: number } {
  const s = [1, 2, 3, 4].map(() => new Float64Array(periods));
  let bad = 0;
  for (let r = 0; r < reps; r++) {
    const sampler = createDemandSampler(spec as DemandSpec, new RandomStream([seed, 'nonStationary', r]));
    for (let t = 0; t < periods; t++) {
      const d = sampler.next();
      if (!Number.isInteger(d) || d < 0) bad++;
      const d2 = d * d;
      s[0]![t]! += d;
      s[1]![t]! += d2;
      s[2]![t]! += d2 * d;
      s[3]![t]! += d2 * d2;
    }
  }
  return { s, bad };
}

/** Sample variance and its standard error √((m4 − s⁴)/n) from power sums (central moments by the binomial expansion). */
function varianceWithSe(n: number, s1: number, s2: number, s3: number, s4: number): { v: number; se: number } {
  const m = s1 / n;
  const m2 = s2 / n - m * m;
  const m4 = s4 / n - 4 * m * (s3 / n) + 6 * m * m * (s2 / n) - 3 * m ** 4;
  return { v: (m2 * n) / (n - 1), se: Math.sqrt(Math.max(m4 - m2 * m2, 0) / n) };
}

describe("demand 'nonStationary': sampler against the truth (seeded)", () => {
  const reps = 2000;
  const periods = 365;
  // each period's check at family-wise level 0.001 over all periods (Bonferroni)
  const z = normalQuantile(1 - 0.001 / (2 * periods));
  for (const [label, spec] of [['composed, Poisson', composed], ['intermittent, negative binomial', intermittent]] as const) {
    it(`per-period sample means and variances within ${z.toFixed(2)} standard errors of the exact moments (${label})`, () => {
      const { s, bad } = simulate(spec, reps, periods, 7);
      expect(bad).toBe(0);
      let zSum = 0;
      let zSq = 0;
      for (let t = 0; t < periods; t++) {
        const exact = nonStationaryMoments(spec, t);
        const mean = s[0]![t]! / reps;
        const se = Math.sqrt(exact.variance / reps);
        expectWithinSe(mean, se, exact.mean, z, `${label}, period ${t}`);
        const zt = (mean - exact.mean) / se;
        zSum += zt;
        zSq += zt * zt;
        const sv = varianceWithSe(reps, s[0]![t]!, s[1]![t]!, s[2]![t]!, s[3]![t]!);
        if (exact.variance > 0) expectWithinSe(sv.v, sv.se, exact.variance, z, `${label}, variance of period ${t}`);
      }
      // pooled standardised errors: mean ~ N(0, 1/365) → within 4/√365; Σz² ~ χ²(365) → within ±4·√(2·365)
      expectWithinSe(zSum / periods, 1 / Math.sqrt(periods), 0, 4, `${label}: mean standardised error`);
      expectClose(zSq, periods, 4 * Math.sqrt(2 * periods), `${label}: Σ z² against χ²(${periods})`);
    });
  }

  it('intermittency: the share of zero periods matches 1 − p·P(Y > 0)', () => {
    const s = createDemandSampler({ kind: 'nonStationary', base: 10, intermittency: { probability: 0.25 } }, new RandomStream([3, 'zeros']));
    const n = 40_000;
    let zeros = 0;
    for (let i = 0; i < n; i++) if (s.next() === 0) zeros++;
    const p0 = 1 - 0.25 * (1 - Math.exp(-40));
    expectWithinSe(zeros / n, Math.sqrt((p0 * (1 - p0)) / n), p0, 4, 'zero share');
  });
});

describe("demand 'nonStationary': validation names the field", () => {
  const bad: [unknown, RegExp][] = [
    [{ kind: 'nonStationary', base: 0 }, /demand\.base must be a finite number > 0, got 0/],
    [{ kind: 'nonStationary', base: 5, weekly: [1, 1, 1] }, /demand\.weekly must have 7 factors .*got 3/],
    [{ kind: 'nonStationary', base: 5, weekly: [1, 1, 1, -1, 1, 1, 1] }, /demand\.weekly\[3\] must be a finite number ≥ 0, got -1/],
    [{ kind: 'nonStationary', base: 5, annual: { amplitude: 1.5, phase: 0 } }, /demand\.annual\.amplitude must be a probability in \[0, 1\], got 1\.5/],
    [{ kind: 'nonStationary', base: 5, promotions: [{ start: 3, length: 0, lift: 2 }] }, /demand\.promotions\[0\]\.length must be an integer ≥ 1, got 0/],
    [{ kind: 'nonStationary', base: 5, levelShifts: [{ at: 10, factor: -1 }] }, /demand\.levelShifts\[0\]\.factor must be a finite number > 0, got -1/],
    [{ kind: 'nonStationary', base: 5, intermittency: { probability: 0 } }, /demand\.intermittency\.probability must be > 0/],
    [{ kind: 'nonStationary', base: 5, obsolescence: { at: 10, halfLife: 0 } }, /demand\.obsolescence\.halfLife must be a finite number > 0, got 0/],
    [{ kind: 'nonStationary', base: 5, noise: { negativeBinomial: { dispersion: 0 } } }, /demand\.noise\.negativeBinomial\.dispersion must be a finite number > 0, got 0/],
    [{ kind: 'nonStationary', base: 5, noise: 'gamma' }, /demand\.noise must be an object, got "gamma"/],
    [{ kind: 'nonStationary', base: 5, trends: 0.1 }, /demand: unknown field 'trends'/],
  ];
  for (const [spec, msg] of bad) {
    it(`rejects ${JSON.stringify(spec)}`, () => {
      expect(() => validateDemand(spec as DemandSpec)).toThrow(msg);
    });
  }
});

describe("demand 'nonStationary' in the simulator", () => {
  it('the engine draws period t = its t-th period (warm-up included): mean demand per measured period matches the mean path', () => {
    const warmup = 20;
    const horizon = 300;
    const spec: InventorySimSpec = { demand: composed as DemandSpec, leadTime: { kind: 'constant', value: 3 }, policy: { kind: 'RS', reviewPeriod: 7, orderUpTo: 80 }, horizon, warmup };
    const reps = 400;
    let sum = 0;
    for (let r = 0; r < reps; r++) {
      sum += inventoryKernel(spec, { seed: 11, scenario: 'nonStationary', replication: r }).demandPerPeriod;
    }
    let exact = 0;
    let variance = 0;
    for (let t = warmup; t < warmup + horizon; t++) {
      const m = nonStationaryMoments(composed, t);
      exact += m.mean / horizon;
      variance += m.variance / horizon ** 2;
    }
    const mean = sum / reps;
    expectWithinSe(mean, Math.sqrt(variance / reps), exact, 4, 'mean demand per measured period (independent periods: Var = Σ Var_t / horizon²)');
  });
});
