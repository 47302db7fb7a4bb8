/**
 * Stochastic replay of a Sabahno (2008) production/pricing plan (seed 002): the plan is carried
 * out open-loop (each cycle produces at rate P from its start for the planned run, plus an
 * optional buffer), while demand arrives as a Poisson process at rate D(s) of the cycle's price
 * and every unit in stock has its own exponential lifetime (rate λ). Unmet demand is lost
 * (the model allows no shortages); stock left at a cycle's end carries into the next cycle;
 * stock left at the horizon is worthless. Every cash flow is discounted at the net rate R exactly
 * as eq. (8) of the model does:
 *   revenue   s·e^(−R·t) per unit sold at time t,
 *   holding   h·∫ I(t)·e^(−R·t) dt (I = good units in stock),
 *   purchase  c·P·∫ e^(−R·u) du over the time each unit is being produced,
 *   ordering  A·e^(−R(i − L)) per cycle (the reading of MISSION.md).
 * Production is in whole units: a cycle makes round(P·(j − i) + buffer) units, unit n (n = 1, 2, …)
 * being produced during [i + (n − 1)/P, i + n/P] and available from the start of its production,
 * so demand during the run is served from the line as in the fluid model (the available count
 * is the fluid output P·(t − i) rounded up; the total differs from the fluid Q by at most half a
 * unit). Units are sold first-in first-out, a rule independent of their residual lifetimes, so
 * the decay process is the model's exponential one. Pure, no I/O.
 *
 * Streams (keyed by what is simulated): demand gaps from (seed, scenario, replication, 'demand'),
 * lifetimes from (seed, scenario, replication, 'lifetime') in production order, so plans
 * differing only in their buffers see the same demand path (common random numbers).
 */
import type { DeterioratingDpParams } from '../../models/deteriorating-dp/params.ts';
import type { ReplicationContext } from '../replication.ts';
import { RandomStream } from '../../rng/stream.ts';

/** One cycle of the plan to replay. */
export interface ReplayCycle {
  /** i [time] */
  start: number;
  /** k [time] */
  end: number;
  /** s [currency per unit] */
  price: number;
  /** j: planned end of production [time] */
  productionEnd: number;
  /** extra units produced after j (the buffer), ≥ 0 */
  bufferUnits: number;
}

/**
 * What the kernel simulates (plain data, crosses into worker threads): the plan's cycles and
 * the model's parameters (a, b, R, λ, h, c, A, P, L as in DeterioratingDpParams).
 */
export interface ReplaySpec extends Omit<DeterioratingDpParams, 'horizon'> {
  cycles: ReplayCycle[];
}

/** ∫_t0^t1 e^(−R·t) dt, stable for R → 0. */
function discInt(R: number, t0: number, t1: number): number {
  const d = t1 - t0;
  if (d <= 0) return 0;
  const x = R * d;
  const psi = x === 0 ? 1 : Math.abs(x) < 1e-5 ? 1 - x / 2 + (x * x) / 6 : -Math.expm1(-x) / x;
  return Math.exp(-R * t0) * d * psi;
}

/** Check a replay spec (plain data from anywhere): throws naming the field and rule. */
export function validateReplaySpec(spec: ReplaySpec): void {
  if (!Array.isArray(spec.cycles) || spec.cycles.length === 0) throw new RangeError('deteriorating-dp replay: cycles must be a non-empty array');
  if (spec.cycles.length > 50) throw new RangeError(`deteriorating-dp replay: at most 50 cycles, got ${spec.cycles.length}`);
  let prevEnd = spec.cycles[0]!.start;
  spec.cycles.forEach((c, m) => {
    if (!(c.end > c.start)) throw new RangeError(`deteriorating-dp replay: cycle ${m} must have end > start, got [${c.start}, ${c.end}]`);
    if (Math.abs(c.start - prevEnd) > 1e-9) throw new RangeError(`deteriorating-dp replay: cycle ${m} must start where cycle ${m - 1} ends (${prevEnd}), got ${c.start}`);
    if (!(c.productionEnd >= c.start && c.productionEnd <= c.end)) throw new RangeError(`deteriorating-dp replay: cycle ${m} production end ${c.productionEnd} must lie in [${c.start}, ${c.end}]`);
    if (!(c.bufferUnits >= 0)) throw new RangeError(`deteriorating-dp replay: cycle ${m} bufferUnits must be ≥ 0, got ${c.bufferUnits}`);
    const D = spec.demandIntercept - spec.demandSlope * c.price;
    if (!(D > 0)) throw new RangeError(`deteriorating-dp replay: cycle ${m} price ${c.price} gives demand D(s) = ${D}, must be > 0`);
    prevEnd = c.end;
  });
  if (!(spec.productionRate > 0)) throw new RangeError(`deteriorating-dp replay: productionRate must be > 0, got ${spec.productionRate}`);
  if (!(spec.deteriorationRate >= 0)) throw new RangeError(`deteriorating-dp replay: deteriorationRate must be ≥ 0, got ${spec.deteriorationRate}`);
  if (!(spec.netDiscountRate >= 0)) throw new RangeError(`deteriorating-dp replay: netDiscountRate must be ≥ 0, got ${spec.netDiscountRate}`);
}

