/**
 * Steps 1 and 2 of Katircioglu, Brown & Asghar (2007) from raw observations (sums, as the
 * paper's SQL computes them), and the batch over many SKUs. Pure.
 */
import { solveSqlPolicy } from './model.ts';
import type { LeadTimeComponents, SqlPolicyParams, SqlPolicyResult } from './types.ts';
import { sampleMeanSd } from '../../core/stats.ts';

export { sampleMeanSd } from '../../core/stats.ts';

/** Step 1 statistics of one SKU (order-level). */
export interface OrderStatistics {
  /** N, order lines in the window */
  N: number;
  /** T, days in the data window */
  T: number;
  /** TOQ, sum of order quantities; TOQS, sum of their squares */
  TOQ: number;
  TOQS: number;
  /** AOQ = TOQ/N, SOQ = sqrt((TOQS − N·AOQ²)/(N − 1)), OAR = N/T */
  AOQ: number;
  SOQ: number;
  OAR: number;
}

/**
 * Step 1: AOQ = TOQ/N, SOQ = sqrt((TOQS − N·AOQ²)/(N − 1)), OAR = N/T (orders per day).
 * AOD = OAR·AOQ and SOD follow in solveSqlPolicy (printed or corrected SOD).
 * @param n N ≥ 2 order lines; @param sum TOQ; @param sumSquares TOQS; @param days T > 0 days
 */
export function orderStatistics(n: number, sum: number, sumSquares: number, days: number): OrderStatistics {
  if (!(days > 0)) throw new RangeError(`the data window T must be > 0 days, got ${days}`);
  const { mean, sd } = sampleMeanSd(n, sum, sumSquares);
  return { N: n, T: days, TOQ: sum, TOQS: sumSquares, AOQ: mean, SOQ: sd, OAR: n / days };
}

/** How the data window T is counted (README, "Data window"). */
export type WindowMode = 'calendar' | 'trading';

/**
 * T of the data window: 'calendar' = last − first date + 1 (calendar days, the unit of the
 * lead times); 'trading' = number of distinct dates with any order in the file.
 */
export function dataWindowDays(minDay: number, maxDay: number, tradingDays: number, mode: WindowMode): number {
  return mode === 'calendar' ? maxDay - minDay + 1 : tradingDays;
}

/** One SKU of a batch: its order sums and lead-time components. */
export interface SkuInput {
  sku: string;
  n: number;
  sum: number;
  sumSquares: number;
  leadTime: LeadTimeComponents;
}

export interface SkuPolicy {
  stats: OrderStatistics;
  result: SqlPolicyResult;
}

/**
 * Steps 1-7 for every SKU: Step 1 from the order sums over a common window T, then
 * solveSqlPolicy with the shared settings. Errors name the SKU.
 */
export function solveForSkus(skus: readonly SkuInput[], days: number, settings: Omit<SqlPolicyParams, 'sku' | 'demand' | 'leadTime'>): SkuPolicy[] {
  const out: SkuPolicy[] = [];
  for (const s of skus) {
    try {
      const stats = orderStatistics(s.n, s.sum, s.sumSquares, days);
      const result = solveSqlPolicy({ ...settings, sku: s.sku, demand: { orderRate: stats.OAR, meanOrderSize: stats.AOQ, sdOrderSize: stats.SOQ }, leadTime: s.leadTime });
      out.push({ stats, result });
    } catch (e) {
      const err = e as Error;
      const wrapped = err instanceof TypeError ? new TypeError(`SKU '${s.sku}': ${err.message}`) : new RangeError(`SKU '${s.sku}': ${err.message}`);
      throw wrapped;
    }
  }
  return out;
}

/** The outcome of one SKU of a batch that goes on past errors. */
export type SkuOutcome = ({ status: 'ok' } & SkuPolicy & { sku: string }) | { status: 'error'; sku: string; reason: string };

/**
 * Steps 1-7 for every SKU it can: like solveForSkus, but a SKU whose computation fails (e.g. a
 * single order line, or a case-1B ratio LOT·HCOST/(AOD·SCOST) not below 1) is reported with
 * status 'error' and the reason, and the others are still computed. Outcomes in input order.
 */
export function solveEachSku(skus: readonly SkuInput[], days: number, settings: Omit<SqlPolicyParams, 'sku' | 'demand' | 'leadTime'>): SkuOutcome[] {
  return skus.map((s): SkuOutcome => {
    try {
      const [one] = solveForSkus([s], days, settings);
      return { status: 'ok', sku: s.sku, ...one! };
    } catch (e) {
      return { status: 'error', sku: s.sku, reason: (e as Error).message.replace(`SKU '${s.sku}': `, '') };
    }
  });
}
