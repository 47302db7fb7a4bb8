/**
 * The periodic-time inventory simulator: one SKU, one stocking point, a policy from
 * src/sim/policy.ts, demand and lead times from a ProcessSources object. Pure (no I/O).
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
import type { InventoryPolicy } from './policy.ts';

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
  'holdingCost',
  'shortageCost',
  'orderingCost',
  'purchaseCost',
  'totalCost',
] as const;
export type RowMetric = (typeof ROW_METRICS)[number];

const KIND_SQ = 0;
const KIND_SS = 1;
const KIND_RS = 2;
const KIND_RSS = 3;
const KIND_RSQ = 4;

function checkNumber(x: unknown, name: string, rule: 'finite' | 'nonneg' | 'positive' | 'int0' | 'int1'): number {
  const ok =
    typeof x === 'number' &&
    Number.isFinite(x) &&
    (rule === 'finite' || (rule === 'nonneg' && x >= 0) || (rule === 'positive' && x > 0) || (rule === 'int0' && Number.isInteger(x) && x >= 0) || (rule === 'int1' && Number.isInteger(x) && x >= 1));
  if (!ok) {
    const words = { finite: 'a finite number', nonneg: 'a finite number ≥ 0', positive: 'a finite number > 0', int0: 'an integer ≥ 0', int1: 'an integer ≥ 1' }[rule];
    throw new RangeError(`${name} must be ${words}, got ${String(x)}`);
  }
  return x as number;
}

/** Check a policy's fields; throws RangeError/TypeError naming the field. */
export function validatePolicy(p: InventoryPolicy, name = 'policy'): void {
  if (p === null || typeof p !== 'object') throw new TypeError(`${name} must be an object with a kind`);
  switch (p.kind) {
    case 'sQ':
    case 'RsQ':
      checkNumber(p.reorderPoint, `${name}.reorderPoint`, 'finite');
      checkNumber(p.lotSize, `${name}.lotSize`, 'positive');
      if (p.multiples !== 'one' && p.multiples !== 'multiples') throw new RangeError(`${name}.multiples must be 'one' or 'multiples', got ${String(p.multiples)}`);
      if (p.kind === 'RsQ') checkNumber(p.reviewPeriod, `${name}.reviewPeriod`, 'int1');
      break;
    case 'sS':
    case 'RsS':
      checkNumber(p.reorderPoint, `${name}.reorderPoint`, 'finite');
      checkNumber(p.orderUpTo, `${name}.orderUpTo`, 'finite');
      if (!(p.orderUpTo > p.reorderPoint)) throw new RangeError(`${name}.orderUpTo must exceed reorderPoint (${p.reorderPoint}), got ${p.orderUpTo}`);
      if (p.kind === 'RsS') checkNumber(p.reviewPeriod, `${name}.reviewPeriod`, 'int1');
      break;
    case 'RS':
      checkNumber(p.reviewPeriod, `${name}.reviewPeriod`, 'int1');
      checkNumber(p.orderUpTo, `${name}.orderUpTo`, 'finite');
      break;
    default:
      throw new RangeError(`${name}.kind must be one of sQ, sS, RS, RsS, RsQ; got '${String((p as { kind: unknown }).kind)}'`);
  }
  const lr = p.lotRule;
  if (lr !== undefined) {
    if (lr === null || typeof lr !== 'object') throw new TypeError(`${name}.lotRule must be an object`);
    if (lr.multiple !== undefined) checkNumber(lr.multiple, `${name}.lotRule.multiple`, 'positive');
    if (lr.min !== undefined) checkNumber(lr.min, `${name}.lotRule.min`, 'nonneg');
    if (lr.max !== undefined) checkNumber(lr.max, `${name}.lotRule.max`, 'positive');
    if (lr.min !== undefined && lr.max !== undefined && lr.max < lr.min) throw new RangeError(`${name}.lotRule.max (${lr.max}) must be ≥ lotRule.min (${lr.min})`);
  }
}