/**
 * One replication of the plan. Row fields: profit, revenue, holding, purchase, ordering (present
 * worths), demand, sold, lost, decayed, produced, leftover (units), stockoutCycles, anyStockout
 * (0/1), and per cycle m: stockout_m (0/1), lost_m, demand_m, endStock_m.
 */
export function replayPlan(spec: ReplaySpec, ctx: ReplicationContext): Record<string, number> {
  validateReplaySpec(spec);
  const R = spec.netDiscountRate;
  const lam = spec.deteriorationRate;
  const P = spec.productionRate;
  const demandStream = new RandomStream([ctx.seed, ctx.scenario, ctx.replication, 'demand']);
  const lifeStream = new RandomStream([ctx.seed, ctx.scenario, ctx.replication, 'lifetime']);

  // units: expiry times in production order; alive flags; a FIFO head and a lazy min-heap on expiry
  let capacity = 1024;
  let expiry = new Float64Array(capacity);
  let alive = new Uint8Array(capacity);
  let heap = new Int32Array(capacity);
  let heapSize = 0;
  let nUnits = 0;
  let head = 0;
  let stock = 0;

  const heapPush = (u: number) => {
    let q = heapSize++;
    heap[q] = u;
    while (q > 0) {
      const parent = (q - 1) >> 1;
      if (expiry[heap[parent]!]! <= expiry[heap[q]!]!) break;
      const tmp = heap[parent]!;
      heap[parent] = heap[q]!;
      heap[q] = tmp;
      q = parent;
    }
  };
  const heapPop = () => {
    const top = heap[0]!;
    heapSize--;
    if (heapSize > 0) {
      heap[0] = heap[heapSize]!;
      let q = 0;
      for (;;) {
        const l = 2 * q + 1;
        const r = l + 1;
        let m = q;
        if (l < heapSize && expiry[heap[l]!]! < expiry[heap[m]!]!) m = l;
        if (r < heapSize && expiry[heap[r]!]! < expiry[heap[m]!]!) m = r;
        if (m === q) break;
        const tmp = heap[m]!;
        heap[m] = heap[q]!;
        heap[q] = tmp;
        q = m;
      }
    }
    return top;
  };
  const nextExpiry = () => {
    while (heapSize > 0 && alive[heap[0]!] === 0) heapPop();
    return heapSize > 0 ? expiry[heap[0]!]! : Infinity;
  };
  const grow = () => {
    capacity *= 2;
    const e = new Float64Array(capacity);
    e.set(expiry);
    expiry = e;
    const a = new Uint8Array(capacity);
    a.set(alive);
    alive = a;
    const h = new Int32Array(capacity);
    h.set(heap);
    heap = h;
  };

  let revenue = 0;
  let holding = 0;
  let purchase = 0;
  let ordering = 0;
  let demandTotal = 0;
  let sold = 0;
  let lost = 0;
  let decayed = 0;
  let produced = 0;
  let stockoutCycles = 0;
  const row: Record<string, number> = {};

  let t = spec.cycles[0]!.start;
  for (let m = 0; m < spec.cycles.length; m++) {
    const c = spec.cycles[m]!;
    const D = spec.demandIntercept - spec.demandSlope * c.price;
    ordering += spec.orderingCost * Math.exp(-R * (c.start - spec.leadTime));
    const nProduce = Math.round(P * (c.productionEnd - c.start) + c.bufferUnits);
    const unitsThisCycle = Math.min(nProduce, Math.floor(P * (c.end - c.start) + 1e-9));
    // purchase cost: c·P·∫ e^(−Ru) du over the production time of the units made
    purchase += spec.unitCost * P * discInt(R, c.start, c.start + unitsThisCycle / P);
    let made = 0;
    let nextProd = unitsThisCycle > 0 ? c.start : Infinity;
    let nextDemand = c.start + demandStream.exponential() / D;
    let cycleDemand = 0;
    let cycleLost = 0;
    for (;;) {
      const tExp = nextExpiry();
      const tNext = Math.min(nextProd, nextDemand, tExp, c.end);
      holding += spec.holdingCost * stock * discInt(R, t, tNext);
      t = tNext;
      if (t >= c.end && nextProd > c.end && nextDemand >= c.end && tExp >= c.end) break;
      if (nextProd <= t && nextProd <= nextDemand && nextProd <= tExp) {
        if (nUnits === capacity) grow();
        const u = nUnits++;
        expiry[u] = lam > 0 ? t + lifeStream.exponential() / lam : Infinity;
        alive[u] = 1;
        heapPush(u);
        stock++;
        produced++;
        made++;
        nextProd = made < unitsThisCycle ? c.start + made / P : Infinity;
      } else if (tExp <= t && tExp <= nextDemand) {
        const u = heapPop();
        alive[u] = 0;
        stock--;
        decayed++;
      } else if (nextDemand <= t) {
        cycleDemand++;
        if (stock > 0) {
          while (alive[head] === 0) head++;
          alive[head] = 0;
          stock--;
          sold++;
          revenue += c.price * Math.exp(-R * t);
        } else {
          cycleLost++;
        }
        nextDemand = t + demandStream.exponential() / D;
      } else {
        break;
      }
    }
    t = c.end;
    demandTotal += cycleDemand;
    lost += cycleLost;
    if (cycleLost > 0) stockoutCycles++;
    row[`stockout_${m}`] = cycleLost > 0 ? 1 : 0;
    row[`lost_${m}`] = cycleLost;
    row[`demand_${m}`] = cycleDemand;
    row[`endStock_${m}`] = stock;
  }
  row.profit = revenue - holding - purchase - ordering;
  row.revenue = revenue;
  row.holding = holding;
  row.purchase = purchase;
  row.ordering = ordering;
  row.demand = demandTotal;
  row.sold = sold;
  row.lost = lost;
  row.decayed = decayed;
  row.produced = produced;
  row.leftover = stock;
  row.stockoutCycles = stockoutCycles;
  row.anyStockout = stockoutCycles > 0 ? 1 : 0;
  return row;
}

