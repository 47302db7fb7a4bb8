/**
 * Reorder point when lead time and daily demand are correlated: the formulas of
 * Izar Landeta, Ynzunza Cortés & Zermeño Pérez, "Cálculo del punto de reorden cuando el tiempo
 * de entrega y la demanda están correlacionados", Contaduría y Administración 60(4), 2015,
 * pp. 864–873, who apply Wang, Zinn & Croxton (2010, POM 19:480–484).
 *
 * The paper's equations were images and are missing from its text; the reconstruction below
 * (README.md in this folder writes it out) reproduces every printed number (Z = 1.065, σ = 5.35,
 * Table 4). README.md also lists the errata and conventions.
 *
 * Units: demand in units per day, lead time in days, lead-time demand in units.
 */
import { goldenSectionMinimize } from '../../core/optimize.ts';
import { normalQuantile } from '../../core/normal.ts';
import { checkNumberShort } from '../../core/validate.ts';

/** Means and standard deviations of daily demand and lead time (the paper's μd, σd, μt, σt). */
export interface DemandLeadTimeMoments {
  /** μd: mean daily demand [units/day], > 0 */
  meanDailyDemand: number;
  /** σd: standard deviation of daily demand [units/day], > 0 */
  sdDailyDemand: number;
  /** μt: mean lead time [days], > 0 */
  meanLeadTime: number;
  /** σt: standard deviation of lead time [days], > 0 */
  sdLeadTime: number;
}

/** Cost inputs of eq. (3). */
export interface ServiceCosts {
  /** Cf: cost of each stock-out [$ per stock-out (per cycle with a shortage)], > 0 */
  shortageCost: number;
  /** Cm: holding cost [$ per unit per year], > 0 */
  holdingCost: number;
  /** D: annual demand [units/year], > 0 */
  annualDemand: number;
  /** Q: order quantity [units/order], > 0 */
  orderQuantity: number;
}

/** Mean and spread of lead-time demand X (units). */
export interface LeadTimeDemand {
  /** E(X) [units] */
  mean: number;
  /** Var(X) [units²] */
  variance: number;
  /** σ(X) = sqrt(Var(X)) [units] (the paper's σz) */
  sd: number;
}

/** A reorder point with its intermediates. */
export interface ReorderPoint extends LeadTimeDemand {
  /** P(z): target probability of no stock-out per replenishment cycle */
  serviceLevel: number;
  /** Z = Φ⁻¹(P(z)): safety factor */
  z: number;
  /** B = Z·σz: safety stock [units] (eq. 2) */
  safetyStock: number;
  /** PR = E(X) + B [units] (eq. 1 or eq. 5) */
  reorderPoint: number;
}

/** Check the four moments: means and standard deviations must be positive. */
export function validateMoments(m: DemandLeadTimeMoments, prefix = ''): DemandLeadTimeMoments {
  if (m === null || typeof m !== 'object') throw new TypeError(`${prefix || 'parameters'} must be an object with meanDailyDemand, sdDailyDemand, meanLeadTime, sdLeadTime`);
  return {
    meanDailyDemand: checkNumberShort(m.meanDailyDemand, `${prefix}meanDailyDemand (μd, units/day)`, 'positive'),
    sdDailyDemand: checkNumberShort(m.sdDailyDemand, `${prefix}sdDailyDemand (σd, units/day)`, 'positive'),
    meanLeadTime: checkNumberShort(m.meanLeadTime, `${prefix}meanLeadTime (μt, days)`, 'positive'),
    sdLeadTime: checkNumberShort(m.sdLeadTime, `${prefix}sdLeadTime (σt, days)`, 'positive'),
  };
}

/**
 * Cost odds o = Cf·D / (Cm·Q): expected stock-out cost avoided per unit of holding cost, the
 * odds P/(1 − P) of the service level of eq. (3). Domain: all inputs > 0.
 */
export function costOdds(costs: ServiceCosts): number {
  const cf = checkNumberShort(costs?.shortageCost, 'shortageCost (Cf, $ per stock-out)', 'positive');
  const cm = checkNumberShort(costs?.holdingCost, 'holdingCost (Cm, $ per unit per year)', 'positive');
  const d = checkNumberShort(costs?.annualDemand, 'annualDemand (D, units/year)', 'positive');
  const q = checkNumberShort(costs?.orderQuantity, 'orderQuantity (Q, units/order)', 'positive');
  return (cf * d) / (cm * q);
}

