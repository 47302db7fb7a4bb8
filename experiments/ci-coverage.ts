/**
 * Experiment ci-coverage: do the simulator's 95 % confidence intervals cover the quantity they
 * estimate? Independent macro-runs of `sim.inventory` on a system with exact values ((s, Q) with
 * Poisson demand and constant lead time, src/sim/exact.ts), in regimes the CLI accepts: few
 * replications, many short replications, long horizons, with and without warm-up. A run without
 * warm-up is compared with the exact finite-horizon value from the policy's top (ratio of expected
 * sums over its measured periods); a run with warm-up claims long-run figures and is compared with
 * the long-run value. Estimators: today's ('ratioOfSums': ratio of sums with a delta-method
 * interval, Wilson on pooled cycles when few or none short) and the earlier one
 * ('replicationMean': the mean of per-replication ratios with a Student-t interval).
 *
 * Warm-up regimes compare, against the long-run values, no warm-up (the run then estimates from
 * the start, which the CLI says; shown to measure the bias), the fixed rule
 * W = ⌈10·(E[L] + R + Q/μ)⌉ and MSER-5 (src/sim/warmup.ts; White 1997, Hoad, Robinson & Davies
 * 2010). The tie check explains the over-coverage of the ready rate with 2 replications when
 * ties are refused an interval (see tieCheck).
 */
import { estimateMean, ratioEstimate, RatioMoments, wilsonInterval, type Estimate } from '../src/core/stats.ts';
import { RandomStream } from '../src/rng/stream.ts';
import { fixedWarmupRule, mserWarmup } from '../src/sim/warmup.ts';
import type { Row } from '../src/io/csv-write.ts';
import { markdownTable } from '../src/io/markdown.ts';
import { runReplications } from '../src/pool/run.ts';
import { exactSQPoisson, finiteSQPoisson, type ExactSQValues } from '../src/sim/exact.ts';
import { checkSimSpec, inventoryKernel, type InventorySimSpec } from '../src/sim/inventory.ts';
import { summarizeRows } from '../src/sim/metrics.ts';
import type { Experiment, ExperimentOutput } from './framework.ts';

export interface CoverageRegime {
  id: string;
  replications: number;
  horizon: number;
  /** periods, 'fixed' (the CLI's default rule) or 'mser5' (chosen per macro-run by MSER-5) */
  warmup: number | 'fixed' | 'mser5';
  /** 'long run' checks a run without warm-up against the long-run value (a demonstration of its bias, not a claim the run makes) */
  target?: 'long run';
}

export interface CiCoverageSpec {
  /** the system: (s, Q) 'multiples', Poisson(λ) demand, constant lead time L */
  system: { lambda: number; leadTime: number; reorderPoint: number; lotSize: number };
  /** independent macro-runs per regime */
  macroRuns: number;
  regimes: CoverageRegime[];
  /** the regime whose ready-rate ties are examined (tieCheck), if any */
  tieCheck?: string;
}

export const COVERAGE_METRICS = ['readyRate', 'fillRate', 'cycleServiceLevel', 'averageOnHand'] as const;
export type CoverageMetric = (typeof COVERAGE_METRICS)[number];
export const COVERAGE_ESTIMATORS = ['ratioOfSums', 'replicationMean'] as const;

const REGIMES: CoverageRegime[] = [
  { id: 'few-replications', replications: 3, horizon: 60, warmup: 0 },
  { id: 'few-replications-warmup', replications: 3, horizon: 60, warmup: 200 },
  { id: 'two-replications-warmup', replications: 2, horizon: 500, warmup: 200 },
  { id: 'many-short', replications: 300, horizon: 30, warmup: 0 },
  { id: 'many-short-warmup', replications: 30, horizon: 20, warmup: 200 },
  { id: 'many-100', replications: 100, horizon: 100, warmup: 0 },
  { id: 'long-horizon-warmup', replications: 5, horizon: 5000, warmup: 200 },
  { id: 'long-horizon', replications: 5, horizon: 5000, warmup: 0 },
];