/** Check engine settings; throws RangeError naming the field. */
export function validateSettings(s: EngineSettings): void {
  checkNumber(s.horizon, 'horizon', 'int1');
  checkNumber(s.warmup, 'warmup', 'int0');
  if (s.shortage !== undefined && s.shortage !== 'backorder' && s.shortage !== 'lostSales') throw new RangeError(`shortage must be 'backorder' or 'lostSales', got ${String(s.shortage)}`);
  if (s.initialOnHand !== undefined) checkNumber(s.initialOnHand, 'initialOnHand', 'nonneg');
  for (const [k, v] of Object.entries(s.costs ?? {})) if (v !== undefined) checkNumber(v, `costs.${k}`, 'nonneg');
  if (s.onTime?.committed !== undefined) checkNumber(s.onTime.committed, 'onTime.committed', 'int0');
  if (s.onTime?.requested) checkNumber(s.onTime.requestedMax, 'onTime.requestedMax', 'int0');
}

/**
 * The order quantity rule applied after the policy: seed 001 Step 5's lot restrictions, in
 * this order: round up to a multiple of QUNIT (lotRule.multiple), then at least QMIN
 * (lotRule.min), then at most QMAX (lotRule.max). See src/sim/README.md.
 */
export function applyLotRule(q: number, multiple: number, min: number, max: number): number {
  if (multiple > 0) q = Math.ceil(q / multiple - 1e-12) * multiple;
  if (q < min) q = min;
  if (q > max) q = max;
  return q;
}

/** Natural starting stock of a policy: s + Q for (s, Q) rules, S for order-up-to rules. */
export function naturalTop(p: InventoryPolicy): number {
  switch (p.kind) {
    case 'sQ':
    case 'RsQ':
      return Math.max(0, p.reorderPoint + p.lotSize);
    default:
      return Math.max(0, p.orderUpTo);
  }
}

function pow2AtLeast(n: number): number {
  let k = 16;
  while (k < n) k *= 2;
  return k;
}

/**
 * Simulate one replication and return its row of metrics (every metric of ROW_METRICS that
 * applies; onTime* only when configured). Deterministic given the sources.
 */
