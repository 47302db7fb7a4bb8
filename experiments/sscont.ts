/**
 * Experiment sscont: the simulation optimiser (src/sim/optimize-policy.ts) on SimOpt's SSCONT-1
 * problem, "Min Total Cost for (s, S) Inventory" (the SimOpt library of simulation-optimisation
 * problems: Eckman, Henderson & Shashaani 2023, "SimOpt: A testbed for simulation-optimization
 * experiments", INFORMS Journal on Computing 35(2); the model is adapted from Kleijnen, van Beers &
 * van Nieuwenhuyse 2010, "Constrained optimization in simulation: a novel approach", European
 * Journal of Operational Research 202(1)).
 *
 * The model, re-implemented from its description on the engine (src/sim/engine.ts): demand per
 * period exponential with mean μ = 100 (here gamma with mean = sd = 100); at the end of each
 * period, if the inventory position is below s, order up to S (the engine orders at ≤ s: the
 * same with continuous demand); lead times Poisson with mean θ = 6 periods, an order placed at
 * the end of period n with lead time l arriving at the start of period n + l + 1 (the engine's
 * convention); full backlogging; the run starts with s on hand and nothing on order, simulates 20
 * warm-up periods and 100 measured ones. Cost per measured period: holding h = 1 per unit on
 * hand at the end of a period, a fixed cost f = 36 per order and c = 2 per unit ordered, and 4 per
 * unit of demand not met from stock on hand. SSCONT-1 minimises the expected total of these per
 * period over s ≥ 0, S − s ≥ 0 (continuous); the library lists its optimal solution and value as
 * unknown. The search here is over integer (s, S); every candidate is simulated on common random
 * numbers; the chosen policies and the library's starting solutions are then re-evaluated on
 * fresh, independent streams (the in-sample optimum is optimistically biased).
 */
import { estimatePairedDifference } from '../src/core/stats.ts';
import type { Row } from '../src/io/csv-write.ts';
import { markdownTable } from '../src/io/markdown.ts';
import { renderSvg } from '../src/io/plot.ts';
import { runReplications } from '../src/pool/run.ts';
import { poissonPmf } from '../src/sim/exact.ts';
import { inventoryKernel } from '../src/sim/inventory.ts';
import { summarizeRows } from '../src/sim/metrics.ts';
import { candidateSimSpec, policySearchKernel, type PolicySearchProblem } from '../src/sim/optimize-policy.ts';
import type { Experiment, ExperimentContext, ExperimentOutput } from './framework.ts';

/** SSCONT-1's model factors (SimOpt defaults). */
export interface SscontModel {
  demandMean: number;
  leadMean: number;
  holdingCost: number;
  backorderCost: number;
  fixedCost: number;
  variableCost: number;
  days: number;
  warmup: number;
}

export interface SscontSpec {
  model: SscontModel;
  /** the search: replications per candidate, integer box of s, grid of gaps S − s */
  search: { replications: number; sMax: number; gapMax: number; gapStep: number; selection?: PolicySearchProblem['selection'] };
  /** independent repetitions of the whole search (its own variability) */
  searches: number;
  /** replications of the out-of-sample re-evaluation (fresh streams, common to every policy evaluated) */
  evaluationReplications: number;
  /** named policies evaluated next to the search results (the library's starting solutions) */
  references: { name: string; s: number; S: number }[];
  /** the cost landscape of the figure: s and gap values, replications per grid point */
  grid: { s: number[]; gap: number[]; replications: number };
}

export const SSCONT_DEFAULT_MODEL: SscontModel = { demandMean: 100, leadMean: 6, holdingCost: 1, backorderCost: 4, fixedCost: 36, variableCost: 2, days: 100, warmup: 20 };

const REFERENCES = [
  { name: 'SSCONT-1 initial solution (s, S) = (600, 1200)', s: 600, S: 1200 },
  { name: 'model default (s, S) = (1000, 2000)', s: 1000, S: 2000 },
];

/** Poisson(θ) lead times as an empirical table on 0 … θ + 12√θ + 20 (the tail beyond is < 1e-16). */
function poissonLeadTime(theta: number): PolicySearchProblem['leadTime'] {
  const w = poissonPmf(theta, Math.ceil(theta + 12 * Math.sqrt(theta) + 20));
  return { kind: 'empirical', values: w.map((_, i) => i), weights: w };
}