/**
 * Service level from costs, eq. (3) (Izar Landeta et al. 2015):
 * P(z) = Cf·D / (Cf·D + Cm·Q) = o/(1 + o), o = Cf·D/(Cm·Q).
 * The classic cost-optimal probability of no stock-out per cycle with a fixed cost per
 * stock-out occasion: 1 − P = Cm·Q/(Cf·D). Example: Cf = 1300, Cm = 3000, D = 1240, Q = 90 →
 * P = 0.85654, Z = 1.065. Domain: all inputs > 0; result in (0, 1).
 */
export function serviceLevelFromCosts(costs: ServiceCosts): number {
  const o = costOdds(costs);
  return o / (1 + o);
}

/**
 * Safety factor Z = Φ⁻¹(P(z)), the standard normal quantile of the service level (eq. 2).
 * Domain 0 < P < 1.
 */
export function safetyFactor(serviceLevel: number): number {
  return normalQuantile(checkNumberShort(serviceLevel, 'serviceLevel (P(z))', 'openProbability', 'a service level; 0 and 1 have no finite normal quantile'));
}

/**
 * Lead-time demand without correlation, eqs. (1) and (4):
 * E(X) = μt·μd, σz = sqrt(μt·σd² + μd²·σt²).
 * Exact for a random sum of i.i.d. daily demands over an independent lead time.
 */
export function traditionalLeadTimeDemand(moments: DemandLeadTimeMoments): LeadTimeDemand {
  const { meanDailyDemand: md, sdDailyDemand: sd, meanLeadTime: mt, sdLeadTime: st } = validateMoments(moments);
  const variance = mt * sd * sd + md * md * st * st;
  return { mean: mt * md, variance, sd: Math.sqrt(variance) };
}

/**
 * Lead-time demand with correlation ρ between lead time and DAILY demand, eqs. (6) and (7)
 * (Wang, Zinn & Croxton 2010, as reconstructed in README.md):
 * E(X) = μt·μd + ρ·σd·σt,
 * Var(X) = μt·σd²·(1 − ρ²) + (μd·σt + ρ·σd·μt)² + 2·ρ²·σd²·σt².
 * Exact under the bivariate-normal model (lead time L ~ N(μt, σt²); given L, daily demands
 * i.i.d. N(μd + ρ·σd·(L − μt)/σt, σd²·(1 − ρ²)) accumulated over L days); the last term is
 * ρ²σd²σt²·Var(Z²) with Var(Z²) = 2 for a normal lead time (see sim/ for other
 * lead-time shapes). At ρ = 0 it reduces to eq. (4). Domain: |ρ| ≤ 1.
 */
export function correlatedLeadTimeDemand(moments: DemandLeadTimeMoments, correlation: number): LeadTimeDemand {
  const { meanDailyDemand: md, sdDailyDemand: sd, meanLeadTime: mt, sdLeadTime: st } = validateMoments(moments);
  const rho = checkNumberShort(correlation, 'correlation (ρ, lead time vs daily demand)', 'correlation');
  const cross = md * st + rho * sd * mt;
  const variance = mt * sd * sd * (1 - rho * rho) + cross * cross + 2 * rho * rho * sd * sd * st * st;
  return { mean: mt * md + rho * sd * st, variance, sd: Math.sqrt(variance) };
}

function withSafetyStock(ltd: LeadTimeDemand, serviceLevel: number): ReorderPoint {
  const z = safetyFactor(serviceLevel);
  const safetyStock = z * ltd.sd;
  return { ...ltd, serviceLevel, z, safetyStock, reorderPoint: ltd.mean + safetyStock };
}

/**
 * Traditional reorder point, eqs. (1), (2), (4): PR = μt·μd + B, B = Z·σz,
 * σz = sqrt(μt·σd² + μd²·σt²). Example (paper): 27.05 units at P = 0.8565.
 */