export function simulateInventory(policy: InventoryPolicy, settings: EngineSettings, sources: ProcessSources): Record<string, number> {
  validatePolicy(policy);
  validateSettings(settings);
  const horizon = settings.horizon;
  const warmup = settings.warmup;
  const total = warmup + horizon;
  const lost = settings.shortage === 'lostSales';
  const costs = settings.costs ?? {};

  // policy parameters as numbers
  let kind = KIND_SQ;
  let s = 0;
  let Q = 0;
  let S = 0;
  let R = 1;
  let multiples = false;
  switch (policy.kind) {
    case 'sQ':
      kind = KIND_SQ;
      s = policy.reorderPoint;
      Q = policy.lotSize;
      multiples = policy.multiples === 'multiples';
      break;
    case 'sS':
      kind = KIND_SS;
      s = policy.reorderPoint;
      S = policy.orderUpTo;
      break;
    case 'RS':
      kind = KIND_RS;
      R = policy.reviewPeriod;
      S = policy.orderUpTo;
      break;
    case 'RsS':
      kind = KIND_RSS;
      R = policy.reviewPeriod;
      s = policy.reorderPoint;
      S = policy.orderUpTo;
      break;
    case 'RsQ':
      kind = KIND_RSQ;
      R = policy.reviewPeriod;
      s = policy.reorderPoint;
      Q = policy.lotSize;
      multiples = policy.multiples === 'multiples';
      break;
  }
  const lr = policy.lotRule;
  const hasLotRule = lr !== undefined && (lr.multiple !== undefined || lr.min !== undefined || lr.max !== undefined);
  const lotMultiple = lr?.multiple ?? 0;
  const lotMin = lr?.min ?? 0;
  const lotMax = lr?.max ?? Infinity;

  // pipeline ring: arrivals[p & mask] = units due at the start of period p, counts[...] = orders
  let size = 64;
  let mask = size - 1;
  let arrivals = new Float64Array(size);
  let counts = new Int32Array(size);

  // on-time tracking rings (backorders only)
  const onTime = settings.onTime;
  const trackRequested = !lost && onTime?.requested === true;
  const trackCommitted = !lost && onTime?.committed !== undefined;
  const committed = onTime?.committed ?? 0;
  const cMax = Math.max(trackRequested ? onTime!.requestedMax! : 0, trackCommitted ? committed : 0);
  const wSize = pow2AtLeast(cMax + 2);
  const wMask = wSize - 1;
  const supplyRing = new Float64Array(trackRequested || trackCommitted ? wSize : 1);
  const dcumPrevRing = new Float64Array(supplyRing.length);
  const demandRing = new Float64Array(supplyRing.length);
  const cReqRing = new Int32Array(supplyRing.length);
  let supplyCum = 0;
  let demandCum = 0;
  let onTimeReqUnits = 0;
  let onTimeComUnits = 0;
  let onTimeDemand = 0;

  const initial = settings.initialOnHand ?? naturalTop(policy);
  let IL = initial; // net inventory = on hand − backorders
  // Inventory position (on hand + on order − backorders), kept as its own state rather than
  // recomputed as IL + on order: with fractional quantities that sum carries round-off (receipts
  // are netted in lumps), so after an order up to S a period without demand could show
  // S − 1e-15 and place a spurious order. IP falls by the demand (by what was served under lost
  // sales), rises by each order, and is exactly S after an order up to S.
  let ip = initial;
  supplyCum = initial;

  // accumulators (measured periods only)
  let sumDemand = 0;
  let sumFilled = 0;
  let sumOnHand = 0;
  let sumBack = 0;
  let sumIP = 0;
  let sumShort = 0;
  let sumLost = 0;
  let readyPeriods = 0;
  let orders = 0;
  let orderedUnits = 0;
  let cycles = 0;
  let stockoutCycles = 0;
  let cycleOpen = false;
  let cycleStockout = false;

  let reviewCountdown = R; // periodic review at the end of periods R − 1, 2R − 1, …

  for (let t = 0; t < total; t++) {
    const measuring = t >= warmup;
    // 1. receipts
    const slot = t & mask;
    if (counts[slot] !== 0) {
      const q = arrivals[slot]!;
      arrivals[slot] = 0;
      counts[slot] = 0;
      if (cycleOpen && measuring) {
        cycles++;
        if (cycleStockout || IL < 0) stockoutCycles++;
      }
      cycleOpen = true;
      cycleStockout = false;
      IL += q;
      supplyCum += q;
    }
    // 2. demand
    const d = sources.demand(t);
    let filled: number;
    if (lost) {
      filled = d < IL ? d : IL;
      IL -= filled;
      ip -= filled;
    } else {
      const avail = IL > 0 ? IL : 0;
      filled = d < avail ? d : avail;
      IL -= d;
      ip -= d;
    }
    const short = d - filled;
    if (short > 0) cycleStockout = true;
    // 3. metrics
    if (measuring) {
      sumDemand += d;
      sumFilled += filled;
      if (IL > 0) {
        sumOnHand += IL;
        readyPeriods++;
      } else {
        sumBack -= IL;
      }
      sumShort += short;
      if (lost) sumLost += short;
    }
    if (trackRequested || trackCommitted) {
      const w = t & wMask;
      supplyRing[w] = supplyCum;
      dcumPrevRing[w] = demandCum;
      demandRing[w] = d;
      demandCum += d;
      if (trackRequested) cReqRing[w] = sources.requestedLeadTime!(t);
      const u = t - cMax; // period whose on-time delivery is now known
      if (u >= warmup) {
        const uw = u & wMask;
        const du = demandRing[uw]!;
        const base = dcumPrevRing[uw]!;
        onTimeDemand += du;
        if (trackRequested) {
          let x = supplyRing[(u + cReqRing[uw]!) & wMask]! - base;
          x = x < 0 ? 0 : x > du ? du : x;
          onTimeReqUnits += x;
        }
        if (trackCommitted) {
          let x = supplyRing[(u + committed) & wMask]! - base;
          x = x < 0 ? 0 : x > du ? du : x;
          onTimeComUnits += x;
        }
      }
    }
    // 4. review
    let q = 0;
    switch (kind) {
      case KIND_SQ:
        if (ip <= s) q = multiples ? (Math.floor((s - ip) / Q) + 1) * Q : Q;
        break;
      case KIND_SS:
        if (ip <= s) q = S - ip;
        break;
      default:
        if (--reviewCountdown === 0) {
          reviewCountdown = R;
          if (kind === KIND_RS) {
            if (ip < S) q = S - ip;
          } else if (ip <= s) {
            if (kind === KIND_RSS) q = S - ip;
            else q = multiples ? (Math.floor((s - ip) / Q) + 1) * Q : Q;
          }
        }
    }
    if (q > 0) {
      const upTo = q;
      if (hasLotRule) q = applyLotRule(q, lotMultiple, lotMin, lotMax);
      ip = q === upTo && kind !== KIND_SQ && kind !== KIND_RSQ ? S : ip + q;
      const L = sources.leadTime(t);
      const delay = 1 + Math.ceil(L);
      if (delay >= size) {
        // grow the ring (rare): pending arrivals are in periods t + 1 … t + size − 1
        let ns = size;
        while (ns <= delay) ns *= 2;
        const na = new Float64Array(ns);
        const nc = new Int32Array(ns);
        for (let p = t + 1; p < t + size; p++) {
          na[p & (ns - 1)] = arrivals[p & mask]!;
          nc[p & (ns - 1)] = counts[p & mask]!;
        }
        arrivals = na;
        counts = nc;
        size = ns;
        mask = ns - 1;
      }
      const a = (t + delay) & mask;
      arrivals[a] = arrivals[a]! + q;
      counts[a] = counts[a]! + 1;
      if (measuring) {
        orders++;
        orderedUnits += q;
      }
    }
    if (measuring) sumIP += ip;
  }

  const n = horizon;
  const h = costs.holding ?? 0;
  const b = costs.backorder ?? 0;
  const p = costs.shortage ?? 0;
  const K = costs.ordering ?? 0;
  const c = costs.purchase ?? 0;
  const holdingCost = (h * sumOnHand) / n;
  const shortageCost = (b * sumBack + p * sumShort) / n;
  const orderingCost = (K * orders) / n;
  const purchaseCost = (c * orderedUnits) / n;
  const row: Record<string, number> = {
    cycleServiceLevel: cycles > 0 ? 1 - stockoutCycles / cycles : NaN,
    readyRate: readyPeriods / n,
    fillRate: sumDemand > 0 ? sumFilled / sumDemand : NaN,
  };
  if (trackRequested || trackCommitted || (lost && onTime !== undefined)) {
    if (lost) {
      if (onTime?.requested) row.onTimeRequested = row.fillRate!;
      if (onTime?.committed !== undefined) row.onTimeCommitted = row.fillRate!;
    } else {
      if (trackRequested) row.onTimeRequested = onTimeDemand > 0 ? onTimeReqUnits / onTimeDemand : NaN;
      if (trackCommitted) row.onTimeCommitted = onTimeDemand > 0 ? onTimeComUnits / onTimeDemand : NaN;
    }
  }
  row.averageOnHand = sumOnHand / n;
  row.averageBackorders = sumBack / n;
  row.averageInventoryPosition = sumIP / n;
  row.shortUnitsPerPeriod = sumShort / n;
  row.lostSalesPerPeriod = sumLost / n;
  row.demandPerPeriod = sumDemand / n;
  row.ordersPerPeriod = orders / n;
  row.orderedUnitsPerPeriod = orderedUnits / n;
  row.cycles = cycles;
  row.holdingCost = holdingCost;
  row.shortageCost = shortageCost;
  row.orderingCost = orderingCost;
  row.purchaseCost = purchaseCost;
  row.totalCost = holdingCost + shortageCost + orderingCost + purchaseCost;
  return row;
}
