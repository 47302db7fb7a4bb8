/**
 * The periodic-time inventory simulator: one SKU, one stocking point, a policy given as an
 * OrderingRule (src/policy/rules.ts: what to order at a review, given the position), demand and lead times from a ProcessSources object. Pure (no I/O).
 *
 * Period convention (src/sim/README.md, "Period convention", defines it in full):
 *   in period t = 0, 1, …:
 *   1. receive every order due at the start of t (an order placed at the end of period u with
 *      lead time L periods arrives at the start of period u + 1 + ⌈L⌉, i.e. at the end of
 *      period u + L when L is whole, in time for the demand of period u + L + 1);
 *   2. demand d_t arrives and is served from on-hand stock; what cannot be served at once is
 *      backordered (served first-come first-served from later receipts) or lost;
 *   3. the period's metrics are recorded (after warm-up);
 *   4. review: the policy looks at the inventory position (on hand + on order − backorders)
 *      and may place one order, whose lead time is drawn at once. Orders may cross.
 *
 * The hot loop uses typed-array ring buffers for the pipeline and allocates nothing per period
 * (the rings only grow, rarely, when a lead time longer than any before arrives).
 */
import { checkNumber } from '../core/validate.ts';
import { naturalTop, orderingRule, type OrderingRule } from '../policy/rules.ts';
import type { InventoryPolicy } from '../policy/types.ts';
import { validatePolicy } from '../policy/validate.ts';

export { validatePolicy } from '../policy/validate.ts';
export { naturalTop } from '../policy/rules.ts';
/** @deprecated moved to src/policy/lot.ts (roundLot); kept as an alias for library users. */
export { applyLotRule } from '../policy/lot.ts';

/** Where the randomness comes from: the engine asks for one demand per period and one lead time per order. */
export interface ProcessSources {
  /** demand of period t (units ≥ 0); called once per period with t = 0, 1, 2, … */
  demand(t: number): number;
  /** lead time (periods ≥ 0, may be fractional) of an order placed at the end of period t */
  leadTime(t: number): number;
  /** a customer's requested lead time (whole periods ≥ 0) for the demand of period t; needed when settings.onTime.requested is on */
  requestedLeadTime?(t: number): number;
}

/** Cost rates; every one is optional (0 if absent). */
export interface CostRates {
  /** h: per unit on hand at the end of a period [currency / (unit·period)] */
  holding?: number;
  /** b: per unit backordered at the end of a period [currency / (unit·period)] */
  backorder?: number;
  /** p: per unit of demand not served from stock at once (backordered or lost) [currency / unit] */
  shortage?: number;
  /** K: per replenishment order placed [currency / order] */
  ordering?: number;
  /** c: per unit ordered [currency / unit] */
  purchase?: number;
}

export interface EngineSettings {
  /** measured periods (after warm-up), integer ≥ 1 */
  horizon: number;
  /** periods simulated first and not measured, integer ≥ 0 */
  warmup: number;
  /** unmet demand: 'backorder' (default) or 'lostSales' */
  shortage?: 'backorder' | 'lostSales';
  costs?: CostRates;
  /** on-hand stock at the start (default: the policy's natural top: s + Q, or S) */
  initialOnHand?: number;
  /**
   * on-time delivery (backorders only): 'requested' uses sources.requestedLeadTime(t) and
   * requestedMax (the largest value it can return); 'committed' is one whole number of periods.
   */
  onTime?: { requested?: boolean; requestedMax?: number; committed?: number };
  /**
   * Periodic review every R periods (reviews at the end of periods R − 1, 2R − 1, …): then every
   * review is one replenishment cycle, with or without an order (src/sim/README.md, "Metrics").
   * Absent: continuous review, one cycle per order.
   */
  reviewPeriod?: number;
}

/** Metric names of one replication row, in report order (definitions: src/sim/README.md). */
export const ROW_METRICS = [
  'cycleServiceLevel',
  'readyRate',
  'fillRate',
  'onTimeRequested',
  'onTimeCommitted',
  'averageOnHand',
  'averageBackorders',
  'averageInventoryPosition',
  'shortUnitsPerPeriod',
  'lostSalesPerPeriod',
  'demandPerPeriod',
  'ordersPerPeriod',
  'orderedUnitsPerPeriod',
  'cycles',
  'arrivalCycleServiceLevel',
  'holdingCost',
  'shortageCost',
  'orderingCost',
  'purchaseCost',
  'totalCost',
] as const;

