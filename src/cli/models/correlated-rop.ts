/**
 * CLI entry of the correlated-rop model (Izar Landeta, Ynzunza Cortés & Zermeño Pérez 2015):
 * `invlab solve correlated-rop --params f.json` (means, sds, ρ, and a service level or the
 * costs of eq. 3) or `--pairs pairs.csv` (lead time
 * and demand per replenishment cycle, or daily demand with lead times; ρ and the moments are
 * estimated, with the daily vs cycle-average correlation kept apart, and a Kolmogorov–Smirnov
 * normality check as the paper did).
 */
import { parseDecimal } from '../../core/validate.ts';
import type { Row } from '../../io/csv-write.ts';
import { fmt, markdownTable } from '../../io/markdown.ts';
import { readPairsCsv, type PairsData } from '../../io/pairs-csv.ts';
import {
  correlatedRopMeta,
  estimateFromCycles,
  estimateFromDaily,
  ksNormalityTest,
  PAPER_EXAMPLE_INPUT,
  solveCorrelatedRop,
  type CorrelatedRopInput,
  type CorrelatedRopResult,
  type CorrelationEstimate,
  type NormalityTest,
} from '../../models/correlated-rop/index.ts';
import { UsageError, type ModelEntry } from '../model-registry.ts';

export { CORRELATED_ROP_CITATION } from '../../models/correlated-rop/meta.ts';

const MOMENT_KEYS = ['meanDailyDemand', 'sdDailyDemand', 'meanLeadTime', 'sdLeadTime', 'correlation', 'correlationKind', 'meanReciprocalLeadTime'];

/** What `solve` returns with --pairs: the estimate, the normality checks and the solve. */
export interface PairsSolve {
  file: string;
  layout: PairsData['layout'];
  estimate: CorrelationEstimate;
  normality: { leadTime: NormalityTest; demand: NormalityTest; demandKind: string };
  solution: CorrelatedRopResult;
}

function parseServiceLevel(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const x = parseDecimal(text.trim());
  if (text.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--service-level must be a number strictly between 0 and 1, got '${text}'`);
  return x;
}

function renderSolution(r: CorrelatedRopResult): string {
  const rows: Row[] = [
    { formula: 'traditional (eqs. 1, 2, 4)', 'E(X)': r.traditional.mean, 'σ(X)': r.traditional.sd, 'safety stock B': r.traditional.safetyStock, 'reorder point PR': r.traditional.reorderPoint },
    { formula: `correlated (eqs. 5–7), ρ = ${fmt(r.dailyCorrelation, 4)}`, 'E(X)': r.correlated.mean, 'σ(X)': r.correlated.sd, 'safety stock B': r.correlated.safetyStock, 'reorder point PR': r.correlated.reorderPoint },
  ];
  const m = r.input;
  return [
    `inputs: μd = ${fmt(m.meanDailyDemand)} units/day, σd = ${fmt(m.sdDailyDemand)}, μt = ${fmt(m.meanLeadTime)} days, σt = ${fmt(m.sdLeadTime)}`,
    r.correlationKind === 'cycleAverage'
      ? `correlation: ρA = ${fmt(r.correlationGiven)} between lead time and the cycle-average daily demand → daily ρ = ${fmt(r.dailyCorrelation)} (what eqs. 6–7 need)`
      : `correlation: ρ = ${fmt(r.dailyCorrelation)} between lead time and daily demand`,
    `service level P(z) = ${fmt(r.serviceLevel, 6)} (${r.serviceLevelSource}${r.costOdds !== undefined ? `, cost odds Cf·D/(Cm·Q) = ${fmt(r.costOdds)}` : ''}), Z = ${fmt(r.traditional.z)}`,
    '',
    markdownTable(rows, undefined, {}, 3),
    '',
    `difference (traditional − correlated)/correlated = ${fmt(r.percentDifference, 2)} %`,
    `the paper's advice (correlated formula only when |ρ| ≥ 0.5) picks: ${r.paperAdvice}; the correlated formula is the one whose mean and variance are right whenever ρ ≠ 0`,
    `smallest reorder point over ρ ∈ [−1, 1] at this service level: ${fmt(r.minimumOverCorrelation.reorderPoint, 3)} at ρ = ${fmt(r.minimumOverCorrelation.correlation, 3)}`,
  ].join('\n');
}

