/** `invlab solve deteriorating-dp` (Sabahno 2008): the DP plan; options in meta.ts, rendering in render.ts. */
import type { ModelSolver } from '../meta.ts';
import type { PricingRule } from './cycle.ts';
import { solveDp, type LeadTimeRule } from './dp.ts';
import { SABAHNO_EXAMPLE } from './fixtures.ts';
import { deterioratingDpMeta } from './meta.ts';
import { validateParams, type DeterioratingDpParams } from './params.ts';
import { deterioratingDpView } from './render.ts';

export const deterioratingDpSolver: ModelSolver = {
  meta: deterioratingDpMeta,
  exampleParams: { ...SABAHNO_EXAMPLE },
  needsParams: 'deteriorating-dp needs --params <file.json> (see `invlab models --example deteriorating-dp`)',
  prepare: validateParams,
  solve(params, settings) {
    const p = params as DeterioratingDpParams;
    const r = solveDp(p, { step: settings.step as number, pricing: settings.pricing as PricingRule, leadTimeRule: settings.leadTimeRule as LeadTimeRule });
    const { valueTable, predecessor, ...rest } = r;
    return { params: p, ...rest, valueTable, predecessor };
  },
  view: deterioratingDpView,
};
