/**
 * Summaries shared by the adaptive-policy experiments: per SKU and policy point the achieved
 * fill rate and ready rate (ratio of sums over replications with the engine's interval,
 * src/sim/metrics.ts) and the average stock; per group the trade-off curves (means over SKUs with
 * Student-t intervals over SKUs), the stock at matched service and the share meeting a target.
 *
 * Stock at matched service: per SKU and family, the efficient frontier of its points (sorted by
 * stock, keeping each point that serves better than every cheaper one; the others are dominated), interpolated linearly for the least stock reaching fill rate x; undefined when
 * the family's curve does not reach x (counted as 'unreachable'); when even its cheapest point
 * exceeds x, that point's stock (an upper bound: conservative for the family). The comparison with the reference is paired per SKU
 * (same SKU, same demand paths and lead-time draws: common random numbers); its interval is the
 * t-interval over the SKUs of a group of the per-SKU relative differences.
 */
import { estimateMean, type Estimate } from '../../src/core/stats.ts';
import type { Row } from '../../src/io/csv-write.ts';
import { summarizeRows } from '../../src/sim/metrics.ts';
import { policyRows } from './adaptive-kernel.ts';
import type { PolicyPoint } from './adaptive-families.ts';

export const SBC_ORDER = ['smooth', 'erratic', 'intermittent', 'lumpy', 'all'];

export interface PointResult {
  sku: string;
  group: string;
  family: string;
  parameter: number | string;
  fill: Estimate | undefined;
  ready: Estimate | undefined;
  /** average on-hand stock per period (units), mean over replications */
  onHand: number;
  /** on hand in days of the SKU's mean daily demand of the measured window */
  stockDays: number;
}

/** Per point of one SKU: estimates from the kernel rows (ratio of sums for the rates). */
export function pointResults(sku: string, group: string, points: readonly PolicyPoint[], rows: readonly Record<string, number>[], dailyMean: number): PointResult[] {
  return points.map((p, i) => {
    const s = summarizeRows(policyRows(rows, i));
    const ok = (e: Estimate | undefined): Estimate | undefined => (e === undefined || Number.isNaN(e.mean) ? undefined : e);
    const onHand = s.averageOnHand!.mean;
    return { sku, group, family: p.family, parameter: p.parameter, fill: ok(s.fillRate), ready: ok(s.readyRate), onHand, stockDays: onHand / dailyMean };
  });
}

/** Least stock (days) reaching fill rate x on the efficient frontier of one SKU's family points (file comment); NaN if it does not reach x. */
export function frontierStock(points: readonly PointResult[], x: number): number {
  const pts = points.filter((p) => p.fill !== undefined && Number.isFinite(p.stockDays)).map((p) => ({ s: p.stockDays, f: p.fill!.mean })).sort((a, b) => a.s - b.s || a.f - b.f);
  if (pts.length === 0) return NaN;
  // keep the points that serve better than every cheaper one (the others are dominated)
  const front: { s: number; f: number }[] = [];
  for (const p of pts) if (front.length === 0 || p.f > front[front.length - 1]!.f) front.push(p);
  if (front[0]!.f >= x) return front[0]!.s;
  for (let k = 1; k < front.length; k++) {
    const a = front[k - 1]!;
    const b = front[k]!;
    if (b.f >= x && a.f < x) return a.s + ((b.s - a.s) * (x - a.f)) / (b.f - a.f);
  }
  return NaN;
}

/** Does the family's cheapest point already reach fill rate x (so frontierStock charges it, an upper bound)? */
export function cheapestReaches(points: readonly PointResult[], x: number): boolean {
  const pts = points.filter((p) => p.fill !== undefined && Number.isFinite(p.stockDays)).sort((a, b) => a.stockDays - b.stockDays || a.fill!.mean - b.fill!.mean);
  return pts.length > 0 && pts[0]!.fill!.mean >= x;
}

/** Mean with its t-interval over SKUs as table cells (no interval from fewer than 2 values). */
export function cells(prefix: string, v: readonly number[]): Row {
  const x = v.filter((a) => Number.isFinite(a));
  if (x.length === 0) return { [prefix]: undefined, [`${prefix}_low`]: undefined, [`${prefix}_high`]: undefined };
  const e = estimateMean(x);
  return { [prefix]: e.mean, [`${prefix}_low`]: x.length > 1 ? e.low : undefined, [`${prefix}_high`]: x.length > 1 ? e.high : undefined };
}

/**
 * Geometric mean of ratios as a relative difference: exp(mean log r) − 1, with the t-interval of
 * the mean log ratio over SKUs mapped the same way (a ratio's natural scale: 0.5 and 2 weigh alike,
 * and one SKU with a 100-fold ratio does not swamp the rest).
 */
export function ratioCells(prefix: string, ratios: readonly number[]): Row {
  const logs = ratios.filter((r) => r > 0 && Number.isFinite(r)).map(Math.log);
  const c = cells(prefix, logs);
  const back = (v: unknown): number | undefined => (typeof v === 'number' ? Math.expm1(v) : undefined);
  return { [prefix]: back(c[prefix]), [`${prefix}_low`]: back(c[`${prefix}_low`]), [`${prefix}_high`]: back(c[`${prefix}_high`]) };
}

/** The groups present, in SBC order, then 'all'. */
export function groupsOf(results: readonly PointResult[], order: readonly string[] = SBC_ORDER): string[] {
  const present = new Set(results.map((r) => r.group));
  return [...order.filter((g) => g === 'all' || present.has(g)), ...[...present].filter((g) => !order.includes(g)).sort()];
}

