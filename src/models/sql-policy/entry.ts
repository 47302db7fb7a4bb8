/** `invlab solve sql-policy` (Katircioglu, Brown & Asghar 2007): one SKU from summary statistics; options in meta.ts, rendering in render.ts. */
import type { ModelSolver } from '../meta.ts';
import { WORKED_EXAMPLE } from './fixtures.ts';
import { sqlPolicyMeta } from './meta.ts';
import { solveSqlPolicy } from './model.ts';
import { sqlPolicyView } from './render.ts';
import type { SqlPolicyParams } from './types.ts';

export const sqlPolicySolver: ModelSolver = {
  meta: sqlPolicyMeta,
  exampleParams: { ...WORKED_EXAMPLE },
  needsParams: 'sql-policy needs --params file.json (see `invlab models --example sql-policy`)',
  prepare(params) {
    if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new TypeError('params must be a JSON object');
    return params;
  },
  solve: (params) => solveSqlPolicy(params as SqlPolicyParams),
  view: sqlPolicyView,
};
