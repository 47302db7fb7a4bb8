/**
 * CLI entry of the stock-price-cubic model (Shah):
 *   invlab solve stock-price-cubic --params f.json [--criterion paper|long-run] [--lot n] [--json]
 * Without --criterion both criteria are solved and shown side by side. --json prints every
 * intermediate (p, q, s1, s2, d1, m1, m2, n0, the other roots, Step 8's n, the printed cubic's
 * p, both branches, the long-run A and continuous optimum, the comparison).
 */
import { parseDecimal } from '../../core/validate.ts';
import type { Row } from '../../io/csv-write.ts';
import { fmt, markdownTable } from '../../io/markdown.ts';
import {
  compareCriteria,
  costBreakdown,
  PAPER_EXAMPLE,
  solveLongRun,
  solvePaper,
  stockPriceCubicMeta,
  validateParams,
  type CostBreakdown,
  type LongRunSolution,
  type PaperSolution,
} from '../../models/stock-price-cubic/index.ts';
import { UsageError, type ModelEntry } from '../model-registry.ts';

/** @deprecated the citation lives in the model's meta.ts (stockPriceCubicMeta.citation) */
export { STOCK_PRICE_CUBIC_CITATION } from '../../models/stock-price-cubic/meta.ts';

function parseLot(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = parseDecimal(text.trim());
  if (text.trim() === '' || !Number.isInteger(n) || n < 1) throw new UsageError(`--lot must be an integer ≥ 1, got '${text}'`);
  return n;
}

function renderPaper(s: PaperSolution): string {
  const a = s.algorithm;
  const steps: Row[] = [
    { step: '2', quantity: 'p', value: a.p },
    { step: '2', quantity: 'q', value: a.q },
    { step: '3', quantity: 's1 = sqrt(−p/3)', value: a.s1 },
    { step: '3', quantity: 's2 = sqrt(−3/p)', value: a.s2 },
    { step: '4', quantity: 'd1 = 3q/(2p)', value: a.d1 },
    { step: '5', quantity: 'm1 = d1·s2', value: a.m1 },
    { step: '6', quantity: 'm2 = arccos(m1)/3', value: a.m2 },
    { step: '7', quantity: 'n0 = 2·s1·cos(m2)', value: a.n0 },
    { step: '8', quantity: 'round(n0 + 0.5)', value: a.nStep8 ?? Number.NaN },
  ];
  return [
    "paper's criterion E[cost/T] (3.6), Viète's solution of the cubic (3.8):",
    markdownTable(steps, undefined, { value: 7 }),
    a.inDomain ? `other roots: n1 = ${fmt(a.n1, 6)}, n2 = ${fmt(a.n2, 6)}` : `Viète out of domain: ${a.outOfDomainReason}`,
    `printed cubic (+2(C0+C)/θ): p = ${fmt(s.printedCubic.p, 6)}${s.printedCubic.reason ? ` (${s.printedCubic.reason})` : ''}`,
    `n* = ${s.nStar} (method: ${s.method}), E(TC(n*)) = ${fmt(s.expectedCost, 4)}`,
    ...s.notes.map((x) => `note: ${x}`),
  ].join('\n');
}

function renderLongRun(s: LongRunSolution): string {
  return [
    'long-run criterion E[cycle cost]/E[T] (renewal-reward):',
    `A = C0/θ + (C2 − C1)k(k+1)/2 = ${fmt(s.A, 4)}; continuous optimum sqrt(2A/C1) = ${fmt(s.nContinuous, 4)}`,
    `lots ≥ k: n = ${s.upperBranch.n} (cost ${fmt(s.upperBranch.cost, 4)})${s.lowerBranch ? `; lots ≤ k: n = ${s.lowerBranch.n} (cost ${fmt(s.lowerBranch.cost, 4)})` : ''}`,
    `n* = ${s.nStar}, cost per unit time = ${fmt(s.cost, 4)}`,
    ...s.notes.map((x) => `note: ${x}`),
  ].join('\n');
}

function renderBreakdown(b: CostBreakdown): string {
  return [
    `costs per unit time at n = ${b.n}:`,
    markdownTable([{ ordering: b.orderingPerTime, purchase: b.purchasePerTime, holding: b.holdingPerTime, 'long-run total': b.longRun, "paper's fixed part (C0+nC)/(θ(n−1))": b.paperFixedPart, 'paper (3.6)': b.paper }], undefined, {}, 4),
  ].join('\n');
}

/** `invlab solve stock-price-cubic`: options, example and rendering; what the model is comes from its meta.ts. */
export const stockPriceCubicEntry: ModelEntry = {
  meta: stockPriceCubicMeta,
  options: [{ flags: '--criterion <name>', description: "'paper' = E[cost/T] (3.6) via the cubic (3.8); 'long-run' = E[cycle cost]/E[T] (renewal-reward); default: both side by side", choices: ['paper', 'long-run'] }, { flags: '--lot <n>', description: 'also evaluate both criteria at this lot size (integer ≥ 1)' }],
  exampleParams: { ...PAPER_EXAMPLE },
  solve(raw, options) {
    if (raw === undefined) throw new UsageError('stock-price-cubic needs --params <file.json> (see `invlab models --example stock-price-cubic`)');
    const { params, warnings } = validateParams(raw);
    const lot = parseLot(options.lot);
    const criterion = options.criterion;
    if (criterion !== undefined && criterion !== 'paper' && criterion !== 'long-run') throw new UsageError(`--criterion must be 'paper' or 'long-run', got '${criterion}'`);
    const breakdown = lot === undefined ? undefined : costBreakdown(params, lot);
    const text: string[] = [];
    for (const w of warnings) text.push(`warning: ${w}`);
    let result: Record<string, unknown>;
    if (criterion === 'paper') {
      const s = solvePaper(params);
      result = { model: 'stock-price-cubic', params, warnings, criterion, solution: s };
      text.push(renderPaper(s));
    } else if (criterion === 'long-run') {
      const s = solveLongRun(params);
      result = { model: 'stock-price-cubic', params, warnings, criterion, solution: s };
      text.push(renderLongRun(s));
    } else {
      const c = compareCriteria(params);
      result = { model: 'stock-price-cubic', params, warnings, criterion: 'both', comparison: c };
      text.push(renderPaper(c.paper), '', renderLongRun(c.longRun), '');
      text.push(
        markdownTable(
          [
            { criterion: 'paper E[cost/T] (3.6)', 'n*': c.paper.nStar, 'paper cost': c.paper.expectedCost, 'long-run cost': c.longRunCostAtPaperN },
            { criterion: 'long-run E[cycle cost]/E[T]', 'n*': c.longRun.nStar, 'paper cost': c.paperCostAtLongRunN, 'long-run cost': c.longRunCostAtLongRunN },
          ],
          undefined,
          {},
          2,
        ),
        `extra long-run cost per unit time of the paper's n*: ${fmt(c.excessCostOfPaperN, 4)} (${(100 * c.excessCostOfPaperNRelative).toFixed(3)}%)`,
      );
    }
    if (breakdown) {
      result.atLot = breakdown;
      text.push('', renderBreakdown(breakdown));
    }
    return { result, text: text.join('\n') };
  },
};
