/**
 * Simulation-optimised integer (s, S), (R, s, S) and (R, S) policies for one SKU: the policy of
 * least average on hand (or least expected cost per period) whose service meets a target, found by
 * a search in which every candidate is simulated on common random numbers (the same seed and
 * scenario, hence the same demand path and lead-time sequence in replication r, for every
 * candidate: src/sim/inventory.ts). Pure; sequential within one SKU; many SKUs run in parallel on
 * the worker pool through `policySearchKernel` (one kernel replication = one whole search).
 *
 * Feasibility rule (fixed-sample version of the feasibility check with a tolerance of Andradóttir
 * & Kim 2010, "Fully sequential procedures for comparing constrained systems via simulation",
 * Naval Research Logistics 57(5); Batur & Kim 2010, ACM TOMACS 20(3)): a candidate is declared
 * feasible when the one-sided lower confidence bound of its service (ratio of sums over the
 * replications with its delta-method standard error, Student t with n − 1 degrees of freedom,
 * level 1 − α) is ≥ target − δ. A candidate whose true service is ≥ target is then declared
 * feasible with probability ≥ 1 − α, and one below target − δ infeasible with probability ≥ 1 − α;
 * between the two (the tolerance zone) either answer is acceptable.
 *
 * Selection: the least sample-mean objective among the declared-feasible candidates, all on the
 * same random numbers (sample-path optimisation: Robinson 1996, "Analysis of sample-path
 * optimization", Mathematics of Operations Research 21(3)). This is not a two-stage
 * indifference-zone procedure (Nelson & Matejcik 1995, Management Science 41(12)); instead the
 * result reports the paired confidence interval of the objective difference between the chosen
 * policy and the runner-up (the best other gap), so a reader sees whether the choice is resolved
 * within an indifference zone ε. Optionally (problem.selection) a two-stage indifference-zone
 * clean-up among the best few feasible candidates gives that guarantee (selectFinalists); the
 * runner-up is then the second of the finalists.
 *
 * Search (monotonicity keeps it small): for a fixed gap Δ = S − s, raising s and S by one raises
 * the inventory position by one on every sample path (integer demand, start at S), so service
 * and on hand are non-decreasing in s on common random numbers; the smallest feasible s is found
 * by bisection. For the objective 'averageOnHand' that s is the best of its gap; for
 * 'totalCost' the cost in s for fixed Δ is a fixed-weight sum of the one-period cost G(y)
 * (Zheng & Federgruen 1991), convex for holding/backorder costs and assumed unimodal otherwise:
 * integer ternary search on [s_f(Δ), sMax]. Gaps are scanned on a grid; a final pattern search
 * on unit steps of (s, Δ) polishes the best point.
 */
import { ratioEstimate, RatioMoments, studentTQuantile, estimatePairedDifference, type Estimate } from '../core/stats.ts';
import { checkChoice, checkKnownKeys, checkNumber, checkObject } from '../core/validate.ts';
import type { DemandSpec } from '../dist/demand.ts';
import type { LeadTimeSpec } from '../dist/lead-time.ts';
import type { InventoryPolicy } from '../policy/types.ts';
import type { CostRates, InventoryRow } from './engine.ts';
import { checkSimSpec, runInventoryReplication, type InventorySimSpec } from './inventory.ts';
import { defineKernel, type ReplicationContext } from './kernel.ts';
import { RATIO_METRICS } from './metrics.ts';

/** Service metrics the search can constrain (ratio metrics of the engine). */
export type SearchServiceMetric = 'fillRate' | 'readyRate' | 'cycleServiceLevel';
/** What the search minimises: average on-hand stock, or total cost per period (CostRates). */
export type SearchObjective = 'averageOnHand' | 'totalCost';

