/**
 * Stochastic replay of a Sabahno (2008) production/pricing plan: the plan is carried out
 * open-loop (each cycle produces at rate P from its start for the planned run, plus an optional
 * buffer), while demand arrives as a Poisson process at rate D(s) of the cycle's price and every
 * unit in stock has its own exponential lifetime (rate λ). Unmet demand is lost (the model allows
 * no shortages); stock left at a cycle's end carries into the next cycle; stock left at the
 * horizon is worthless. Every cash flow is discounted at the net rate R exactly as eq. (8) of the
 * model does:
 *   revenue   s·e^(−R·t) per unit sold at time t,
 *   holding   h·∫ I(t)·e^(−R·t) dt (I = good units in stock),
 *   purchase  c·P·∫ e^(−R·u) du over the time each unit is being produced,
 *   ordering  A·e^(−R(i − L)) per cycle (the ordering cost as printed in eq. 8).
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
import { psi } from '../../../core/special.ts';
import { checkNumber, checkObject, describeValue, satisfies } from '../../../core/validate.ts';
import { RandomStream } from '../../../rng/stream.ts';
import { defineKernel, type ReplicationContext } from '../../../sim/kernel.ts';
import type { DeterioratingDpParams } from '../params.ts';
import { UnitStock } from './unit-stock.ts';

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

/** Totals of a replication (present worths in currency at time 0, counts in units). */
export const REPLAY_METRICS = ['profit', 'revenue', 'holding', 'purchase', 'ordering', 'demand', 'sold', 'lost', 'decayed', 'produced', 'leftover', 'stockoutCycles', 'anyStockout'] as const;
export type ReplayMetric = (typeof REPLAY_METRICS)[number];
/** Per-cycle metrics, keyed `<metric>_<m>` for cycle m (0-based). */
export const REPLAY_CYCLE_METRICS = ['stockout', 'lost', 'demand', 'endStock'] as const;
export type ReplayCycleMetric = (typeof REPLAY_CYCLE_METRICS)[number];
export type ReplayCycleKey = `${ReplayCycleMetric}_${number}`;
/** One replication's row: the totals and, per cycle m, stockout_m (0/1), lost_m, demand_m, endStock_m. */
export type ReplayRow = Record<ReplayMetric, number> & Record<ReplayCycleKey, number>;

/** The row key of cycle m's metric. */
export function cycleKey(metric: ReplayCycleMetric, m: number): ReplayCycleKey {
  return `${metric}_${m}`;
}

/** ∫_t0^t1 e^(−R·t) dt = e^(−R·t0)·d·ψ(R·d), d = t1 − t0 (ψ of src/core/special.ts: stable for R → 0). */
function discInt(R: number, t0: number, t1: number): number {
  const d = t1 - t0;
  if (d <= 0) return 0;
  return Math.exp(-R * t0) * d * psi(R * d);
}

const PARAM_FIELDS = ['demandIntercept', 'demandSlope', 'netDiscountRate', 'deteriorationRate', 'holdingCost', 'unitCost', 'orderingCost', 'productionRate', 'leadTime'] as const;
const CYCLE_FIELDS = ['start', 'end', 'price', 'productionEnd', 'bufferUnits'] as const;

/** One cycle of a spec, checked against its predecessor's end; throws naming the cycle and rule. */
function checkCycle(raw: unknown, m: number, prevEnd: number, a: number, b: number): ReplayCycle {
  const o = checkObject(raw, `deteriorating-dp replay: cycles[${m}]`);
  const c = {} as ReplayCycle;
  for (const f of CYCLE_FIELDS) c[f] = checkNumber(o[f], `deteriorating-dp replay: cycles[${m}].${f}`);
  if (!(c.end > c.start)) throw new RangeError(`deteriorating-dp replay: cycle ${m} must have end > start, got [${c.start}, ${c.end}]`);
  if (Math.abs(c.start - prevEnd) > 1e-9) throw new RangeError(`deteriorating-dp replay: cycle ${m} must start where cycle ${m - 1} ends (${prevEnd}), got ${c.start}`);
  if (!(c.productionEnd >= c.start && c.productionEnd <= c.end)) throw new RangeError(`deteriorating-dp replay: cycle ${m} production end ${c.productionEnd} must lie in [${c.start}, ${c.end}]`);
  if (!(c.bufferUnits >= 0)) throw new RangeError(`deteriorating-dp replay: cycle ${m} bufferUnits must be ≥ 0, got ${c.bufferUnits}`);
  const D = a - b * c.price;
  if (!(D > 0)) throw new RangeError(`deteriorating-dp replay: cycle ${m} price ${c.price} gives demand D(s) = ${D}, must be > 0`);
  return c;
}