function renderPairs(p: PairsSolve): string {
  const e = p.estimate;
  const ks = (name: string, t: NormalityTest): Row => ({ variable: name, n: t.n, mean: t.mean, sd: t.sd, D: t.d, 'Z = √n·D': t.z, 'p (asymptotic, as SPSS)': t.pAsymptotic, 'p (exact n)': t.pExact });
  return [
    `data: ${p.file} (${p.layout === 'cycles' ? 'one row per cycle' : 'one row per day of each lead time'}), ${e.cycles} cycles${e.days !== undefined ? `, ${e.days} days` : ''}`,
    `estimates: μt = ${fmt(e.meanLeadTime)}, σt = ${fmt(e.sdLeadTime)}, μd = ${fmt(e.meanDailyDemand)}, σd = ${fmt(e.sdDailyDemand)}, E[1/L] = ${fmt(e.meanReciprocalLeadTime)}`,
    `correlation of lead time with the cycle-average daily demand ρA = ${fmt(e.cycleAverageCorrelation)} (what the paper computed from Table 3)`,
    `correlation of lead time with daily demand ρ = ${fmt(e.dailyCorrelation)} (${e.method}; used below)`,
    ...(e.pooledDailyRowsCorrelation !== undefined ? [`(Pearson over all day rows pooled, which over-weights long cycles: ${fmt(e.pooledDailyRowsCorrelation)})`] : []),
    '',
    'Kolmogorov–Smirnov normality check (normal fitted to the data, so the p-values are conservative, Lilliefors):',
    markdownTable([ks('lead time', p.normality.leadTime), ks(p.normality.demandKind, p.normality.demand)], undefined, {}, 4),
    '',
    renderSolution(p.solution),
  ].join('\n');
}

/** Solve from a pairs file (pure apart from reading it). */
export function solveFromPairs(path: string, target: { serviceLevel?: number; costs?: CorrelatedRopInput['costs'] }): PairsSolve {
  const data = readPairsCsv(path);
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
    file: path,
    layout: data.layout,
    estimate,
    normality: { leadTime: ksNormalityTest(leadTimes), demand: ksNormalityTest(demand), demandKind: data.layout === 'cycles' ? 'cycle-average demand' : 'daily demand' },
    solution: solveCorrelatedRop(input),
  };
}

/** `invlab solve correlated-rop`: options, example and rendering; what the model is comes from its meta.ts. */
export const correlatedRopEntry: ModelEntry = {
  meta: correlatedRopMeta,
  options: [
    { flags: '--pairs <file>', description: 'CSV of paired observations: lead_time + average_daily_demand (or lead_time_demand) per cycle, or cycle + lead_time + demand per day; ρ and the moments are estimated from it' },
    { flags: '--service-level <P>', description: 'target probability of no stock-out per cycle, 0 < P < 1 (instead of serviceLevel/costs in --params)' },
  ],
  exampleParams: PAPER_EXAMPLE_INPUT,
  solve(params, options) {
    const sl = parseServiceLevel(options.serviceLevel);
    if (params !== undefined && (params === null || typeof params !== 'object' || Array.isArray(params))) throw new UsageError('--params must hold a JSON object');
    const p = (params ?? {}) as Record<string, unknown>;
    if (sl !== undefined && (p.serviceLevel !== undefined || p.costs !== undefined)) throw new UsageError('give the service level once: --service-level or serviceLevel/costs in --params, not both');
    if (options.pairs !== undefined) {
      const clash = MOMENT_KEYS.filter((k) => p[k] !== undefined);
      if (clash.length > 0) throw new UsageError(`with --pairs the moments and ρ come from the data; remove ${clash.join(', ')} from --params (keep only serviceLevel or costs)`);
      const target = sl !== undefined ? { serviceLevel: sl } : { ...(p.serviceLevel !== undefined ? { serviceLevel: p.serviceLevel as number } : {}), ...(p.costs !== undefined ? { costs: p.costs as CorrelatedRopInput['costs'] } : {}) };
      const out = solveFromPairs(options.pairs, target);
      return { result: out, text: renderPairs(out) };
    }
    if (params === undefined) throw new UsageError('correlated-rop needs --params file.json (means, sds, correlation, serviceLevel or costs) or --pairs file.csv; `invlab models --example correlated-rop` shows a params file');
    const input = { ...p, ...(sl !== undefined ? { serviceLevel: sl } : {}) } as unknown as CorrelatedRopInput;
    const result = solveCorrelatedRop(input);
    return { result, text: renderSolution(result) };
  },
};