/**
 * Counts and sums of one replication (numerators and denominators of the ratio metrics), so
 * ratio estimators over replications (src/sim/metrics.ts) can pool them. Definitions:
 * src/sim/README.md, "Metrics".
 */
export const ROW_COUNTS = [
  'periods',
  'demandUnits',
  'filledUnits',
  'readyPeriods',
  'stockoutCycles',
  'censoredCycles',
  'arrivalCycles',
  'arrivalStockoutCycles',
] as const;
/** Counts present only with on-time delivery. */
export const ROW_ON_TIME_COUNTS = ['onTimeDemandUnits', 'onTimeRequestedUnits', 'onTimeCommittedUnits'] as const;
export type RowMetric = (typeof ROW_METRICS)[number];
/** The on-time metrics, present only when on-time delivery is configured. */
export type OnTimeMetric = 'onTimeRequested' | 'onTimeCommitted';
/** One replication's row: every metric of ROW_METRICS; the on-time ones only when configured. */
export type InventoryRow = Record<Exclude<RowMetric, OnTimeMetric>, number> &
  Partial<Record<OnTimeMetric, number>> &
  Record<(typeof ROW_COUNTS)[number], number> &
  Partial<Record<(typeof ROW_ON_TIME_COUNTS)[number], number>>;

/** Check engine settings; throws RangeError naming the field. */
export function validateSettings(s: EngineSettings): void {
  checkNumber(s.horizon, 'horizon', 'int1');
  checkNumber(s.warmup, 'warmup', 'int0');
  if (s.shortage !== undefined && s.shortage !== 'backorder' && s.shortage !== 'lostSales') throw new RangeError(`shortage must be 'backorder' or 'lostSales', got ${String(s.shortage)}`);
  if (s.initialOnHand !== undefined) checkNumber(s.initialOnHand, 'initialOnHand', 'nonneg');
  for (const [k, v] of Object.entries(s.costs ?? {})) if (v !== undefined) checkNumber(v, `costs.${k}`, 'nonneg');
  if (s.onTime?.committed !== undefined) checkNumber(s.onTime.committed, 'onTime.committed', 'int0');
  if (s.onTime?.requested) checkNumber(s.onTime.requestedMax, 'onTime.requestedMax', 'int0');
  if (s.reviewPeriod !== undefined) checkNumber(s.reviewPeriod, 'reviewPeriod', 'int1');
}

function pow2AtLeast(n: number): number {
  let k = 16;
  while (k < n) k *= 2;
  return k;
}

/**
 * Orders in transit: typed-array rings, slot p & mask: the units due at the start of period p,
 * and the replenishment cycles closing then (one per order arriving, one per periodic review
 * without an order), so the loop reads one ring per period to know whether anything happens.
 * Grows (rarely) when a lead time longer than any before arrives.
 */
class Pipeline {
  size = 64;
  mask = 63;
  arrivals = new Float64Array(64);
  closes = new Int32Array(64);
  /** Make room for an order placed at the end of period t that arrives `delay` periods later; the new rings and mask. */
  grow(t: number, delay: number): [Pipeline['arrivals'], Pipeline['closes'], number] {
    // pending arrivals are in periods t + 1 … t + size − 1
    let ns = this.size;
    while (ns <= delay) ns *= 2;
    const na = new Float64Array(ns);
    const nc = new Int32Array(ns);
    for (let p = t + 1; p < t + this.size; p++) {
      na[p & (ns - 1)] = this.arrivals[p & this.mask]!;
      nc[p & (ns - 1)] = this.closes[p & this.mask]!;
    }
    this.arrivals = na;
    this.closes = nc;
    this.size = ns;
    this.mask = ns - 1;
    return [na, nc, this.mask];
  }
}

/**
 * On-time delivery (backorders only): the demand of period u is delivered on time to a lead
 * time c if the cumulative supply by period u + c covers it (FCFS). Rings of the last
 * max(c) + 2 periods of cumulative supply and demand; allocates nothing per period.
 */