/** One SKU's search problem; plain JSON (crosses into workers). */
export interface PolicySearchProblem {
  /** 'sS': order up to S when the position is ≤ s, every period; 'RsS': the same every R periods; 'RS': order up to S every R periods */
  family: 'sS' | 'RsS' | 'RS';
  /** R (families RsS and RS), integer ≥ 1 */
  reviewPeriod?: number;
  demand: DemandSpec;
  leadTime: LeadTimeSpec;
  /** measured periods per replication, and unmeasured periods first */
  horizon: number;
  warmup: number;
  /** replications per candidate (the same for every candidate: common random numbers) */
  replications: number;
  /** starting on-hand stock: 'top' (S, the default) or 'reorderPoint' (s; SimOpt's SSCONT convention) */
  start?: 'top' | 'reorderPoint';
  costs?: CostRates;
  objective: SearchObjective;
  /** service floor: feasible when LCB(service; 1 − alpha) ≥ target − delta; absent: unconstrained */
  constraint?: { metric: SearchServiceMetric; target: number; delta?: number; alpha?: number };
  /** integer box of s (of S for RS): [sMin, sMax] */
  sMin: number;
  sMax: number;
  /** gaps Δ = S − s scanned: gapMin, gapMin + gapStep, … ≤ gapMax (default 1 … 1 step 1; RS: ignored) */
  gapMin?: number;
  gapMax?: number;
  gapStep?: number;
  /**
   * optional clean-up (selectFinalists): the `finalists` (default 5) best declared-feasible
   * candidates get a second stage of replications so that the least mean is the least true
   * objective with probability ≥ 1 − alpha (default 0.05) when it is ≥ `indifference` better than
   * the others; the second stage is capped at maxReplications (default 20 × replications)
   */
  selection?: { indifference: number; alpha?: number; finalists?: number; maxReplications?: number };
}

/** A simulated candidate. */
export interface CandidateEstimate {
  s: number;
  S: number;
  objective: number;
  /** standard error of the objective (replication mean) */
  objectiveSe: number;
  /** service ratio-of-sums estimate and its one-sided lower bound (NaN without a constraint) */
  service: number;
  serviceLow: number;
  feasible: boolean;
  /** per-replication objective values (for paired comparisons) */
  values: number[];
}

/** The result of one search. */
export interface PolicySearchResult {
  /** the chosen policy (null when no candidate in the box was declared feasible) */
  policy: InventoryPolicy | null;
  best: CandidateEstimate | null;
  /** the best candidate of another gap (or the best other candidate), if any */
  runnerUp: CandidateEstimate | null;
  /** paired 95 % interval of objective(best) − objective(runnerUp) on common random numbers */
  difference: Estimate | null;
  /** candidates simulated */
  evaluations: number;
  /** the two-stage clean-up, when the problem asks for it: finalists, replications per finalist, capped */
  selection: { finalists: CandidateEstimate[]; replications: number; capped: boolean } | null;
}

/** Field checks of the optional two-stage selection. */
function checkSelection(x: NonNullable<PolicySearchProblem['selection']>, name: string): void {
  checkKnownKeys(checkObject(x, name), name, ['indifference', 'alpha', 'finalists', 'maxReplications']);
  checkNumber(x.indifference, `${name}.indifference`, 'positive');
  if (x.alpha !== undefined) checkNumber(x.alpha, `${name}.alpha`, 'openProbability');
  if (x.finalists !== undefined) checkNumber(x.finalists, `${name}.finalists`, 'int1');
  if (x.maxReplications !== undefined) checkNumber(x.maxReplications, `${name}.maxReplications`, 'int1');
}

const PROBLEM_KEYS = ['family', 'reviewPeriod', 'demand', 'leadTime', 'horizon', 'warmup', 'replications', 'start', 'costs', 'objective', 'constraint', 'sMin', 'sMax', 'gapMin', 'gapMax', 'gapStep', 'selection'] as const;

