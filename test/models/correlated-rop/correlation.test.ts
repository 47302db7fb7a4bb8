/**
 * ρ estimation (eq. 8) and the daily vs cycle-average correlation of Izar Landeta, Ynzunza
 * Cortés & Zermeño Pérez (2015): hand values,
 * the conversion under the model, and recovery of a known ρ from synthetic pairs drawn from the
 * bivariate-normal model (fixed seeds; tolerances from the estimator's standard error).
 */
import { describe, expect, it } from 'vitest';
import { mean, variance } from 'simple-statistics';
import {
  cycleAverageCorrelation,
  dailyCorrelationFromCycleAverage,
  estimateFromCycles,
  estimateFromDaily,
  meanReciprocal,
  pearsonCorrelation,
  TABLE2_LEAD_TIME,
  type DailyCycleObservation,
} from '../../../src/models/correlated-rop/index.ts';
import { RandomStream } from '../../../src/rng/stream.ts';
import { expectClose } from '../../helpers/close.ts';

describe('eq. (8) Pearson', () => {
  it('hand-computed value', () => {
    // x = 1..5, y = 2,4,5,4,5: Sxy = 6, Sxx = 10, Syy = 6 → r = 6/sqrt(60)
    expectClose(pearsonCorrelation([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]), 6 / Math.sqrt(60), 1e-15, 'by hand');
  });
  it('messages', () => {
    expect(() => pearsonCorrelation([1, 2], [1])).toThrow(/same number of observations, got 2 and 1/);
    expect(() => pearsonCorrelation([1], [1])).toThrow(/at least 2 pairs/);
    expect(() => pearsonCorrelation([1, 1, 1], [1, 2, 3])).toThrow(/x is constant/);
    expect(() => pearsonCorrelation([1, 2, 3], [2, 2, 2])).toThrow(/y is constant/);
    expect(() => pearsonCorrelation([1, NaN], [1, 2])).toThrow(/x\[1\] must be a number/);
  });
});

describe('daily ↔ cycle-average correlation', () => {
  it('E[1/L] of Table 2 = 0.2120476 (hand: 0.11/3 + 0.22/4 + 0.34/5 + 0.22/6 + 0.11/7)', () => {
    expectClose(meanReciprocal(TABLE2_LEAD_TIME), 0.11 / 3 + 0.22 / 4 + 0.34 / 5 + 0.22 / 6 + 0.11 / 7, 1e-15, 'hand');
  });
  it('round trip, and |ρA| > |ρ| when E[1/L] < 1', () => {
    const e = meanReciprocal(TABLE2_LEAD_TIME);
    for (const rho of [-1, -0.6, -0.1954, 0, 0.3, 0.9, 1]) {
      const ra = cycleAverageCorrelation(rho, e);
      expectClose(dailyCorrelationFromCycleAverage(ra, e), rho, 1e-12, `round trip at ρ = ${rho}`);
      if (rho !== 0 && Math.abs(rho) < 1) expect(Math.abs(ra)).toBeGreaterThan(Math.abs(rho));
    }
    expectClose(dailyCorrelationFromCycleAverage(-0.1954, e), -0.1954 * Math.sqrt(e / (1 - 0.1954 ** 2 * (1 - e))), 1e-15, 'formula');
  });
  it('E[1/L] = 1 (one-day lead times) makes both the same', () => {
    expectClose(cycleAverageCorrelation(0.4, 1), 0.4, 1e-15, 'identity');
  });
  it('messages', () => {
    expect(() => cycleAverageCorrelation(1.5, 0.2)).toThrow(/dailyCorrelation \(ρ\) must lie in \[−1, 1\]/);
    expect(() => dailyCorrelationFromCycleAverage(0.5, 0)).toThrow(/meanReciprocalLeadTime \(E\[1\/L\], 1\/days\) must be > 0/);
  });
});

/** Synthetic cycles from the bivariate-normal model with whole-day lead times (L = round of a normal, ≥ 1). */
function syntheticCycles(rho: number, n: number, seed: number): DailyCycleObservation[] {
  const s = new RandomStream([seed, 'test/correlated-rop/synthetic-pairs', rho]);
  const out: DailyCycleObservation[] = [];
  // L uniform on {3,...,7}: mean 5, sd sqrt(2); given L, d ~ N(40 + rho·6·(L − 5)/sqrt(2), 36(1 − rho²))
  for (let j = 0; j < n; j++) {
    const L = 3 + s.int(5);
    const m = 40 + (rho * 6 * (L - 5)) / Math.SQRT2;
    const demands: number[] = [];
    for (let i = 0; i < L; i++) demands.push(m + 6 * Math.sqrt(1 - rho * rho) * s.normal());
    out.push({ leadTime: L, demands });
  }
  return out;
}

/**
 * Grouped (delete-a-group) jackknife standard error of an estimator over cycles: the cycles are
 * cut into G consecutive groups, θ_(g) is the estimate without group g, and
 * se = sqrt((G − 1)/G · Σ_g (θ_(g) − mean θ_(·))²) (Efron & Tibshirani 1993, §11.5). Distribution-free,
 * so it also holds for the converted and model-based estimates, whose delta-method se would
 * need the fourth moments of the uniform lead time.
 */
