/**
 * `invlab solve stock-price-cubic` (Shah): the paper's criterion, the long-run criterion, or both
 * side by side, and optionally the costs at a given lot. Options in meta.ts, rendering in render.ts.
 */
import type { ModelSolver } from '../meta.ts';
import { costBreakdown } from './cost.ts';
import { PAPER_EXAMPLE } from './fixtures.ts';
import { stockPriceCubicMeta } from './meta.ts';
import { validateParams } from './params.ts';
import { stockPriceCubicView } from './render.ts';
import { compareCriteria, solveLongRun, solvePaper } from './solve.ts';

export const stockPriceCubicSolver: ModelSolver = {
  meta: stockPriceCubicMeta,
  exampleParams: { ...PAPER_EXAMPLE },
  needsParams: 'stock-price-cubic needs --params <file.json> (see `invlab models --example stock-price-cubic`)',
  prepare: validateParams,
  solve(checked, settings) {
    const { params, warnings } = checked as ReturnType<typeof validateParams>;
    const lot = settings.lot as number | undefined;
    const criterion = settings.criterion as 'paper' | 'long-run' | undefined;
    const breakdown = lot === undefined ? undefined : costBreakdown(params, lot);
    const result: Record<string, unknown> =
      criterion === 'paper'
        ? { model: 'stock-price-cubic', params, warnings, criterion, solution: solvePaper(params) }
        : criterion === 'long-run'
          ? { model: 'stock-price-cubic', params, warnings, criterion, solution: solveLongRun(params) }
          : { model: 'stock-price-cubic', params, warnings, criterion: 'both', comparison: compareCriteria(params) };
    if (breakdown) result.atLot = breakdown;
    return result;
  },
  view: stockPriceCubicView,
};
