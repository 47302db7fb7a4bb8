/**
 * MSER-5 warm-up: the truncation point of a run's output series by the Marginal Standard Error
 * Rule on batch means of 5 (White 1997, "An effective truncation heuristic for bias reduction in
 * simulation output", Simulation 69(6); White, Cobb & Spratt 2000, "A comparison of five
 * steady-state truncation heuristics for simulation", Proc. Winter Simulation Conference), applied,
 * as Hoad, Robinson & Davies (2010, "Automating warm-up length estimation", JORS 61(9)) recommend,
 * to the average over the first (up to 5) replications of the run.
 *
 * The series is the net inventory (on hand − backorders) of each period from the start (the
 * policy's top, or initialOnHand). The engine reports windows of a sample path, not single
 * periods: the mean of batch j is the run with warm-up 5·j and horizon 5 on the same streams
 * (the demand and lead-time draws of a replication do not depend on the measured window), so
 * the batch means are exact and the engine's hot loop is untouched; the cost is
 * 5·k(k + 1)/2 periods per replication for k batches, hence the series is capped at
 * MSER_MAX_PERIODS periods.
 */
import type { ReplicationContext } from './kernel.ts';
import { runInventoryReplication, type InventorySimSpec } from './inventory.ts';

/**
 * The fixed warm-up rule W = ⌈10·(E[L] + R + Q/μ)⌉ periods (E[L] mean lead time, R review period,
 * Q the lot, μ mean demand per period): ten times the time the initial stock and the first
 * replenishments take to pass (src/sim/README.md, "Warm-up"); at most 10^6.
 */
export function fixedWarmupRule(meanLeadTime: number, reviewPeriod: number, lot: number, meanDemand: number): number {
  return Math.min(1_000_000, Math.ceil(10 * (meanLeadTime + reviewPeriod + (meanDemand > 0 ? lot / meanDemand : 0))));
}

/** Batch size of MSER-5. */
export const MSER_BATCH = 5;
/** Replications whose average series MSER-5 is applied to (Hoad, Robinson & Davies 2010). */
export const MSER_REPLICATIONS = 5;
/** The longest series analysed (periods from the start). */
export const MSER_MAX_PERIODS = 5000;

export interface MserResult {
  /** number of complete batches k */
  batches: number;
  /** batches deleted d* (the minimiser of MSER(d) over 0 ≤ d ≤ ⌊k/2⌋) */
  deletedBatches: number;
  /** periods to delete: MSER_BATCH·d* (batch size × d*) */
  truncation: number;
  /** MSER(d*) */
  statistic: number;
  /**
   * d* = ⌊k/2⌋, the last admissible point: the series is too short to show its steady state
   * (White, Cobb & Spratt 2000 restrict d to the first half; a minimum there is not trusted)
   */
  atBoundary: boolean;
}

/**
 * MSER-b on a series x_1 … x_n (White 1997): batch means Z_1 … Z_k of b consecutive values
 * (k = ⌊n/b⌋, a last incomplete batch is dropped),
 *   MSER(d) = Σ_{j=d+1}^{k} (Z_j − Z̄(d))² / (k − d)²,  Z̄(d) the mean of Z_{d+1} … Z_k,
 * minimised over 0 ≤ d ≤ ⌊k/2⌋ (the smallest d on ties); truncation b·d*. Needs k ≥ 2.
 */
export function mserTruncation(series: ArrayLike<number>, batch = MSER_BATCH): MserResult {
  const k = Math.floor(series.length / batch);
  if (k < 2) throw new RangeError(`MSER-${batch} needs at least ${2 * batch} values, got ${series.length}`);
  const z = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < batch; i++) s += series[j * batch + i]!;
    z[j] = s / batch;
  }
  return mserOnBatchMeans(z, batch);
}

/** MSER on batch means already formed (batch size `batch`, for the truncation in periods). */
export function mserOnBatchMeans(z: ArrayLike<number>, batch = MSER_BATCH): MserResult {
  const k = z.length;
  if (k < 2) throw new RangeError(`MSER needs at least 2 batch means, got ${k}`);
  const dMax = Math.floor(k / 2);
  // suffix sums from the end, centred on the last half's mean for accuracy
  let centre = 0;
  for (let j = dMax; j < k; j++) centre += z[j]!;
  centre /= k - dMax;
  let s1 = 0;
  let s2 = 0;
  const stat = new Float64Array(dMax + 1);
  for (let j = k - 1; j >= 0; j--) {
    const y = z[j]! - centre;
    s1 += y;
    s2 += y * y;
    if (j <= dMax) {
      const m = k - j;
      stat[j] = Math.max(0, s2 - (s1 * s1) / m) / (m * m);
    }
  }
  let best = 0;
  for (let d = 1; d <= dMax; d++) if (stat[d]! < stat[best]!) best = d;
  return { batches: k, deletedBatches: best, truncation: batch * best, statistic: stat[best]!, atBoundary: best === dMax };
}

/**
 * Batch means (size `batch`) of the net inventory of periods 0 … periods − 1 of one replication
 * of a validated spec, from the start: batch j is the window [batch·j, batch·(j + 1)) of the
 * replication's sample path (warm-up batch·j, horizon batch).
 */
export function netInventoryBatchMeans(spec: InventorySimSpec, ctx: ReplicationContext, periods: number, batch = MSER_BATCH): Float64Array {
  const k = Math.floor(periods / batch);
  const z = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const row = runInventoryReplication({ ...spec, warmup: batch * j, horizon: batch }, ctx);
    z[j] = row.averageOnHand - row.averageBackorders;
  }
  return z;
}

export interface MserWarmup extends MserResult {
  /** periods of the series analysed */
  periods: number;
  /** replications averaged */
  replications: number;
  /** the rule in words, for the output */
  rule: string;
}

/**
 * The MSER-5 warm-up of a run (validated spec, seed, scenario, replication count): MSER-5 on
 * the average net-inventory series of its first min(5, replications) replications (the same
 * streams as the run), over its first min(periods, MSER_MAX_PERIODS) periods from the start
 * (periods: the run's measured horizon). The run then measures its horizon after this warm-up.
 */
export function mserWarmup(spec: InventorySimSpec, seed: number | string, scenario: string, replications: number, periods: number): MserWarmup {
  const n = Math.min(periods, MSER_MAX_PERIODS);
  const reps = Math.max(1, Math.min(MSER_REPLICATIONS, replications));
  const k = Math.floor(n / MSER_BATCH);
  if (k < 2) throw new RangeError(`MSER-5 needs a horizon of at least ${2 * MSER_BATCH} periods, got ${periods}`);
  const avg = new Float64Array(k);
  for (let r = 0; r < reps; r++) {
    const z = netInventoryBatchMeans(spec, { seed, scenario, replication: r }, n);
    for (let j = 0; j < k; j++) avg[j]! += z[j]! / reps;
  }
  const m = mserOnBatchMeans(avg);
  const where = `MSER-5 (White 1997) on the net inventory averaged over the first ${reps} replication(s), ${k * MSER_BATCH} periods from the start (Hoad, Robinson & Davies 2010)`;
  const rule = m.atBoundary
    ? `${m.truncation} periods by ${where}: the minimum lies at the end of the first half, so the run is too short to show its steady state (lengthen --horizon or give --warmup <periods>)`
    : `${m.truncation} periods by ${where}; the run measures its horizon after them (long-run estimates)`;
  return { ...m, periods: k * MSER_BATCH, replications: reps, rule };
}
