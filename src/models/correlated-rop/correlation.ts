/**
 * Estimating ρ, the correlation between lead time and DAILY demand that eqs. (6)–(7) need,
 * from paired observations, and the conversion between it and the correlation between lead
 * time and the AVERAGE daily demand of a cycle (what the paper computed from Table 3).
 *
 * Under the model behind eq. (7) (given the lead time L, the daily demands of the cycle are
 * i.i.d. with a mean linear in L and a variance that does not depend on L; the bivariate-normal
 * model of sim/bivariate-normal.ts is one case):
 *   Cov(L, d) = Cov(L, A) = ρ·σd·σt  (A = cycle-average daily demand),
 *   Var(A) = σd²·(ρ² + (1 − ρ²)·E[1/L]),
 * hence
 *   ρA = ρ / sqrt(ρ² + (1 − ρ²)·E[1/L])           (daily → cycle average)
 *   ρ  = ρA·sqrt(E[1/L] / (1 − ρA²·(1 − E[1/L])))  (cycle average → daily).
 * With lead times of several days E[1/L] < 1, so |ρA| > |ρ|: a cycle average is less noisy
 * than a day, so it correlates more strongly with L. For Table 2, E[1/L] = 0.2120 and
 * ρA = −0.1954 means a daily ρ of about −0.091.
 */
import { mean, sampleCorrelation, sampleCovariance, sampleStandardDeviation, variance } from 'simple-statistics';
import { checkNumberShort } from '../../core/validate.ts';

/**
 * Pearson's correlation coefficient, eq. (8) (Izar Landeta et al. 2015):
 * r = Σ(xi − x̄)(yi − ȳ) / sqrt(Σ(xi − x̄)²·Σ(yi − ȳ)²).
 * Domain: n ≥ 2 pairs, neither variable constant.
 */
export function pearsonCorrelation(x: readonly number[], y: readonly number[], names: [string, string] = ['x', 'y']): number {
  if (x.length !== y.length) throw new RangeError(`${names[0]} and ${names[1]} must have the same number of observations, got ${x.length} and ${y.length}`);
  if (x.length < 2) throw new RangeError(`a correlation needs at least 2 pairs, got ${x.length}`);
  for (let i = 0; i < x.length; i++) {
    checkNumberShort(x[i], `${names[0]}[${i}]`);
    checkNumberShort(y[i], `${names[1]}[${i}]`);
  }
  if (x.every((v) => v === x[0])) throw new RangeError(`${names[0]} is constant, so its correlation is undefined`);
  if (y.every((v) => v === y[0])) throw new RangeError(`${names[1]} is constant, so its correlation is undefined`);
  return Math.max(-1, Math.min(1, sampleCorrelation(x as number[], y as number[])));
}

function checkMeanReciprocal(e: number): number {
  return checkNumberShort(e, 'meanReciprocalLeadTime (E[1/L], 1/days)', 'positive');
}

/**
 * Correlation of L with the cycle-average daily demand A implied by a daily correlation ρ:
 * ρA = ρ / sqrt(ρ² + (1 − ρ²)·E[1/L]). Domain |ρ| ≤ 1, E[1/L] > 0.
 */
export function cycleAverageCorrelation(dailyCorrelation: number, meanReciprocalLeadTime: number): number {
  const rho = checkNumberShort(dailyCorrelation, 'dailyCorrelation (ρ)', 'correlation');
  const e = checkMeanReciprocal(meanReciprocalLeadTime);
  if (rho === 0) return 0;
  return rho / Math.sqrt(rho * rho + (1 - rho * rho) * e);
}

/**
 * Daily correlation ρ implied by the cycle-average correlation ρA (inverse of
 * cycleAverageCorrelation): ρ = ρA·sqrt(E[1/L] / (1 − ρA²·(1 − E[1/L]))).
 * Domain |ρA| ≤ 1, E[1/L] > 0; the result lies in [−1, 1].
 */
export function dailyCorrelationFromCycleAverage(cycleAverageCorr: number, meanReciprocalLeadTime: number): number {
  const ra = checkNumberShort(cycleAverageCorr, 'cycleAverageCorrelation (ρA)', 'correlation');
  const e = checkMeanReciprocal(meanReciprocalLeadTime);
  const r = ra * Math.sqrt(e / (1 - ra * ra * (1 - e)));
  return Math.max(-1, Math.min(1, r));
}

/** One replenishment cycle: its lead time and the average daily demand during it. */
export interface CycleObservation {
  /** L [days], > 0 */
  leadTime: number;
  /** A = (demand during the lead time)/L [units/day], ≥ 0 */
  averageDailyDemand: number;
}

/** One replenishment cycle with its daily demands during the lead time. */
export interface DailyCycleObservation {
  /** L [days], > 0 */
  leadTime: number;
  /** the daily demands during the lead time [units/day], at least one */
  demands: number[];
}

