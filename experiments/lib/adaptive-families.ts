/**
 * The policy families compared by the adaptive-policy experiments, built per SKU from its
 * training window, each traced over its own parameter (a service target, or days of supply):
 * - 'static': the policy of Katircioglu, Brown & Asghar (2007) as the sql-policy backtest
 *   computes it (objective 6, fill rate; continuous review sQ; corrected SOD; exact k; the
 *   default lot; whole units), one policy per fill-rate target;
 * - 'adaptive-<method>': the forecast-driven (R, s, S) of src/policy/adaptive.ts, reviewed daily
 *   (R = 1), safety stock from the forecast errors by <method> (src/forecast/safety-stock.ts),
 *   one policy per fill-rate target; its order cover c = round(LOT/AOD) days of forecast demand,
 *   so its orders are as large, in days of demand, as the static lot: cycle stock is matched and
 *   stock differences come from the levels, not from ordering more often;
 * - 'days-of-supply': the static policy's lot with ROP = ADLT + d·AOD, one policy per d;
 * - 'no-safety-stock': ROP = ADLT (one point).
 */
import { solveSqlPolicy } from '../../src/models/sql-policy/model.ts';
import { wholeUnitPolicy } from '../../src/models/sql-policy/policy.ts';
import { orderStatistics } from '../../src/models/sql-policy/raw.ts';
import { withReorderPoint } from '../../src/models/sql-policy/backtest/baselines.ts';
import type { LeadTimeComponents, SqlPolicyResult } from '../../src/models/sql-policy/types.ts';
import type { ForecasterSpec } from '../../src/forecast/spec.ts';
import type { SafetyStockSpec } from '../../src/forecast/safety-stock.ts';
import type { InventoryPolicy } from '../../src/policy/types.ts';
import type { KernelPolicy } from './adaptive-kernel.ts';

/** The papers behind the adaptive-policy experiments: the white paper whose claim they test, and the static policy they test it against. */
export const ADAPTIVE_SEEDS = ['Prabu, "The Role of AI-Driven Algorithms in Optimizing Retail Inventory Management"', 'Katircioglu, Brown & Asghar (2007)'];

export const STATIC = 'static';
export const DOS = 'days-of-supply';
export const NO_SS = 'no-safety-stock';

/** One point of a family's curve. */
export interface PolicyPoint {
  family: string;
  /** the fill-rate target (static, adaptive, simopt), days of supply, or 'csl <p>' for an adaptive point set by a cycle-service quantile */
  parameter: number | string;
  policy: KernelPolicy;
}

export interface FamilySettings {
  /** fill-rate targets traced by the static and adaptive families */
  targets: number[];
  /** days of supply traced by the days-of-supply family */
  dosDays: number[];
  /** safety-stock methods of the adaptive families */
  ssMethods: SafetyStockSpec['method'][];
  /** the adaptive forecaster */
  forecaster: ForecasterSpec;
  /** the lead time the adaptive policies plan for (days) */
  planLeadTime: number;
  /** the target whose static policy sets the lot, the cover and the starting stock */
  mainTarget: number;
  /**
   * cycle-service quantiles p of extra adaptive points (SS = the p-quantile of the errors, below
   * the median for p < 0.5): they extend the adaptive curves to less stock than any fill-rate
   * target gives (with daily review the fill-rate rule of src/policy/adaptive.ts protects against
   * one day's shortage per cycle, so even low fill-rate targets hold much stock)
   */
  lowQuantiles?: number[];
  /** per safety-stock method, its further options (e.g. bootstrap replicates) */
  ssOptions?: Partial<Record<SafetyStockSpec['method'], Omit<SafetyStockSpec, 'method'>>>;
}

/** The static policy's training statistics: order lines, their sum and sum of squares, window (days). */
export interface TrainingStats {
  sku: string;
  n: number;
  sum: number;
  sumSquares: number;
  days: number;
  leadTime: LeadTimeComponents;
}

/** Steps 1-7 of Katircioglu, Brown & Asghar (2007) for a fill-rate target (sQ, corrected, exact k), as the backtest's obj6-continuous. */
export function staticResult(t: TrainingStats, target: number): SqlPolicyResult {
  const st = orderStatistics(t.n, t.sum, t.sumSquares, t.days);
  return solveSqlPolicy({ sku: t.sku, objective: 'fill-rate', target, review: 'continuous', lot: { rule: 'default' }, variant: 'corrected', kMethod: 'exact', demand: { orderRate: st.OAR, meanOrderSize: st.AOQ, sdOrderSize: st.SOQ }, leadTime: t.leadTime });
}

/** The adaptive policy of one safety-stock method and target. */
export function adaptivePolicy(s: FamilySettings, method: SafetyStockSpec['method'], target: number, cover: number, initialStock: number, forecaster: ForecasterSpec = s.forecaster, metric: 'fillRate' | 'cycleServiceLevel' = 'fillRate'): InventoryPolicy {
  return { kind: 'adaptive', forecaster, safetyStock: { method, ...(s.ssOptions?.[method] ?? {}) }, reviewPeriod: 1, leadTime: s.planLeadTime, target: { metric, value: target }, orderCover: cover, initialStock, lotRule: { multiple: 1 } };
}

/** One adaptive family's points: the low cycle-service quantiles, then the fill-rate targets. */
export function adaptiveFamily(s: FamilySettings, family: string, method: SafetyStockSpec['method'], cover: number, initialStock: number, forecaster: ForecasterSpec = s.forecaster): PolicyPoint[] {
  return [
    ...(s.lowQuantiles ?? []).map((q) => ({ family, parameter: `csl ${q}`, policy: adaptivePolicy(s, method, q, cover, initialStock, forecaster, 'cycleServiceLevel') })),
    ...s.targets.map((p) => ({ family, parameter: p, policy: adaptivePolicy(s, method, p, cover, initialStock, forecaster) })),
  ];
}

/** Cover c and starting stock of the adaptive policies, from the main static policy. */
export function adaptiveShape(main: SqlPolicyResult): { cover: number; initialStock: number } {
  const cover = main.AOD > 0 ? Math.max(0, Math.round(main.LOT / main.AOD)) : 0;
  return { cover, initialStock: Math.max(0, Math.ceil(main.ROP + main.LOT)) };
}

/** Every family's points for one SKU (whole-unit static policies, as the backtest runs them). */
export function familyPoints(t: TrainingStats, s: FamilySettings): { points: PolicyPoint[]; main: SqlPolicyResult } {
  const main = staticResult(t, s.mainTarget);
  const points: PolicyPoint[] = s.targets.map((p) => ({ family: STATIC, parameter: p, policy: wholeUnitPolicy(staticResult(t, p).policy) }));
  const { cover, initialStock } = adaptiveShape(main);
  for (const m of s.ssMethods) points.push(...adaptiveFamily(s, `adaptive-${m}`, m, cover, initialStock));
  for (const d of s.dosDays) points.push({ family: DOS, parameter: d, policy: wholeUnitPolicy(withReorderPoint(main, main.ADLT + d * main.AOD)) });
  points.push({ family: NO_SS, parameter: 0, policy: wholeUnitPolicy(withReorderPoint(main, main.ADLT)) });
  return { points, main };
}