function jackknifeSe<T>(data: readonly T[], groups: number, estimate: (d: readonly T[]) => Record<string, number>): Record<string, number> {
  const size = Math.ceil(data.length / groups);
  const parts = Array.from({ length: groups }, (_, g) => estimate([...data.slice(0, g * size), ...data.slice((g + 1) * size)]));
  const out: Record<string, number> = {};
  for (const k of Object.keys(parts[0]!)) {
    // (G − 1)/G · Σ (θ_(g) − mean)² = (G − 1) · population variance of the θ_(g)
    out[k] = Math.sqrt((groups - 1) * variance(parts.map((p) => p[k]!)));
  }
  return out;
}

describe('ρ from synthetic pairs of known correlation', () => {
  const n = 4000;
  const averages = (cycles: readonly DailyCycleObservation[]) => cycles.map((c) => ({ leadTime: c.leadTime, averageDailyDemand: mean(c.demands) }));
  const estimates = (cycles: readonly DailyCycleObservation[]) => {
    const daily = estimateFromDaily(cycles);
    const byCycle = estimateFromCycles(averages(cycles));
    return { daily: daily.dailyCorrelation, converted: byCycle.dailyCorrelation, cycleAverage: byCycle.cycleAverageCorrelation, md: daily.meanDailyDemand, sdDaily: daily.sdDailyDemand, sdModel: byCycle.sdDailyDemand, mt: daily.meanLeadTime };
  };
  // every tolerance is 4 jackknife standard errors (40 groups of 100 cycles) of that estimate
  for (const rho of [-0.8, -0.3, 0, 0.5, 0.9]) {
    it(`daily records recover ρ = ${rho}; cycle averages recover it after conversion, not before`, () => {
      const cycles = syntheticCycles(rho, n, 11);
      const est = estimates(cycles);
      const se = jackknifeSe(cycles, 40, estimates);
      expectClose(est.daily, rho, 4 * se.daily!, 'daily estimate (4 se)');
      expectClose(est.converted, rho, 4 * se.converted!, 'converted cycle-average estimate (4 se)');
      // the cycle-average correlation itself is the model's ρA, not ρ
      const e = 1 / 5 * (1 / 3 + 1 / 4 + 1 / 5 + 1 / 6 + 1 / 7);
      expectClose(est.cycleAverage, cycleAverageCorrelation(rho, e), 4 * se.cycleAverage!, 'ρA (4 se)');
      expectClose(est.md, 40, 4 * se.md!, 'μd (4 se)');
      expectClose(est.sdDaily, 6, 4 * se.sdDaily!, 'σd (4 se)');
      expectClose(est.sdModel, 6, 4 * se.sdModel!, 'σd through the model (4 se)');
      expectClose(est.mt, 5, 4 * se.mt!, 'μt (4 se)');
    });
  }
  it('at ρ = 0.5 the cycle-average ρA is clearly larger than ρ (≈ 0.72 with E[1/L] = 0.2170)', () => {
    const cycles = syntheticCycles(0.5, n, 12);
    const e = estimateFromDaily(cycles);
    expect(e.cycleAverageCorrelation).toBeGreaterThan(0.65);
    expect(e.pooledDailyRowsCorrelation).toBeDefined();
  });
  it('messages', () => {
    expect(() => estimateFromCycles([{ leadTime: 1, averageDailyDemand: 1 }])).toThrow(/need at least 3 replenishment cycles to estimate a correlation, got 1/);
    expect(() => estimateFromCycles([{ leadTime: 1, averageDailyDemand: 1 }, { leadTime: 0, averageDailyDemand: 1 }, { leadTime: 2, averageDailyDemand: 1 }])).toThrow(/cycle 2 leadTime \(days\) must be > 0/);
    expect(() => estimateFromCycles([{ leadTime: 1, averageDailyDemand: 1 }, { leadTime: 3, averageDailyDemand: -1 }, { leadTime: 2, averageDailyDemand: 1 }])).toThrow(/cycle 2 averageDailyDemand \(units\/day\) must be ≥ 0/);
    expect(() => estimateFromDaily([{ leadTime: 1, demands: [1] }, { leadTime: 2, demands: [] }, { leadTime: 3, demands: [2] }])).toThrow(/cycle 2 has no daily demand records/);
    expect(() => estimateFromDaily([{ leadTime: 1, demands: [1] }, { leadTime: 2, demands: [-2] }, { leadTime: 3, demands: [2] }])).toThrow(/cycle 2 day 1 demand \(units\) must be ≥ 0/);
    expect(() => estimateFromDaily([{ leadTime: 2, demands: [1] }, { leadTime: 2, demands: [3] }, { leadTime: 2, demands: [2] }])).toThrow(/leadTime is constant/);
    expect(() => estimateFromDaily([{ leadTime: 1, demands: [2] }, { leadTime: 2, demands: [2] }, { leadTime: 3, demands: [2] }])).toThrow(/daily demand is constant/);
  });
});
