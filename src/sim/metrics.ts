/**
 * Replication rows → estimates with confidence intervals, and paired comparisons on common
 * random numbers. Metric definitions: src/sim/README.md. Pure.
 */
import { estimateFromMoments, estimatePairedDifference, ratioDifferenceEstimate, ratioEstimate, ratioEstimateOnTie, RatioMoments, RunningMoments, wilsonInterval, type Estimate } from '../core/stats.ts';
import { ROW_COUNTS, ROW_METRICS, ROW_ON_TIME_COUNTS } from './engine.ts';

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
  cycles: 'replenishment cycles (one per order or review)',
  arrivalCycleServiceLevel: 'cycle service, arrival to arrival',
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

/** Estimator of a metric over replications (src/sim/README.md, "Estimates"). */
export type EstimatorName = 'ratioOfSums' | 'replicationMean';
export const ESTIMATORS: readonly EstimatorName[] = ['ratioOfSums', 'replicationMean'];

/**
 * The ratio metrics: numerator and denominator columns of a row (ROW_COUNTS of the engine). The
 * long-run value of a ratio is the ratio of its expected sums, estimated by the ratio of sums
 * over replications; `kind` 'cycles' means the denominator counts replenishment cycles.
 */
export const RATIO_METRICS: Record<string, { num: (r: Record<string, number>) => number; den: string; kind: 'cycles' | 'periods' | 'units' }> = {
  cycleServiceLevel: { num: (r) => r.cycles! - r.stockoutCycles!, den: 'cycles', kind: 'cycles' },
  arrivalCycleServiceLevel: { num: (r) => r.arrivalCycles! - r.arrivalStockoutCycles!, den: 'arrivalCycles', kind: 'cycles' },
  readyRate: { num: (r) => r.readyPeriods!, den: 'periods', kind: 'periods' },
  fillRate: { num: (r) => r.filledUnits!, den: 'demandUnits', kind: 'units' },
  onTimeRequested: { num: (r) => r.onTimeRequestedUnits!, den: 'onTimeDemandUnits', kind: 'units' },
  onTimeCommitted: { num: (r) => r.onTimeCommittedUnits!, den: 'onTimeDemandUnits', kind: 'units' },
};

/** Cycles below which a cycle-service estimate uses the Wilson interval on the pooled cycle counts. */
export const MIN_CYCLES_FOR_DELTA = 30;

/** Running statistics of one metric: its per-replication values and, for ratios, (denominator, numerator) pairs. */
interface MetricState {
  values: RunningMoments;
  min: number;
  max: number;
  ratio: RatioMoments | null;
  num: number;
  den: number;
}

/**
 * Summaries of replication rows in O(metrics) memory. Rows are added in replication order; they
 * are accumulated in blocks of `blockSize` (Welford within a block), and each finished block is
 * merged into the total (Chan et al.), so a block accumulated elsewhere (a worker: toRow/fromRow)
 * and merged in order gives the same bits. summarizeRows(rows) is this accumulator with
 * summaryBlockSize(rows.length), so a run summarised from its rows or from its blocks agrees
 * bit for bit.
 */
export class SummaryAccumulator {
  private total = new Map<string, MetricState>();
  private block = new Map<string, MetricState>();
  private inBlock = 0;
  replications = 0;
  constructor(readonly blockSize = Infinity) {}
  add(row: Record<string, number>): void {
    this.replications++;
    for (const m of Object.keys(row)) addValue(stateOf(this.block, m, row), m, row);
    if (++this.inBlock >= this.blockSize) this.flush();
  }
  /** Merge the state of the next block of replications (from toRow() of another accumulator). */
  mergeRow(blockRow: Record<string, number>, replications: number): void {
    this.flush();
    this.replications += replications;
    mergeStates(this.total, statesFromRow(blockRow));
  }
  /** Sum over replications of a row column (e.g. a count), from its running mean. */
  sumOf(m: string): number {
    this.flush();
    const v = this.total.get(m)?.values;
    return v === undefined ? 0 : Math.round(v.mean * v.n * 1e6) / 1e6;
  }
  /** The pending block as a flat row of numbers (for a worker to send back). */
  toRow(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [m, st] of this.block) {
      const r = st.ratio;
      const parts = [st.values.n, st.values.mean, st.values.m2, st.min, st.max, ...(r === null ? [] : [r.n, r.meanX, r.meanY, r.cxx, r.cxy, r.cyy, st.num, st.den])];
      parts.forEach((x, i) => (out[`${m}|${i}`] = x));
    }
    return out;
  }
  private flush(): void {
    mergeStates(this.total, this.block);
    this.block = new Map();
    this.inBlock = 0;
  }
  /** Every metric's estimate (names in report order). */
  summarize(level = 0.95, estimator: EstimatorName = 'ratioOfSums'): Record<string, Estimate> {
    this.flush();
    const names = metricNames([Object.fromEntries([...this.total.keys()].map((k) => [k, 0]))]);
    const out: Record<string, Estimate> = {};
    for (const m of names) {
      if ((ROW_COUNT_NAMES as readonly string[]).includes(m)) continue;
      const st = this.total.get(m)!;
      const e = estimator === 'ratioOfSums' && st.ratio !== null ? ratioSummary(m, st, level) : meanSummary(st, level);
      if (e !== undefined) out[m] = e;
    }
    return out;
  }
}

