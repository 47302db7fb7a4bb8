/**
 * Every model `invlab solve` can run, in the order `invlab models` lists them: one line per model.
 * Each entry (src/models/<id>/entry.ts) carries the meta (with its solve options), an example
 * params file, the solve and its result view; the CLI has no per-model code.
 */
import { correlatedRopSolver } from './correlated-rop/entry.ts';
import { deterioratingDpSolver } from './deteriorating-dp/entry.ts';
import type { ModelSolver } from './meta.ts';
import { sqlPolicySolver } from './sql-policy/entry.ts';
import { stockPriceCubicSolver } from './stock-price-cubic/entry.ts';

export const modelSolvers: readonly ModelSolver[] = [sqlPolicySolver, deterioratingDpSolver, correlatedRopSolver, stockPriceCubicSolver];