/** SSCONT-1 as a search problem of the simulation optimiser (objective: total cost per period). */
export function sscontProblem(m: SscontModel, search: SscontSpec['search']): PolicySearchProblem {
  return {
    family: 'sS',
    demand: { kind: 'gamma', mean: m.demandMean, sd: m.demandMean },
    leadTime: poissonLeadTime(m.leadMean),
    horizon: m.days,
    warmup: m.warmup,
    replications: search.replications,
    start: 'reorderPoint',
    costs: { holding: m.holdingCost, shortage: m.backorderCost, ordering: m.fixedCost, purchase: m.variableCost },
    objective: 'totalCost',
    sMin: 0,
    sMax: search.sMax,
    gapMin: 1,
    gapMax: search.gapMax,
    gapStep: search.gapStep,
    ...(search.selection === undefined ? {} : { selection: search.selection }),
  };
}

interface Found {
  search: number;
  s: number;
  S: number;
  inSample: number;
  inSampleSe: number;
  evaluations: number;
  runnerUpDifference: number;
  runnerUpHalfWidth: number;
  selectionReplications: number;
}

/** The independent searches on the pool (one kernel replication = one search). */
async function runSearches(spec: SscontSpec, problem: PolicySearchProblem, seed: number, ctx: ExperimentContext): Promise<Found[]> {
  const rows = await runReplications({ kernel: policySearchKernel, spec: problem, seed, scenario: 'sscont/search', replications: spec.searches, threads: ctx.threads, pool: ctx.pool, onProgress: (d, t) => ctx.progress?.(d, t, 'sscont searches') });
  return rows.map((r, i) => ({ search: i, s: r.s!, S: r.S!, inSample: r.objective!, inSampleSe: r.objectiveSe!, evaluations: r.evaluations!, runnerUpDifference: r.runnerUpDifference!, runnerUpHalfWidth: r.runnerUpHalfWidth!, selectionReplications: r.selectionReplications! }));
}

interface Evaluated {
  name: string;
  s: number;
  S: number;
  cost: { mean: number; low: number; high: number };
  fillRate: number;
  ordersPerPeriod: number;
  averageOnHand: number;
  rows: Record<string, number>[];
}

/** Re-evaluate policies on fresh streams (scenario 'sscont/evaluate', common to all of them). */
async function evaluatePolicies(spec: SscontSpec, problem: PolicySearchProblem, policies: { name: string; s: number; S: number }[], seed: number, ctx: ExperimentContext): Promise<Evaluated[]> {
  const out: Evaluated[] = [];
  for (const p of policies) {
    const rows = await runReplications({ kernel: inventoryKernel, spec: candidateSimSpec(problem, p.s, p.S), seed, scenario: 'sscont/evaluate', replications: spec.evaluationReplications, threads: ctx.threads, pool: ctx.pool });
    const e = summarizeRows(rows);
    out.push({ ...p, cost: { mean: e.totalCost!.mean, low: e.totalCost!.low, high: e.totalCost!.high }, fillRate: e.fillRate!.mean, ordersPerPeriod: e.ordersPerPeriod!.mean, averageOnHand: e.averageOnHand!.mean, rows });
  }
  return out;
}

/** The cost landscape on the grid (common random numbers: scenario 'sscont/grid'). */
async function landscape(spec: SscontSpec, problem: PolicySearchProblem, seed: number, ctx: ExperimentContext): Promise<Row[]> {
  const out: Row[] = [];
  for (const s of spec.grid.s) {
    for (const gap of spec.grid.gap) {
      const rows = await runReplications({ kernel: inventoryKernel, spec: candidateSimSpec(problem, s, s + gap), seed, scenario: 'sscont/grid', replications: spec.grid.replications, threads: ctx.threads, pool: ctx.pool });
      out.push({ s, gap, S: s + gap, cost: Number(summarizeRows(rows).totalCost!.mean.toFixed(3)) });
    }
  }
  return out;
}