/** Block size of summaries of n replications: a function of n only (about 1000 blocks at most). */
export function summaryBlockSize(n: number): number {
  return Math.max(1, Math.ceil(n / 1024));
}

function newState(hasRatio: boolean): MetricState {
  return { values: new RunningMoments(), min: Infinity, max: -Infinity, ratio: hasRatio ? new RatioMoments() : null, num: 0, den: 0 };
}

function stateOf(map: Map<string, MetricState>, m: string, row: Record<string, number>): MetricState {
  let st = map.get(m);
  if (st === undefined) {
    const r = RATIO_METRICS[m];
    st = newState(r !== undefined && row[r.den] !== undefined);
    map.set(m, st);
  }
  return st;
}

function addValue(st: MetricState, m: string, row: Record<string, number>): void {
  const x = row[m]!;
  if (!Number.isNaN(x)) {
    st.values.add(x);
    if (x < st.min) st.min = x;
    if (x > st.max) st.max = x;
  }
  const r = RATIO_METRICS[m];
  if (st.ratio !== null && r !== undefined) {
    const den = row[r.den]!;
    const num = den > 0 ? r.num(row) : 0;
    st.ratio.add(den, num);
    st.num += num;
    st.den += den;
  }
}

function mergeStates(into: Map<string, MetricState>, from: Map<string, MetricState>): void {
  for (const [m, b] of from) {
    let a = into.get(m);
    if (a === undefined) {
      a = newState(b.ratio !== null);
      into.set(m, a);
    }
    a.values.merge(b.values);
    a.min = Math.min(a.min, b.min);
    a.max = Math.max(a.max, b.max);
    if (a.ratio !== null && b.ratio !== null) a.ratio.merge(b.ratio);
    a.num += b.num;
    a.den += b.den;
  }
}

function statesFromRow(row: Record<string, number>): Map<string, MetricState> {
  const map = new Map<string, MetricState>();
  const parts = new Map<string, number[]>();
  for (const [k, v] of Object.entries(row)) {
    const bar = k.lastIndexOf('|');
    if (bar < 0) continue;
    const m = k.slice(0, bar);
    if (!parts.has(m)) parts.set(m, []);
    parts.get(m)![Number(k.slice(bar + 1))] = v;
  }
  for (const [m, p] of parts) {
    const st = newState(p.length > 5);
    [st.values.n, st.values.mean, st.values.m2, st.min, st.max] = p as [number, number, number, number, number];
    if (st.ratio !== null) [st.ratio.n, st.ratio.meanX, st.ratio.meanY, st.ratio.cxx, st.ratio.cxy, st.ratio.cyy, st.num, st.den] = p.slice(5) as [number, number, number, number, number, number, number, number];
    map.set(m, st);
  }
  return map;
}

const ROW_COUNT_NAMES = [...ROW_COUNTS, ...ROW_ON_TIME_COUNTS];

/** No interval, with the reason. */
function noInterval(e: Estimate, note: string): Estimate {
  return { ...e, halfWidth: NaN, low: NaN, high: NaN, note };
}

/** The replication mean with a Student-t interval (the finite-horizon mean of per-replication values). */
function meanSummary(st: MetricState, level: number): Estimate | undefined {
  const v = st.values;
  if (v.n === 0) return undefined;
  const e: Estimate = { ...estimateFromMoments(v.n, v.mean, v.variance(), level), estimator: 'replicationMean' };
  if (v.n < 2) return noInterval(e, 'one replication: no interval (needs n ≥ 2)');
  if (st.min === st.max) return noInterval(e, `every replication gave ${st.min}: no interval with the stated coverage`);
  return e;
}

