/**
 * Replication rows → estimates with confidence intervals, and paired comparisons on common
 * random numbers. Metric definitions: src/sim/README.md. Pure.
 */
import { estimateMean, estimatePairedDifference, type Estimate } from '../core/stats.ts';
import { ROW_METRICS } from './engine.ts';

export { ROW_METRICS };

/** Human-readable names of the row metrics, for tables. */
export const METRIC_LABELS: Record<string, string> = {
  cycleServiceLevel: 'cycle service level',
  readyRate: 'ready rate',
  fillRate: 'fill rate',
  onTimeRequested: 'on-time delivery (requested)',
  onTimeCommitted: 'on-time delivery (committed)',
  averageOnHand: 'average on hand',
  averageBackorders: 'average backorders',
  averageInventoryPosition: 'average inventory position',
  shortUnitsPerPeriod: 'units short per period',
  lostSalesPerPeriod: 'lost sales per period',
  demandPerPeriod: 'demand per period',
  ordersPerPeriod: 'orders per period',
  orderedUnitsPerPeriod: 'units ordered per period',
  cycles: 'replenishment cycles',
  holdingCost: 'holding cost per period',
  shortageCost: 'shortage cost per period',
  orderingCost: 'ordering cost per period',
  purchaseCost: 'purchase cost per period',
  totalCost: 'total cost per period',
};

/** Metric names present in rows, in report order (known metrics first, then others by name). */
export function metricNames(rows: readonly Record<string, number>[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  const known = (ROW_METRICS as readonly string[]).filter((m) => seen.has(m));
  const other = [...seen].filter((k) => !(ROW_METRICS as readonly string[]).includes(k)).sort();
  return [...known, ...other];
}

/**
 * Estimate of every metric: mean over replications with a Student-t interval (level 0.95 by
 * default). Replications where a metric is undefined (NaN: e.g. no cycle closed) are left out
 * of that metric, so its n can be smaller than the replication count.
 */
export function summarizeRows(rows: readonly Record<string, number>[], level = 0.95): Record<string, Estimate> {
  const out: Record<string, Estimate> = {};
  for (const m of metricNames(rows)) {
    const v: number[] = [];
    for (const r of rows) {
      const x = r[m];
      if (x !== undefined && !Number.isNaN(x)) v.push(x);
    }
    if (v.length > 0) out[m] = estimateMean(v, level);
  }
  return out;
}

/**
 * Paired differences a − b per metric, replication by replication (rows of two policies run
 * with the same seed and scenario, hence on common random numbers). Replications where either
 * value is NaN are left out.
 */
export function pairedDifferences(a: readonly Record<string, number>[], b: readonly Record<string, number>[], level = 0.95): Record<string, Estimate> {
  if (a.length !== b.length) throw new RangeError(`paired comparison needs equal replication counts, got ${a.length} and ${b.length}`);
  const out: Record<string, Estimate> = {};
  for (const m of metricNames(a)) {
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < a.length; i++) {
      const u = a[i]![m];
      const w = b[i]![m];
      if (u === undefined || w === undefined || Number.isNaN(u) || Number.isNaN(w)) continue;
      x.push(u);
      y.push(w);
    }
    if (x.length > 0) out[m] = estimatePairedDifference(x, y, level);
  }
  return out;
}
