/**
 * Replication kernels of the joint lead-time/demand processes (Izar Landeta, Ynzunza Cortés &
 * Zermeño Pérez 2015), run by the worker pool:
 * - 'correlated-rop.cycles' (cycleServiceKernel): independent replenishment cycles of a joint
 *   process; for each of several reorder points s, the share of cycles with lead-time demand
 *   X ≤ s (probability of no stock-out per cycle), all on the same cycles (common random numbers);
 * - 'correlated-rop.engine-sq' (engineJointKernel): a running continuous-review system on the
 *   shared engine, driven by the copula process (engine-sources.ts).
 */
import { checkNumberArray, checkNumberShort, checkObject } from '../../../core/validate.ts';
import { RandomStream } from '../../../rng/stream.ts';
import { defineKernel, type ReplicationContext } from '../../../sim/kernel.ts';
import { sampleBivariateNormalCycle, validateBivariateNormal, type BivariateNormalSpec, type CycleDraw } from './bivariate-normal.ts';
import { runEngineJoint, validateEngineJointSpec } from './engine-sources.ts';
import { prepareValidatedCopula, sampleCopulaCycle, validateCopula, type GaussianCopulaSpec } from './gaussian-copula.ts';

export type JointProcessSpec = BivariateNormalSpec | GaussianCopulaSpec;

/** Spec of the cycle kernel. */
export interface CycleServiceSpec {
  process: JointProcessSpec;
  /** reorder points to evaluate [units] */
  reorderPoints: number[];
  /** independent cycles per replication */
  cycles: number;
}

/** The fixed metrics of a cycle-kernel row (sample moments over the replication's cycles). */
export const CYCLE_METRICS = ['cycles', 'meanLeadTimeDemand', 'meanSquareLeadTimeDemand', 'meanCubeLeadTimeDemand', 'meanLeadTime', 'meanProductLX'] as const;
export type CycleMetric = (typeof CYCLE_METRICS)[number];
/** The metric of reorderPoints[i]: share of cycles with X ≤ reorderPoints[i]. */
export type NoStockoutMetric = `noStockout_${number}`;
/** One cycle-kernel row: the CYCLE_METRICS and one NoStockoutMetric per reorder point. */
export type CycleServiceRow = Record<CycleMetric, number> & { [k: NoStockoutMetric]: number };

/** The metric name of reorderPoints[i]. */
export function noStockoutMetric(i: number): NoStockoutMetric {
  return `noStockout_${i}`;
}

/** The share of cycles without a stock-out at reorderPoints[i], one value per replication row. */
export function noStockoutShares(rows: readonly CycleServiceRow[], i: number): number[] {
  const key = noStockoutMetric(i);
  return rows.map((r) => r[key]!);
}

/** Check a cycle-kernel spec (the kernel's validator); returns it unchanged. */
export function validateCycleServiceSpec(specIn: unknown): CycleServiceSpec {
  const spec = checkObject(specIn, 'spec');
  const process = checkObject(spec.process, 'process');
  if (process.kind === 'bivariateNormal') validateBivariateNormal(process as unknown as BivariateNormalSpec);
  else if (process.kind === 'gaussianCopula') validateCopula(process as unknown as GaussianCopulaSpec);
  else throw new RangeError(`unknown joint process kind '${String(process.kind)}'`);
  checkNumberArray(spec.reorderPoints, 'reorderPoints');
  checkNumberShort(spec.cycles, 'cycles', 'int1');
  return spec as unknown as CycleServiceSpec;
}

/** A cycle sampler of a validated process, drawing from `stream`. */
function cycleSampler(process: JointProcessSpec, stream: RandomStream): () => CycleDraw {
  if (process.kind === 'bivariateNormal') return () => sampleBivariateNormalCycle(process, stream);
  const p = prepareValidatedCopula(process);
  return () => sampleCopulaCycle(p, stream);
}

/**
 * One replication (spec already validated): `cycles` cycles; the row has the CYCLE_METRICS
 * (mean of X, X², X³, L and L·X, for moment and covariance checks) and noStockout_i = share of
 * cycles with X ≤ reorderPoints[i]. Stream key (seed, scenario, replication, 'cycles').
 */
export function runCycleService(spec: CycleServiceSpec, ctx: ReplicationContext): CycleServiceRow {
  const draw = cycleSampler(spec.process, new RandomStream([ctx.seed, ctx.scenario, ctx.replication, 'cycles']));
  const s = spec.reorderPoints;
  const hits = new Float64Array(s.length);
  let [sx, sxx, sxxx, sl, slx] = [0, 0, 0, 0, 0];
  for (let c = 0; c < spec.cycles; c++) {
    const { leadTime, leadTimeDemand: x } = draw();
    for (let i = 0; i < s.length; i++) if (x <= s[i]!) hits[i]! += 1;
    sx += x;
    sxx += x * x;
    sxxx += x * x * x;
    sl += leadTime;
    slx += leadTime * x;
  }
  const n = spec.cycles;
  const row: CycleServiceRow = { cycles: n, meanLeadTimeDemand: sx / n, meanSquareLeadTimeDemand: sxx / n, meanCubeLeadTimeDemand: sxxx / n, meanLeadTime: sl / n, meanProductLX: slx / n };
  for (let i = 0; i < s.length; i++) row[noStockoutMetric(i)] = hits[i]! / n;
  return row;
}

/** Kernel 'correlated-rop.cycles': one replication of independent cycles of a joint process. */
export const cycleServiceKernel = defineKernel(import.meta.url, 'cycleServiceKernel', 'correlated-rop.cycles', validateCycleServiceSpec, runCycleService);

/** Kernel 'correlated-rop.engine-sq': one replication of the shared engine with the copula joint process. */
export const engineJointKernel = defineKernel(import.meta.url, 'engineJointKernel', 'correlated-rop.engine-sq', validateEngineJointSpec, runEngineJoint);
