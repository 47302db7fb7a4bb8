/**
 * Experiment 'stock-price-criteria' (Shah, "A Discrete Inventory Model When Sale Price varies
 * with Stock Level"): the paper's example reproduced to every printed digit, then the question the
 * paper leaves open: is its criterion E[cost/T] (3.6) the cost the shop pays per unit time, and is
 * n* = 39 the best lot? A simulation of the real repeating cycle process (kernel
 * 'stock-price-cubic.cycles' on the worker pool, common random numbers across lot sizes) answers
 * it; then the sensitivity of both optima and of the gap to θ, k and C2/C1, with a simulated
 * paired CI for the gap at every sensitivity point.
 */
import { estimateMean, estimatePairedDifference, type Estimate } from '../src/core/stats.ts';
import type { Row } from '../src/io/csv-write.ts';
import { fmt, markdownTable } from '../src/io/markdown.ts';
import { renderSvg, type VegaLiteSpec } from '../src/io/plot.ts';
import {
  bruteForceLongRun,
  bruteForcePaper,
  compareCriteria,
  criteriaGap,
  cubicPQ,
  depressedCubicRealRoots,
  longRunCostPerUnitTime,
  PAPER_EXAMPLE,
  PAPER_EXAMPLE_PRINTED,
  paperExpectedCost,
  printedTolerance,
  type CriteriaComparison,
  type IntegerSearch,
  type StockPriceParams,
} from '../src/models/stock-price-cubic/index.ts';
import { lotKey, stockPriceCyclesKernel, type CycleMetric, type CycleRow } from '../src/models/stock-price-cubic/sim/cycles.ts';
import { closePool, runReplications } from '../src/pool/run.ts';
import type { Experiment, ExperimentContext, ExperimentOutput } from './framework.ts';

const ID = 'stock-price-criteria';

/** The printed intermediates of Section 5 (C++ cout, 6 significant digits): the model's fixture. */
export const PRINTED = PAPER_EXAMPLE_PRINTED;
export { printedTolerance };

/** The input of a run (the parameters are the paper's example, PAPER_EXAMPLE). */
export interface CriteriaSpec {
  /** replications of the example's simulation */
  replications: number;
  /** customers per replication and lot (each lot n runs floor(customers/n) cycles) */
  customers: number;
  /** lot sizes simulated (both optima are added) */
  lots: number[];
  sensitivityReplications: number;
  sensitivityCustomers: number;
  /** values of θ, k and C2/C1, each varied alone with the others at the example */
  sensitivity: { theta: number[]; k: number[]; ratio: number[] };
}

const schema = 'https://vega.github.io/schema/vega-lite/v5.json';

function r6(x: number): number {
  return Number(x.toPrecision(6));
}

function col(rows: readonly CycleRow[], metric: CycleMetric, n: number): Float64Array {
  const key = lotKey(metric, n);
  return Float64Array.from(rows, (r) => {
    const v = r[key];
    if (v === undefined) throw new RangeError(`simulation row lacks '${key}'`);
    return v;
  });
}

function ci(e: Estimate, d = 0): string {
  return `${fmt(e.mean, d)} [${fmt(e.low, d)}, ${fmt(e.high, d)}]`;
}

/** 1. The example, every printed digit, and the brute-force check of both optima. */
function reproduceExample(cmp: CriteriaComparison) {
  const P = PAPER_EXAMPLE;
  const alg = cmp.paper.algorithm;
  const ours: Record<keyof typeof PRINTED, number> = {
    p: alg.p,
    q: alg.q,
    s1: alg.s1,
    s2: alg.s2,
    d1: alg.d1,
    m1: alg.m1,
    m2: alg.m2,
    n0: alg.n0,
    nStar: alg.nStep8 ?? Number.NaN,
    expectedCost: paperExpectedCost(P, alg.nStep8 ?? 2),
  };
  const reproduction: Row[] = (Object.keys(PRINTED) as (keyof typeof PRINTED)[]).map((key) => {
    const paper = PRINTED[key];
    const tol = printedTolerance(paper);
    const diff = ours[key] - paper;
    return { quantity: key, paper, ours: ours[key], difference: diff, tolerance: tol, ok: Math.abs(diff) <= tol * (1 + 1e-9) ? 'yes' : 'NO' };
  });
  const bfPaper = bruteForcePaper(P);
  const bfLong = bruteForceLongRun(P);
  const bruteOk = bfPaper.n === cmp.paper.nStar && bfLong.n === cmp.longRun.nStar;
  const checksPassed = reproduction.every((r) => r.ok === 'yes') && bruteOk && cmp.paper.method === 'viete';
  return { reproduction, bfPaper, bfLong, bruteOk, checksPassed };
}

