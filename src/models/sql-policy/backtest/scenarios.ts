/**
 * Synthetic demand and lead-time processes for validating the sql-policy model (Katircioglu,
 * Brown & Asghar 2007) by simulation: one that meets the paper's assumptions (Poisson order arrivals,
 * normal order sizes, normal lead times) and realistic violations of them. The model is fed the
 * exact moments of the process it is tested on (what a perfect Step 1-2 estimate would give),
 * so any shortfall comes from the formulas, not from estimation. Pure.
 */
import { normalQuantile } from '../../../core/normal.ts';
import { orderSizeMoments, type DemandSpec, type OrderSizeSpec } from '../../../dist/demand.ts';
import { leadTimeMoments, type LeadTimeSpec } from '../../../dist/lead-time.ts';
import type { DemandInput, LeadTimeComponents } from '../types.ts';

export interface SyntheticScenario {
  id: string;
  label: string;
  /** compound Poisson demand: orders per day and the order-size law */
  ordersPerDay: number;
  orderSize: OrderSizeSpec;
  leadTime: LeadTimeSpec;
}

/**
 * A lognormal law with the given mean and coefficient of variation, discretised to `n` equally
 * likely values at the quantiles (i + ½)/n, rounded to whole units (≥ `minValue`): an empirical
 * spec the engine samples exactly and whose moments are known exactly.
 * ln X ~ N(μ, σ²) with σ² = ln(1 + cv²), μ = ln(mean) − σ²/2.
 */
export function lognormalEmpirical(mean: number, cv: number, n = 2000, minValue = 1): number[] {
  const s2 = Math.log(1 + cv * cv);
  const mu = Math.log(mean) - s2 / 2;
  const s = Math.sqrt(s2);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.max(minValue, Math.round(Math.exp(mu + s * normalQuantile((i + 0.5) / n)))));
  return out;
}

/** The scenarios of experiment sql-policy-service. */
export function serviceScenarios(): SyntheticScenario[] {
  const normalLead: LeadTimeSpec = { kind: 'normal', mean: 8, sd: 2, integer: true };
  const normalSize: OrderSizeSpec = { kind: 'normalRounded', mean: 10, sd: 4 };
  return [
    { id: 'assumptions', label: "paper's assumptions: 4 orders/day, normal sizes 10 ± 4, normal lead time 8 ± 2 days", ordersPerDay: 4, orderSize: normalSize, leadTime: normalLead },
    { id: 'low-volume', label: 'low volume: 0.3 orders/day (otherwise as assumed)', ordersPerDay: 0.3, orderSize: normalSize, leadTime: normalLead },
    { id: 'gamma-sizes', label: 'lumpy order sizes: gamma, mean 10, CV 2', ordersPerDay: 4, orderSize: { kind: 'gamma', mean: 10, sd: 20 } },
    { id: 'lognormal-sizes', label: 'heavy-tailed order sizes: lognormal, mean 10, CV 3 at 2,000 quantiles (CV 2.6 after discretisation), whole units', ordersPerDay: 4, orderSize: { kind: 'empirical', values: lognormalEmpirical(10, 3) } },
    { id: 'skewed-lead-time', label: 'skewed lead time: lognormal, mean 8, CV 0.75 (whole days)', ordersPerDay: 4, orderSize: normalSize, leadTime: { kind: 'empirical', values: lognormalEmpirical(8, 0.75, 2000, 0) } },
  ].map((s) => ({ leadTime: normalLead, ...s }) as SyntheticScenario);
}

/** The engine's demand spec of a scenario. */
export function scenarioDemand(s: SyntheticScenario): DemandSpec {
  return { kind: 'compoundPoisson', ordersPerPeriod: s.ordersPerDay, orderSize: s.orderSize };
}

/** Exact Step 1-2 inputs of the model for a scenario: OAR, AOQ, SOQ and the lead time's mean and sd. */
export function scenarioModelInputs(s: SyntheticScenario): { demand: DemandInput; leadTime: LeadTimeComponents } {
  const m = orderSizeMoments(s.orderSize);
  const l = leadTimeMoments(s.leadTime);
  return {
    demand: { orderRate: s.ordersPerDay, meanOrderSize: m.mean, sdOrderSize: Math.sqrt(m.variance) },
    leadTime: { supply: { mean: l.mean, sd: Math.sqrt(l.variance) } },
  };
}