class OnTimeTracker {
  readonly requested: boolean;
  readonly committedOn: boolean;
  private readonly committed: number;
  private readonly cMax: number;
  private readonly wMask: number;
  private readonly supplyRing: Float64Array;
  private readonly dcumPrevRing: Float64Array;
  private readonly demandRing: Float64Array;
  private readonly cReqRing: Int32Array;
  private demandCum = 0;
  requestedUnits = 0;
  committedUnits = 0;
  demand = 0;
  constructor(onTime: NonNullable<EngineSettings['onTime']>, private readonly warmup: number) {
    this.requested = onTime.requested === true;
    this.committedOn = onTime.committed !== undefined;
    this.committed = onTime.committed ?? 0;
    this.cMax = Math.max(this.requested ? onTime.requestedMax! : 0, this.committedOn ? this.committed : 0);
    const wSize = pow2AtLeast(this.cMax + 2);
    this.wMask = wSize - 1;
    this.supplyRing = new Float64Array(wSize);
    this.dcumPrevRing = new Float64Array(wSize);
    this.demandRing = new Float64Array(wSize);
    this.cReqRing = new Int32Array(wSize);
  }
  /** Period t: cumulative supply so far, its demand d and the customer's requested lead time. */
  record(t: number, supplyCum: number, d: number, requestedLeadTime: number): void {
    const w = t & this.wMask;
    this.supplyRing[w] = supplyCum;
    this.dcumPrevRing[w] = this.demandCum;
    this.demandRing[w] = d;
    this.demandCum += d;
    if (this.requested) this.cReqRing[w] = requestedLeadTime;
    const u = t - this.cMax; // period whose on-time delivery is now known
    if (u < this.warmup) return;
    const uw = u & this.wMask;
    const du = this.demandRing[uw]!;
    const base = this.dcumPrevRing[uw]!;
    this.demand += du;
    if (this.requested) this.requestedUnits += clamp(this.supplyRing[(u + this.cReqRing[uw]!) & this.wMask]! - base, du);
    if (this.committedOn) this.committedUnits += clamp(this.supplyRing[(u + this.committed) & this.wMask]! - base, du);
  }
}

/** The tracker when on-time delivery is configured under backorders, else null. */
function onTimeTracker(settings: EngineSettings, lost: boolean): OnTimeTracker | null {
  const o = settings.onTime;
  return !lost && o !== undefined && (o.requested === true || o.committed !== undefined) ? new OnTimeTracker(o, settings.warmup) : null;
}

function clamp(x: number, hi: number): number {
  return x < 0 ? 0 : x > hi ? hi : x;
}

/** Sums over the measured periods, as the row is built from them. */
interface Sums {
  demand: number;
  filled: number;
  onHand: number;
  back: number;
  ip: number;
  short: number;
  lost: number;
  readyPeriods: number;
  orders: number;
  orderedUnits: number;
  cycles: number;
  stockoutCycles: number;
  censoredCycles: number;
  arrivalCycles: number;
  arrivalStockoutCycles: number;
}

/**
 * One pipeline kept between replications (cleared after each): a replication of a short replay
 * (a few hundred periods) otherwise spends about as long allocating its typed arrays as simulating.
 * simulateWithRule is synchronous and not re-entrant, so one spare per thread suffices.
 */
let sparePipeline: Pipeline | null = null;

function takePipeline(): Pipeline {
  const p = sparePipeline ?? new Pipeline();
  sparePipeline = null;
  return p;
}

/** Give a pipeline back, all-zero (as new), for the next replication (not one grown large: clearing it would cost more than a new one). */
function releasePipeline(p: Pipeline): void {
  if (p.size > 1024) return;
  p.arrivals.fill(0);
  p.closes.fill(0);
  sparePipeline = p;
}

/** Cycles still open at the end of the run (orders in transit, pending review checks): censored. */
function openCycles(pipe: Pipeline): number {
  let n = 0;
  for (let i = 0; i < pipe.size; i++) n += pipe.closes[i]!;
  return n;
}

/**
 * Simulate one replication of a plain-data policy and return its row of metrics (every metric
 * of ROW_METRICS that applies; onTime* only when configured). Validates its arguments (library
 * entry point); deterministic given the sources.
 */
export function simulateInventory(policy: InventoryPolicy, settings: EngineSettings, sources: ProcessSources): InventoryRow {
  validatePolicy(policy);
  validateSettings(settings);
  const R = settings.reviewPeriod ?? policyReviewPeriod(policy);
  return simulateWithRule(orderingRule(policy), settings.initialOnHand ?? naturalTop(policy), R === undefined ? settings : { ...settings, reviewPeriod: R }, sources);
}

/** The review period of a periodic-review policy (RS, RsS, RsQ), else undefined (continuous review). */
export function policyReviewPeriod(policy: InventoryPolicy): number | undefined {
  return policy.kind === 'RS' || policy.kind === 'RsS' || policy.kind === 'RsQ' || policy.kind === 'adaptive' ? policy.reviewPeriod : undefined;
}