/** Check a search problem (throws RangeError/TypeError naming the field); returns it typed. */
export function checkSearchProblem(input: unknown, name = 'problem'): PolicySearchProblem {
  const p = checkObject(input, name) as unknown as PolicySearchProblem;
  checkKnownKeys(p as unknown as Record<string, unknown>, name, PROBLEM_KEYS);
  checkChoice(p.family, `${name}.family`, ['sS', 'RsS', 'RS']);
  if (p.family !== 'sS') checkNumber(p.reviewPeriod, `${name}.reviewPeriod`, 'int1');
  checkNumber(p.replications, `${name}.replications`, 'int1');
  if (p.replications < 2 && p.constraint !== undefined) throw new RangeError(`${name}.replications must be ≥ 2 with a constraint (a confidence bound needs n ≥ 2), got ${p.replications}`);
  if (p.start !== undefined) checkChoice(p.start, `${name}.start`, ['top', 'reorderPoint']);
  checkChoice(p.objective, `${name}.objective`, ['averageOnHand', 'totalCost']);
  if (p.constraint !== undefined) {
    checkChoice(p.constraint.metric, `${name}.constraint.metric`, ['fillRate', 'readyRate', 'cycleServiceLevel']);
    checkNumber(p.constraint.target, `${name}.constraint.target`, 'probability');
    if (p.constraint.delta !== undefined) checkNumber(p.constraint.delta, `${name}.constraint.delta`, 'nonneg');
    if (p.constraint.alpha !== undefined) checkNumber(p.constraint.alpha, `${name}.constraint.alpha`, 'openProbability');
  }
  checkNumber(p.sMin, `${name}.sMin`, 'finite');
  checkNumber(p.sMax, `${name}.sMax`, 'finite');
  if (!Number.isInteger(p.sMin) || !Number.isInteger(p.sMax) || p.sMax < p.sMin) throw new RangeError(`${name}.sMin and sMax must be integers with sMin ≤ sMax, got ${p.sMin} and ${p.sMax}`);
  const gapRule = p.family === 'RS' ? 'int0' : 'int1'; // S > s
  if (p.gapMin !== undefined) checkNumber(p.gapMin, `${name}.gapMin`, gapRule);
  if (p.gapMax !== undefined) checkNumber(p.gapMax, `${name}.gapMax`, gapRule);
  if (p.gapStep !== undefined) checkNumber(p.gapStep, `${name}.gapStep`, 'int1');
  if (p.selection !== undefined) {
    checkSelection(p.selection, `${name}.selection`);
    if (p.replications < 2) throw new RangeError(`${name}.replications must be ≥ 2 with a selection stage, got ${p.replications}`);
  }
  if ((p.gapMax ?? 1) < (p.gapMin ?? 1)) throw new RangeError(`${name}.gapMax must be ≥ gapMin, got ${p.gapMax} < ${p.gapMin ?? 1}`);
  checkSimSpec(candidateSimSpec(p, p.sMin, p.sMin + (p.gapMin ?? 1)));
  return p;
}

/** The policy of candidate (s, S) in the problem's family (RS: S only). */
export function candidatePolicy(p: PolicySearchProblem, s: number, S: number): InventoryPolicy {
  switch (p.family) {
    case 'sS':
      return { kind: 'sS', reorderPoint: s, orderUpTo: S };
    case 'RsS':
      return { kind: 'RsS', reviewPeriod: p.reviewPeriod!, reorderPoint: s, orderUpTo: S };
    case 'RS':
      return { kind: 'RS', reviewPeriod: p.reviewPeriod!, orderUpTo: S };
  }
}

/** The simulation spec of candidate (s, S) (e.g. to re-evaluate the chosen policy on fresh streams). */
export function candidateSimSpec(p: PolicySearchProblem, s: number, S: number): InventorySimSpec {
  const spec: InventorySimSpec = { demand: p.demand, leadTime: p.leadTime, policy: candidatePolicy(p, s, S), horizon: p.horizon, warmup: p.warmup, shortage: 'backorder' };
  if (p.costs !== undefined) spec.costs = p.costs;
  if (p.start === 'reorderPoint') spec.initialOnHand = Math.max(0, s);
  return spec;
}