/** Warm-up regimes: the same runs without warm-up, with the fixed rule, with MSER-5, all against the long-run values. */
function warmupRegimes(replications: number, horizon: number): CoverageRegime[] {
  return [
    { id: 'warmup-none-vs-long-run', replications, horizon, warmup: 0, target: 'long run' },
    { id: 'warmup-fixed-rule', replications, horizon, warmup: 'fixed' },
    { id: 'warmup-mser5', replications, horizon, warmup: 'mser5' },
  ];
}

/** One regime's coverage of one metric by one estimator. */
export interface CoverageCell {
  regime: string;
  metric: CoverageMetric;
  estimator: (typeof COVERAGE_ESTIMATORS)[number];
  /** the exact value the intervals are checked against */
  exact: number;
  target: 'finite horizon' | 'long run';
  /** macro-runs with an interval */
  intervals: number;
  /** macro-runs without one (the output said why) */
  refused: number;
  covered: number;
  coverage: number;
  /** binomial standard error of the coverage, √(p(1 − p)/m) */
  se: number;
  /** 95 % Wilson interval of the coverage itself (binomial, m intervals) */
  coverageLow: number;
  coverageHigh: number;
  /** mean warm-up of the macro-runs (periods; the MSER-5 truncation varies by run) */
  meanWarmup: number;
}

/** The exact values a regime's intervals are checked against. */
export function regimeTarget(spec: CiCoverageSpec, r: CoverageRegime): { values: ExactSQValues; target: 'finite horizon' | 'long run' } {
  const { lambda, leadTime: L, reorderPoint: s, lotSize: Q } = spec.system;
  return r.warmup !== 0 || r.target === 'long run' ? { values: exactSQPoisson(lambda, L, s, Q), target: 'long run' } : { values: finiteSQPoisson(lambda, L, s, Q, 0, r.horizon), target: 'finite horizon' };
}

/** The macro-run's spec with its warm-up: as given, the fixed rule, or MSER-5 on its first replications. */
function macroSpec(spec: CiCoverageSpec, r: CoverageRegime, seed: number, scenario: string): InventorySimSpec {
  const { lambda, leadTime, reorderPoint, lotSize } = spec.system;
  const sim: InventorySimSpec = { demand: { kind: 'poisson', mean: lambda }, leadTime: { kind: 'constant', value: leadTime }, policy: { kind: 'sQ', reorderPoint, lotSize, multiples: 'multiples' }, horizon: r.horizon, warmup: 0 };
  if (typeof r.warmup === 'number') sim.warmup = r.warmup;
  else if (r.warmup === 'fixed') sim.warmup = fixedWarmupRule(leadTime, 1, lotSize, lambda);
  else sim.warmup = mserWarmup(checkSimSpec(sim), seed, scenario, r.replications, r.horizon).truncation;
  return sim;
}

/** Estimates of one macro-run: today's estimator, and the mean of per-replication values (Student-t, zero width kept). */
function macroEstimates(rows: Record<string, number>[]): Record<string, Record<CoverageMetric, Estimate | undefined>> {
  const now = summarizeRows(rows);
  const old = {} as Record<CoverageMetric, Estimate | undefined>;
  for (const m of COVERAGE_METRICS) {
    const v = rows.map((r) => r[m]!).filter((x) => !Number.isNaN(x));
    old[m] = v.length > 0 ? estimateMean(v) : undefined;
  }
  return { ratioOfSums: { readyRate: now.readyRate, fillRate: now.fillRate, cycleServiceLevel: now.cycleServiceLevel, averageOnHand: now.averageOnHand }, replicationMean: old };
}