/**
 * Check a replay spec (plain data from anywhere) and return a typed copy; throws naming the
 * field and rule. The kernel's validator: the pool calls it once per run, not per replication.
 */
export function validateReplaySpec(raw: unknown): ReplaySpec {
  const o = checkObject(raw, 'deteriorating-dp replay spec');
  const spec = {} as ReplaySpec;
  for (const f of PARAM_FIELDS) spec[f] = checkNumber(o[f], `deteriorating-dp replay: ${f}`);
  if (!satisfies(spec.productionRate, 'positive')) throw new RangeError(`deteriorating-dp replay: productionRate must be > 0, got ${describeValue(spec.productionRate)}`);
  if (!satisfies(spec.deteriorationRate, 'nonneg')) throw new RangeError(`deteriorating-dp replay: deteriorationRate must be ≥ 0, got ${describeValue(spec.deteriorationRate)}`);
  if (!satisfies(spec.netDiscountRate, 'nonneg')) throw new RangeError(`deteriorating-dp replay: netDiscountRate must be ≥ 0, got ${describeValue(spec.netDiscountRate)}`);
  const cycles = o.cycles;
  if (!Array.isArray(cycles) || cycles.length === 0) throw new RangeError('deteriorating-dp replay: cycles must be a non-empty array');
  if (cycles.length > 50) throw new RangeError(`deteriorating-dp replay: at most 50 cycles, got ${cycles.length}`);
  spec.cycles = [];
  let prevEnd = checkNumber((cycles[0] as { start?: unknown } | null)?.start, 'deteriorating-dp replay: cycles[0].start');
  cycles.forEach((c, m) => {
    spec.cycles.push(checkCycle(c, m, prevEnd, spec.demandIntercept, spec.demandSlope));
    prevEnd = spec.cycles[m]!.end;
  });
  return spec;
}

/** Running totals of a replication. */
interface ReplayTotals {
  revenue: number;
  holding: number;
  purchase: number;
  ordering: number;
  demand: number;
  sold: number;
  lost: number;
  decayed: number;
  produced: number;
  stockoutCycles: number;
}

/** The state a replication carries from cycle to cycle. */
interface ReplayState {
  spec: ReplaySpec;
  demandStream: RandomStream;
  lifeStream: RandomStream;
  units: UnitStock;
  totals: ReplayTotals;
  /** current time */
  t: number;
}

/**
 * One cycle of the replay, event by event (production of a unit, expiry of a unit, a customer),
 * until the cycle's end. Adds to the totals; returns the cycle's demand and lost demand.
 */
