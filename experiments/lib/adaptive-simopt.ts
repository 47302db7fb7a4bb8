/**
 * The simulation-optimised static family of the adaptive-policy experiments: per SKU and
 * fill-rate target, the integer (s, S) of least average on hand whose fill rate meets the target
 * on the TRAINING window (block bootstrap of it, common random numbers across candidates; the
 * feasibility rule and search of src/sim/optimize-policy.ts), with the gap S − s fixed at the
 * static policy's lot (whole units) so that its cycle stock matches the static and adaptive
 * families'; then replayed out of sample like every other family. One search per SKU and target,
 * each a job on the worker pool (policySearchKernel).
 */
import type { LeadTimeSpec } from '../../src/dist/lead-time.ts';
import { runReplications, type WorkerPool } from '../../src/pool/run.ts';
import { policySearchKernel, type PolicySearchProblem } from '../../src/sim/optimize-policy.ts';
import { staticResult, type PolicyPoint, type TrainingStats } from './adaptive-families.ts';

export const SIMOPT = 'simopt';

export interface SimoptSettings {
  /** fill-rate targets searched (one search each) */
  targets: number[];
  /** replications per candidate */
  replications: number;
  /** unmeasured bootstrap days before each candidate's measured training-length window */
  warmup: number;
  /** indifference δ of the feasibility rule (feasible when the lower bound ≥ target − δ) */
  delta: number;
}

/** The search problem of one SKU and target. */
export function simoptProblem(train: number[], stats: TrainingStats, target: number, mainTarget: number, leadTime: LeadTimeSpec, blockLength: number, s: SimoptSettings): PolicySearchProblem {
  const main = staticResult(stats, mainTarget);
  const gap = Math.max(1, Math.round(main.LOT));
  const total = train.reduce((a, b) => a + b, 0);
  return {
    family: 'sS',
    demand: { kind: 'replay', history: train, mode: 'blockBootstrap', blockLength },
    leadTime,
    horizon: train.length,
    warmup: s.warmup,
    replications: s.replications,
    objective: 'averageOnHand',
    constraint: { metric: 'fillRate', target, delta: s.delta },
    sMin: 0,
    sMax: Math.max(10, Math.ceil(total)),
    gapMin: gap,
    gapMax: gap,
  };
}

export interface SimoptSku {
  sku: string;
  train: number[];
  stats: TrainingStats;
}

/** Every SKU's simulation-optimised points (targets without a feasible (s, S) in the box are left out and counted). */
export async function simoptPoints(skus: readonly SimoptSku[], run: { leadTime: LeadTimeSpec; blockLength: number; mainTarget: number; seed: number; scenario: string; threads: number; pool?: WorkerPool }, s: SimoptSettings, tick: () => void): Promise<{ points: Map<string, PolicyPoint[]>; notFound: number }> {
  const points = new Map<string, PolicyPoint[]>();
  let notFound = 0;
  await Promise.all(
    skus.flatMap((k) =>
      s.targets.map(async (target) => {
        const problem = simoptProblem(k.train, k.stats, target, run.mainTarget, run.leadTime, run.blockLength, s);
        const [row] = await runReplications({ kernel: policySearchKernel, spec: problem, seed: run.seed, scenario: `${run.scenario}/${k.sku}/simopt/${target}`, replications: 1, threads: run.threads, ...(run.pool ? { pool: run.pool } : {}) });
        tick();
        if (!row || row.found !== 1) return void notFound++;
        if (!points.has(k.sku)) points.set(k.sku, []);
        points.get(k.sku)!.push({ family: SIMOPT, parameter: target, policy: { kind: 'sS', reorderPoint: row.s, orderUpTo: row.S } });
      }),
    ),
  );
  for (const p of points.values()) p.sort((a, b) => (a.parameter as number) - (b.parameter as number));
  return { points, notFound };
}