/** What can be estimated from paired observations, with the two correlations kept apart. */
export interface CorrelationEstimate {
  /** number of cycles */
  cycles: number;
  /** number of daily records (daily data only) */
  days?: number;
  /** μt estimate [days] */
  meanLeadTime: number;
  /** σt estimate [days] (n − 1 denominator) */
  sdLeadTime: number;
  /** μd estimate [units/day] */
  meanDailyDemand: number;
  /** σd estimate [units/day] (from daily records; from cycle averages through the model) */
  sdDailyDemand: number;
  /** E[1/L] of the observed lead times [1/days] */
  meanReciprocalLeadTime: number;
  /** ρA: Pearson correlation of L with the cycle-average demand (what the paper computed) */
  cycleAverageCorrelation: number;
  /** ρ: correlation of L with daily demand (what eqs. 6–7 need) */
  dailyCorrelation: number;
  /** daily data only: Pearson over all (L, day) rows pooled, which over-weights long cycles */
  pooledDailyRowsCorrelation?: number;
  /** how ρ was obtained */
  method: 'daily records (cycle-weighted moments)' | 'cycle averages converted under the model';
}

/**
 * ρ from cycle averages (the paper's Table 3 form): ρA = Pearson(L, A) (eq. 8), then the
 * daily ρ by dailyCorrelationFromCycleAverage with the sample's E[1/L]; μd = mean of A (E[A]
 * = μd under the model), σd² = Var(A)/(ρ² + (1 − ρ²)·E[1/L]) (model-based). Needs ≥ 3 cycles.
 */
export function estimateFromCycles(cycles: readonly CycleObservation[]): CorrelationEstimate {
  if (!Array.isArray(cycles) || cycles.length < 3) throw new RangeError(`need at least 3 replenishment cycles to estimate a correlation, got ${Array.isArray(cycles) ? cycles.length : 0}`);
  const L = cycles.map((c, i) => checkNumberShort(c.leadTime, `cycle ${i + 1} leadTime (days)`, 'positive'));
  const A = cycles.map((c, i) => checkNumberShort(c.averageDailyDemand, `cycle ${i + 1} averageDailyDemand (units/day)`, 'nonneg'));
  const e = mean(L.map((v) => 1 / v));
  const ra = pearsonCorrelation(L, A, ['leadTime', 'averageDailyDemand']);
  const rho = dailyCorrelationFromCycleAverage(ra, e);
  return {
    cycles: cycles.length,
    meanLeadTime: mean(L),
    sdLeadTime: sampleStandardDeviation(L),
    meanDailyDemand: mean(A),
    sdDailyDemand: sampleStandardDeviation(A) / Math.sqrt(rho * rho + (1 - rho * rho) * e),
    meanReciprocalLeadTime: e,
    cycleAverageCorrelation: ra,
    dailyCorrelation: rho,
    method: 'cycle averages converted under the model',
  };
}

/**
 * ρ from daily records grouped by cycle, with every cycle weighted equally (the unit of the
 * model is the replenishment cycle; pooling day rows would weight a cycle by its length):
 *   μd = mean over cycles of A_j, σd² = mean over cycles of mean_i (d_ji − μd)²,
 *   Cov(L, d) = mean over cycles of (L_j − μt)(A_j − μd), ρ = Cov/(σt·σd)
 * with population (1/n) moments throughout so that ρ stays in [−1, 1]; σt is reported with
 * the n − 1 denominator. Also reports ρA and the pooled-rows Pearson for comparison.
 */
export function estimateFromDaily(cycles: readonly DailyCycleObservation[]): CorrelationEstimate {
  if (!Array.isArray(cycles) || cycles.length < 3) throw new RangeError(`need at least 3 replenishment cycles to estimate a correlation, got ${Array.isArray(cycles) ? cycles.length : 0}`);
  const n = cycles.length;
  const L = cycles.map((c, j) => checkNumberShort(c.leadTime, `cycle ${j + 1} leadTime (days)`, 'positive'));
  const days: number[][] = cycles.map((c, j) => {
    if (!Array.isArray(c.demands) || c.demands.length === 0) throw new RangeError(`cycle ${j + 1} has no daily demand records`);
    return c.demands.map((d: number, i: number) => checkNumberShort(d, `cycle ${j + 1} day ${i + 1} demand (units)`, 'nonneg'));
  });
  const A = days.map((d) => mean(d));
  if (L.every((v) => v === L[0])) throw new RangeError('leadTime is constant over the cycles, so its correlation with demand is undefined');
  const md = mean(A);
  // population (1/n) moments over cycles: Var(L), Cov(L, A), and σd² = mean over cycles of mean_i (d_ji − μd)²
  const varL = variance(L);
  const cov = (sampleCovariance(L, A) * (n - 1)) / n;
  const varD = mean(days.map((d) => mean(d.map((v) => (v - md) ** 2))));
  if (varD === 0) throw new RangeError('daily demand is constant, so its correlation with lead time is undefined');
  const rowsL = cycles.flatMap((c, j) => days[j]!.map(() => c.leadTime));
  const rowsD = days.flat();
  return {
    cycles: n,
    days: rowsD.length,
    meanLeadTime: mean(L),
    sdLeadTime: sampleStandardDeviation(L),
    meanDailyDemand: md,
    sdDailyDemand: Math.sqrt(varD),
    meanReciprocalLeadTime: mean(L.map((v) => 1 / v)),
    cycleAverageCorrelation: pearsonCorrelation(L, A, ['leadTime', 'averageDailyDemand']),
    dailyCorrelation: Math.max(-1, Math.min(1, cov / Math.sqrt(varL * varD))),
    pooledDailyRowsCorrelation: pearsonCorrelation(rowsL, rowsD, ['leadTime', 'demand']),
    method: 'daily records (cycle-weighted moments)',
  };
}