/**
 * The engine's loop for any OrderingRule (a fresh rule per replication), from `initialOnHand`
 * units on hand and nothing on order. Settings are trusted (validated at the boundary).
 *
 * The inventory position ip (on hand + on order − backorders) is kept as its own state rather
 * than recomputed as IL + on order: with fractional quantities that sum carries round-off
 * (receipts are netted in lumps), so after an order up to S a period without demand could show
 * S − 1e-15 and place a spurious order. ip falls by the demand (by what was served under lost
 * sales), rises by each order, and is exactly S after an order up to S. Sums are locals, the
 * hot loop's fastest storage; the pipeline's rings are read through locals for the same reason.
 *
 * Cycle bookkeeping stays off the per-period path: one ring read per period says whether any cycle
 * closes; instead of per-period stock-out flags the loop keeps the last period with a shortage and
 * the periods of the last closing and the last arrival (−1: none yet). A cycle closing now had a
 * stock-out iff a shortage fell at or after the previous closing (for arrival cycles: the previous
 * arrival) or backorders are outstanding now. Plain assignments on the per-period path (no array
 * destructuring, which V8 does not always turn into register moves).
 */
export function simulateWithRule(rule: OrderingRule, initialOnHand: number, settings: EngineSettings, sources: ProcessSources): InventoryRow {
  const total = settings.warmup + settings.horizon;
  const lost = settings.shortage === 'lostSales';
  const R = settings.reviewPeriod ?? 0; // 0: continuous review (one cycle per order); R: one per review
  const pipe = takePipeline();
  const onTime = onTimeTracker(settings, lost);
  const st = new Float64Array(STATE_SIZE);
  st[IL] = st[IP] = st[SUPPLY_CUM] = initialOnHand; // IL: net inventory = on hand − backorders
  st[LAST_SHORT] = st[LAST_ARRIVAL] = -1; // periods of the last shortage, closing, arrival (see above); −1: none yet
  st[LAST_DELAY] = 1;
  st[COUNTDOWN] = R;
  for (let from = 0; from < total; from += BLOCK) runPeriods(rule, sources, pipe, onTime, settings.warmup, lost, R, st, from, Math.min(total, from + BLOCK));
  const sums: Sums = { demand: st[S_DEMAND]!, filled: st[S_FILLED]!, onHand: st[S_ON_HAND]!, back: st[S_BACK]!, ip: st[S_IP]!, short: st[S_SHORT]!, lost: st[S_LOST]!, readyPeriods: st[READY]!, orders: st[ORDERS]!, orderedUnits: st[ORDERED_UNITS]!, cycles: st[CYCLES]!, stockoutCycles: st[STOCKOUT_CYCLES]!, censoredCycles: openCycles(pipe), arrivalCycles: st[ARRIVAL_CYCLES]!, arrivalStockoutCycles: st[ARRIVAL_STOCKOUT_CYCLES]! };
  releasePipeline(pipe);
  return buildRow(sums, settings, onTime, lost);
}

/**
 * Periods per call of runPeriods. The loop runs in blocks so that V8 optimises runPeriods as a
 * function called many times, with type feedback for all of it, rather than by on-stack
 * replacement of one long loop. Measured (thread CPU time per replication of 2·10^7 days of the
 * pool benchmark's (s, Q) workload): one call over the whole horizon ran its OSR code, compiled
 * before the code after the loop had ever run, so it deoptimised at the end of every replication
 * and was entered again the next time: 1.30–1.35 s, against 1.04–1.10 s for regular optimised
 * code, which only a replication after a short warm-up run got (the CLI's pilot estimate gave
 * the calling thread one, a fresh worker thread had none: most of the gap between 2 threads and
 * 2 processes). In blocks: 1.08–1.14 s on every replication, in the calling thread and in
 * workers. The loop's inputs are passed as arguments, not in an object: with an object its field
 * types generalised between replications and the re-optimised code ran at the slow speed again.
 * State passes between blocks through a Float64Array (exact for every value kept): bit-identical.
 */
const BLOCK = 4096;
// the loop's state between blocks: the sums, then the inventory state and the cycle bookkeeping
const S_DEMAND = 0, S_FILLED = 1, S_ON_HAND = 2, S_BACK = 3, S_IP = 4, S_SHORT = 5, S_LOST = 6, READY = 7, ORDERS = 8, ORDERED_UNITS = 9;
const CYCLES = 10, STOCKOUT_CYCLES = 11, ARRIVAL_CYCLES = 12, ARRIVAL_STOCKOUT_CYCLES = 13;
const IL = 14, IP = 15, SUPPLY_CUM = 16, LAST_SHORT = 17, LAST_CLOSE = 18, LAST_ARRIVAL = 19, LAST_DELAY = 20, COUNTDOWN = 21, STATE_SIZE = 22;