/** The ratio of sums with its delta-method interval, or Wilson on pooled cycles, or the reason for none. */
function ratioSummary(m: string, st: MetricState, level: number): Estimate | undefined {
  const r = st.ratio!;
  const kind = RATIO_METRICS[m]!.kind;
  if (!(st.den > 0)) return { n: r.n, mean: NaN, sd: NaN, se: NaN, level, halfWidth: NaN, low: NaN, high: NaN, estimator: 'ratioOfSums', note: `not measurable: no ${kind} in any replication` };
  const e = ratioEstimate(r, level);
  const fewCycles = kind === 'cycles' && st.den < MIN_CYCLES_FOR_DELTA;
  const degenerate = !(e.halfWidth > 0);
  if (kind === 'cycles' && (fewCycles || degenerate || st.num === 0 || st.num === st.den)) {
    const w = wilsonInterval(st.num, st.den, level);
    return { ...e, se: Math.sqrt((e.mean * (1 - e.mean)) / st.den), halfWidth: (w.high - w.low) / 2, low: w.low, high: w.high, estimator: 'wilson', note: `Wilson interval on ${st.den} pooled cycles (treated as independent)` };
  }
  if (r.n < 2) return noInterval(e, 'one replication: no interval (needs n ≥ 2)');
  if (degenerate && kind === 'periods' && st.num > 0 && st.num < st.den && r.cxx === 0) {
    return { ...ratioEstimateOnTie(r, 1, level), note: 'every replication gave the same count: interval from the counts\' lattice (spread of a one-count rounding, step²/12)' };
  }
  if (degenerate) return noInterval(e, `every replication gave the same ratio (${e.mean}): no interval with the stated coverage`);
  return e;
}

/**
 * Estimate of every metric (level 0.95 by default). Ratio metrics (RATIO_METRICS) by default as
 * the ratio of sums over replications with a delta-method interval (estimator 'ratioOfSums'):
 * the long-run ratio, also for short replications; 'replicationMean' gives the mean of the
 * per-replication values with a Student-t interval (a finite-horizon mean). Other metrics: the
 * replication mean. Replications where a value is undefined (NaN) are left out of its mean; a
 * ratio pools every replication. Where no interval holds, halfWidth/low/high are NaN and `note`
 * says why. The count columns (ROW_COUNTS) are inputs, not reported.
 */
export function summarizeRows(rows: readonly Record<string, number>[], level = 0.95, estimator: EstimatorName = 'ratioOfSums'): Record<string, Estimate> {
  const acc = new SummaryAccumulator(summaryBlockSize(rows.length));
  for (const r of rows) acc.add(r);
  return acc.summarize(level, estimator);
}

/**
 * Paired differences a − b per metric (rows of two policies run with the same seed and scenario,
 * hence on common random numbers). Ratio metrics (RATIO_METRICS, when the rows carry their
 * counts) with the estimator 'ratioOfSums' (default): the difference of the two ratios of sums
 * over replications with its delta-method interval (ratioDifferenceEstimate, src/core/stats.ts),
 * the difference of the long-run ratios that summarizeRows reports. Other metrics, and every
 * metric with 'replicationMean': the mean of per-replication differences with a Student-t
 * interval; replications where either value is NaN are left out.
 */
export function pairedDifferences(a: readonly Record<string, number>[], b: readonly Record<string, number>[], level = 0.95, estimator: EstimatorName = 'ratioOfSums'): Record<string, Estimate> {
  if (a.length !== b.length) throw new RangeError(`paired comparison needs equal replication counts, got ${a.length} and ${b.length}`);
  const out: Record<string, Estimate> = {};
  for (const m of metricNames(a)) {
    const r = RATIO_METRICS[m];
    const e = estimator === 'ratioOfSums' && r !== undefined && a.length > 0 && a[0]![r.den] !== undefined && b[0]?.[r.den] !== undefined ? pairedRatioDifference(a, b, m, level) : pairedMeanDifference(a, b, m, level);
    if (e !== undefined) out[m] = e;
  }
  return out;
}

/** The mean of per-replication differences of a metric (Student-t), NaN replications left out. */
function pairedMeanDifference(a: readonly Record<string, number>[], b: readonly Record<string, number>[], m: string, level: number): Estimate | undefined {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const u = a[i]![m];
    const w = b[i]![m];
    if (u === undefined || w === undefined || Number.isNaN(u) || Number.isNaN(w)) continue;
    x.push(u);
    y.push(w);
  }
  return x.length > 0 ? { ...estimatePairedDifference(x, y, level), estimator: 'replicationMean' } : undefined;
}

/** The difference of two ratios of sums with its delta-method interval, or the reason for none. */
function pairedRatioDifference(a: readonly Record<string, number>[], b: readonly Record<string, number>[], m: string, level: number): Estimate {
  const r = RATIO_METRICS[m]!;
  const n = a.length;
  const [xa, ya, xb, yb] = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  for (let i = 0; i < n; i++) {
    xa[i] = a[i]![r.den]!;
    ya[i] = xa[i]! > 0 ? r.num(a[i]!) : 0;
    xb[i] = b[i]![r.den]!;
    yb[i] = xb[i]! > 0 ? r.num(b[i]!) : 0;
  }
  const e = ratioDifferenceEstimate(xa, ya, xb, yb, level);
  if (!(e.mean === e.mean)) return noInterval(e, `not measurable: no ${r.kind} in any replication of one of the policies`);
  if (n < 2) return noInterval(e, 'one replication: no interval (needs n ≥ 2)');
  if (!(e.halfWidth > 0)) return noInterval(e, 'the linearised differences are equal in every replication: no interval with the stated coverage');
  return e;
}
