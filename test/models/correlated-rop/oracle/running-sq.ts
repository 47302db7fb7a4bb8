/**
 * TEST ORACLE (not library code): a second, independently written running continuous-review
 * (s, Q) loop whose lead times and daily demands are correlated through the Gaussian copula of
 * src/models/correlated-rop/sim/gaussian-copula.ts (the discrete Tables 1–2 of Izar Landeta,
 * Ynzunza Cortés & Zermeño Pérez 2015). It draws demand and lead times from ONE stream and has
 * its own trigger tolerance, so it shares no code path with the shared engine; the tests check
 * that the engine with the joint sources (kernel 'correlated-rop.engine-sq') agrees with it
 * within standard errors, and that both meet the undershoot prediction.
 *
 * Day t, in this order:
 *  1. orders due on day t arrive (net inventory += Q); an arrival closes a replenishment cycle;
 *  2. demand d_t occurs: if an order is outstanding and t lies in its lead time, d_t is drawn
 *     given that order's latent Z0 (so the order's lead-time demand has exactly the cycle law
 *     of the copula process); with no outstanding order, from the marginal; unmet demand is
 *     backordered (net inventory may go negative);
 *  3. end of day: review; while the inventory position (net + on order) ≤ s (compared with a
 *     relative tolerance of 1e-9, see the code), order Q (one lot
 *     per order; several only if one does not lift the position above s); an order placed at
 *     the end of day t with lead time L arrives at the start of day t + L + 1, so its lead-time
 *     demand is the demand of days t + 1 … t + L (L days, as in the cycle model).
 * Metrics, counted after `warmupDays`:
 *  - cycleServiceLevel: share of replenishment cycles (the days from one arrival to the day
 *    before the next) in which no demand had to be backordered and no backorders are
 *    outstanding at the end (net inventory < 0 just before the next arrival), the engine's
 *    definition (src/sim/README.md);
 *  - fillRate: share of demand served from stock at once;
 *  - readyRate: share of days ending with net inventory > 0;
 *  - averageOnHand: mean end-of-day on-hand stock max(net, 0); averageBackorders likewise;
 *  - meanUndershoot: mean of s − (inventory position when an order is triggered); the cycle
 *    model assumes 0 (unit demand), so the running system meets lead-time demand with s minus
 *    this undershoot, which is why its service is lower than the cycle-level P(X ≤ s).
 */
import type { ReplicationContext } from '../../../../src/sim/kernel.ts';
import { prepareCopula, sampleCopulaDailyDemand, sampleCopulaLeadTime, type GaussianCopulaSpec } from '../../../../src/models/correlated-rop/sim/gaussian-copula.ts';
import { RandomStream } from '../../../../src/rng/stream.ts';

/** Spec of one running (s, Q) simulation. */
export interface RunningSQSpec {
  process: GaussianCopulaSpec;
  /** s [units] */
  reorderPoint: number;
  /** Q [units], > 0 */
  lotSize: number;
  /** simulated days after the warm-up */
  days: number;
  /** days simulated before counting */
  warmupDays: number;
  /** starting net inventory (default s + Q) */
  initialNetInventory?: number;
}

/** One replication of the oracle; stream key (seed, scenario, replication, 'sq'). */
export function runningSQ(spec: RunningSQSpec, ctx: ReplicationContext): Record<string, number> {
  return runSQ(spec, new RandomStream([ctx.seed, ctx.scenario, ctx.replication, 'sq']));
}

export function runSQ(spec: RunningSQSpec, stream: RandomStream): Record<string, number> {
  const p = prepareCopula(spec.process);
  const s = spec.reorderPoint;
  const Q = spec.lotSize;
  // the oracle keeps its own checks (it shares no code with the library beyond the copula)
  if (!(Number.isFinite(s))) throw new RangeError(`reorderPoint must be finite, got ${s}`);
  if (!(Q > 0)) throw new RangeError(`lotSize must be > 0, got ${Q}`);
  if (!(Number.isInteger(spec.days) && spec.days >= 1)) throw new RangeError(`days must be a positive integer, got ${spec.days}`);
  if (!(Number.isInteger(spec.warmupDays) && spec.warmupDays >= 0)) throw new RangeError(`warmupDays must be a non-negative integer, got ${spec.warmupDays}`);
  let net = spec.initialNetInventory ?? s + Q;
  // outstanding orders: arrival day, quantity, latent, first and last demand day of the lead time
  const arrival: number[] = [];
  const latent: number[] = [];
  const firstDay: number[] = [];
  let onOrder = 0;
  const total = spec.warmupDays + spec.days;
  let cycles = 0;
  let cyclesWithStockout = 0;
  let inCycle = false;
  let stockoutThisCycle = false;
  let demand = 0;
  let served = 0;
  let readyDays = 0;
  let onHandSum = 0;
  let backorderSum = 0;
  let orders = 0;
  let undershootSum = 0;
  for (let t = 0; t < total; t++) {
    const counting = t >= spec.warmupDays;
    // 1. arrivals
    for (let i = arrival.length - 1; i >= 0; i--) {
      if (arrival[i] === t) {
        if (net < 0) stockoutThisCycle = true; // backorders still outstanding at the cycle's end
        net += Q;
        onOrder -= Q;
        arrival.splice(i, 1);
        latent.splice(i, 1);
        firstDay.splice(i, 1);
        if (inCycle && counting) {
          cycles++;
          if (stockoutThisCycle) cyclesWithStockout++;
        }
        inCycle = counting;
        stockoutThisCycle = false;
      }
    }
    // 2. demand, conditioned on the most recent outstanding order whose lead time covers day t
    let z: number | null = null;
    for (let i = arrival.length - 1; i >= 0; i--) {
      if (t >= firstDay[i]! && t < arrival[i]!) {
        z = latent[i]!;
        break;
      }
    }
    const d = sampleCopulaDailyDemand(p, z, stream);
    const fromStock = Math.min(d, Math.max(net, 0));
    net -= d;
    if (net < 0 && d > 0) stockoutThisCycle = true;
    if (counting) {
      demand += d;
      served += fromStock;
      if (net > 0) readyDays++;
      onHandSum += Math.max(net, 0);
      backorderSum += Math.max(-net, 0);
    }
    // 3. review at the end of the day
    // compare with a tolerance: s + Q − (integer demands) is not exactly s + integer in floating
    // point, and without it a position that lands exactly on s would not trigger an order
    let position = net + onOrder;
    const trigger = s + 1e-9 * Math.max(1, Math.abs(s));
    if (position <= trigger && counting) undershootSum += Math.max(0, s - position);
    let placed = false;
    while (position <= trigger) {
      const { latent: z0, leadTime } = sampleCopulaLeadTime(p, stream);
      arrival.push(t + leadTime + 1);
      latent.push(z0);
      firstDay.push(t + 1);
      onOrder += Q;
      position += Q;
      placed = true;
    }
    if (placed && counting) orders++;
  }
  return {
    cycles,
    cyclesWithStockout,
    cycleServiceLevel: cycles > 0 ? 1 - cyclesWithStockout / cycles : NaN,
    fillRate: demand > 0 ? served / demand : NaN,
    readyRate: readyDays / spec.days,
    averageOnHand: onHandSum / spec.days,
    averageBackorders: backorderSum / spec.days,
    ordersPlaced: orders,
    meanUndershoot: orders > 0 ? undershootSum / orders : NaN,
  };
}