/** Periods [from, to) of simulateWithRule (see there); the state is read from and written back to st. */
function runPeriods(rule: OrderingRule, sources: ProcessSources, pipe: Pipeline, onTime: OnTimeTracker | null, warmup: number, lost: boolean, R: number, st: Float64Array, from: number, to: number): void {
  const observes = rule.observe !== undefined;
  let arrivals = pipe.arrivals, closes = pipe.closes, mask = pipe.mask;
  let sDemand = st[S_DEMAND]!, sFilled = st[S_FILLED]!, sOnHand = st[S_ON_HAND]!, sBack = st[S_BACK]!, sIP = st[S_IP]!, sShort = st[S_SHORT]!, sLost = st[S_LOST]!;
  let readyPeriods = st[READY]!, orders = st[ORDERS]!, orderedUnits = st[ORDERED_UNITS]!;
  let cycles = st[CYCLES]!, stockoutCycles = st[STOCKOUT_CYCLES]!, arrivalCycles = st[ARRIVAL_CYCLES]!, arrivalStockoutCycles = st[ARRIVAL_STOCKOUT_CYCLES]!;
  let IL_ = st[IL]!, ip = st[IP]!, supplyCum = st[SUPPLY_CUM]!;
  let lastShort = st[LAST_SHORT]!, lastClose = st[LAST_CLOSE]!, lastArrival = st[LAST_ARRIVAL]!, lastDelay = st[LAST_DELAY]!, countdown = st[COUNTDOWN]!;
  for (let t = from; t < to; t++) {
    const measuring = t >= warmup;
    // 1. cycles close (one per order arriving now, one per order-less review due now); then receipts
    const slot = t & mask;
    const closing = closes[slot]!;
    if (closing !== 0) {
      if (measuring) cycles += closing;
      if (measuring && (lastShort >= lastClose || IL_ < 0)) stockoutCycles += closing;
      lastClose = t;
      closes[slot] = 0;
      const received = arrivals[slot]!;
      if (received !== 0) {
        arrivals[slot] = 0; // an order arrives (every order is of q > 0 units)
        if (lastArrival >= 0 && measuring) arrivalCycles++;
        if (lastArrival >= 0 && measuring && (lastShort >= lastArrival || IL_ < 0)) arrivalStockoutCycles++;
        lastArrival = t;
        IL_ += received;
        supplyCum += received;
      }
    }
    // 2. demand, served from on hand; the rest backordered or lost
    const d = sources.demand(t);
    const avail = IL_ > 0 ? IL_ : 0;
    const filled = d < avail ? d : avail;
    const short = d - filled;
    IL_ -= lost ? filled : d;
    ip -= lost ? filled : d;
    if (short > 0) lastShort = t;
    // 3. metrics
    if (measuring) {
      sDemand += d;
      sFilled += filled;
      if (IL_ > 0) {
        sOnHand += IL_;
        readyPeriods++;
      } else {
        sBack -= IL_;
      }
      sShort += short;
      if (lost) sLost += short;
    }
    if (onTime !== null) onTime.record(t, supplyCum, d, onTime.requested ? sources.requestedLeadTime!(t) : 0);
    // 4. review
    if (observes) rule.observe!(t, d);
    const q = rule.review(t, ip);
    if (q > 0) {
      const after = rule.positionAfter;
      ip = after === after ? after : ip + q; // after !== after: NaN, the position is ip + q
      rule.positionAfter = NaN;
      const delay = 1 + Math.ceil(sources.leadTime(t));
      if (delay >= pipe.size) [arrivals, closes, mask] = pipe.grow(t, delay);
      const at = (t + delay) & mask;
      arrivals[at] = arrivals[at]! + q;
      closes[at] = closes[at]! + 1;
      lastDelay = delay;
      if (measuring) orders++;
      if (measuring) orderedUnits += q;
    }
    if (R !== 0 && --countdown === 0) {
      countdown = R;
      if (!(q > 0)) closes[(t + lastDelay) & mask]++; // a review without an order: its cycle closes after the last lead time
    }
    if (measuring) sIP += ip;
  }
  st[S_DEMAND] = sDemand; st[S_FILLED] = sFilled; st[S_ON_HAND] = sOnHand; st[S_BACK] = sBack; st[S_IP] = sIP; st[S_SHORT] = sShort; st[S_LOST] = sLost;
  st[READY] = readyPeriods; st[ORDERS] = orders; st[ORDERED_UNITS] = orderedUnits;
  st[CYCLES] = cycles; st[STOCKOUT_CYCLES] = stockoutCycles; st[ARRIVAL_CYCLES] = arrivalCycles; st[ARRIVAL_STOCKOUT_CYCLES] = arrivalStockoutCycles;
  st[IL] = IL_; st[IP] = ip; st[SUPPLY_CUM] = supplyCum;
  st[LAST_SHORT] = lastShort; st[LAST_CLOSE] = lastClose; st[LAST_ARRIVAL] = lastArrival; st[LAST_DELAY] = lastDelay; st[COUNTDOWN] = countdown;
}