/** The erratum: the printed cubic against the corrected one. */
function cubicTable(cmp: CriteriaComparison): Row[] {
  const printed = cubicPQ(PAPER_EXAMPLE, 'printed');
  const corrected = cubicPQ(PAPER_EXAMPLE, 'corrected');
  const roots = (c: { p: number; q: number }) => depressedCubicRealRoots(c.p, c.q).map((x) => x.toFixed(6)).join(' ; ');
  return [
    { variant: 'printed (n-coefficient with +2(C0+C)/θ)', p: printed.p, q: printed.q, realRoots: roots(printed), viete: cmp.paper.printedCubic.reason ?? 'in domain' },
    { variant: 'corrected (expanding 3.7: −2(C0+C)/θ)', p: corrected.p, q: corrected.q, realRoots: roots(corrected), viete: 'in domain' },
  ];
}

/** 2. Both criteria side by side at both optima. */
function criteriaTable(cmp: CriteriaComparison): Row[] {
  const P = PAPER_EXAMPLE;
  const nP = cmp.paper.nStar;
  const nL = cmp.longRun.nStar;
  return [
    { criterion: 'paper: E[cost/T] (3.6)', nStar: nP, method: cmp.paper.method, paperCost: paperExpectedCost(P, nP), longRunCost: longRunCostPerUnitTime(P, nP) },
    { criterion: 'long-run: E[cycle cost]/E[T]', nStar: nL, method: cmp.longRun.method, paperCost: paperExpectedCost(P, nL), longRunCost: longRunCostPerUnitTime(P, nL) },
  ];
}

async function simulateLots(ctx: ExperimentContext, params: StockPriceParams, lots: number[], replications: number, customers: number, scenario: string): Promise<CycleRow[]> {
  return runReplications({ kernel: stockPriceCyclesKernel, spec: { params, lots, customers }, seed: ctx.seed, scenario: `${ID}/${scenario}`, replications, threads: ctx.threads, pool: ctx.pool });
}

/** 3a. Per lot: simulated long-run cost and mean of cost/T against both formulas (z-scores). */
function simulationTable(rows: CycleRow[], lots: number[], customers: number) {
  const P = PAPER_EXAMPLE;
  const simTable: Row[] = [];
  const z = { maxAbsZLongRun: 0, minAbsZLongRunVsPaper: Number.POSITIVE_INFINITY, maxAbsZPerCycle: 0 };
  for (const n of lots) {
    const lr = estimateMean(col(rows, 'longRun', n));
    const pc = estimateMean(col(rows, 'meanCostOverT', n));
    const g = longRunCostPerUnitTime(P, n);
    const e = paperExpectedCost(P, n);
    const zLrG = (lr.mean - g) / lr.se;
    const zLrE = (lr.mean - e) / lr.se;
    const zPcE = (pc.mean - e) / pc.se;
    z.maxAbsZLongRun = Math.max(z.maxAbsZLongRun, Math.abs(zLrG));
    z.minAbsZLongRunVsPaper = Math.min(z.minAbsZLongRunVsPaper, Math.abs(zLrE));
    if (n >= 3) z.maxAbsZPerCycle = Math.max(z.maxAbsZPerCycle, Math.abs(zPcE));
    simTable.push({
      n,
      cyclesPerReplication: Math.floor(customers / n),
      longRunExact: g,
      longRunSim: lr.mean,
      longRunLow: lr.low,
      longRunHigh: lr.high,
      longRunSe: lr.se,
      zLongRunVsLongRunFormula: zLrG,
      zLongRunVsPaper36: zLrE,
      paper36: e,
      meanCostOverTSim: pc.mean,
      meanCostOverTLow: pc.low,
      meanCostOverTHigh: pc.high,
      meanCostOverTSe: pc.se,
      zMeanCostOverTVsPaper36: zPcE,
    });
  }
  return { simTable, ...z };
}