function inGroup(r: PointResult, g: string): boolean {
  return g === 'all' || r.group === g;
}

/** Trade-off curves: per group, family and parameter, mean fill rate, ready rate and stock (days) over SKUs, each with its interval. */
export function curvesTable(results: readonly PointResult[], order?: readonly string[]): Row[] {
  const out: Row[] = [];
  const keys = [...new Map(results.map((r) => [`${r.family}\u0000${r.parameter}`, r])).values()];
  for (const g of groupsOf(results, order)) {
    for (const k of keys) {
      const rs = results.filter((r) => inGroup(r, g) && r.family === k.family && r.parameter === k.parameter);
      if (rs.length === 0) continue;
      out.push({ group: g, family: k.family, parameter: k.parameter, skus: rs.length, ...cells('fill_rate', rs.map((r) => r.fill?.mean ?? NaN)), ...cells('ready_rate', rs.map((r) => r.ready?.mean ?? NaN)), ...cells('stock_days', rs.map((r) => r.stockDays)) });
    }
  }
  return out;
}

/** Results grouped per SKU and family. */
export function bySkuFamily(results: readonly PointResult[]): Map<string, Map<string, PointResult[]>> {
  const m = new Map<string, Map<string, PointResult[]>>();
  for (const r of results) {
    if (!m.has(r.sku)) m.set(r.sku, new Map());
    const f = m.get(r.sku)!;
    if (!f.has(r.family)) f.set(r.family, []);
    f.get(r.family)!.push(r);
  }
  return m;
}

/**
 * Stock at matched service against the reference point (family refFamily at refParameter): per
 * SKU, x = the reference's achieved fill rate (or `fixedService` when given; then the reference's
 * own stock is read off its frontier too, and a SKU whose reference curve does not reach x, or
 * holds no stock there, is left out and counted as reference_unreachable), and the stock ratio stock_F(x)/stock_ref; per group
 * and family its geometric mean as a relative difference with its interval (ratioCells), and the
 * median ratio − 1.
 */
export function matchedTable(results: readonly PointResult[], refFamily: string, refParameter: number | string, fixedService?: number, order?: readonly string[]): Row[] {
  const per = bySkuFamily(results);
  const families = [...new Set(results.map((r) => r.family))].filter((f) => f !== refFamily);
  const groupOf = new Map(results.map((r) => [r.sku, r.group]));
  const out: Row[] = [];
  for (const g of groupsOf(results, order)) {
    const skus = [...per.keys()].filter((s) => g === 'all' || groupOf.get(s) === g);
    for (const f of families) {
      const diffs: number[] = [];
      const xs: number[] = [];
      let unreachable = 0;
      let atCheapest = 0;
      let refUnreachable = 0;
      for (const s of skus) {
        const ref = per.get(s)!.get(refFamily)?.find((r) => r.parameter === refParameter);
        if (ref?.fill === undefined) continue;
        const x = fixedService ?? ref.fill.mean;
        const refStock = fixedService === undefined ? ref.stockDays : frontierStock(per.get(s)!.get(refFamily)!, x);
        if (!(refStock > 0)) {
          refUnreachable++;
          continue;
        }
        const st = frontierStock(per.get(s)!.get(f) ?? [], x);
        if (!Number.isFinite(st)) unreachable++;
        else if (cheapestReaches(per.get(s)!.get(f)!, x)) atCheapest++;
        if (Number.isFinite(st)) {
          diffs.push(st / refStock);
          xs.push(x);
        }
      }
      out.push({ group: g, family: f, skus: skus.length, reference_unreachable: refUnreachable, matched: diffs.length, unreachable, at_cheapest: atCheapest, ...cells('service', xs), ...ratioCells('relative_stock_difference', diffs), median_relative_difference: diffs.length ? median(diffs)! - 1 : undefined });
    }
  }
  return out;
}

function median(v: readonly number[]): number | undefined {
  if (v.length === 0) return undefined;
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1]! + s[h]!) / 2;
}

/** Share of SKUs whose achieved fill rate reaches `target` at each family's nominal point (nominalOf(family) = its parameter there), and share whose curve reaches it at any of its points. */
export function shareTable(results: readonly PointResult[], target: number, nominalOf: (family: string) => number | string, order?: readonly string[]): Row[] {
  const out: Row[] = [];
  const families = [...new Set(results.map((r) => r.family))];
  for (const g of groupsOf(results, order)) {
    for (const f of families) {
      const rs = results.filter((r) => inGroup(r, g) && r.family === f && r.parameter === nominalOf(f));
      if (rs.length === 0) continue;
      const meeting = rs.filter((r) => (r.fill?.mean ?? -1) >= target).length;
      const below = rs.filter((r) => r.fill !== undefined && r.fill.high < target).length;
      // can any point of the family's curve reach the target on the SKU?
      const reach = rs.filter((r) => results.some((x) => x.sku === r.sku && x.family === f && (x.fill?.mean ?? -1) >= target)).length;
      out.push({ group: g, family: f, parameter: nominalOf(f), skus: rs.length, meeting, share_meeting_target: meeting / rs.length, below_beyond_ci: below, share_curve_reaching_target: reach / rs.length, ...cells('fill_rate', rs.map((r) => r.fill?.mean ?? NaN)), ...cells('stock_days', rs.map((r) => r.stockDays)) });
    }
  }
  return out;
}