/** The row of one replication from its sums (definitions: src/sim/README.md). */
function buildRow(a: Sums, settings: EngineSettings, onTime: OnTimeTracker | null, lost: boolean): InventoryRow {
  const n = settings.horizon;
  const costs = settings.costs ?? {};
  const holdingCost = ((costs.holding ?? 0) * a.onHand) / n;
  const shortageCost = ((costs.backorder ?? 0) * a.back + (costs.shortage ?? 0) * a.short) / n;
  const orderingCost = ((costs.ordering ?? 0) * a.orders) / n;
  const purchaseCost = ((costs.purchase ?? 0) * a.orderedUnits) / n;
  const fillRate = a.demand > 0 ? a.filled / a.demand : NaN;
  const row = { cycleServiceLevel: a.cycles > 0 ? 1 - a.stockoutCycles / a.cycles : NaN, readyRate: a.readyPeriods / n, fillRate } as InventoryRow;
  const ot = settings.onTime;
  if (lost && ot !== undefined) {
    if (ot.requested) row.onTimeRequested = fillRate;
    if (ot.committed !== undefined) row.onTimeCommitted = fillRate;
  } else if (onTime !== null) {
    if (onTime.requested) row.onTimeRequested = onTime.demand > 0 ? onTime.requestedUnits / onTime.demand : NaN;
    if (onTime.committedOn) row.onTimeCommitted = onTime.demand > 0 ? onTime.committedUnits / onTime.demand : NaN;
  }
  row.averageOnHand = a.onHand / n;
  row.averageBackorders = a.back / n;
  row.averageInventoryPosition = a.ip / n;
  row.shortUnitsPerPeriod = a.short / n;
  row.lostSalesPerPeriod = a.lost / n;
  row.demandPerPeriod = a.demand / n;
  row.ordersPerPeriod = a.orders / n;
  row.orderedUnitsPerPeriod = a.orderedUnits / n;
  row.cycles = a.cycles;
  row.arrivalCycleServiceLevel = a.arrivalCycles > 0 ? 1 - a.arrivalStockoutCycles / a.arrivalCycles : NaN;
  row.holdingCost = holdingCost;
  row.shortageCost = shortageCost;
  row.orderingCost = orderingCost;
  row.purchaseCost = purchaseCost;
  row.totalCost = holdingCost + shortageCost + orderingCost + purchaseCost;
  addCounts(row, a, n, onTime, lost && ot !== undefined);
  return row;
}

/** The numerators and denominators of the ratio metrics (ROW_COUNTS, ROW_ON_TIME_COUNTS). */
function addCounts(row: InventoryRow, a: Sums, n: number, onTime: OnTimeTracker | null, lostOnTime: boolean): void {
  row.periods = n;
  row.demandUnits = a.demand;
  row.filledUnits = a.filled;
  row.readyPeriods = a.readyPeriods;
  row.stockoutCycles = a.stockoutCycles;
  row.censoredCycles = a.censoredCycles;
  row.arrivalCycles = a.arrivalCycles;
  row.arrivalStockoutCycles = a.arrivalStockoutCycles;
  if (lostOnTime) {
    // under lost sales on time = served at once: the fill rate's counts
    row.onTimeDemandUnits = a.demand;
    if (row.onTimeRequested !== undefined) row.onTimeRequestedUnits = a.filled;
    if (row.onTimeCommitted !== undefined) row.onTimeCommittedUnits = a.filled;
  } else if (onTime !== null) {
    row.onTimeDemandUnits = onTime.demand;
    if (onTime.requested) row.onTimeRequestedUnits = onTime.requestedUnits;
    if (onTime.committedOn) row.onTimeCommittedUnits = onTime.committedUnits;
  }
}