/** 3b. What choosing n by each criterion costs, paired on common random numbers. */
function choiceTable(rows: CycleRow[], cmp: CriteriaComparison) {
  const nP = cmp.paper.nStar;
  const nL = cmp.longRun.nStar;
  const lrAtP = estimateMean(col(rows, 'longRun', nP));
  const lrAtL = estimateMean(col(rows, 'longRun', nL));
  const excess = estimatePairedDifference(col(rows, 'longRun', nP), col(rows, 'longRun', nL));
  const paperGapSim = estimatePairedDifference(col(rows, 'meanCostOverT', nL), col(rows, 'meanCostOverT', nP));
  const line = (quantity: string, exact: number, e: Estimate): Row => ({ quantity, exact, simulated: e.mean, low: e.low, high: e.high, se: e.se });
  const choice: Row[] = [
    line(`long-run cost per unit time at paper's n* = ${nP}`, cmp.longRunCostAtPaperN, lrAtP),
    line(`long-run cost per unit time at long-run n* = ${nL}`, cmp.longRunCostAtLongRunN, lrAtL),
    line(`extra cost per unit time of the paper's n* (paired, ${nP} − ${nL})`, cmp.excessCostOfPaperN, excess),
    line(`paper's criterion E[cost/T]: (n = ${nL}) − (n = ${nP}) (paired)`, paperExpectedCost(PAPER_EXAMPLE, nL) - paperExpectedCost(PAPER_EXAMPLE, nP), paperGapSim),
  ];
  return { choice, lrAtP, lrAtL, excess };
}