/** Tables of the searches and of the re-evaluation (paired differences against the first reference). */
function tables(found: Found[], evaluated: Evaluated[], refName: string): { searches: Row[]; evaluation: Row[] } {
  const searches = found.map((f) => ({ search: f.search, s: f.s, S: f.S, gap: f.S - f.s, in_sample_cost: Number(f.inSample.toFixed(3)), in_sample_se: Number(f.inSampleSe.toFixed(3)), candidates_simulated: f.evaluations, runner_up_difference: Number(f.runnerUpDifference.toFixed(3)), runner_up_half_width: Number(f.runnerUpHalfWidth.toFixed(3)), selection_replications: f.selectionReplications }));
  const ref = evaluated.find((e) => e.name === refName)!;
  const evaluation = evaluated.map((e) => {
    const d = estimatePairedDifference(e.rows.map((r) => r.totalCost!), ref.rows.map((r) => r.totalCost!));
    return { policy: e.name, s: e.s, S: e.S, cost: Number(e.cost.mean.toFixed(3)), cost_low: Number(e.cost.low.toFixed(3)), cost_high: Number(e.cost.high.toFixed(3)), minus_initial: Number(d.mean.toFixed(3)), minus_initial_low: Number(d.low.toFixed(3)), minus_initial_high: Number(d.high.toFixed(3)), fill_rate: Number(e.fillRate.toFixed(4)), orders_per_period: Number(e.ordersPerPeriod.toFixed(4)), average_on_hand: Number(e.averageOnHand.toFixed(2)) };
  });
  return { searches, evaluation };
}

/** Cost against s, one line per gap, with the re-evaluated search results as points. */
async function figure(grid: Row[], evaluated: Evaluated[]): Promise<string> {
  const points = evaluated.map((e) => ({ s: e.s, cost: Number(e.cost.mean.toFixed(3)), policy: e.name.startsWith('search') ? `${e.name}: (s, S) = (${e.s}, ${e.S})` : e.name }));
  return renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: 460,
    height: 300,
    title: 'SSCONT-1: expected cost per period (100 days after 20 of warm-up)',
    layer: [
      { data: { values: grid }, mark: { type: 'line', point: true }, encoding: { x: { field: 's', type: 'quantitative', title: 'reorder point s' }, y: { field: 'cost', type: 'quantitative', title: 'cost per period', scale: { zero: false } }, color: { field: 'gap', type: 'ordinal', title: 'gap S − s' } } },
      { data: { values: points }, mark: { type: 'point', shape: 'diamond', size: 90, filled: true, color: 'black' }, encoding: { x: { field: 's', type: 'quantitative' }, y: { field: 'cost', type: 'quantitative' }, shape: { field: 'policy', type: 'nominal', title: 'out of sample', legend: { labelLimit: 400 } } } },
    ],
  });
}

/** How far apart the searches' results are, out of sample, against the intervals' half-widths. */
function spreadSentence(rows: Row[]): string {
  const costs = rows.map((r) => r.cost as number);
  const half = rows.map((r) => ((r.cost_high as number) - (r.cost_low as number)) / 2);
  const span = Math.max(...costs) - Math.min(...costs);
  return `The ${rows.length} searches' results cost ${Math.min(...costs).toFixed(2)} … ${Math.max(...costs).toFixed(2)} out of sample (span ${span.toFixed(2)}; 95 % half-widths ${Math.min(...half).toFixed(2)} … ${Math.max(...half).toFixed(2)}), at (s, S) from (${rows.map((r) => `${r.s}, ${r.S}`).join('), (')}): ${span < Math.min(...half) ? 'the cost surface is flat near the optimum, along a ridge of (s, S), and the searches differ in where on it they stop, not in cost' : 'the searches differ in cost by more than the intervals resolve'}.`;
}