/** The registered kernel ('deteriorating-dp.replay'). */
export function deterioratingReplayKernel(spec: unknown, ctx: ReplicationContext): Record<string, number> {
  return replayPlan(spec as ReplaySpec, ctx);
}

/** A plan cycle as the model returns it (the fields the replay needs). */
export interface PlanCycleLike {
  start: number;
  end: number;
  price: number;
  productionEnd: number;
  demandRate: number;
}

/** Model parameters the replay needs (a subset of the model's DeterioratingDpParams). */
export type ReplayParams = Omit<ReplaySpec, 'cycles'>;

/**
 * Build a replay spec from a plan, with a buffer of z standard deviations of each cycle's
 * Poisson demand: bufferUnits = z·sqrt(D(s)·(k − i)). z = 0 replays the plan as planned.
 */
export function replaySpecFromPlan(params: ReplayParams, plan: readonly PlanCycleLike[], z = 0): ReplaySpec {
  if (!(z >= 0)) throw new RangeError(`deteriorating-dp replay: buffer factor z must be ≥ 0, got ${z}`);
  return {
    demandIntercept: params.demandIntercept,
    demandSlope: params.demandSlope,
    netDiscountRate: params.netDiscountRate,
    deteriorationRate: params.deteriorationRate,
    holdingCost: params.holdingCost,
    unitCost: params.unitCost,
    orderingCost: params.orderingCost,
    productionRate: params.productionRate,
    leadTime: params.leadTime,
    cycles: plan.map((c) => ({ start: c.start, end: c.end, price: c.price, productionEnd: c.productionEnd, bufferUnits: z * Math.sqrt(c.demandRate * (c.end - c.start)) })),
  };
}