/** 4a. Figure: both cost curves with the simulated points. */
function curvesFigureSpec(simTable: Row[], spec: CriteriaSpec): VegaLiteSpec {
  const curveRows: Row[] = [];
  for (let n = 4; n <= 70; n++) {
    curveRows.push({ n, criterion: 'paper E[cost/T] (3.6)', cost: paperExpectedCost(PAPER_EXAMPLE, n) });
    curveRows.push({ n, criterion: 'long-run E[cycle cost]/E[T]', cost: longRunCostPerUnitTime(PAPER_EXAMPLE, n) });
  }
  const pointRows = simTable
    .filter((r) => (r.n as number) >= 4)
    .flatMap((r) => [
      { n: r.n, measure: 'simulated total cost / total time', cost: r.longRunSim, low: r.longRunLow, high: r.longRunHigh },
      { n: r.n, measure: 'simulated mean of cost/T per cycle', cost: r.meanCostOverTSim, low: r.meanCostOverTLow, high: r.meanCostOverTHigh },
    ]);
  return {
    $schema: schema,
    title: { text: 'Shah example: cost per unit time against lot size n', subtitle: `lines: formulas; points: simulation (${spec.replications} replications × ${spec.customers} customers, 95% CI bars)` },
    width: 620,
    height: 380,
    layer: [
      { data: { values: curveRows }, mark: { type: 'line', clip: true }, encoding: { x: { field: 'n', type: 'quantitative', title: 'lot size n [units]' }, y: { field: 'cost', type: 'quantitative', title: 'cost per unit time [Rs.]', scale: { zero: false, domain: [205000, 240000] } }, color: { field: 'criterion', type: 'nominal', title: 'formula', legend: { labelLimit: 320 } } } },
      { data: { values: pointRows }, mark: { type: 'rule', clip: true, color: 'black' }, encoding: { x: { field: 'n', type: 'quantitative' }, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
      { data: { values: pointRows }, mark: { type: 'point', filled: true, size: 45, clip: true, color: 'black' }, encoding: { x: { field: 'n', type: 'quantitative' }, y: { field: 'cost', type: 'quantitative' }, shape: { field: 'measure', type: 'nominal', title: 'simulated (black)', legend: { labelLimit: 320 } } } },
    ],
    resolve: { scale: { shape: 'shared' } },
  } as VegaLiteSpec;
}

/** 4b. Figure: simulated long-run cost minus each formula, with CIs. */
function residualFigureSpec(simTable: Row[]): VegaLiteSpec {
  const num = (r: Row, c: string) => r[c] as number;
  const residualRows = simTable.flatMap((r) => [
    { n: r.n, comparison: 'simulated long-run − E[cycle cost]/E[T]', diff: num(r, 'longRunSim') - num(r, 'longRunExact'), low: num(r, 'longRunLow') - num(r, 'longRunExact'), high: num(r, 'longRunHigh') - num(r, 'longRunExact') },
    { n: r.n, comparison: 'simulated long-run − paper (3.6)', diff: num(r, 'longRunSim') - num(r, 'paper36'), low: num(r, 'longRunLow') - num(r, 'paper36'), high: num(r, 'longRunHigh') - num(r, 'paper36') },
  ]);
  return {
    $schema: schema,
    title: { text: 'Which formula does the simulated shop follow?', subtitle: 'simulated total cost / total time minus each formula, with 95% CI' },
    width: 620,
    height: 300,
    data: { values: residualRows },
    layer: [
      { mark: { type: 'rule' }, encoding: { x: { field: 'n', type: 'quantitative', title: 'lot size n [units]' }, y: { field: 'low', type: 'quantitative', title: 'simulated − formula [Rs. per unit time]' }, y2: { field: 'high' }, color: { field: 'comparison', type: 'nominal' } } },
      { mark: { type: 'point', filled: true }, encoding: { x: { field: 'n', type: 'quantitative' }, y: { field: 'diff', type: 'quantitative' }, color: { field: 'comparison', type: 'nominal', title: 'comparison', legend: { labelLimit: 320 } } } },
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
    ],
  } as VegaLiteSpec;
}

/** 5a. One sensitivity point: both optima (checked by brute force), the exact and simulated extra cost of the paper's n*. */
async function sensitivityRow(ctx: ExperimentContext, spec: CriteriaSpec, sp: { parameter: string; value: number; params: StockPriceParams }): Promise<Row> {
  const c = compareCriteria(sp.params);
  const bp = bruteForcePaper(sp.params).n;
  const bl = bruteForceLongRun(sp.params).n;
  const a = c.paper.nStar;
  const b = c.longRun.nStar;
  const simLots = a === b ? [a] : [a, b];
  const srows = await simulateLots(ctx, sp.params, simLots, spec.sensitivityReplications, Math.max(spec.sensitivityCustomers, Math.max(a, b)), `sensitivity/${sp.parameter}=${sp.value}`);
  const d = a === b ? null : estimatePairedDifference(col(srows, 'longRun', a), col(srows, 'longRun', b));
  return {
    parameter: sp.parameter,
    value: sp.value,
    paperN0: c.paper.algorithm.n0,
    paperNStar: a,
    paperMethod: c.paper.method,
    longRunNStar: b,
    longRunNContinuous: c.longRun.nContinuous,
    bruteForceAgrees: bp === a && bl === b ? 'yes' : 'NO',
    longRunCostAtPaperN: c.longRunCostAtPaperN,
    longRunCostAtLongRunN: c.longRunCostAtLongRunN,
    excessExact: c.excessCostOfPaperN,
    excessPercent: 100 * c.excessCostOfPaperNRelative,
    excessSim: d ? d.mean : 0,
    excessSimLow: d ? d.low : 0,
    excessSimHigh: d ? d.high : 0,
    criteriaGapAtPaperN: criteriaGap(sp.params, a),
  };
}

/** 5. Sensitivity of both optima and of the gap to θ, k and C2/C1 (others at the example's values). */
async function sensitivitySection(ctx: ExperimentContext, spec: CriteriaSpec): Promise<Row[]> {
  const P = PAPER_EXAMPLE;
  const points: { parameter: string; value: number; params: StockPriceParams }[] = [
    ...spec.sensitivity.theta.map((v) => ({ parameter: 'theta', value: v, params: { ...P, meanInterarrivalTime: v } })),
    ...spec.sensitivity.k.map((v) => ({ parameter: 'k', value: v, params: { ...P, priceCutLevel: v } })),
    ...spec.sensitivity.ratio.map((v) => ({ parameter: 'C2/C1', value: v, params: { ...P, holdingCostAtOrBelowK: v * P.holdingCostAboveK } })),
  ];
  const rows: Row[] = [];
  for (const sp of points) {
    rows.push(await sensitivityRow(ctx, spec, sp));
    ctx.progress?.(1 + rows.length / points.length, 3, 'sensitivity');
  }
  return rows;
}

/** 5b. Figure: optimal lots by each criterion, and the extra cost, against each parameter. */
function sensitivityFigureSpec(sensitivity: Row[]): VegaLiteSpec {
  const sensFigRows = sensitivity.flatMap((r) => [
    { parameter: r.parameter, value: r.value, criterion: 'paper E[cost/T]', nStar: r.paperNStar, excessPercent: r.excessPercent },
    { parameter: r.parameter, value: r.value, criterion: 'long-run E[cycle cost]/E[T]', nStar: r.longRunNStar, excessPercent: r.excessPercent },
  ]);
  const x = (title: string, log: boolean) => ({ field: 'value', type: 'quantitative', title, scale: log ? { type: 'log' } : { zero: false } });
  const panel = (param: string, title: string, log: boolean): unknown => ({
    width: 220,
    height: 200,
    title,
    transform: [{ filter: `datum.parameter === '${param}'` }],
    mark: { type: 'line', point: true },
    encoding: { x: x(title, log), y: { field: 'nStar', type: 'quantitative', title: 'optimal lot n*' }, color: { field: 'criterion', type: 'nominal', legend: { labelLimit: 320 } } },
  });
  const gapPanel = (param: string, title: string, log: boolean): unknown => ({
    width: 220,
    height: 160,
    transform: [{ filter: `datum.parameter === '${param}' && datum.criterion === 'paper E[cost/T]'` }],
    mark: { type: 'line', point: true, color: 'firebrick' },
    encoding: { x: x(title, log), y: { field: 'excessPercent', type: 'quantitative', title: "extra cost of paper's n* [%]" } },
  });
  const cols: [string, string, boolean][] = [
    ['theta', 'θ (mean inter-arrival time)', true],
    ['k', 'k (price-cut level)', false],
    ['C2/C1', 'C2/C1', true],
  ];
  return {
    $schema: schema,
    title: { text: 'Sensitivity: optimal lots by each criterion and the extra long-run cost of the paper\'s n*', subtitle: 'other parameters at the example (C0 = 7500, C = 10000, C1 = 500, C2 = 750, θ = 0.05, k = 5)' },
    data: { values: sensFigRows },
    vconcat: [{ hconcat: cols.map((c) => panel(...c)) }, { hconcat: cols.map((c) => gapPanel(...c)) }],
  } as unknown as VegaLiteSpec;
}

/** The sensitivity paragraph, written from the numbers of the table. */
function reading(rows: Row[]): string {
  const num = (r: Row, c: string): number => r[c] as number;
  const always = rows.every((r) => num(r, 'paperNStar') > num(r, 'longRunNStar'));
  const theta = rows.filter((r) => r.parameter === 'theta');
  const first = theta[0];
  const last = theta[theta.length - 1];
  const belowK = rows.filter((r) => r.parameter === 'k' && num(r, 'longRunNStar') <= num(r, 'value') && num(r, 'value') > 0);
  const parts = [
    `Reading: the paper's n* ${always ? 'exceeds the long-run optimum in every row' : 'is not always above the long-run optimum'}; (3.6) rewards large lots through its fixed part (C0 + nC)/(θ(n − 1)), whose purchase term nC/(θ(n − 1)) falls with n, while the shop's purchase cost per unit time is C/θ whatever n. The holding parts of the two criteria are identical, so k and C2/C1 (which enter only through holding) move both optima together and change the gap little.`,
  ];
  if (first && last && first !== last) {
    parts.push(
      `The relative extra cost of the paper's n* grows with θ (${num(first, 'excessPercent').toFixed(2)}% at θ = ${first.value}, ${num(last, 'excessPercent').toFixed(2)}% at θ = ${last.value}: slow demand means small lots, where 1/(n − 1) and 1/n differ most), while the absolute extra cost per unit time falls (${fmt(num(first, 'excessExact'), 0)} to ${fmt(num(last, 'excessExact'), 0)}).`,
    );
  }
  if (belowK.length > 0) {
    parts.push(
      `For k ≥ ${belowK[0]!.value} the cheapest long-run lot lies at or below k (every unit held at C2: n* = ${belowK.map((r) => `${r.longRunNStar} at k = ${r.value}`).join(', ')}), so that optimum jumps down; there the cubic of (3.8), derived for lots above k, no longer describes the whole cost curve, and the solvers compare both branches (the brute-force check agrees).`,
    );
  }
  return parts.join(' ');
}

/** Everything the page is written from. */
interface CriteriaResults {
  spec: CriteriaSpec;
  cmp: CriteriaComparison;
  repro: ReturnType<typeof reproduceExample>;
  cubic: Row[];
  criteria: Row[];
  sim: ReturnType<typeof simulationTable>;
  simArgmin: number;
  choice: ReturnType<typeof choiceTable>;
  sensitivity: Row[];
}

/** The page, part 1: the example, the erratum, the two criteria. */
function markdownExample(r: CriteriaResults): string[] {
  const { bfPaper, bfLong, bruteOk, checksPassed, reproduction } = r.repro;
  return [
    '## The paper\'s example, every printed digit',
    '',
    'Shah, *A Discrete Inventory Model When Sale Price varies with Stock Level*, Section 5: C0 = 7500, C = 10000, C1 = 500, C2 = 750, θ = 0.05, k = 5. The printed values come from the C++ program of Appendix 2 (`cout`, 6 significant digits), so each tolerance is half a unit in the 6th significant digit.',
    '',
    markdownTable(reproduction.map((x) => ({ ...x, paper: String(x.paper) })), ['quantity', 'paper', 'ours', 'difference', 'tolerance', 'ok'], { ours: 9, difference: 9, tolerance: 9 }),
    '',
    `Brute-force check over the integers: the minimiser of (3.6) is n = ${bfPaper.n} (searched up to ${bfPaper.searchedUpTo}), of E[cycle cost]/E[T] n = ${bfLong.n}: ${bruteOk ? 'both agree with the closed forms' : 'DISAGREES with the closed forms'}. Step 8's round(n0 + 0.5) equals ceil(n0) here (n0 is not an integer). Checks passed: **${checksPassed ? 'yes' : 'NO'}**.`,
    '',
    '### Erratum: the sign in the printed cubic',
    '',
    'The cubic printed before (3.8) has +2(C0 + C)/θ in its n-coefficient; expanding (3.7) gives −2(C0 + C)/θ, and the algorithm\'s p (Step 2) and the program of Appendix 2 use −. The printed cubic factors as (n − 1)(C1·n² + C1·n + (C1 − C2)k(k + 1) + 2(C0 + C)/θ), so it always has the root n = 1, the one lot whose expected cost the paper itself shows to be infinite:',
    '',
    markdownTable(r.cubic, ['variant', 'p', 'q', 'realRoots', 'viete']),
    '',
    '## Two criteria',
    '',
    'The paper minimises E[cost/T] (3.6), using E(1/T) = 1/(θ(n − 1)). A shop that repeats the cycle pays, per unit of time in the long run, total cost / total time → E[cycle cost]/E[T] (renewal-reward theorem), with E[cycle cost] = C0 + nC + θ·(C1·(n − k)(n + k + 1)/2 + C2·k(k + 1)/2) and E[T] = nθ. The holding parts of both criteria agree (E(t_i/T) = E(t_i)/E(T) = 1/n); they differ only in the fixed part, (C0 + nC)/(θ(n − 1)) against (C0 + nC)/(nθ). In the long run the purchase cost per unit time is C/θ whatever n (every unit sold is bought once), while in (3.6) the purchase term nC/(θ(n − 1)) falls with n and pushes the paper\'s optimum up. For n ≥ k the long-run cost is C/θ + C1(n + 1)/2 + A/n with A = C0/θ + (C2 − C1)k(k + 1)/2, an EOQ shape whose minimiser is the smallest n with n(n + 1) ≥ 2A/C1 (derivation: `src/models/stock-price-cubic/README.md`).',
    '',
    markdownTable(r.criteria, ['criterion', 'nStar', 'method', 'paperCost', 'longRunCost'], { paperCost: 2, longRunCost: 2 }),
    '',
  ];
}

/** The page, part 2: the simulated cycle process and what each choice costs. */
function markdownSimulation(r: CriteriaResults): string[] {
  const { spec, sim } = r;
  return [
    `## The simulated cycle process`,
    '',
    `Poisson customers (mean gap θ), one unit each; a lot of n arrives the instant stock hits zero; level j costs C1·j per unit time above k and C2·j at or below k; each cycle costs C0 + nC plus holding. Each of ${spec.replications} replications serves ${spec.customers} customers (floor(${spec.customers}/n) consecutive cycles per lot); all lots in a replication see the same customer path (common random numbers), so the columns are positively correlated and their z-scores share sign. Per replication: total cost / total time (the cost per unit time the shop pays) and the mean over cycles of cost/T (the paper's quantity). 95% Student-t CIs over replications.`,
    '',
    markdownTable(
      sim.simTable.map((x) => ({ ...x, longRun: `${fmt(x.longRunSim, 0)} [${fmt(x.longRunLow, 0)}, ${fmt(x.longRunHigh, 0)}]`, meanCostOverT: `${fmt(x.meanCostOverTSim, 0)} [${fmt(x.meanCostOverTLow, 0)}, ${fmt(x.meanCostOverTHigh, 0)}]` })),
      ['n', 'longRunExact', 'longRun', 'zLongRunVsLongRunFormula', 'paper36', 'zLongRunVsPaper36', 'meanCostOverT', 'zMeanCostOverTVsPaper36'],
      { longRunExact: 1, paper36: 1, zLongRunVsLongRunFormula: 2, zLongRunVsPaper36: 1, zMeanCostOverTVsPaper36: 2 },
    ),
    '',
    `**Which formula does the simulated shop follow?** The simulated long-run cost per unit time agrees with E[cycle cost]/E[T] at every lot (largest |z| = ${sim.maxAbsZLongRun.toFixed(2)}) and misses the paper's (3.6) by at least ${sim.minAbsZLongRunVsPaper.toFixed(1)} standard errors at every lot. The paper's formula is right for what it computes: the mean over cycles of cost/T agrees with (3.6) (largest |z| = ${sim.maxAbsZPerCycle.toFixed(2)} for n ≥ 3; at n ≤ 2 its variance is infinite). But a shop does not pay the average of cycle cost rates; it pays total cost over total time, and long cycles weigh more there. The cheapest simulated lot on the grid is n = ${r.simArgmin}.`,
    '',
    '![cost curves](cost-curves.svg)',
    '',
    '![which formula](which-formula.svg)',
    '',
    '**What choosing n by each criterion costs** (paired on common random numbers):',
    '',
    markdownTable(r.choice.choice, ['quantity', 'exact', 'simulated', 'low', 'high', 'se'], { exact: 1, simulated: 1, low: 1, high: 1, se: 1 }),
    '',
  ];
}

/** The page, part 3: sensitivity. */
function markdownSensitivity(r: CriteriaResults): string[] {
  const { spec, sensitivity } = r;
  const sensMax = sensitivity.reduce((m, x) => Math.max(m, x.excessPercent as number), 0);
  const sensMaxRow = sensitivity.find((x) => x.excessPercent === sensMax)!;
  return [
    '## Sensitivity',
    '',
    `Each parameter varied alone, the others at the example. Optimal lots by both criteria (the paper\'s by its solver: Viète on lots ≥ k, closed form below k, integer search outside Viète\'s domain; both checked against brute force), the extra long-run cost of the paper\'s n* (exact, and simulated as a paired difference with ${spec.sensitivityReplications} replications × ${spec.sensitivityCustomers} customers; 0 when both criteria pick the same lot). Largest extra cost: ${sensMax.toFixed(2)}% at ${sensMaxRow.parameter} = ${sensMaxRow.value}.`,
    '',
    markdownTable(
      sensitivity.map((x) => ({ ...x, excessSimCi: x.paperNStar === x.longRunNStar ? 'same lot' : `${fmt(x.excessSim, 1)} [${fmt(x.excessSimLow, 1)}, ${fmt(x.excessSimHigh, 1)}]` })),
      ['parameter', 'value', 'paperN0', 'paperNStar', 'paperMethod', 'longRunNStar', 'bruteForceAgrees', 'longRunCostAtLongRunN', 'excessExact', 'excessPercent', 'excessSimCi'],
      { paperN0: 3, longRunCostAtLongRunN: 1, excessExact: 1, excessPercent: 3 },
    ),
    '',
    '![sensitivity](sensitivity.svg)',
    '',
    reading(sensitivity),
  ];
}

/** Headline, page, tables, figures and data from the results. */
async function criteriaOutput(r: CriteriaResults): Promise<ExperimentOutput> {
  const { cmp, choice } = r;
  const nP = cmp.paper.nStar;
  const nL = cmp.longRun.nStar;
  const headline =
    `Example reproduced to every printed digit (n* = ${nP}, E(TC) = ${fmt(r6(cmp.paper.expectedCost), 0)}); the simulated shop pays E[cycle cost]/E[T], ` +
    `minimised at n = ${nL} (${ci(choice.lrAtL)} per unit time, exact ${fmt(cmp.longRunCostAtLongRunN, 0)}); the paper's n* = ${nP} costs ${ci(choice.lrAtP)} (exact ${fmt(cmp.longRunCostAtPaperN, 0)}), ` +
    `i.e. ${ci(choice.excess)} (${(100 * cmp.excessCostOfPaperNRelative).toFixed(2)}%) more per unit time.`;
  const figures = {
    'cost-curves': await renderSvg(curvesFigureSpec(r.sim.simTable, r.spec)),
    'which-formula': await renderSvg(residualFigureSpec(r.sim.simTable)),
    sensitivity: await renderSvg(sensitivityFigureSpec(r.sensitivity)),
  };
  const { maxAbsZLongRun, minAbsZLongRunVsPaper, maxAbsZPerCycle } = r.sim;
  const bruteForce: { paper: IntegerSearch; longRun: IntegerSearch } = { paper: r.repro.bfPaper, longRun: r.repro.bfLong };
  return {
    headline,
    tables: { reproduction: r.repro.reproduction, cubic: r.cubic, criteria: r.criteria, simulation: r.sim.simTable, choice: choice.choice, sensitivity: r.sensitivity },
    markdown: [...markdownExample(r), ...markdownSimulation(r), ...markdownSensitivity(r)].join('\n'),
    figures,
    data: { comparison: cmp, bruteForce, simulatedArgmin: r.simArgmin, maxAbsZLongRun, minAbsZLongRunVsPaper, maxAbsZPerCycle, excessPaired: choice.excess },
    checksPassed: r.repro.checksPassed,
  };
}

async function runCriteria(spec: CriteriaSpec, ctx: ExperimentContext): Promise<ExperimentOutput> {
  const cmp = compareCriteria(PAPER_EXAMPLE);
  const repro = reproduceExample(cmp);
  const lots = [...new Set([...spec.lots, cmp.paper.nStar, cmp.longRun.nStar])].sort((a, b) => a - b);
  const rows = await simulateLots(ctx, PAPER_EXAMPLE, lots, spec.replications, spec.customers, 'example');
  ctx.progress?.(1, 3, 'example simulated');
  const sim = simulationTable(rows, lots, spec.customers);
  const simArgmin = lots.reduce((b, n) => (estimateMean(col(rows, 'longRun', n)).mean < estimateMean(col(rows, 'longRun', b)).mean ? n : b), lots[0]!);
  const choice = choiceTable(rows, cmp);
  const sensitivity = await sensitivitySection(ctx, spec);
  const out = await criteriaOutput({ spec, cmp, repro, cubic: cubicTable(cmp), criteria: criteriaTable(cmp), sim, simArgmin, choice, sensitivity });
  ctx.progress?.(3, 3, 'done');
  return out;
}

export const stockPriceCriteria: Experiment<CriteriaSpec> = {
  id: ID,
  title: 'Shah: the cubic for the optimal lot, reproduced, and which cost the real cycle process pays',
  seeds: ['Shah'],
  seed: 3003,
  profiles: {
    quick: {
      replications: 40,
      customers: 10000,
      lots: [5, 20, 25, 30, 39, 50],
      sensitivityReplications: 16,
      sensitivityCustomers: 4000,
      sensitivity: { theta: [0.02, 0.05, 0.2], k: [0, 5, 20], ratio: [1, 1.5, 4] },
    },
    full: {
      replications: 1000,
      customers: 100000,
      lots: [3, 5, 10, 15, 20, 23, 24, 25, 26, 27, 30, 33, 36, 38, 39, 40, 42, 45, 50, 60],
      sensitivityReplications: 200,
      sensitivityCustomers: 50000,
      sensitivity: { theta: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1], k: [0, 1, 2, 5, 10, 15, 20, 30, 40], ratio: [1, 1.25, 1.5, 2, 3, 5, 10] },
    },
  },
  async run(spec, ctx) {
    try {
      return await runCriteria(spec, ctx);
    } finally {
      if (!ctx.pool && ctx.threads > 1) await closePool();
    }
  },
};