/** The findings page. */
function markdown(spec: SscontSpec, t: { searches: Row[]; evaluation: Row[] }, best: Row): string {
  const m = spec.model;
  return `SimOpt's SSCONT-1 ("Min Total Cost for (s, S) Inventory"; Eckman, Henderson & Shashaani 2023, model after Kleijnen, van Beers & van Nieuwenhuyse 2010), re-implemented from its description on invlab's engine: exponential demand with mean ${m.demandMean} per period, Poisson lead times with mean ${m.leadMean}, full backlogging, start with s on hand, ${m.warmup} warm-up and ${m.days} measured periods; cost per period = holding ${m.holdingCost}/unit on hand + ${m.fixedCost} per order + ${m.variableCost}/unit ordered + ${m.backorderCost}/unit not served from stock. The library lists the optimal solution and value as unknown, so there is no published optimum to compare with; the reference points are the library's starting solutions (its decision vector is x = (s, S − s): the initial solution x = (600, 600) is (s, S) = (600, 1200)). Demand here is drawn by invlab's generators, not SimOpt's MRG32k3a streams, so the numbers agree with the library's only in distribution.

## Searches

${spec.searches} independent searches (each on its own common random numbers, ${spec.search.replications} replications per candidate; integer s ≤ ${spec.search.sMax}, gaps 1 … ${spec.search.gapMax} every ${spec.search.gapStep}, then a unit-step pattern search${spec.search.selection ? `; then a two-stage selection among the ${spec.search.selection.finalists ?? 5} best candidates with indifference zone ${spec.search.selection.indifference} per period (Clark & Yang 1986; Nelson & Matejcik 1995), "selection_replications" replications each` : ''}). "runner-up difference" is the paired difference of the chosen policy's cost and the runner-up (the best policy of another gap, or the second finalist of the selection), on the search's own random numbers (95 % half-width).

${markdownTable(t.searches)}

## Out of sample

Every policy re-evaluated on fresh streams (${spec.evaluationReplications} replications, common to all rows; 95 % intervals; "minus initial" is the paired difference against SSCONT-1's initial solution):

${markdownTable(t.evaluation)}

${spreadSentence(t.evaluation.slice(0, spec.searches))}

The best re-evaluated search result, (s, S) = (${best.s}, ${best.S}), costs ${best.cost} per period (95 % interval ${best.cost_low} … ${best.cost_high}) against ${t.evaluation[t.evaluation.length - spec.references.length]!.cost} at the initial solution. With a shortage cost of ${m.backorderCost} per unit against a holding cost of ${m.holdingCost} per unit and period, the optimum runs a low fill rate (${best.fill_rate}): holding a unit for more than ${m.backorderCost / m.holdingCost} periods costs more than one backordered unit.

![cost landscape](landscape.svg)
`;
}

export const sscont: Experiment<SscontSpec> = {
  id: 'sscont',
  title: "Simulation optimisation on SimOpt's SSCONT-1 (s, S) inventory problem",
  seeds: ['Eckman, Henderson & Shashaani (2023), SimOpt', 'Kleijnen, van Beers & van Nieuwenhuyse (2010)'],
  seed: 20261201,
  profiles: {
    quick: { model: SSCONT_DEFAULT_MODEL, search: { replications: 20, sMax: 1500, gapMax: 1201, gapStep: 200 }, searches: 2, evaluationReplications: 200, references: REFERENCES, grid: { s: [300, 500, 700], gap: [100, 400], replications: 20 } },
    full: { model: SSCONT_DEFAULT_MODEL, search: { replications: 100, sMax: 3000, gapMax: 2001, gapStep: 25, selection: { indifference: 1, finalists: 5, maxReplications: 2000 } }, searches: 4, evaluationReplications: 2000, references: REFERENCES, grid: { s: [300, 400, 450, 500, 550, 600, 650, 700, 800, 1000], gap: [50, 150, 300, 600, 1000], replications: 200 } },
  },
  async run(spec: SscontSpec, ctx: ExperimentContext): Promise<ExperimentOutput> {
    const problem = sscontProblem(spec.model, spec.search);
    const found = await runSearches(spec, problem, ctx.seed, ctx);
    const policies = [...found.map((f) => ({ name: `search ${f.search}`, s: f.s, S: f.S })), ...spec.references];
    const evaluated = await evaluatePolicies(spec, problem, policies, ctx.seed, ctx);
    const t = tables(found, evaluated, spec.references[0]!.name);
    const best = t.evaluation.slice(0, found.length).reduce((a, b) => ((b.cost as number) < (a.cost as number) ? b : a));
    const grid = await landscape(spec, problem, ctx.seed, ctx);
    const headline = `SSCONT-1: the simulation optimiser's best (s, S) = (${best.s}, ${best.S}) costs ${best.cost} per period out of sample (95 % CI ${best.cost_low}–${best.cost_high}), ${Math.abs(best.minus_initial as number)} less than the library's initial solution (paired CI ${best.minus_initial_low} … ${best.minus_initial_high}); the library publishes no optimum`;
    return { headline, tables: { searches: t.searches, evaluation: t.evaluation, landscape: grid }, markdown: markdown(spec, t, best), figures: { landscape: await figure(grid, evaluated) }, data: { searches: found } };
  },
};
