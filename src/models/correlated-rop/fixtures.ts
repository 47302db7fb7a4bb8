/**
 * The worked example of Izar Landeta, Ynzunza Cortés & Zermeño Pérez (2015), as printed, as
 * named fixtures for tests, experiments and the CLI example. Numbers are the paper's; the
 * comments say where each comes from.
 */
import type { DiscreteDistribution } from './distributions.ts';
import type { DemandLeadTimeMoments, ServiceCosts } from './formulas.ts';
import type { CorrelatedRopInput } from './solve.ts';

/** Table 1: daily demand of the electronic device, 0..8 units/day. */
export const TABLE1_DAILY_DEMAND: DiscreteDistribution = {
  values: [0, 1, 2, 3, 4, 5, 6, 7, 8],
  probabilities: [0.05, 0.09, 0.12, 0.14, 0.2, 0.15, 0.11, 0.08, 0.06],
};

/** Table 2: supplier lead time, 3..7 days. */
export const TABLE2_LEAD_TIME: DiscreteDistribution = {
  values: [3, 4, 5, 6, 7],
  probabilities: [0.11, 0.22, 0.34, 0.22, 0.11],
};

/** The moments the paper prints (Resultados): μd = 4, μt = 5, σd = 2.121, σt = 1.155. */
export const PRINTED_MOMENTS: DemandLeadTimeMoments = { meanDailyDemand: 4, sdDailyDemand: 2.121, meanLeadTime: 5, sdLeadTime: 1.155 };

/** Costs and volumes listed under "Aplicación a un caso práctico". */
export const PAPER_COSTS: ServiceCosts = { shortageCost: 1300, holdingCost: 3000, annualDemand: 1240, orderQuantity: 90 };

/** Working days per year and orders per year printed with the example. */
export const WORKING_DAYS_PER_YEAR = 310;
export const PRINTED_ORDERS_PER_YEAR = 13.78;

/** ρ = −0.1954 from Table 3 (lead time against the cycle's AVERAGE daily demand, eq. 8). */
export const PRINTED_CORRELATION = -0.1954;

/**
 * The example as the paper solves it: printed moments, printed ρ (used as a daily ρ, as the
 * paper does) and the costs of eq. (3); solveCorrelatedRop gives PR = 27.05 and 25.21.
 */
export const PAPER_EXAMPLE_INPUT: CorrelatedRopInput = { ...PRINTED_MOMENTS, correlation: PRINTED_CORRELATION, costs: PAPER_COSTS };

/** Z = 1.065 (eq. 3 → Z); σ = 5.35 and PR = 25.21 for the correlated case; PR = 27.05 traditional (Table 4 row 0.86). */
export const PRINTED_Z = 1.065;
export const PRINTED_CORRELATED_SD = 5.35;

/** Text: difference 7.3 % in the example; 14.1 % at NS = 100 %, 3.8 % at NS = 60 %. */
export const PRINTED_PERCENT_EXAMPLE = 7.3;
export const PRINTED_PERCENT_TOP = 14.1;
export const PRINTED_PERCENT_BOTTOM = 3.8;

/** Text on Figure 1: PR = 25 at ρ = −1, minimum 23.5 at ρ = −0.6, maximum 39 at ρ = +1. */
export const PRINTED_FIGURE1 = { atMinusOne: 25, minimum: 23.5, minimumAt: -0.6, maximum: 39 };

/** Kolmogorov–Smirnov results printed in Resultados (SPSS's Z = √n·D and asymptotic p). */
export const PRINTED_KS = { demand: { z: 1.0, p: 0.27 }, leadTime: { z: 0.707, p: 0.699 } };

/**
 * The multipliers f behind Table 4's rows: P = o·f/(1 + o·f), o = Cf·D/(Cm·Q) (our
 * reading of the rounded NS labels, README.md erratum 4).
 * The printed NS labels are these P rounded to two decimals.
 */
export const TABLE4_FACTORS = [1 / 4, 1 / 3, 1 / 2, 1, 1.5, 3, 6, 30, 30000];

/** One printed row of Table 4. */
export interface Table4Row {
  /** NS label as printed (rounded) */
  ns: number;
  free: number;
  corr: number;
  max: number;
  min: number;
}

/** Table 4 as printed: PR libre (ρ = 0), PR corr (ρ = −0.1954), PR max (ρ = +1), PR min (0.1 grid). */
export const TABLE4: Table4Row[] = [
  { ns: 0.6, free: 21.66, corr: 20.86, max: 26.36, min: 19.28 },
  { ns: 0.67, free: 22.83, corr: 21.81, max: 29.13, min: 20.41 },
  { ns: 0.75, free: 24.45, corr: 23.11, max: 32.94, min: 21.66 },
  { ns: 0.86, free: 27.05, corr: 25.21, max: 39.08, min: 23.5 },
  { ns: 0.9, free: 28.47, corr: 26.36, max: 42.42, min: 24.5 },
  { ns: 0.95, free: 30.71, corr: 28.17, max: 47.71, min: 26.07 },
  { ns: 0.97, free: 32.74, corr: 29.81, max: 52.5, min: 27.45 },
  { ns: 0.99, free: 36.81, corr: 33.1, max: 62.1, min: 30.23 },
  { ns: 1.0, free: 49.09, corr: 43.01, max: 91.05, min: 38.59 },
];

/**
 * Table 3's surviving column: average daily demand of 18 replenishment cycles (units/day). The
 * lead-time column was lost in the text conversion, so ρ = −0.1954 cannot be recomputed.
 */
export const TABLE3_AVERAGE_DEMAND = [4.2, 3.4, 5.0, 3.8, 3.2, 3.33, 4.0, 3.33, 5.29, 3.0, 3.0, 5.0, 5.0, 3.0, 5.0, 2.8, 3.17, 5.2];
