/**
 * Replication kernels of the joint lead-time/demand processes (registered in
 * src/pool/registry.ts):
 * - 'correlated-rop.cycles': independent replenishment cycles of a joint process; for each of
 *   several reorder points s, the share of cycles with lead-time demand X ≤ s (probability of
 *   no stock-out per cycle), all on the same cycles (common random numbers).
 * - 'correlated-rop.sq': a running continuous-review (s, Q) system driven by the copula
 *   process (see running-sq.ts).
 */
import type { ReplicationContext } from '../replication.ts';
import { RandomStream } from '../../rng/stream.ts';
import { sampleBivariateNormalCycle, validateBivariateNormal, type BivariateNormalSpec } from './bivariate-normal.ts';
import { prepareCopula, sampleCopulaCycle, type GaussianCopulaSpec } from './gaussian-copula.ts';
import { runSQ, type RunningSQSpec } from './running-sq.ts';

export type JointProcessSpec = BivariateNormalSpec | GaussianCopulaSpec;

/** Spec of the cycle kernel. */
export interface CycleServiceSpec {
  process: JointProcessSpec;
  /** reorder points to evaluate [units] */
  reorderPoints: number[];
  /** independent cycles per replication */
  cycles: number;
}

/**
 * One replication: `cycles` cycles; row has noStockout_i = share of cycles with X ≤
 * reorderPoints[i], meanLeadTimeDemand, meanSquareLeadTimeDemand, meanCubeLeadTimeDemand, meanLeadTime,
 * meanProductLX (for a covariance check). Stream key (seed, scenario, replication, 'cycles').
 */
export function cycleServiceKernel(specIn: unknown, ctx: ReplicationContext): Record<string, number> {
  const spec = specIn as CycleServiceSpec;
  if (!(Number.isInteger(spec.cycles) && spec.cycles >= 1)) throw new RangeError(`cycles must be a positive integer, got ${spec.cycles}`);
  const stream = new RandomStream([ctx.seed, ctx.scenario, ctx.replication, 'cycles']);
  const s = spec.reorderPoints;
  const hits = new Float64Array(s.length);
  let sx = 0;
  let sxx = 0;
  let sxxx = 0;
  let sl = 0;
  let slx = 0;
  let draw: () => { leadTime: number; leadTimeDemand: number };
  if (spec.process.kind === 'bivariateNormal') {
    const p = validateBivariateNormal(spec.process);
    draw = () => sampleBivariateNormalCycle(p, stream);
  } else if (spec.process.kind === 'gaussianCopula') {
    const p = prepareCopula(spec.process);
    draw = () => sampleCopulaCycle(p, stream);
  } else {
    throw new RangeError(`unknown joint process kind '${(spec.process as { kind: string }).kind}'`);
  }
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
  const row: Record<string, number> = { cycles: n, meanLeadTimeDemand: sx / n, meanSquareLeadTimeDemand: sxx / n, meanCubeLeadTimeDemand: sxxx / n, meanLeadTime: sl / n, meanProductLX: slx / n };
  for (let i = 0; i < s.length; i++) row[`noStockout_${i}`] = hits[i]! / n;
  return row;
}

/** One replication of the running (s, Q) system; stream key (seed, scenario, replication, 'sq'). */
export function runningSQKernel(specIn: unknown, ctx: ReplicationContext): Record<string, number> {
  const stream = new RandomStream([ctx.seed, ctx.scenario, ctx.replication, 'sq']);
  return runSQ(specIn as RunningSQSpec, stream);
}
