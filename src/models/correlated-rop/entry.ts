/**
 * `invlab solve correlated-rop` (Izar Landeta, Ynzunza Cortés & Zermeño Pérez 2015): from the
 * moments and ρ in --params, or from paired observations (--pairs: ρ and the moments estimated,
 * the daily vs cycle-average correlation kept apart, with a Kolmogorov–Smirnov normality check as
 * the paper did). Options in meta.ts, rendering in render.ts.
 */
import { InputError } from '../../core/validate.ts';
import type { ModelSolver } from '../meta.ts';
import { estimateFromCycles, estimateFromDaily, type CorrelationEstimate, type CycleObservation, type DailyCycleObservation } from './correlation.ts';
import { PAPER_EXAMPLE_INPUT } from './fixtures.ts';
import { ksNormalityTest, type NormalityTest } from './kolmogorov-smirnov.ts';
import { correlatedRopMeta } from './meta.ts';
import { correlatedRopView } from './render.ts';
import { solveCorrelatedRop, type CorrelatedRopInput, type CorrelatedRopResult } from './solve.ts';

/** Paired observations of lead time and demand: one row per cycle, or the daily demands of each cycle. */
export type PairsObservations = { layout: 'cycles'; cycles: CycleObservation[] } | { layout: 'daily'; cycles: DailyCycleObservation[] };

/** What the solve returns with --pairs: the estimate, the normality checks and the solve. */
export interface PairsSolve {
  file: string;
  layout: PairsObservations['layout'];
  estimate: CorrelationEstimate;
  normality: { leadTime: NormalityTest; demand: NormalityTest; demandKind: string };
  solution: CorrelatedRopResult;
}

const MOMENT_KEYS = ['meanDailyDemand', 'sdDailyDemand', 'meanLeadTime', 'sdLeadTime', 'correlation', 'correlationKind', 'meanReciprocalLeadTime'];

/** Estimate the moments and ρ from paired observations, check normality, and solve at the target. */
export function solveFromPairs(file: string, data: PairsObservations, target: { serviceLevel?: number; costs?: CorrelatedRopInput['costs'] }): PairsSolve {
  const estimate = data.layout === 'cycles' ? estimateFromCycles(data.cycles) : estimateFromDaily(data.cycles);
  const leadTimes = data.cycles.map((c) => c.leadTime);
  const demand = data.layout === 'cycles' ? data.cycles.map((c) => c.averageDailyDemand) : data.cycles.flatMap((c) => c.demands);
  const input: CorrelatedRopInput = {
    meanDailyDemand: estimate.meanDailyDemand,
    sdDailyDemand: estimate.sdDailyDemand,
    meanLeadTime: estimate.meanLeadTime,
    sdLeadTime: estimate.sdLeadTime,
    correlation: estimate.dailyCorrelation,
    ...target,
  };
  return {
    file,
    layout: data.layout,
    estimate,
    normality: { leadTime: ksNormalityTest(leadTimes), demand: ksNormalityTest(demand), demandKind: data.layout === 'cycles' ? 'cycle-average demand' : 'daily demand' },
    solution: solveCorrelatedRop(input),
  };
}

export const correlatedRopSolver: ModelSolver = {
  meta: correlatedRopMeta,
  exampleParams: PAPER_EXAMPLE_INPUT,
  solve(params, settings) {
    const sl = settings.serviceLevel as number | undefined;
    const pairs = settings.pairs as { path: string; read(): PairsObservations } | undefined;
    if (params !== undefined && (params === null || typeof params !== 'object' || Array.isArray(params))) throw new InputError('--params must hold a JSON object');
    const p = (params ?? {}) as Record<string, unknown>;
    if (pairs !== undefined) {
      const clash = MOMENT_KEYS.filter((k) => p[k] !== undefined);
      if (clash.length > 0) throw new InputError(`with --pairs the moments and ρ come from the data; remove ${clash.join(', ')} from --params (keep only serviceLevel or costs)`);
      const target = sl !== undefined ? { serviceLevel: sl } : { ...(p.serviceLevel !== undefined ? { serviceLevel: p.serviceLevel as number } : {}), ...(p.costs !== undefined ? { costs: p.costs as CorrelatedRopInput['costs'] } : {}) };
      return solveFromPairs(pairs.path, pairs.read(), target);
    }
    if (params === undefined) throw new InputError('correlated-rop needs --params file.json (means, sds, correlation, serviceLevel or costs) or --pairs file.csv; `invlab models --example correlated-rop` shows a params file');
    return solveCorrelatedRop({ ...p, ...(sl !== undefined ? { serviceLevel: sl } : {}) } as unknown as CorrelatedRopInput);
  },
  view: correlatedRopView,
};