/**
 * Simulate candidate (s, S) on the common random numbers of (seed, scenario): replications
 * 0 … n − 1 (n = p.replications unless given), the objective's replication mean and the service's ratio of sums with its one-sided
 * lower bound (Student t, n − 1 degrees of freedom).
 */
export function evaluateCandidate(p: PolicySearchProblem, s: number, S: number, seed: number | string, scenario: string, replications = p.replications): CandidateEstimate {
  const spec = candidateSimSpec(p, s, S);
  const values: number[] = [];
  const ratio = new RatioMoments();
  const c = p.constraint;
  for (let r = 0; r < replications; r++) {
    const row: InventoryRow = runInventoryReplication(spec, { seed, scenario, replication: r });
    values.push(row[p.objective]);
    if (c !== undefined) {
      const m = RATIO_METRICS[c.metric]!;
      ratio.add(row[m.den as keyof InventoryRow] as number, m.num(row as unknown as Record<string, number>));
    }
  }
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : NaN;
  let [service, serviceLow, feasible] = [NaN, NaN, true];
  if (c !== undefined) {
    const e = ratioEstimate(ratio);
    service = e.mean;
    const se = e.se > 0 ? e.se : 0; // every replication gave the same ratio: no spread to bound
    serviceLow = service - studentTQuantile(1 - (c.alpha ?? 0.05), n - 1) * se;
    feasible = serviceLow >= c.target - (c.delta ?? 0);
  }
  return { s, S, objective: mean, objectiveSe: sd / Math.sqrt(n), service, serviceLow, feasible, values };
}

/** Memoised candidate evaluations of one search. */
class Evaluator {
  readonly cache = new Map<string, CandidateEstimate>();
  constructor(
    private readonly p: PolicySearchProblem,
    private readonly seed: number | string,
    private readonly scenario: string,
  ) {}
  at(s: number, gap: number): CandidateEstimate {
    const S = s + gap;
    const key = this.p.family === 'RS' ? `${S}` : `${s},${S}`;
    let e = this.cache.get(key);
    if (e === undefined) {
      e = evaluateCandidate(this.p, s, S, this.seed, this.scenario);
      this.cache.set(key, e);
    }
    return e;
  }
}

/** Smallest s in [lo, hi] declared feasible at this gap (bisection; service non-decreasing in s), or NaN. */
function smallestFeasible(ev: Evaluator, gap: number, lo: number, hi: number): number {
  if (!ev.at(hi, gap).feasible) return NaN;
  if (ev.at(lo, gap).feasible) return lo;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ev.at(mid, gap).feasible) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Least objective over feasible s in [lo, hi] at this gap (integer ternary search; unimodal in s). */
function bestInGap(ev: Evaluator, p: PolicySearchProblem, gap: number, lo: number, hi: number): CandidateEstimate {
  if (p.objective === 'averageOnHand') return ev.at(lo, gap);
  const f = (s: number): number => ev.at(s, gap).objective;
  while (hi - lo > 2) {
    const m1 = lo + Math.floor((hi - lo) / 3);
    const m2 = hi - Math.floor((hi - lo) / 3);
    if (f(m1) <= f(m2)) hi = m2 - 1;
    else lo = m1 + 1;
  }
  let best = ev.at(lo, gap);
  for (let s = lo + 1; s <= hi; s++) if (ev.at(s, gap).objective < best.objective) best = ev.at(s, gap);
  return best;
}

/** The gaps scanned (RS: the single gap 0). */
function gapGrid(p: PolicySearchProblem): number[] {
  if (p.family === 'RS') return [0];
  const out: number[] = [];
  for (let g = p.gapMin ?? 1; g <= (p.gapMax ?? p.gapMin ?? 1); g += p.gapStep ?? 1) out.push(g);
  return out;
}