function replayCycle(st: ReplayState, c: ReplayCycle): { demand: number; lost: number } {
  const { spec, units, totals: tot } = st;
  const R = spec.netDiscountRate;
  const lam = spec.deteriorationRate;
  const P = spec.productionRate;
  const D = spec.demandIntercept - spec.demandSlope * c.price;
  tot.ordering += spec.orderingCost * Math.exp(-R * (c.start - spec.leadTime));
  const nProduce = Math.round(P * (c.productionEnd - c.start) + c.bufferUnits);
  const unitsThisCycle = Math.min(nProduce, Math.floor(P * (c.end - c.start) + 1e-9));
  // purchase cost: c·P·∫ e^(−Ru) du over the production time of the units made
  tot.purchase += spec.unitCost * P * discInt(R, c.start, c.start + unitsThisCycle / P);
  let made = 0;
  let nextProd = unitsThisCycle > 0 ? c.start : Infinity;
  let nextDemand = c.start + st.demandStream.exponential() / D;
  let cycleDemand = 0;
  let cycleLost = 0;
  for (;;) {
    const tExp = units.nextExpiry();
    const tNext = Math.min(nextProd, nextDemand, tExp, c.end);
    tot.holding += spec.holdingCost * units.stock * discInt(R, st.t, tNext);
    const t = (st.t = tNext);
    if (t >= c.end && nextProd > c.end && nextDemand >= c.end && tExp >= c.end) break;
    if (nextProd <= t && nextProd <= nextDemand && nextProd <= tExp) {
      units.add(lam > 0 ? t + st.lifeStream.exponential() / lam : Infinity);
      tot.produced++;
      made++;
      nextProd = made < unitsThisCycle ? c.start + made / P : Infinity;
    } else if (tExp <= t && tExp <= nextDemand) {
      units.expireNext();
      tot.decayed++;
    } else if (nextDemand <= t) {
      cycleDemand++;
      if (units.stock > 0) {
        units.sellOldest();
        tot.sold++;
        tot.revenue += c.price * Math.exp(-R * t);
      } else {
        cycleLost++;
      }
      nextDemand = t + st.demandStream.exponential() / D;
    } else {
      break;
    }
  }
  st.t = c.end;
  return { demand: cycleDemand, lost: cycleLost };
}

/** One replication of a validated spec (the kernel's run: no validation here). */
function runReplay(spec: ReplaySpec, ctx: ReplicationContext): ReplayRow {
  const st: ReplayState = {
    spec,
    demandStream: new RandomStream([ctx.seed, ctx.scenario, ctx.replication, 'demand']),
    lifeStream: new RandomStream([ctx.seed, ctx.scenario, ctx.replication, 'lifetime']),
    units: new UnitStock(),
    totals: { revenue: 0, holding: 0, purchase: 0, ordering: 0, demand: 0, sold: 0, lost: 0, decayed: 0, produced: 0, stockoutCycles: 0 },
    t: spec.cycles[0]!.start,
  };
  const tot = st.totals;
  const row = {} as ReplayRow;
  spec.cycles.forEach((c, m) => {
    const r = replayCycle(st, c);
    tot.demand += r.demand;
    tot.lost += r.lost;
    if (r.lost > 0) tot.stockoutCycles++;
    row[cycleKey('stockout', m)] = r.lost > 0 ? 1 : 0;
    row[cycleKey('lost', m)] = r.lost;
    row[cycleKey('demand', m)] = r.demand;
    row[cycleKey('endStock', m)] = st.units.stock;
  });
  row.profit = tot.revenue - tot.holding - tot.purchase - tot.ordering;
  row.revenue = tot.revenue;
  row.holding = tot.holding;
  row.purchase = tot.purchase;
  row.ordering = tot.ordering;
  row.demand = tot.demand;
  row.sold = tot.sold;
  row.lost = tot.lost;
  row.decayed = tot.decayed;
  row.produced = tot.produced;
  row.leftover = st.units.stock;
  row.stockoutCycles = tot.stockoutCycles;
  row.anyStockout = tot.stockoutCycles > 0 ? 1 : 0;
  return row;
}

/** The replay kernel ('deteriorating-dp.replay'): pass it to runReplications({ kernel: deterioratingReplayKernel, … }). */
export const deterioratingReplayKernel = defineKernel(import.meta.url, 'deterioratingReplayKernel', 'deteriorating-dp.replay', validateReplaySpec, runReplay);

/**
 * One replication of the plan (validates the spec, then runs it). Row fields: profit, revenue,
 * holding, purchase, ordering (present worths), demand, sold, lost, decayed, produced, leftover
 * (units), stockoutCycles, anyStockout (0/1), and per cycle m: stockout_m (0/1), lost_m,
 * demand_m, endStock_m.
 */
export function replayPlan(spec: ReplaySpec, ctx: ReplicationContext): ReplayRow {
  return runReplay(validateReplaySpec(spec), ctx);
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