/** Coverage cells of one regime from its macro-runs. */
async function runRegime(spec: CiCoverageSpec, r: CoverageRegime, seed: number, tick: () => void): Promise<CoverageCell[]> {
  const { values, target } = regimeTarget(spec, r);
  const count = new Map<string, { intervals: number; refused: number; covered: number }>();
  let warmups = 0;
  for (let k = 0; k < spec.macroRuns; k++) {
    const scenario = `ci-coverage/${r.id}/${k}`;
    const sim = macroSpec(spec, r, seed, scenario);
    warmups += sim.warmup;
    const rows = await runReplications({ kernel: inventoryKernel, spec: sim, seed, scenario, replications: r.replications, threads: 1 });
    const est = macroEstimates(rows);
    for (const e of COVERAGE_ESTIMATORS) {
      for (const m of COVERAGE_METRICS) {
        const key = `${e}/${m}`;
        const c = count.get(key) ?? { intervals: 0, refused: 0, covered: 0 };
        const x = est[e]![m];
        if (x === undefined || !Number.isFinite(x.halfWidth)) c.refused++;
        else {
          c.intervals++;
          if (x.low <= values[m] && values[m] <= x.high) c.covered++;
        }
        count.set(key, c);
      }
    }
    tick();
  }
  return COVERAGE_ESTIMATORS.flatMap((e) =>
    COVERAGE_METRICS.map((m): CoverageCell => {
      const c = count.get(`${e}/${m}`)!;
      const p = c.intervals > 0 ? c.covered / c.intervals : NaN;
      const w = wilsonInterval(c.covered, c.intervals);
      return { regime: r.id, metric: m, estimator: e, exact: values[m], target, intervals: c.intervals, refused: c.refused, covered: c.covered, coverage: p, se: c.intervals > 0 ? Math.sqrt((p * (1 - p)) / c.intervals) : NaN, coverageLow: w.low, coverageHigh: w.high, meanWarmup: warmups / spec.macroRuns };
    }),
  );
}

/** Every regime's coverage cells. */
export async function coverageCells(spec: CiCoverageSpec, seed: number, progress?: (done: number, total: number, label?: string) => void): Promise<CoverageCell[]> {
  const total = spec.macroRuns * spec.regimes.length;
  let done = 0;
  const cells: CoverageCell[] = [];
  for (const r of spec.regimes) cells.push(...(await runRegime(spec, r, seed, () => progress?.(++done, total, r.id))));
  return cells;
}

/** Ready-rate intervals of one rule in the tie check: counts over macro-runs. */
interface TieTally {
  intervals: number;
  covered: number;
  ties: number;
  tiesCovered: number;
}

/**
 * The controlled check behind the ready rate's coverage with 2 replications: the same macro-runs
 * (same scenario keys, so the same rows) under three rules for the interval of Σ ready / Σ periods:
 * 'refuse ties' (no interval when both replications gave the same count, the earlier rule),
 * 'lattice on ties' (today's: the interval of ratioEstimateOnTie, src/core/stats.ts) and
 * 'jittered counts' (each replication's count plus an independent uniform on (−½, ½): continuous
 * data, no ties, the plain delta-method interval). If the jittered rule covers 0.95 while refusing
 * ties covers more among the printed intervals, the excess is the conditioning on "no tie".
 */
export async function tieCheck(spec: CiCoverageSpec, seed: number): Promise<Row[]> {
  const r = spec.regimes.find((x) => x.id === spec.tieCheck);
  if (r === undefined) return [];
  const exact = regimeTarget(spec, r).values.readyRate;
  const rules = ['refuse ties', 'lattice on ties', 'jittered counts'] as const;
  const tally = new Map(rules.map((k): [string, TieTally] => [k, { intervals: 0, covered: 0, ties: 0, tiesCovered: 0 }]));
  for (let k = 0; k < spec.macroRuns; k++) {
    const scenario = `ci-coverage/${r.id}/${k}`;
    const rows = await runReplications({ kernel: inventoryKernel, spec: macroSpec(spec, r, seed, scenario), seed, scenario, replications: r.replications, threads: 1 });
    const tie = rows.every((x) => x.readyPeriods === rows[0]!.readyPeriods);
    const jitter = new RandomStream([seed, 'ci-coverage/tie-check', k]);
    const mPlain = new RatioMoments();
    const mJitter = new RatioMoments();
    for (const x of rows) {
      mPlain.add(x.periods!, x.readyPeriods!);
      mJitter.add(x.periods!, x.readyPeriods! + jitter.uniform() - 0.5);
    }
    const plain = ratioEstimate(mPlain);
    const est: Record<(typeof rules)[number], Estimate> = { 'refuse ties': plain, 'lattice on ties': summarizeRows(rows).readyRate!, 'jittered counts': ratioEstimate(mJitter) };
    for (const rule of rules) {
      const e = est[rule];
      const t = tally.get(rule)!;
      if (tie) t.ties++;
      if (!(e.halfWidth > 0)) continue;
      const cov = e.low <= exact && exact <= e.high;
      t.intervals++;
      if (cov) t.covered++;
      if (cov && tie) t.tiesCovered++;
    }
  }
  return rules.map((rule) => tieRow(rule, tally.get(rule)!, spec.macroRuns));
}

