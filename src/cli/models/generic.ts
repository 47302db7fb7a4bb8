/**
 * The one CLI adapter of `invlab solve <id>`: options from the model's option docs
 * (meta.solveOptions), the solve from its entry, the text from its result view.
 */
import type { ModelSolver } from '../../models/meta.ts';
import { UsageError, type ModelEntry } from '../model-registry.ts';
import { applyOptions, modelOption } from './options.ts';
import { renderResult } from './render.ts';

export function solverEntry(solver: ModelSolver): ModelEntry {
  const docs = solver.meta.solveOptions ?? [];
  return {
    meta: solver.meta,
    options: docs.map(modelOption),
    exampleParams: solver.exampleParams,
    solve(params, options) {
      if (params === undefined && solver.needsParams !== undefined) throw new UsageError(solver.needsParams);
      const prepared = solver.prepare === undefined || params === undefined ? params : solver.prepare(params);
      const applied = applyOptions(docs, prepared, options);
      const result = solver.solve(applied.params, applied.settings);
      return { result, text: renderResult(solver.view, result, applied.settings) };
    },
  };
}
