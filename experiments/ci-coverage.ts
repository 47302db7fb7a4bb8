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
 */
import { estimateMean, type Estimate } from '../src/core/stats.ts';
import type { Row } from '../src/io/csv-write.ts';
import { markdownTable } from '../src/io/markdown.ts';
import { runReplications } from '../src/pool/run.ts';
import { exactSQPoisson, finiteSQPoisson, type ExactSQValues } from '../src/sim/exact.ts';
import { inventoryKernel, type InventorySimSpec } from '../src/sim/inventory.ts';
import { summarizeRows } from '../src/sim/metrics.ts';
import type { Experiment, ExperimentOutput } from './framework.ts';

export interface CoverageRegime {
  id: string;
  replications: number;
  horizon: number;
  warmup: number;
}

export interface CiCoverageSpec {
  /** the system: (s, Q) 'multiples', Poisson(λ) demand, constant lead time L */
  system: { lambda: number; leadTime: number; reorderPoint: number; lotSize: number };
  /** independent macro-runs per regime */
  macroRuns: number;
  regimes: CoverageRegime[];
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
}

/** The exact values a regime's intervals are checked against. */
export function regimeTarget(spec: CiCoverageSpec, r: CoverageRegime): { values: ExactSQValues; target: 'finite horizon' | 'long run' } {
  const { lambda, leadTime: L, reorderPoint: s, lotSize: Q } = spec.system;
  return r.warmup > 0 ? { values: exactSQPoisson(lambda, L, s, Q), target: 'long run' } : { values: finiteSQPoisson(lambda, L, s, Q, 0, r.horizon), target: 'finite horizon' };
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
  const { lambda, leadTime, reorderPoint, lotSize } = spec.system;
  const sim: InventorySimSpec = { demand: { kind: 'poisson', mean: lambda }, leadTime: { kind: 'constant', value: leadTime }, policy: { kind: 'sQ', reorderPoint, lotSize, multiples: 'multiples' }, horizon: r.horizon, warmup: r.warmup };
  const { values, target } = regimeTarget(spec, r);
  const count = new Map<string, { intervals: number; refused: number; covered: number }>();
  for (let k = 0; k < spec.macroRuns; k++) {
    const rows = await runReplications({ kernel: inventoryKernel, spec: sim, seed, scenario: `ci-coverage/${r.id}/${k}`, replications: r.replications, threads: 1 });
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
      return { regime: r.id, metric: m, estimator: e, exact: values[m], target, intervals: c.intervals, refused: c.refused, covered: c.covered, coverage: p, se: c.intervals > 0 ? Math.sqrt((p * (1 - p)) / c.intervals) : NaN };
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

/** Wide table: one row per regime and metric, coverage of each estimator side by side. */
function coverageTable(spec: CiCoverageSpec, cells: CoverageCell[]): Row[] {
  const out: Row[] = [];
  for (const r of spec.regimes) {
    for (const m of COVERAGE_METRICS) {
      const now = cells.find((c) => c.regime === r.id && c.metric === m && c.estimator === 'ratioOfSums')!;
      const old = cells.find((c) => c.regime === r.id && c.metric === m && c.estimator === 'replicationMean')!;
      out.push({ regime: r.id, replications: r.replications, horizon: r.horizon, warmup: r.warmup, target: now.target, metric: m, exact: now.exact, coverage_ratio_of_sums: now.coverage, se_ratio_of_sums: now.se, no_interval_ratio_of_sums: now.refused, coverage_replication_mean: old.coverage, se_replication_mean: old.se, no_interval_replication_mean: old.refused });
    }
  }
  return out;
}

function coverageMarkdown(spec: CiCoverageSpec, table: Row[]): string {
  const cols = ['regime', 'replications', 'horizon', 'warmup', 'target', 'metric', 'exact', 'coverage_ratio_of_sums', 'se_ratio_of_sums', 'no_interval_ratio_of_sums', 'coverage_replication_mean', 'se_replication_mean'];
  const { lambda, leadTime, reorderPoint, lotSize } = spec.system;
  return `System: (s, Q) = (${reorderPoint}, ${lotSize}) with 'multiples', Poisson(${lambda}) demand per period, constant lead time ${leadTime}, backorders; start at the policy's top (s + Q on hand). Exact values: src/sim/exact.ts (long-run: the stationary formulas; finite horizon: the Markov recursion of the position after review, ratios of expected sums).

${spec.macroRuns} independent macro-runs per regime (each its own scenario key). A run without warm-up is checked against the exact finite-horizon value from the start; a run with warm-up against the long-run value. "no interval" counts macro-runs where the estimator printed no interval and said why (not counted in the coverage). The standard error of a coverage p over m intervals is √(p(1 − p)/m).

${markdownTable(table, cols, { replications: 0, horizon: 0, warmup: 0, no_interval_ratio_of_sums: 0, se_ratio_of_sums: 3, se_replication_mean: 3, coverage_ratio_of_sums: 3, coverage_replication_mean: 3 })}
`;
}

export const ciCoverage: Experiment<CiCoverageSpec> = {
  id: 'ci-coverage',
  title: 'Coverage of the simulator\'s 95 % confidence intervals against exact values',
  seeds: ['Hadley & Whitin (1963)', 'Law (2015)'],
  seed: 20261201,
  profiles: {
    quick: { system: { lambda: 2, leadTime: 3, reorderPoint: 8, lotSize: 10 }, macroRuns: 200, regimes: REGIMES.filter((r) => r.horizon * r.replications <= 9000) },
    full: { system: { lambda: 2, leadTime: 3, reorderPoint: 8, lotSize: 10 }, macroRuns: 1000, regimes: REGIMES },
  },
  async run(spec, ctx): Promise<ExperimentOutput> {
    const cells = await coverageCells(spec, ctx.seed, ctx.progress);
    const table = coverageTable(spec, cells);
    const now = cells.filter((c) => c.estimator === 'ratioOfSums');
    const lo = Math.min(...now.map((c) => c.coverage));
    const hi = Math.max(...now.map((c) => c.coverage));
    return { headline: `95 % intervals of the ratio-of-sums estimator cover the exact value in ${(100 * lo).toFixed(1)}–${(100 * hi).toFixed(1)} % of macro-runs across regimes and metrics`, tables: { coverage: table }, markdown: coverageMarkdown(spec, table), data: { cells } };
  },
};