function tieRow(rule: string, t: TieTally, runs: number): Row {
  const w = wilsonInterval(t.covered, t.intervals);
  const u = wilsonInterval(t.covered, runs);
  return { rule, macro_runs: runs, ties: t.ties, intervals: t.intervals, covered: t.covered, coverage_of_printed: t.covered / t.intervals, coverage_of_printed_low: w.low, coverage_of_printed_high: w.high, coverage_of_all_runs: t.covered / runs, coverage_of_all_runs_low: u.low, coverage_of_all_runs_high: u.high, covered_among_ties: t.tiesCovered };
}

/** Wide table: one row per regime and metric, coverage of each estimator side by side. */
function coverageTable(spec: CiCoverageSpec, cells: CoverageCell[]): Row[] {
  const out: Row[] = [];
  for (const r of spec.regimes) {
    for (const m of COVERAGE_METRICS) {
      const now = cells.find((c) => c.regime === r.id && c.metric === m && c.estimator === 'ratioOfSums')!;
      const old = cells.find((c) => c.regime === r.id && c.metric === m && c.estimator === 'replicationMean')!;
      out.push({ regime: r.id, replications: r.replications, horizon: r.horizon, warmup: typeof r.warmup === 'number' ? r.warmup : `${r.warmup} (mean ${now.meanWarmup.toFixed(1)})`, target: now.target, metric: m, exact: now.exact, coverage_ratio_of_sums: now.coverage, se_ratio_of_sums: now.se, coverage_low_ratio_of_sums: now.coverageLow, coverage_high_ratio_of_sums: now.coverageHigh, no_interval_ratio_of_sums: now.refused, coverage_replication_mean: old.coverage, se_replication_mean: old.se, no_interval_replication_mean: old.refused });
    }
  }
  return out;
}

function coverageMarkdown(spec: CiCoverageSpec, table: Row[], ties: Row[]): string {
  const cols = ['regime', 'replications', 'horizon', 'warmup', 'target', 'metric', 'exact', 'coverage_ratio_of_sums', 'coverage_low_ratio_of_sums', 'coverage_high_ratio_of_sums', 'no_interval_ratio_of_sums', 'coverage_replication_mean', 'se_replication_mean'];
  const { lambda, leadTime, reorderPoint, lotSize } = spec.system;
  return `System: (s, Q) = (${reorderPoint}, ${lotSize}) with 'multiples', Poisson(${lambda}) demand per period, constant lead time ${leadTime}, backorders; start at the policy's top (s + Q on hand). Exact values: src/sim/exact.ts (long-run: the stationary formulas; finite horizon: the Markov recursion of the position after review, ratios of expected sums).

${spec.macroRuns} independent macro-runs per regime (each its own scenario key). A run without warm-up is checked against the exact finite-horizon value from the start; a run with warm-up against the long-run value. "no interval" counts macro-runs where the estimator printed no interval and said why (not counted in the coverage). Each coverage is given with its own 95 % binomial (Wilson) interval over the m macro-runs with an interval (low, high); its standard error is √(p(1 − p)/m).

${markdownTable(table, cols, { replications: 0, horizon: 0, no_interval_ratio_of_sums: 0, se_replication_mean: 3, coverage_ratio_of_sums: 3, coverage_low_ratio_of_sums: 3, coverage_high_ratio_of_sums: 3, coverage_replication_mean: 3 })}

${warmupProse()}
${ties.length > 0 ? tieProse(spec, ties) : ''}`;
}