/** Best of one gap, or null when none of its s is declared feasible. */
function searchGap(ev: Evaluator, p: PolicySearchProblem, gap: number): CandidateEstimate | null {
  const lo = p.constraint === undefined ? p.sMin : smallestFeasible(ev, gap, p.sMin, p.sMax);
  return Number.isNaN(lo) ? null : bestInGap(ev, p, gap, lo, p.sMax);
}

/** Pattern search on unit steps of (s, Δ) from the best point, over declared-feasible candidates. */
function polish(ev: Evaluator, p: PolicySearchProblem, start: CandidateEstimate): CandidateEstimate {
  let best = start;
  const gapLo = p.gapMin ?? 1;
  const gapHi = p.gapMax ?? gapLo;
  for (let moved = true; moved; ) {
    moved = false;
    const gap = best.S - best.s;
    const steps: [number, number][] = p.family === 'RS' ? [[-1, 0], [1, 0]] : [[-1, 0], [1, 0], [0, -1], [0, 1], [-1, 1], [1, -1]];
    for (const [ds, dg] of steps) {
      const s = best.s + ds;
      const g = gap + dg;
      if (s < p.sMin || s > p.sMax || g < gapLo || g > gapHi) continue;
      const e = ev.at(s, g);
      if (e.feasible && e.objective < best.objective) [best, moved] = [e, true];
    }
  }
  return best;
}

/**
 * Two-stage selection among the k best declared-feasible candidates on common random numbers:
 * the Bonferroni procedure of Clark & Yang (1986, "A Bonferroni selection procedure when using
 * common random numbers with unknown variances", Proceedings of the Winter Simulation Conference),
 * reviewed with Procedure NM in Nelson & Matejcik (1995, "Using common random numbers for
 * indifference-zone selection and multiple comparisons in simulation", Management Science 41(12)).
 * With n₀ first-stage replications, S²_ij the sample variance of the paired differences of i and
 * j, and t = t(1 − α/(k − 1); n₀ − 1): N = max(n₀, max_ij ⌈(t·S_ij/ε)²⌉); every finalist is run to N
 * replications on the same streams and the least mean is selected. If the best is at least ε
 * better than the others, it is selected with probability ≥ 1 − α (not when N was capped). The
 * declared-feasible set is that of the first stage.
 */
export function selectFinalists(p: PolicySearchProblem, pool: CandidateEstimate[], seed: number | string, scenario: string): NonNullable<PolicySearchResult['selection']> & { best: CandidateEstimate } {
  const sel = p.selection!;
  const finalists = [...pool].sort((a, b) => a.objective - b.objective).slice(0, sel.finalists ?? 5);
  const n0 = p.replications;
  const k = finalists.length;
  let N = n0;
  if (k > 1) {
    const t = studentTQuantile(1 - (sel.alpha ?? 0.05) / (k - 1), n0 - 1);
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const sd = estimatePairedDifference(finalists[i]!.values.slice(0, n0), finalists[j]!.values.slice(0, n0)).sd;
        N = Math.max(N, Math.ceil(((t * sd) / sel.indifference) ** 2));
      }
    }
  }
  const cap = sel.maxReplications ?? 20 * n0;
  const capped = N > cap;
  const n = Math.min(N, cap);
  const second = n === n0 || k === 1 ? finalists : finalists.map((f) => ({ ...evaluateCandidate(p, f.s, f.S, seed, scenario, n), feasible: f.feasible, service: f.service, serviceLow: f.serviceLow }));
  const best = second.reduce((a, b) => (b.objective < a.objective ? b : a));
  return { finalists: second, replications: k === 1 ? n0 : n, capped, best };
}

/**
 * Search the problem's box on the common random numbers of (seed, scenario); see the module doc
 * for the feasibility and selection rules. `progress(done, total)` is called after each gap.
 */