export function traditionalReorderPoint(moments: DemandLeadTimeMoments, serviceLevel: number): ReorderPoint {
  return withSafetyStock(traditionalLeadTimeDemand(moments), serviceLevel);
}

/**
 * Correlated reorder point, eq. (5): PR = E(X) + Z·sqrt(Var(X)) with E(X), Var(X) from eqs.
 * (6), (7). Example (paper): σ = 5.35 and PR = 25.21 at ρ = −0.1954, P = 0.8565.
 */
export function correlatedReorderPoint(moments: DemandLeadTimeMoments, correlation: number, serviceLevel: number): ReorderPoint {
  return withSafetyStock(correlatedLeadTimeDemand(moments, correlation), serviceLevel);
}

/** One point of the reorder point against ρ (Figure 1). */
export interface CurvePoint {
  correlation: number;
  reorderPoint: number;
}

/**
 * The reorder point of eq. (5) over a grid of correlations from −1 to 1 with `steps` intervals
 * (Figure 1 uses the example's P = 0.8565). Grid points are rounded to 12 decimals so that
 * −0.6 is exactly −0.6.
 */
export function reorderPointCurve(moments: DemandLeadTimeMoments, serviceLevel: number, steps = 20): CurvePoint[] {
  if (!(Number.isInteger(steps) && steps >= 1)) throw new RangeError(`steps must be a positive integer, got ${steps}`);
  const out: CurvePoint[] = [];
  for (let i = 0; i <= steps; i++) {
    const correlation = Math.round((-1 + (2 * i) / steps) * 1e12) / 1e12;
    out.push({ correlation, reorderPoint: correlatedReorderPoint(moments, correlation, serviceLevel).reorderPoint });
  }
  return out;
}

/** Smallest reorder point on a curve and where it lies (Table 4's "PR min" uses steps = 20, i.e. a 0.1 grid). */
export function curveMinimum(curve: readonly CurvePoint[]): CurvePoint {
  if (curve.length === 0) throw new RangeError('curve must not be empty');
  let best = curve[0]!;
  for (const p of curve) if (p.reorderPoint < best.reorderPoint) best = p;
  return best;
}

/**
 * The ρ that minimises eq. (5) on [−1, 1]: the best point of a 0.001 grid, refined by
 * golden-section search on the two grid cells around it. Eq. (5) is a line plus Z times the
 * square root of a quadratic q(ρ) = aρ² + bρ + c, which is convex when 4ac − b² ≥ 0 (true for
 * the paper's inputs); the grid guards against the non-convex case. Complements the 0.1 grid
 * of Table 4's "PR min".
 */
export function exactMinimum(moments: DemandLeadTimeMoments, serviceLevel: number): CurvePoint {
  const f = (r: number) => correlatedReorderPoint(moments, r, serviceLevel).reorderPoint;
  const grid = 2000;
  let bestI = 0;
  let bestF = Infinity;
  for (let i = 0; i <= grid; i++) {
    const v = f(-1 + (2 * i) / grid);
    if (v < bestF) {
      bestF = v;
      bestI = i;
    }
  }
  const a = -1 + (2 * Math.max(0, bestI - 1)) / grid;
  const b = -1 + (2 * Math.min(grid, bestI + 1)) / grid;
  const mid = goldenSectionMinimize(f, a, b, 1e-12);
  const fm = f(mid);
  return fm <= bestF ? { correlation: mid, reorderPoint: fm } : { correlation: -1 + (2 * bestI) / grid, reorderPoint: bestF };
}

/**
 * Relative difference of the traditional over the correlated reorder point, in percent:
 * 100·(PR libre − PR corr)/PR corr. This is the paper's reading (7.3 % in the example:
 * (27.05 − 25.21)/25.21; 14.1 % and 3.8 % at the extreme rows of Table 4).
 */
export function percentDifference(traditional: number, correlated: number): number {
  return (100 * (traditional - correlated)) / correlated;
}

/** The paper's advice (Conclusions): use Wang's formulas only when |ρ| ≥ 0.5. */
export function paperAdvice(correlation: number): 'correlated' | 'traditional' {
  return Math.abs(checkNumberShort(correlation, 'correlation (ρ)', 'correlation')) >= 0.5 ? 'correlated' : 'traditional';
}