function warmupProse(): string {
  return `## Warm-up: none, the fixed rule, MSER-5

The regimes warmup-* run the same replications and horizon three ways and check each against the long-run values: with no warm-up (the run then estimates from the policy's top, as the CLI says for --warmup 0: this row measures that bias, it is not a claim the run makes), with the CLI's default fixed rule W = ⌈10·(E[L] + R + Q/μ)⌉, and with MSER-5 (\`--warmup mser5\`: White 1997; White, Cobb & Spratt 2000), applied to the net inventory averaged over the first 5 replications of each macro-run, over its horizon from the start (Hoad, Robinson & Davies 2010), the run then measuring its horizon after the truncation. The warmup column gives the mean truncation.
`;
}

function tieProse(spec: CiCoverageSpec, ties: Row[]): string {
  return `## Ready rate with ${spec.regimes.find((r) => r.id === spec.tieCheck)?.replications} replications: why refusing ties over-covers

Regime ${spec.tieCheck}, the same macro-runs under three interval rules for Σ ready periods / Σ periods. With 2 replications the t-interval's half-width is 12.7 × |difference|/2: a tie (both replications gave the same count, which happens with whole-number counts) gives a zero width, and a small difference a narrow interval. The runs with ties are those with the smallest spread, the ones most likely to miss, so printing no interval for them and counting coverage among the printed ones conditions on "no tie" and raises it above 0.95 (the earlier rule, first row). Jittering each count by an independent uniform on (−½, ½) makes the data continuous: no ties, and the plain interval covers at its nominal rate (third row), which locates the excess in the conditioning, not in the delta method or the normality of two replication totals. Today's rule (second row) prints the interval the jittered data would give in expectation on a tie (residual variance 1/12 of a count², Sheppard's correction), so every run gets an interval and coverage is nominal.

${markdownTable(ties, undefined, { macro_runs: 0, ties: 0, intervals: 0, covered: 0, covered_among_ties: 0 }, 3)}
`;
}

export const ciCoverage: Experiment<CiCoverageSpec> = {
  id: 'ci-coverage',
  title: 'Coverage of the simulator\'s 95 % confidence intervals against exact values',
  seeds: ['Hadley & Whitin (1963)', 'Law (2015)'],
  seed: 20261201,
  profiles: {
    quick: { system: { lambda: 2, leadTime: 3, reorderPoint: 8, lotSize: 10 }, macroRuns: 200, regimes: [...REGIMES.filter((r) => r.horizon * r.replications <= 9000), ...warmupRegimes(30, 100)], tieCheck: 'two-replications-warmup' },
    full: { system: { lambda: 2, leadTime: 3, reorderPoint: 8, lotSize: 10 }, macroRuns: 1000, regimes: [...REGIMES, ...warmupRegimes(100, 100)], tieCheck: 'two-replications-warmup' },
  },
  async run(spec, ctx): Promise<ExperimentOutput> {
    const cells = await coverageCells(spec, ctx.seed, ctx.progress);
    const table = coverageTable(spec, cells);
    const ties = await tieCheck(spec, ctx.seed);
    const demo = new Set(spec.regimes.filter((r) => r.target === 'long run' && r.warmup === 0).map((r) => r.id));
    const now = cells.filter((c) => c.estimator === 'ratioOfSums' && !demo.has(c.regime));
    const lo = Math.min(...now.map((c) => c.coverage));
    const hi = Math.max(...now.map((c) => c.coverage));
    const tables: Record<string, Row[]> = { coverage: table };
    if (ties.length > 0) tables.tie_check = ties;
    return { headline: `95 % intervals of the ratio-of-sums estimator cover the exact value in ${(100 * lo).toFixed(1)}–${(100 * hi).toFixed(1)} % of macro-runs across the regimes the simulator accepts and every metric (the run without warm-up, checked against long-run values only to show its bias, is not among them)`, tables, markdown: coverageMarkdown(spec, table, ties), data: { cells } };
  },
};