export function optimizePolicy(problem: PolicySearchProblem, seed: number | string, scenario: string, progress?: (done: number, total: number) => void): PolicySearchResult {
  const ev = new Evaluator(problem, seed, scenario);
  const gaps = gapGrid(problem);
  const perGap: CandidateEstimate[] = [];
  gaps.forEach((g, i) => {
    const b = searchGap(ev, problem, g);
    if (b !== null) perGap.push(b);
    progress?.(i + 1, gaps.length);
  });
  if (perGap.length === 0) return { policy: null, best: null, runnerUp: null, difference: null, evaluations: ev.cache.size, selection: null };
  const first = perGap.reduce((a, b) => (b.objective < a.objective ? b : a));
  const best = polish(ev, problem, first);
  const others = [...ev.cache.values()].filter((e) => e.feasible && e !== best && (problem.family === 'RS' || e.S - e.s !== best.S - best.s || perGap.length === 1));
  const runnerUp = others.length === 0 ? null : others.reduce((a, b) => (b.objective < a.objective ? b : a));
  const difference = runnerUp === null || problem.replications < 2 ? null : estimatePairedDifference(best.values, runnerUp.values);
  const result: PolicySearchResult = { policy: candidatePolicy(problem, best.s, best.S), best, runnerUp, difference, evaluations: ev.cache.size, selection: null };
  if (problem.selection === undefined) return result;
  const sel = selectFinalists(problem, [...ev.cache.values()].filter((e) => e.feasible), seed, scenario);
  const rest = sel.finalists.filter((f) => f !== sel.best);
  const second = rest.length === 0 ? null : rest.reduce((a, b) => (b.objective < a.objective ? b : a));
  const diff = second === null ? null : estimatePairedDifference(sel.best.values, second.values);
  return { policy: candidatePolicy(problem, sel.best.s, sel.best.S), best: sel.best, runnerUp: second, difference: diff, evaluations: ev.cache.size, selection: { finalists: sel.finalists, replications: sel.replications, capped: sel.capped } };
}

/** Row names of policySearchKernel. */
export const POLICY_SEARCH_COLUMNS = ['found', 's', 'S', 'objective', 'objectiveSe', 'service', 'serviceLow', 'runnerUpDifference', 'runnerUpHalfWidth', 'evaluations', 'selectionReplications'] as const;
export type PolicySearchRow = Record<(typeof POLICY_SEARCH_COLUMNS)[number], number>;

/**
 * One kernel replication = one whole search of the spec's problem on the common random numbers
 * of (ctx.seed, ctx.scenario) — replication k > 0 uses scenario `${scenario}#k`, an independent
 * repetition of the search (its spread shows the optimiser's own variability). Run many SKUs by
 * calling runReplications once per SKU (replications: 1) on one shared pool.
 */
function runPolicySearch(problem: PolicySearchProblem, ctx: ReplicationContext): PolicySearchRow {
  const scenario = ctx.replication === 0 ? ctx.scenario : `${ctx.scenario}#${ctx.replication}`;
  const r = optimizePolicy(problem, ctx.seed, scenario);
  const b = r.best;
  return {
    found: b === null ? 0 : 1,
    s: b?.s ?? NaN,
    S: b?.S ?? NaN,
    objective: b?.objective ?? NaN,
    objectiveSe: b?.objectiveSe ?? NaN,
    service: b?.service ?? NaN,
    serviceLow: b?.serviceLow ?? NaN,
    runnerUpDifference: r.difference?.mean ?? NaN,
    runnerUpHalfWidth: r.difference?.halfWidth ?? NaN,
    evaluations: r.evaluations,
    selectionReplications: r.selection?.replications ?? NaN,
  };
}

/** Kernel 'sim.policy-search': one replication = one simulation-optimisation search (runPolicySearch). */
export const policySearchKernel = defineKernel(import.meta.url, 'policySearchKernel', 'sim.policy-search', (spec: unknown) => checkSearchProblem(spec), runPolicySearch);
